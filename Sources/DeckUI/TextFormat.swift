import BackupModel
import Foundation

/// Fitting text into columns by display width (never by character count: `订单库` is 6 cells).
public enum TextFit {
    public enum Alignment: Sendable { case left, right }

    /// `text`, sanitised and cut to at most `width` cells, ending in `ellipsis` when something was cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        let clean = Sanitize.forDisplay(text)
        if DisplayWidth.of(clean) <= width { return clean }
        let ellipsisWidth = DisplayWidth.of(ellipsis)
        guard width > ellipsisWidth else { return width == ellipsisWidth ? ellipsis : "" }
        var result = ""
        var used = 0
        for character in clean {
            let cells = DisplayWidth.of(character)
            if used + cells > width - ellipsisWidth { break }
            result.append(character)
            used += cells
        }
        // A wide glyph that did not fit leaves one cell: fill it so the ellipsis sits at the column's end.
        result += String(repeating: " ", count: max(0, width - ellipsisWidth - used))
        return result + ellipsis
    }

    /// Exactly `width` cells: truncated if longer, padded with spaces if shorter.
    public static func pad(_ text: String, to width: Int, alignment: Alignment = .left, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        let cut = truncate(text, to: width, ellipsis: ellipsis)
        let padding = String(repeating: " ", count: max(0, width - DisplayWidth.of(cut)))
        return alignment == .left ? cut + padding : padding + cut
    }
}

/// Numbers, dates and durations as the panes show them. Dates are always UTC and formatted by hand: no locale,
/// no `DateFormatter` (not Sendable, and slow to create per row).
public enum Format {
    /// `1,150` — grouping by three, whatever the locale.
    static func thousands(_ value: some BinaryInteger) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// `2024-03-01 02:13` (UTC), for list columns.
    public static func minute(_ date: Date) -> String {
        guard let parts = CivilTime(date) else { return "?" }
        return "\(parts.year4)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute))"
    }

    /// `2024-03-01 02:13:05 UTC`, for the detail pane.
    static func second(_ date: Date) -> String {
        guard let parts = CivilTime(date) else { return "?" }
        return "\(parts.year4)-\(two(parts.month))-\(two(parts.day)) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) UTC"
    }

    /// `45s`, `4m10s`, `1h02m`, `2d03h`: two units at most, so the column stays narrow.
    public static func duration(_ interval: TimeInterval) -> String {
        guard interval.isFinite, interval >= 0, interval < 1e12 else { return "?" }
        let seconds = Int(interval.rounded(.down))
        switch seconds {
        case ..<60: return "\(seconds)s"
        case ..<3600: return "\(seconds / 60)m\(two(seconds % 60))s"
        case ..<86_400: return "\(seconds / 3600)h\(two(seconds % 3600 / 60))m"
        default: return "\(seconds / 86_400)d\(two(seconds % 86_400 / 3600))h"
        }
    }

    /// `page 3/12 · 290 of 1,150` while loading; `1,150 backups` when done.
    static func progress(_ progress: PageProgress?, noun: String, isLoading: Bool, loadedCount: Int) -> String {
        guard let progress else { return isLoading ? "loading…" : "\(thousands(loadedCount)) \(noun)" }
        if !isLoading || progress.finished {
            guard progress.isIncomplete else { return "\(thousands(loadedCount)) \(noun)" }
            var text = "\(thousands(loadedCount))"
            if let totalItems = progress.totalItems { text += " of \(thousands(totalItems))" }
            return text + " \(noun) · \(missing(progress))"
        }
        var text = "page \(thousands(progress.pagesLoaded))"
        if let totalPages = progress.totalPages { text += "/\(thousands(totalPages))" }
        text += " · \(thousands(loadedCount))"
        if let totalItems = progress.totalItems { text += " of \(thousands(totalItems))" }
        return text
    }

    /// `2 pages missing`, `more may follow`: what `r` would fetch.
    static func missing(_ progress: PageProgress) -> String {
        var parts: [String] = []
        let count = progress.missingPages.count
        if count > 0 { parts.append(count == 1 ? "page \(progress.missingPages[0]) missing" : "\(count) pages missing") }
        if progress.unscannedFrom != nil { parts.append("more may follow") }
        return parts.joined(separator: ", ")
    }

    /// `throttled, retrying page 7 in 2 s (attempt 2 of 5)`.
    static func retry(_ notice: RetryNotice) -> String {
        let page = notice.page.map { " page \($0)" } ?? ""
        return "\(notice.reason.rawValue), retrying\(page) in \(seconds(notice.delay)) "
            + "(attempt \(notice.attempt) of \(notice.maxAttempts))"
    }

    /// `0.4 s` below ten seconds, whole seconds above.
    static func seconds(_ duration: Duration) -> String {
        let (whole, fraction) = duration.components
        let value = Double(whole) + Double(fraction) / 1e18
        if value >= 9.95 { return "\(Int(value.rounded())) s" }
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? "\(Int(tenths)) s" : "\(tenths) s"
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// A date split into UTC calendar fields (proleptic Gregorian; days-from-civil inverted).
    private struct CivilTime {
        var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

        var year4: String {
            let text = String(year.magnitude)
            return (year < 0 ? "-" : "") + String(repeating: "0", count: max(0, 4 - text.count)) + text
        }

        init?(_ date: Date) {
            let raw = date.timeIntervalSince1970
            // A vendor date can be anything; stay far from Int overflow (±3 million years is plenty).
            guard raw.isFinite, abs(raw) < 1e14 else { return nil }
            (year, month, day, hour, minute, second) = UTCCalendar.fields(unixSeconds: Int(raw.rounded(.down)))
        }
    }
}
