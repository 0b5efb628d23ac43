/// What a cell *means*; the theme (applied by the terminal backend) decides how it looks.
/// Raw values are the names used in `.theme` files.
public enum StyleRole: String, Sendable, CaseIterable {
    case normal
    /// The selected row of the focused pane.
    case cursor
    /// The selected row of a pane without focus: still visible, quieter.
    case cursorInactive = "cursor.inactive"
    case header
    /// The header of the column a list is sorted by.
    case headerSorted = "header.sorted"
    case frame
    case frameFocus = "frame.focus"
    case title
    case breadcrumb
    case statusOK = "status.ok"
    case statusRunning = "status.running"
    case statusFailed = "status.failed"
    /// A failed backup that holds part of the data (HBR's `PARTIAL_COMPLETE`): counted as failed, shown apart.
    case statusPartial = "status.partial"
    case statusUnknown = "status.unknown"
    case link
    case muted
    case badge
    case accent
    case error
    case hint
    case hintKey = "hint.key"
    case selection
    /// Anomalies in a vendor record (the ⚠ lines of the detail pane).
    case warning
    /// Field names in the detail pane.
    case label
    /// A provider's accent (config `accent`): its panes' frames and its badge. The theme decides the shade.
    case accentRed = "accent.red"
    case accentGreen = "accent.green"
    case accentYellow = "accent.yellow"
    case accentBlue = "accent.blue"
    case accentMagenta = "accent.magenta"
    case accentCyan = "accent.cyan"

    /// The accent role a config's `accent = "red"` names.
    public static func providerAccent(named name: String) -> StyleRole? {
        StyleRole(rawValue: "accent." + name).flatMap { accentNames.contains(name) ? $0 : nil }
    }

    /// The names `accent` may take.
    public static let accentNames = ["red", "green", "yellow", "blue", "magenta", "cyan"]
}
