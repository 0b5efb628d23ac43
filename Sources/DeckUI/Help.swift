/// The `?` overlay: every key that applies in the pane it was opened from, read from the keymap the dispatcher uses.
public struct HelpOverlay: Sendable, Hashable {
    /// The pane whose keys are listed.
    public var focus: Focus
    var scroll = 0

    public init(focus: Focus) {
        self.focus = focus
    }
}

/// One line of the help overlay.
struct HelpLine: Sendable, Hashable {
    var keys: String
    var text: String
}

extension Keymap {
    /// Every binding that applies in `focus`, in table order, then the keys of the prompts (not rebindable).
    func helpLines(for focus: Focus, glyphs: GlyphSet) -> [HelpLine] {
        var lines = bindings.filter { $0.focuses.contains(focus) && !$0.keys.isEmpty }.map { binding in
            HelpLine(keys: binding.keys.map { $0.label(glyphs) }.joined(separator: " "), text: binding.help)
        }
        lines.append(HelpLine(keys: "", text: ""))
        lines.append(HelpLine(keys: "in / : T", text: "\(glyphs.enter) accept, esc cancel (clears a filter), bksp delete, ^U clear line"))
        lines.append(HelpLine(keys: "in :", text: "tab complete (again: next candidate), \(glyphs.arrowUp)/\(glyphs.arrowDown) history"))
        lines.append(HelpLine(keys: "^C", text: "Quit backdeck, wherever you are."))
        return lines
    }
}

extension State {
    /// A key while help is open: movement scrolls it; `?`, Esc or `q` close it; Ctrl-C still quits.
    mutating func handleHelpKey(_ key: Key) {
        guard var overlay = help else { return }
        if key == .escape || key == .char("q") {
            help = nil
            return
        }
        let command = keymap.command(for: key, in: overlay.focus)
        let lineCount = keymap.helpLines(for: overlay.focus, glyphs: glyphs).count
        let page = max(1, HelpLayout(size: size, lineCount: lineCount).box.inner.height)
        switch command {
        case .help, .back:
            help = nil
            return
        case .moveDown: overlay.scroll += 1
        case .moveUp: overlay.scroll -= 1
        case .pageDown: overlay.scroll += page
        case .pageUp: overlay.scroll -= page
        case .first: overlay.scroll = 0
        case .last: overlay.scroll = lineCount
        default: break
        }
        overlay.scroll = min(max(0, overlay.scroll), max(0, lineCount - page))
        help = overlay
    }
}

/// Where the help box goes: centred over the body, as wide as the text needs (at most the screen less a margin).
struct HelpLayout {
    var box: Rect

    init(size: Size, lineCount: Int) {
        let width = min(size.columns - 4, 88)
        let height = min(size.rows - 4, lineCount + 2)
        box = Rect(x: (size.columns - width) / 2, y: 2, width: max(0, width), height: max(0, height))
    }
}

extension Renderer {
    mutating func drawHelp(_ overlay: HelpOverlay) {
        let lines = state.keymap.helpLines(for: overlay.focus, glyphs: glyphs)
        let layout = HelpLayout(size: state.size, lineCount: lines.count)
        let box = layout.box
        guard box.width > 10, box.height > 2 else { return }
        grid.fill(box, role: .normal)
        let pane = overlay.focus == .detail ? "detail" : "\(overlay.focus)"
        drawBox(box, title: "help \(glyphs.dot) \(pane) \(glyphs.dot) esc closes", focused: true)
        let inner = box.inner
        let keysWidth = min(16, max(8, lines.map { DisplayWidth.of($0.keys) }.max() ?? 8))
        let top = min(overlay.scroll, max(0, lines.count - inner.height))
        for (offset, line) in lines.dropFirst(top).prefix(inner.height).enumerated() {
            let y = inner.y + offset
            grid.write(TextFit.pad(line.keys, to: keysWidth, ellipsis: glyphs.ellipsis), x: inner.x + 1, y: y,
                       width: keysWidth, role: .hintKey)
            let textX = inner.x + 1 + keysWidth + 2
            grid.write(TextFit.truncate(line.text, to: max(0, inner.maxX - textX), ellipsis: glyphs.ellipsis),
                       x: textX, y: y, width: max(0, inner.maxX - textX), role: .normal)
        }
        if lines.count > inner.height {
            let footer = " \(top + 1)–\(min(lines.count, top + inner.height)) of \(lines.count) "
            let width = DisplayWidth.of(footer)
            grid.write(footer, x: box.maxX - 2 - width, y: box.maxY - 1, role: .frameFocus)
        }
    }
}
