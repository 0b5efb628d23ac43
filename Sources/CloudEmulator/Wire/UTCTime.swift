import BackupModel
import Foundation

/// UTC timestamps in the vendors' text forms, with plain integer calendar arithmetic
/// (no `DateFormatter`: it is locale-sensitive and costly to create per request).
enum UTCTime {
    /// `2019-02-03T12:20:00Z`, the form RDS uses in responses.
    static func seconds(_ unix: Int64) -> String {
        let (year, month, day, hour, minute, second) = UTCCalendar.fields(unixSeconds: Int(unix))
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))Z"
    }

    /// `2019-02-03T12:20Z`, the minute form RDS takes in requests.
    static func minutes(_ unix: Int64) -> String {
        let (year, month, day, hour, minute, _) = UTCCalendar.fields(unixSeconds: Int(unix))
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2))Z"
    }

    /// Parses exactly `yyyy-MM-ddTHH:mmZ` (UTC, no seconds); anything else is nil.
    static func parseMinuteForm(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 17,
              bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16),
              (1...12).contains(month), hour < 24, minute < 60,
              day >= 1, day <= UTCCalendar.daysIn(month: month, year: year)
        else { return nil }
        return Int64(UTCCalendar.daysFromCivil(year: year, month: month, day: day)) * 86_400 + Int64(hour * 3600 + minute * 60)
    }

    static func unix(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }

    private static func pad(_ value: Int, _ width: Int) -> String { String(value).leftPadded(to: width) }
}
