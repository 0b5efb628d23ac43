import DeckUI

/// One cell as a test sees it: its text and whether it carries the cursor's style.
public struct ScreenCell: Sendable, Equatable {
    /// One grapheme; `""` for the right half of a wide glyph.
    public var text: String
    public var isCursor: Bool

    public init(text: String, isCursor: Bool) {
        self.text = text
        self.isCursor = isCursor
    }
}

/// A screen read the way an operator reads it, for grid tests and tmux tests alike: the breadcrumbs, the panes by
/// their titles (rows, the selected row), the status line and the hint line — never a row or column number.
public struct Screen: Sendable {
    /// Each row's cells, exactly as wide as the screen.
    public let cells: [[ScreenCell]]

    public init(cells: [[ScreenCell]]) {
        self.cells = cells
    }

    /// Each row's text, trailing spaces trimmed.
    public var lines: [String] {
        cells.map { row in
            var text = row.map(\.text).joined()
            while text.last == " " { text.removeLast() }
            return text
        }
    }

    /// The first row: `backdeck › demo-rds › rm-… › backups`.
    public var breadcrumbs: String { lines.first ?? "" }
    /// The second-to-last row: the banner or the latest message on the left, progress on the right.
    public var statusLine: String { lines.count > 1 ? lines[lines.count - 2] : "" }
    /// The last row: the keys that apply where you are.
    public var hints: String { lines.last ?? "" }

    /// Some row contains `text`.
    public func contains(_ text: String) -> Bool {
        lines.contains { $0.contains(text) }
    }

    /// Every framed pane, top to bottom, left to right (overlays included: they are framed too).
    public var panes: [Pane] {
        var found: [Pane] = []
        for (y, row) in cells.enumerated() {
            for (x, cell) in row.enumerated() where cell.text == "┌" {
                if let pane = pane(atTopLeft: x, y) { found.append(pane) }
            }
        }
        return found
    }

    /// The pane whose title starts with `name` (`backups` finds `backups · 1,208`; `backup ` the detail).
    public func pane(_ name: String) -> Pane? {
        panes.first { $0.title.hasPrefix(name) }
    }

    /// The frame from its top-left corner: its title on the top edge (`┌─ TITLE ─…┐`), its inside up to `└`.
    private func pane(atTopLeft x: Int, _ y: Int) -> Pane? {
        let top = cells[y]
        guard let right = (x + 1..<top.count).first(where: { top[$0].text == "┐" }),
              let bottom = (y + 1..<cells.count).first(where: { cells[$0][safe: x]?.text == "└" }) else { return nil }
        let edge = top[(x + 1)..<right].map(\.text).joined()
        guard edge.hasPrefix("─ ") else { return nil }
        let title = String(edge.dropFirst(2).prefix { $0 != "─" }).trimmingTrailingSpaces
        let inside = cells[(y + 1)..<bottom].map { Array($0[(x + 1)..<min(right, $0.count)]) }
        return Pane(title: title, cells: inside)
    }
}

/// One framed pane of a screen.
public struct Pane: Sendable {
    /// The text on its top edge: `backups · 90d · 133`, `help · backups`, `backup 327329803`.
    public let title: String
    /// The rows inside the frame, trailing spaces trimmed; a table's header is the first.
    public let rows: [String]
    /// Which of `rows` carries the cursor's style (the focused pane's cursor, or another pane's dimmer one).
    public let selectedIndex: Int?

    init(title: String, cells: [[ScreenCell]]) {
        self.title = title
        rows = cells.map { $0.map(\.text).joined().trimmingTrailingSpaces }
        // A cursor row is styled across (most of) the pane from its first cell; a badge or a match on a row is not.
        selectedIndex = cells.firstIndex { row in row.first?.isCursor == true && row.filter(\.isCursor).count * 2 > row.count }
    }

    /// The selected row's text.
    public var selectedRow: String? { selectedIndex.map { rows[$0] } }

    /// Some row contains `text`.
    public func contains(_ text: String) -> Bool {
        rows.contains { $0.contains(text) }
    }
}

extension Screen {
    /// A rendered grid: the cursor's style is the `cursor` and `cursor.inactive` roles.
    public init(_ grid: Grid) {
        self.init(cells: (0..<grid.size.rows).map { y in
            (0..<grid.size.columns).map { x in
                let cell = grid[x, y]
                return ScreenCell(text: cell.text, isCursor: cell.role == .cursor || cell.role == .cursorInactive)
            }
        })
    }

    /// `tmux capture-pane -p -e`: text with SGR sequences. The themes give the cursor rows (and only them, among a
    /// pane's rows) a background or reverse video, so a cell with either carries the cursor's style.
    public init(tmuxCapture: String, columns: Int) {
        var rows = tmuxCapture.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if rows.last == "" { rows.removeLast() }
        self.init(cells: rows.map { Self.cells(ofCapturedRow: $0, columns: columns) })
    }

    private static func cells(ofCapturedRow row: String, columns: Int) -> [ScreenCell] {
        var cells: [ScreenCell] = []
        var style = SGRState()
        var scalars = Substring(row).unicodeScalars[...]
        var text = ""
        func flush() {
            for character in text {
                let width = DisplayWidth.of(character)
                guard width > 0 else { continue }
                cells.append(ScreenCell(text: String(character), isCursor: style.isHighlighted))
                if width == 2 { cells.append(ScreenCell(text: "", isCursor: style.isHighlighted)) }
            }
            text = ""
        }
        while let scalar = scalars.first {
            scalars.removeFirst()
            guard scalar == "\u{1b}", scalars.first == "[" else {
                text.unicodeScalars.append(scalar)
                continue
            }
            flush()
            scalars.removeFirst()
            var parameters = ""
            while let next = scalars.first, !(0x40...0x7e).contains(next.value) {
                parameters.unicodeScalars.append(next)
                scalars.removeFirst()
            }
            let final = scalars.popFirst()
            if final == "m" { style.apply(parameters) }
        }
        flush()
        while cells.count < columns { cells.append(ScreenCell(text: " ", isCursor: false)) }
        return cells
    }
}

/// What a run of SGR parameters leaves on: only what tells a cursor row apart (a background, reverse video).
private struct SGRState {
    var background = false
    var reverse = false

    var isHighlighted: Bool { background || reverse }

    mutating func apply(_ parameters: String) {
        let codes = parameters.isEmpty ? [0] : parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        var index = 0
        while index < codes.count {
            let code = codes[index]
            switch code {
            case 0: background = false; reverse = false
            case 7: reverse = true
            case 27: reverse = false
            case 40...47, 100...107: background = true
            case 49: background = false
            case 38, 48:
                // 38;5;N / 38;2;R;G;B (foreground) and the same for 48 (background): skip the colour's numbers.
                if code == 48 { background = true }
                index += codes[safe: index + 1] == 5 ? 2 : 4
            default: break
            }
            index += 1
        }
    }
}

extension Keymap {
    /// The first key bound to `command` (in `focus`, when given): what a test presses, so it survives rebinding.
    public func key(for command: Command, in focus: Focus? = nil) -> Key? {
        bindings.first { $0.command == command && (focus.map($0.focuses.contains) ?? true) }?.keys.first
    }

    /// The first key bound to `command` in `place` (a pane or an overlay).
    public func key(for command: Command, at place: KeyPlace) -> Key? {
        bindings.first { $0.command == command && $0.applies(in: place) }?.keys.first
    }
}

extension Key {
    /// The name `tmux send-keys` takes for it.
    public var tmuxName: String {
        switch self {
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .pageUp: "PPage"
        case .pageDown: "NPage"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Escape"
        case .tab: "Tab"
        case .backTab: "BTab"
        case .backspace: "BSpace"
        case .char(let character): String(character)
        case .ctrl(let character): "C-\(character)"
        }
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
