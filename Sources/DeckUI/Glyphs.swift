import BackupModel

/// The non-ASCII symbols the renderer draws, so a terminal without a UTF-8 locale can get plain ASCII instead.
/// (`CursesTerminal` picks one from `nl_langinfo(CODESET)`; API text itself is never transliterated.)
public struct GlyphSet: Sendable, Hashable {
    public var horizontal: String
    public var vertical: String
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String
    public var ellipsis: String
    /// Between breadcrumbs and in titles: `›`, `·`.
    public var crumbSeparator: String
    public var dot: String
    public var statusOK: String
    public var statusRunning: String
    public var statusFailed: String
    public var statusUnknown: String
    public var warning: String
    public var arrowUp: String
    public var arrowDown: String
    public var arrowLeft: String
    public var arrowRight: String
    public var enter: String
    /// Progress bars (HBR jobs, Redis backups while they run).
    public var barFull: String
    public var barEmpty: String
    /// The sorted column's header marker.
    public var sortDescending = "▼"
    public var sortAscending = "▲"

    public static let unicode = GlyphSet(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        ellipsis: "…", crumbSeparator: "›", dot: "·",
        statusOK: "✓", statusRunning: "●", statusFailed: "✗", statusUnknown: "?", warning: "⚠",
        arrowUp: "↑", arrowDown: "↓", arrowLeft: "←", arrowRight: "→", enter: "⏎",
        barFull: "█", barEmpty: "░"
    )

    public static let ascii = GlyphSet(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        ellipsis: "~", crumbSeparator: ">", dot: "-",
        statusOK: "+", statusRunning: "*", statusFailed: "x", statusUnknown: "?", warning: "!",
        arrowUp: "Up", arrowDown: "Dn", arrowLeft: "Lt", arrowRight: "Rt", enter: "Enter",
        barFull: "#", barEmpty: ".", sortDescending: "v", sortAscending: "^"
    )

    func status(_ status: BackupStatus) -> String {
        switch status {
        case .ok: statusOK
        case .running: statusRunning
        case .failed: statusFailed
        case .unknown: statusUnknown
        }
    }
}

extension Backup {
    /// The status glyph's role: a failure the vendor calls partial (some files are in) gets its own colour.
    var statusRole: StyleRole {
        status == .failed && statusText.uppercased().hasPrefix("PARTIAL") ? .statusPartial : status.role
    }
}

extension BackupStatus {
    var role: StyleRole {
        switch self {
        case .ok: .statusOK
        case .running: .statusRunning
        case .failed: .statusFailed
        case .unknown: .statusUnknown
        }
    }
}
