/// The `?` overlay: every key that applies in the pane or overlay it was opened from, read from the keymap the
/// dispatcher uses.
public struct HelpOverlay: Sendable, Hashable {
    /// The place whose keys are listed.
    public var place: KeyPlace
    var scroll = 0

    public init(place: KeyPlace) {
        self.place = place
    }
}

/// One line of the help overlay.
struct HelpLine: Sendable, Hashable {
    var keys: String
    var text: String
}

extension Keymap {
    /// Every binding that applies in `place`, in table order, then the keys of its text entry (not rebindable).
    func helpLines(for place: KeyPlace, glyphs: GlyphSet) -> [HelpLine] {
        var lines = bindings.filter { $0.applies(in: place) && !$0.keys.isEmpty }.map { binding in
            HelpLine(keys: binding.keys.map { $0.label(glyphs) }.joined(separator: " "), text: binding.help)
        }
        lines.append(HelpLine(keys: "", text: ""))
        switch place {
        case .pane:
            lines.append(HelpLine(keys: "in / : T", text: "\(glyphs.enter) accept, esc cancel (clears a filter), bksp delete, ^U clear line"))
            lines.append(HelpLine(keys: "in :", text: "tab complete (again: next candidate), \(glyphs.arrowUp)/\(glyphs.arrowDown) history"))
        case .overlay(.rawView):
            lines.append(HelpLine(keys: "in search", text: "\(glyphs.enter) search, esc cancel, bksp delete"))
        case .overlay(.downloadMenu):
            lines.append(HelpLine(keys: "in folder", text: "\(glyphs.enter) start, esc cancel, bksp delete, ^U clear line"))
        case .overlay: break
        }
        lines.append(HelpLine(keys: "^C", text: "Quit backdeck, wherever you are."))
        return lines
    }
}

extension State {
    /// A key while help is open, from its rows of the keymap: movement scrolls it; close, help and back close it.
    mutating func handleHelpKey(_ key: Key) {
        guard var overlay = help else { return }
        let command = keymap.command(for: key, at: .overlay(.help))
        let lineCount = keymap.helpLines(for: overlay.place, glyphs: glyphs).count
        let page = max(1, HelpLayout(size: size, lineCount: lineCount).box.inner.height)
        switch command {
        case .close, .help, .back:
            help = nil
            return
        case .moveDown, .moveUp, .pageDown, .pageUp, .first, .last:
            overlay.scroll = Command.scrolled(overlay.scroll, by: command, page: page, maxScroll: lineCount)
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
        let lines = state.keymap.helpLines(for: overlay.place, glyphs: glyphs)
        let layout = HelpLayout(size: state.size, lineCount: lines.count)
        let box = layout.box
        guard box.width > 10, box.height > 2 else { return }
        grid.fill(box, role: .normal)
        let place = switch overlay.place {
        case .pane(let focus): "\(focus)"
        case .overlay(let kind): kind.rawValue
        }
        let closing = state.keymap.bindings.first { $0.command == .close && $0.applies(in: .overlay(.help)) }?.keys.first
        let title = "help \(glyphs.dot) \(place)" + (closing.map { " \(glyphs.dot) \($0.label(glyphs)) closes" } ?? "")
        drawBox(box, title: title, focused: true)
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

extension Command {
    /// Where a scrolling overlay (help, the raw view) stands after a movement command: a row, a page, the top or
    /// `maxScroll`; any other command leaves it where it was. Callers clamp the result to what their view can show.
    static func scrolled(_ scroll: Int, by command: Command?, page: Int, maxScroll: Int) -> Int {
        switch command {
        case .moveDown: scroll + 1
        case .moveUp: scroll - 1
        case .pageDown: scroll + page
        case .pageUp: scroll - page
        case .first: 0
        case .last: maxScroll
        default: scroll
        }
    }
}
