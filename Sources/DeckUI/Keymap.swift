/// A key as the terminal backend decodes it.
public enum Key: Sendable, Hashable {
    case up, down, left, right, pageUp, pageDown, home, end, enter, escape, tab, backTab, backspace
    case char(Character)
    /// `ctrl("c")` is Ctrl-C (lower-case letter).
    case ctrl(Character)

    /// How the hint line and help name the key: `↓`, `PgDn`, `⏎`, `esc`, `j`, `^C`.
    public func label(_ glyphs: GlyphSet = .unicode) -> String {
        switch self {
        case .up: glyphs.arrowUp
        case .down: glyphs.arrowDown
        case .left: glyphs.arrowLeft
        case .right: glyphs.arrowRight
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: glyphs.enter
        case .escape: "esc"
        case .tab: "tab"
        case .backTab: "S-tab"
        case .backspace: "bksp"
        case .char(" "): "space"
        case .char(let character): String(character)
        case .ctrl(let character): "^" + String(character).uppercased()
        }
    }
}

/// What a key does. The raw values are the names a config file will use to rebind keys.
public enum Command: String, Sendable, CaseIterable {
    case moveDown = "down"
    case moveUp = "up"
    case pageDown = "page-down"
    case pageUp = "page-up"
    case first
    case last
    /// Drill in: focus moves right; on a backup, the full detail view.
    case open
    /// Back out: focus moves left; from the detail view, back to the list.
    case back
    /// Reload the focused pane's list (on providers: the selected provider's instances).
    case reload
    case timeWindow = "time-window"
    /// Type a time window (`T`): a preset or `2026-01-01..2026-02-01`.
    case typeTimeWindow = "type-time-window"
    /// `/`: filter the focused list as you type.
    case filter
    /// `f`: all → failed → running → ok.
    case statusFilter = "status-filter"
    /// `s`: sort the backups by the next column; `S` reverses.
    case sort
    case reverseSort = "reverse-sort"
    /// `:`: the command line (jump, theme, quit).
    case commandLine = "command-line"
    case help
    /// Tab / Shift-Tab in the full detail view: the next or previous section.
    case nextSection = "next-section"
    case previousSection = "previous-section"
    case quit
    /// The copy menu (OSC 52): ID, links, the record as JSON.
    case copy
    /// Download one of the selected backup's links.
    case download
    /// The downloads of this session, with progress; cancel one.
    case downloads
    /// The selected backup's vendor record, pretty-printed.
    case rawView = "raw-view"
}

extension Command {
    /// The commands that write files (a download, and so its overwrite): the one list `read_only = true` turns off.
    public var writesFiles: Bool {
        switch self {
        case .download: true
        default: false
        }
    }

    /// Navigation within a list: the cursor moves, nothing else changes.
    var movesCursor: Bool {
        switch self {
        case .moveDown, .moveUp, .pageDown, .pageUp, .first, .last: true
        default: false
        }
    }
}

/// One row of the keymap: the dispatcher, the hint line and (later) the help screen all read it.
public struct KeyBinding: Sendable, Hashable {
    public var keys: [Key]
    public var command: Command
    /// Short label for the hint line; `nil` keeps this binding out of it (the keys still work, help still lists them).
    public var hint: String?
    /// One sentence for the help screen.
    public var help: String
    /// Where the binding applies.
    public var focuses: Set<Focus>

    public init(keys: [Key], command: Command, hint: String?, help: String, focuses: Set<Focus>) {
        self.keys = keys
        self.command = command
        self.hint = hint
        self.help = help
        self.focuses = focuses
    }
}

/// The keymap as data: the single source for dispatch, the hint line and help.
public struct Keymap: Sendable, Hashable {
    /// Earlier bindings win when two claim the same key in the same focus.
    public var bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) {
        self.bindings = bindings
    }

    /// One entry of the hint line: `↓/j` + `down`.
    public struct Hint: Sendable, Hashable {
        public var keys: String
        public var label: String
        /// Quit and help are shown whatever else has to give way on a narrow line.
        public var isEssential = false
    }

    /// The command `key` runs in `focus`, if any.
    public func command(for key: Key, in focus: Focus) -> Command? {
        bindings.first { $0.focuses.contains(focus) && $0.keys.contains(key) }?.command
    }

    /// The hint line's entries for `focus`, in table order.
    public func hints(for focus: Focus, glyphs: GlyphSet = .unicode) -> [Hint] {
        bindings.compactMap { binding in
            guard let label = binding.hint, binding.focuses.contains(focus) else { return nil }
            return Hint(keys: binding.keys.map { $0.label(glyphs) }.joined(separator: "/"), label: label,
                        isEssential: binding.command == .quit || binding.command == .help)
        }
    }

    private static let lists: Set<Focus> = [.providers, .instances, .backups]
    private static let everywhere: Set<Focus> = [.providers, .instances, .backups, .detail]

    /// The bindings backdeck ships with (vi keys and arrows, like ranger and lazygit).
    public static let standard = Keymap(bindings: [
        KeyBinding(keys: [.down, .char("j")], command: .moveDown, hint: "down",
                   help: "Move the cursor down (in the detail view: scroll down).", focuses: everywhere),
        KeyBinding(keys: [.up, .char("k")], command: .moveUp, hint: "up",
                   help: "Move the cursor up (in the detail view: scroll up).", focuses: everywhere),
        KeyBinding(keys: [.pageDown], command: .pageDown, hint: nil,
                   help: "Move down by one screen.", focuses: everywhere),
        KeyBinding(keys: [.pageUp], command: .pageUp, hint: nil,
                   help: "Move up by one screen.", focuses: everywhere),
        KeyBinding(keys: [.char("g"), .home], command: .first, hint: nil,
                   help: "Go to the first row.", focuses: everywhere),
        KeyBinding(keys: [.char("G"), .end], command: .last, hint: nil,
                   help: "Go to the last row.", focuses: everywhere),
        KeyBinding(keys: [.enter], command: .open, hint: "open",
                   help: "Open the selected item: focus moves right; on a backup, its full detail.", focuses: lists),
        KeyBinding(keys: [.right, .char("l")], command: .open, hint: nil,
                   help: "Open the selected item (as Enter).", focuses: lists),
        KeyBinding(keys: [.tab], command: .nextSection, hint: "section",
                   help: "Next section of the detail (Summary, Databases, Nodes, Subtasks…).", focuses: [.detail]),
        KeyBinding(keys: [.backTab], command: .previousSection, hint: nil,
                   help: "Previous section of the detail.", focuses: [.detail]),
        KeyBinding(keys: [.escape], command: .back, hint: "back",
                   help: "Go back one level.", focuses: [.instances, .backups, .detail]),
        KeyBinding(keys: [.left, .char("h")], command: .back, hint: nil,
                   help: "Go back one level (as Esc).", focuses: [.instances, .backups, .detail]),
        KeyBinding(keys: [.char("t")], command: .timeWindow, hint: "window",
                   help: "Step the backups' time window: default, 24h, 7d, 30d, 90d (fetched again).",
                   focuses: [.instances, .backups]),
        KeyBinding(keys: [.char("T")], command: .typeTimeWindow, hint: nil,
                   help: "Type a time window: 24h, 7d, 30d, 90d, default, or 2026-01-01..2026-02-01 (UTC).",
                   focuses: [.instances, .backups]),
        KeyBinding(keys: [.char("/")], command: .filter, hint: "filter",
                   help: "Filter the list as you type (smart-case; !text hides matches; esc clears).", focuses: lists),
        KeyBinding(keys: [.char("f")], command: .statusFilter, hint: nil,
                   help: "Show backups by status: all, failed, running, ok.", focuses: [.backups]),
        KeyBinding(keys: [.char("s")], command: .sort, hint: "sort",
                   help: "Sort the backups by the next column (start, newest first, to begin with).", focuses: [.backups]),
        KeyBinding(keys: [.char("S")], command: .reverseSort, hint: nil,
                   help: "Reverse the backups' sort order.", focuses: [.backups]),
        KeyBinding(keys: [.char("r")], command: .reload, hint: "reload",
                   help: "Reload the focused list; the cursor stays on the same item.", focuses: lists),
        KeyBinding(keys: [.char(":")], command: .commandLine, hint: nil,
                   help: "Command line: a provider or instance to jump to, bk ID, theme NAME, window RANGE, q.",
                   focuses: everywhere),
        KeyBinding(keys: [.char("q")], command: .quit, hint: "quit",
                   help: "Quit backdeck.", focuses: everywhere),
        KeyBinding(keys: [.ctrl("c")], command: .quit, hint: nil,
                   help: "Quit backdeck.", focuses: everywhere),
        KeyBinding(keys: [.char("r")], command: .reload, hint: nil,
                   help: "Fetch the backup again, with fresh download links (they expire).", focuses: [.detail]),
        KeyBinding(keys: [.char("y")], command: .copy, hint: nil,
                   help: "Copy the backup's ID, a link or its record to your clipboard (OSC 52, works over SSH).",
                   focuses: [.backups, .detail]),
        KeyBinding(keys: [.char("d")], command: .download, hint: nil,
                   help: "Download the backup (or one database's or node's file), verified, resumable.",
                   focuses: [.backups, .detail]),
        KeyBinding(keys: [.char("D")], command: .downloads, hint: nil,
                   help: "List this session's downloads with their progress; x cancels one.", focuses: everywhere),
        KeyBinding(keys: [.char("J")], command: .rawView, hint: nil,
                   help: "Show the backup's record as the API returned it; / searches.", focuses: [.backups, .detail]),
        KeyBinding(keys: [.char("?")], command: .help, hint: "help",
                   help: "This help: the keys of the pane you are in.", focuses: everywhere),
    ])
}
