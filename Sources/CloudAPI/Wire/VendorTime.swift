import BackupModel
import Foundation

/// Time formats the vendors send and accept, parsed by hand: no shared `DateFormatter` state across tasks, and
/// a clear nil (never a crash) for anything unexpected.
enum VendorTime {
    /// ISO 8601 as the vendors write it: `2019-02-03T12:20:00Z`, the minute form `2019-02-03T12:20Z`,
    /// fractional seconds `…:00.123Z`, offsets `+08:00` / `+0800`, a space instead of `T`, and zone-less text
    /// (read as UTC, which is what these APIs document). nil when it is anything else.
    static func parseISO8601(_ text: String) -> Date? {
        var text = text.trimmingWhitespace()
        // Read in place: a page maps three times a record, and copying each text out was most of the cost.
        return text.withUTF8 { bytes in
            var scanner = DigitScanner(bytes)
            return parseISO8601(&scanner)
        }
    }

    private static func parseISO8601(_ scanner: inout DigitScanner) -> Date? {
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
              let month = scanner.number(digits: 2), scanner.skip("-"),
              let day = scanner.number(digits: 2)
        else { return nil }
        guard scanner.skip("T") || scanner.skip("t") || scanner.skip(" "),
              let hour = scanner.number(digits: 2), scanner.skip(":"),
              let minute = scanner.number(digits: 2)
        else { return nil }
        var second = 0
        var fraction = 0.0
        if scanner.skip(":") {
            guard let value = scanner.number(digits: 2) else { return nil }
            second = value
            if scanner.skip(".") || scanner.skip(",") {
                guard let value = scanner.fraction(maxDigits: 9) else { return nil }
                fraction = value
            }
        }
        var offsetSeconds = 0
        if scanner.skip("Z") || scanner.skip("z") {
            // UTC
        } else if let sign = scanner.sign() {
            guard let hours = scanner.number(digits: 2) else { return nil }
            _ = scanner.skip(":")
            let minutes = scanner.number(digits: 2) ?? 0
            guard hours <= 23, minutes <= 59 else { return nil }
            offsetSeconds = sign * (hours * 3600 + minutes * 60)
        }
        guard scanner.atEnd else { return nil }
        guard (1...9999).contains(year), (1...12).contains(month), (1...UTCCalendar.daysIn(month: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let days = UTCCalendar.daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// `yyyy-MM-ddTHH:mmZ` in UTC, as RDS wants its StartTime/EndTime. `roundingUp` moves a time with seconds to
    /// the next minute, so a window's end is never cut short.
    static func minuteUTC(_ date: Date, roundingUp: Bool) -> String {
        let raw = date.timeIntervalSince1970
        let minutes = roundingUp ? (raw / 60).rounded(.up) : (raw / 60).rounded(.down)
        guard minutes.isFinite, abs(minutes) < 1e11 else { return "1970-01-01T00:00Z" }
        let total = Int(minutes) * 60
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secondsOfDay = total - days * 86_400
        let (year, month, day) = UTCCalendar.civilFromDays(days)
        return String(format: "%04d-%02d-%02dT%02d:%02dZ", year, month, day, secondsOfDay / 3600,
                      (secondsOfDay % 3600) / 60)
    }

    /// Unix seconds → Date; 0 or negative means "not set". Values too large to be seconds are read as
    /// milliseconds (`readAsMilliseconds` tells the caller, who may note it).
    static func unixSeconds(_ value: Int64) -> (date: Date?, readAsMilliseconds: Bool) {
        guard value > 0 else { return (nil, false) }
        if value > 100_000_000_000 {
            return (Date(timeIntervalSince1970: Double(value) / 1000), true)
        }
        return (Date(timeIntervalSince1970: Double(value)), false)
    }
}

/// Reads fixed-width ASCII digits and separators from a string's UTF-8.
private struct DigitScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue, index < bytes.count, bytes[index] == ascii else { return false }
        index += 1
        return true
    }

    mutating func number(digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<digits {
            let byte = bytes[index + offset]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        index += digits
        return value
    }

    /// A run of 1...`maxDigits` digits read as the fraction after a decimal point (`123` → 0.123).
    mutating func fraction(maxDigits: Int) -> Double? {
        var value = 0
        var scale = 1
        let start = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            guard index - start < maxDigits else { return nil }
            value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            scale *= 10
            index += 1
        }
        return index > start ? Double(value) / Double(scale) : nil
    }

    /// +1 or -1 when the next character is a sign.
    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}
