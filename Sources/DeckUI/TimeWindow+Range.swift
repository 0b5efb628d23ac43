import BackupModel
import Foundation

/// Why a typed window was not understood; said in the prompt, which stays open.
public struct TimeWindowError: Error, Sendable, Hashable {
    public var message: String
}

extension TimeWindow {
    /// `24h`, `2026-01-01..2026-02-01`: short enough for the pane title.
    public var label: String {
        switch self {
        case .serviceDefault: "default"
        case .last24Hours: "24h"
        case .last7Days: "7d"
        case .last30Days: "30d"
        case .last90Days: "90d"
        case .range(let interval): Self.rangeLabel(interval)
        }
    }

    /// Reads what the user typed: a preset (`24h`, `7d`, `30d`, `90d`, `default`) or `FROM..TO` in UTC, each side
    /// `YYYY-MM-DD` or `YYYY-MM-DD HH:MM` (also with `T`). A date alone as `TO` means up to the *start* of that day
    /// (half-open, like the APIs' end times), so `2026-01-01..2026-02-01` is all of January.
    public init(parsing text: String) throws(TimeWindowError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let preset = Self.presets.first(where: { $0.label == trimmed.lowercased() }) {
            self = preset
            return
        }
        guard let separator = trimmed.range(of: "..") else {
            throw TimeWindowError(message: "\"\(trimmed)\" is not a window: use 24h, 7d, 30d, 90d, default or 2026-01-01..2026-02-01")
        }
        let fromText = trimmed[..<separator.lowerBound].trimmingCharacters(in: .whitespaces)
        let toText = trimmed[separator.upperBound...].trimmingCharacters(in: .whitespaces)
        guard let from = Self.parseUTC(fromText) else {
            throw TimeWindowError(message: "\"\(fromText)\" is not a date: use YYYY-MM-DD or YYYY-MM-DD HH:MM (UTC)")
        }
        guard let to = Self.parseUTC(toText) else {
            throw TimeWindowError(message: "\"\(toText)\" is not a date: use YYYY-MM-DD or YYYY-MM-DD HH:MM (UTC)")
        }
        guard from < to else {
            throw TimeWindowError(message: "the window ends before it starts: \(fromText)..\(toText)")
        }
        self = .range(DateInterval(start: from, end: to))
    }

    /// `2026-01-01`, `2026-01-01 12:30` (or `T12:30`), UTC.
    static func parseUTC(_ text: String) -> Date? {
        let normalized = text.replacingOccurrences(of: "T", with: " ")
        let parts = normalized.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard date.count == 3, date[0].count == 4, date[1].count == 2, date[2].count == 2,
              let year = Int(date[0]), let month = Int(date[1]), let day = Int(date[2]),
              (1...12).contains(month), (1...UTCCalendar.daysIn(month: month, year: year)).contains(day) else { return nil }
        var hour = 0
        var minute = 0
        if parts.count == 2 {
            let time = parts[1].split(separator: ":", omittingEmptySubsequences: false)
            guard time.count == 2, time[0].count == 2, time[1].count == 2, let h = Int(time[0]), let m = Int(time[1]),
                  (0...23).contains(h), (0...59).contains(m) else { return nil }
            (hour, minute) = (h, m)
        }
        let days = UTCCalendar.daysFromCivil(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3600 + minute * 60))
    }

    /// Dates alone when both ends are midnight, else minutes.
    private static func rangeLabel(_ interval: DateInterval) -> String {
        let midnight = { (date: Date) in Int(date.timeIntervalSince1970) % 86_400 == 0 }
        let format: (Date) -> String = midnight(interval.start) && midnight(interval.end)
            ? { String(Format.minute($0).prefix(10)) } : { Format.minute($0) }
        return "\(format(interval.start))..\(format(interval.end))"
    }
}

extension State {
    /// Sets the window (from `t`, `T` or `:window`). Cached backup lists were fetched for the old one, so they go;
    /// the selected instance's backups are fetched again (the cursor keeps its backup's ID if it is in the window).
    mutating func setTimeWindow(_ window: TimeWindow) -> [Effect] {
        timeWindow = window
        statusMessage = StatusMessage(text: window.description, isError: false)
        var effects: [Effect] = []
        if let request = backupsRequest {
            effects.append(.cancel(request.token))
            backupsRequest = nil
        }
        let kept = backupKey.flatMap { backupLists[$0] }
        backupLists.removeAll()
        guard let key = backupKey else { return effects }
        var list = kept ?? ItemList()
        list.beginReload()
        backupLists[key] = list
        let token = makeToken()
        backupsRequest = PendingRequest(key: key, token: token)
        effects.append(.loadBackups(provider: key.provider, instanceID: key.instanceID, window: timeWindow, token: token))
        return effects
    }
}
