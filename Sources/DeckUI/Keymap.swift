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
    // The overlays' own commands.
    /// Copy or download the entry under the menu's cursor.
    case pick
    /// The menu entry of that number: the n-th key of the binding picks the n-th entry.
    case pickNumber = "pick-number"
    /// Close the overlay.
    case close
    /// Cancel the download under the downloads list's cursor.
    case cancelDownload = "cancel-download"
    /// Search the raw record.
    case search
    case nextMatch = "next-match"
    case previousMatch = "previous-match"
    /// Yes to a question (quit while downloading, overwrite a file).
    case confirm
    /// No to it.
    case decline
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

/// The overlays that read keys through the keymap, each with its own rows. (The folder prompt and the raw view's
/// search line are text entry, like the `/` and `:` prompts.)
public enum OverlayKind: String, Sendable, Hashable, CaseIterable {
    case copyMenu = "copy menu"
    case downloadMenu = "download menu"
    case downloads
    case rawView = "raw view"
    case help
    case quitPrompt = "quit prompt"
    case overwritePrompt = "overwrite prompt"
}

/// Where a key is read: a pane, or the overlay drawn over it.
public enum KeyPlace: Sendable, Hashable {
    case pane(Focus)
    case overlay(OverlayKind)
}

/// One row of the keymap: the dispatcher, the hint line and the help screen all read it.
public struct KeyBinding: Sendable, Hashable {
    public var keys: [Key]
    public var command: Command
    /// Short label for the hint line; `nil` keeps this binding out of it (the keys still work, help still lists them).
    public var hint: String?
    /// One sentence for the help screen.
    public var help: String
    /// The panes where the binding applies.
    public var focuses: Set<Focus>
    /// The overlays where it applies.
    public var overlays: Set<OverlayKind>

    public init(keys: [Key], command: Command, hint: String?, help: String, focuses: Set<Focus>,
                overlays: Set<OverlayKind> = []) {
        self.keys = keys
        self.command = command
        self.hint = hint
        self.help = help
        self.focuses = focuses
        self.overlays = overlays
    }

    public func applies(in place: KeyPlace) -> Bool {
        switch place {
        case .pane(let focus): focuses.contains(focus)
        case .overlay(let kind): overlays.contains(kind)
        }
    }

    /// Whether the two rows apply in some place in common (where one key cannot serve both).
    func sharesPlace(with other: KeyBinding) -> Bool {
        !focuses.isDisjoint(with: other.focuses) || !overlays.isDisjoint(with: other.overlays)
    }

    /// How the hint line names the keys: `↓/j`; a run of three or more digits in order as `1-9`.
    func hintKeys(_ glyphs: GlyphSet) -> String {
        let digits = keys.compactMap { key -> Int? in
            if case .char(let character) = key { return character.wholeNumberValue } else { return nil }
        }
        if keys.count >= 3, digits.count == keys.count, digits == Array(digits[0]...(digits[0] + digits.count - 1)) {
            return "\(digits[0])-\(digits[digits.count - 1])"
        }
        return keys.map { $0.label(glyphs) }.joined(separator: "/")
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

    /// The row `key` runs in `place`, if any.
    public func binding(for key: Key, at place: KeyPlace) -> KeyBinding? {
        bindings.first { $0.applies(in: place) && $0.keys.contains(key) }
    }

    /// The command `key` runs in `place`, if any.
    public func command(for key: Key, at place: KeyPlace) -> Command? {
        binding(for: key, at: place)?.command
    }

    /// The command `key` runs in `focus`, if any.
    public func command(for key: Key, in focus: Focus) -> Command? {
        command(for: key, at: .pane(focus))
    }

    /// The hint line's entries for `place`, in table order.
    public func hints(at place: KeyPlace, glyphs: GlyphSet = .unicode) -> [Hint] {
        bindings.compactMap { binding in
            guard let label = binding.hint, binding.applies(in: place), !binding.keys.isEmpty else { return nil }
            return Hint(keys: binding.hintKeys(glyphs), label: label,
                        isEssential: [.quit, .help, .close].contains(binding.command))
        }
    }

    /// The hint line's entries for `focus`, in table order.
    public func hints(for focus: Focus, glyphs: GlyphSet = .unicode) -> [Hint] {
        hints(at: .pane(focus), glyphs: glyphs)
    }

    private static let lists: Set<Focus> = [.providers, .instances, .backups]
    private static let everywhere: Set<Focus> = [.providers, .instances, .backups, .detail]
    /// The overlays with a cursor or a scroll position.
    private static let movable: Set<OverlayKind> = [.copyMenu, .downloadMenu, .downloads, .rawView, .help]
    private static let menus: Set<OverlayKind> = [.copyMenu, .downloadMenu]

    /// The bindings backdeck ships with (vi keys and arrows, like ranger and lazygit).
    public static let standard = Keymap(bindings: [
        KeyBinding(keys: [.down, .char("j")], command: .moveDown, hint: "down",
                   help: "Move the cursor down (in the detail view: scroll down).", focuses: everywhere,
                   overlays: movable),
        KeyBinding(keys: [.up, .char("k")], command: .moveUp, hint: "up",
                   help: "Move the cursor up (in the detail view: scroll up).", focuses: everywhere,
                   overlays: movable),
        KeyBinding(keys: [.pageDown], command: .pageDown, hint: nil,
                   help: "Move down by one screen.", focuses: everywhere, overlays: [.rawView, .help]),
        KeyBinding(keys: [.char(" ")], command: .pageDown, hint: nil,
                   help: "Move down by one screen.", focuses: [], overlays: [.rawView]),
        KeyBinding(keys: [.pageUp], command: .pageUp, hint: nil,
                   help: "Move up by one screen.", focuses: everywhere, overlays: [.rawView, .help]),
        KeyBinding(keys: [.char("g"), .home], command: .first, hint: nil,
                   help: "Go to the first row.", focuses: everywhere, overlays: movable),
        KeyBinding(keys: [.char("G"), .end], command: .last, hint: nil,
                   help: "Go to the last row.", focuses: everywhere, overlays: movable),
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
                   help: "Go back one level (as Esc); in help, close it.", focuses: [.instances, .backups, .detail],
                   overlays: [.help]),
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
                   help: "List this session's downloads with their progress (again: close the list).", focuses: everywhere,
                   overlays: [.downloads]),
        KeyBinding(keys: [.char("J")], command: .rawView, hint: nil,
                   help: "Show the backup's record as the API returned it (again: close it).", focuses: [.backups, .detail],
                   overlays: [.rawView]),
        KeyBinding(keys: [.char("?")], command: .help, hint: "help",
                   help: "This help: the keys of the pane or overlay you are in (again: close it).", focuses: everywhere,
                   overlays: movable),
        // The overlays' own rows.
        KeyBinding(keys: [.enter], command: .pick, hint: "copy",
                   help: "Copy the entry under the cursor.", focuses: [], overlays: [.copyMenu]),
        KeyBinding(keys: [.enter], command: .pick, hint: "download",
                   help: "Download the link under the cursor (asks for the folder).", focuses: [], overlays: [.downloadMenu]),
        KeyBinding(keys: (1...9).map { .char(Character(String($0))) }, command: .pickNumber, hint: "pick",
                   help: "Pick the entry of that number.", focuses: [], overlays: menus),
        KeyBinding(keys: [.char("x"), .char("X")], command: .cancelDownload, hint: "cancel",
                   help: "Cancel the download under the cursor (its .part file stays for a resume).", focuses: [],
                   overlays: [.downloads]),
        KeyBinding(keys: [.char("/")], command: .search, hint: "search",
                   help: "Search the record (case-insensitive); the first line holding the text goes to the top.",
                   focuses: [], overlays: [.rawView]),
        KeyBinding(keys: [.char("n")], command: .nextMatch, hint: "next",
                   help: "The next line holding the search text (wraps around).", focuses: [], overlays: [.rawView]),
        KeyBinding(keys: [.char("N")], command: .previousMatch, hint: "previous",
                   help: "The previous line holding the search text.", focuses: [], overlays: [.rawView]),
        KeyBinding(keys: [.char("y"), .char("Y"), .char("q")], command: .confirm, hint: "quit",
                   help: "Quit: the running downloads stop; their .part files stay for a resume.", focuses: [],
                   overlays: [.quitPrompt]),
        KeyBinding(keys: [.char("n"), .char("N"), .escape, .enter], command: .decline, hint: "keep running",
                   help: "Stay (so does any other key); the downloads keep running.", focuses: [], overlays: [.quitPrompt]),
        KeyBinding(keys: [.char("y"), .char("Y")], command: .confirm, hint: "overwrite",
                   help: "Replace the existing file with the download.", focuses: [], overlays: [.overwritePrompt]),
        KeyBinding(keys: [.char("n"), .char("N"), .escape, .enter, .char("q")], command: .decline, hint: "keep the file",
                   help: "Keep the existing file; nothing is downloaded.", focuses: [], overlays: [.overwritePrompt]),
        KeyBinding(keys: [.escape], command: .close, hint: "close",
                   help: "Close this overlay.", focuses: [], overlays: movable),
        KeyBinding(keys: [.char("q")], command: .close, hint: nil,
                   help: "Close this overlay (as Esc).", focuses: [], overlays: movable),
    ])
}
