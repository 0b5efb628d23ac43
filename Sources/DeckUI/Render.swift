import BackupModel

/// Draws the whole screen from the state. Pure: same state, same grid. Only the visible rows of each list are
/// formatted, so a pane with 100,000 backups costs what one with 100 does.
public func render(_ state: State) -> Grid {
    var renderer = Renderer(state: state)
    renderer.draw()
    return renderer.grid
}

struct Renderer {
    let state: State
    let glyphs: GlyphSet
    let layout: Layout
    var grid: Grid
    /// List rows formatted in this frame: a test checks it stays at what is visible, whatever the list's length.
    var formattedRows = 0

    init(state: State) {
        self.state = state
        glyphs = state.glyphs
        layout = Layout(size: state.size, focus: state.focus)
        grid = Grid(size: state.size)
    }

    mutating func draw() {
        guard !layout.isTooSmall else {
            drawTooSmall()
            return
        }
        drawBreadcrumbs()
        if state.focus == .detail {
            drawDetail(in: layout.detail, full: true)
        } else {
            drawProviders()
            drawInstances()
            drawBackups()
            drawDetail(in: layout.detail, full: false)
        }
        drawStatusLine()
        drawHints()
        drawOverlay()
        if let help = state.help { drawHelp(help) }
    }

    /// The selected provider's accent role, if its config gives one.
    var providerAccent: StyleRole? {
        state.selectedProvider?.accent.flatMap(StyleRole.providerAccent(named:))
    }

    // MARK: - Chrome

    mutating func drawTooSmall() {
        let minimum = Layout.minimum
        let text = "terminal too small: \(state.size) (need \(minimum))"
        guard state.size.rows > 0, state.size.columns > 0 else { return }
        let fitted = TextFit.truncate(text, to: state.size.columns, ellipsis: glyphs.ellipsis)
        let x = max(0, (state.size.columns - DisplayWidth.of(fitted)) / 2)
        grid.write(fitted, x: x, y: state.size.rows / 2, role: .warning)
    }

    /// `/full▏` or `:bk 3273▏  no backup "3273" in the loaded lists`: the text being typed, a block where the next
    /// character goes, and the prompt's error after it. A long line shows its end.
    mutating func drawPrompt(_ prompt: Prompt, in row: Rect) {
        var x = row.x + grid.write(prompt.lead, x: row.x, y: row.y, width: row.width, role: .hintKey)
        let errorText = prompt.error.map { "  \(glyphs.statusFailed) \($0)" } ?? ""
        let room = max(1, row.maxX - x - 1 - min(DisplayWidth.of(errorText), row.width / 2))
        var text = Sanitize.forDisplay(prompt.text)
        while DisplayWidth.of(text) > room, !text.isEmpty { text.removeFirst() }
        x += grid.write(text, x: x, y: row.y, width: row.maxX - x, role: .normal)
        grid.set(" ", x: x, y: row.y, role: .cursor)
        x += 1
        if !errorText.isEmpty {
            grid.write(TextFit.truncate(errorText, to: max(0, row.maxX - x), ellipsis: glyphs.ellipsis), x: x, y: row.y,
                       role: .error)
        }
    }

    /// Tab's candidates in the hint line, the one chosen in the cursor colour.
    mutating func drawCompletions(_ completions: [String], chosen: Int?, in row: Rect) {
        var x = row.x
        for (index, word) in completions.enumerated() {
            let text = Sanitize.forDisplay(word)
            let needed = (index == 0 ? 0 : 2) + DisplayWidth.of(text)
            guard x + needed <= row.maxX else {
                if x + 2 <= row.maxX { grid.write(" " + glyphs.ellipsis, x: x, y: row.y, role: .muted) }
                break
            }
            if index > 0 { x += 2 }
            x += grid.write(text, x: x, y: row.y, role: index == chosen ? .cursor : .hint)
        }
    }

    /// `backdeck › rds-prod › rm-2ze8… (订单库主实例) › backups`: the path down to the focused pane (the backup's ID
    /// once it is opened); the selected
    /// provider's region on the right when there is room.
    mutating func drawBreadcrumbs() {
        let row = layout.breadcrumbs
        var crumbs = ["backdeck"]
        var badgeAfter: Int?
        if let provider = state.selectedProvider {
            crumbs.append(provider.name)
            if provider.label != nil { badgeAfter = crumbs.count - 1 }
        }
        if state.focus != .providers, let instanceID = state.selectedInstanceID {
            crumbs.append(instanceCrumb(id: instanceID, instance: state.selectedInstance))
        }
        // In the list the cursor row names the backup; the crumb says where you are (and costs nothing per step).
        if state.focus == .backups {
            crumbs.append("backups")
        } else if state.focus == .detail, let backupID = state.selectedBackupID {
            crumbs.append(backupID)
        }
        var spans: [Span] = []
        for (index, crumb) in crumbs.enumerated() {
            if index > 0 { spans.append(Span(" \(glyphs.crumbSeparator) ", .muted)) }
            spans.append(Span(crumb, index == crumbs.count - 1 ? .accent : .breadcrumb))
            if index == badgeAfter, let label = state.selectedProvider?.label {
                spans.append(Span(" [\(label)]", providerAccent ?? .badge))
            }
        }
        var rightWidth = 0
        if let region = state.selectedProvider?.region, !region.isEmpty {
            let regionText = TextFit.truncate(region, to: 24, ellipsis: glyphs.ellipsis)
            let regionWidth = DisplayWidth.of(regionText)
            if DisplayWidth.of(Sanitize.forDisplay(spans.map(\.text).joined())) + regionWidth + 2 <= row.width {
                grid.write(regionText, x: row.maxX - regionWidth, y: row.y, role: .muted)
                rightWidth = regionWidth + 2
            }
        }
        writeSpans(spans, x: row.x, y: row.y, width: row.width - rightWidth)
    }

    /// `rm-2ze8… (订单库主实例)`: a shortened ID (the full one is in the detail) and the human name.
    func instanceCrumb(id: String, instance: Instance?) -> String {
        let shortID = TextFit.truncate(id, to: 8, ellipsis: glyphs.ellipsis)
        guard let name = instance?.name, !name.isEmpty, name != id else { return shortID }
        return "\(shortID) (\(name))"
    }

    /// Left: the latest message (red if an error) or the banner. Right: the focused pane's load progress.
    mutating func drawStatusLine() {
        let row = layout.status
        if let prompt = state.prompt {
            drawPrompt(prompt, in: row)
            return
        }
        let downloading = downloadStatus()
        let right = downloading ?? focusProgress()
        // A running download's progress bar may take more of the line than the pane progress it replaces.
        let rightText = TextFit.truncate(right, to: max(0, row.width * (downloading == nil ? 5 : 7) / 10), ellipsis: glyphs.ellipsis)
        let rightWidth = DisplayWidth.of(rightText)
        grid.write(rightText, x: row.maxX - rightWidth, y: row.y, role: .muted)
        let leftWidth = max(0, row.width - rightWidth - (rightWidth > 0 ? 2 : 0))
        if let message = state.statusMessage {
            let text = message.isError ? "\(glyphs.statusFailed) \(message.text)" : message.text
            grid.write(TextFit.truncate(text, to: leftWidth, ellipsis: glyphs.ellipsis), x: row.x, y: row.y,
                       role: message.isError ? .error : .normal)
        } else {
            grid.write(TextFit.truncate(state.banner, to: leftWidth, ellipsis: glyphs.ellipsis), x: row.x, y: row.y,
                       role: .muted)
        }
    }

    /// `page 3/13 · 300 of 1,208`; while `r` refreshes behind the rows, `reloading · page 3/13 · …`.
    func listProgress<Item>(_ list: ItemList<Item>, noun: String) -> String {
        if list.isVisiblyRefreshing {
            guard let progress = list.refreshProgress else { return "reloading…" }
            return "reloading \(glyphs.dot) " + Format.progress(progress, noun: noun, isLoading: true,
                                                                 loadedCount: progress.itemsLoaded)
        }
        return Format.progress(list.progress, noun: noun, isLoading: list.isLoading, loadedCount: list.loadedCount)
    }

    func focusProgress() -> String {
        switch state.focus {
        case .providers:
            let count = state.providerList.count
            return "\(Format.thousands(count)) provider\(count == 1 ? "" : "s")"
        case .instances:
            guard let list = state.instanceList else { return "" }
            return listProgress(list, noun: "instances")
        case .backups:
            guard let list = state.backupList else { return "" }
            return listProgress(list, noun: "backups")
        case .detail:
            let total = state.detailLineCount
            guard total > 0 else { return "" }
            let viewport = layout.viewport(.detail)
            let top = min(state.detailScroll, state.maxDetailScroll)
            return "lines \(top + 1)–\(min(total, top + viewport)) of \(total)"
        }
    }

    /// `↓/j down  ↑/k up  ⏎ open  esc back  r reload  q quit`, from the keymap; entries that do not fit are left out.
    mutating func drawHints() {
        let row = layout.hints
        if let completions = state.prompt?.completions, !completions.isEmpty {
            drawCompletions(completions, chosen: state.prompt?.completionIndex, in: row)
            return
        }
        var x = row.x
        let all = state.keymap.hints(at: state.keyPlace, glyphs: glyphs)
        func width(_ hint: Keymap.Hint) -> Int { 2 + DisplayWidth.of(hint.keys) + 1 + DisplayWidth.of(hint.label) }
        // The essential entries (quit, help) keep their room; the others fill what is left, in table order.
        var room = row.width - all.filter(\.isEssential).map(width).reduce(0, +)
        var shown: [Keymap.Hint] = []
        for hint in all where !hint.isEssential {
            room -= width(hint)
            guard room >= -2 else { break }  // the first entry has no gap
            shown.append(hint)
        }
        shown += all.filter(\.isEssential)
        for (index, hint) in shown.enumerated() {
            let gap = index == 0 ? 0 : 2
            let needed = gap + DisplayWidth.of(hint.keys) + 1 + DisplayWidth.of(hint.label)
            guard x + needed <= row.maxX else { break }
            x += gap
            x += grid.write(hint.keys, x: x, y: row.y, role: .hintKey)
            x += grid.write(" " + hint.label, x: x, y: row.y, role: .hint)
        }
    }

    // MARK: - Boxes

    /// A frame with a title in its top edge and, optionally, a note (position) in its bottom edge.
    /// `title` is cut to fit; `shortTitle` replaces it first when given and the full title does not fit.
    mutating func drawBox(_ rect: Rect, title: String, shortTitle: String? = nil, footer: String? = nil,
                                  focused: Bool, accent: StyleRole? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        // A provider's accent colours its panes' frames whether focused or not; the title still shows the focus.
        let role: StyleRole = accent ?? (focused ? .frameFocus : .frame)
        let horizontal = String(repeating: glyphs.horizontal, count: rect.width - 2)
        grid.write(glyphs.topLeft + horizontal + glyphs.topRight, x: rect.x, y: rect.y, width: rect.width, role: role)
        grid.write(glyphs.bottomLeft + horizontal + glyphs.bottomRight, x: rect.x, y: rect.maxY - 1, width: rect.width,
                   role: role)
        for y in rect.y + 1..<rect.maxY - 1 {
            grid.set(glyphs.vertical, x: rect.x, y: y, role: role)
            grid.set(glyphs.vertical, x: rect.maxX - 1, y: y, role: role)
        }
        if rect.width > 4 {
            var chosen = title
            if let shortTitle, DisplayWidth.of(Sanitize.forDisplay(" \(title) ")) > rect.width - 4 { chosen = shortTitle }
            let text = TextFit.truncate(" \(chosen) ", to: rect.width - 4, ellipsis: glyphs.ellipsis)
            grid.write(text, x: rect.x + 2, y: rect.y, role: focused ? .frameFocus : .title)
        }
        if let footer, !footer.isEmpty {
            let text = " \(footer) "
            let width = DisplayWidth.of(text)
            if width <= rect.width - 4 {
                grid.write(text, x: rect.maxX - 2 - width, y: rect.maxY - 1, role: role)
            }
        }
    }

    /// Writes spans left to right within `width` cells; the last one that does not fit is cut with an ellipsis.
    @discardableResult
    mutating func writeSpans(_ spans: [Span], x: Int, y: Int, width: Int, override: StyleRole? = nil) -> Int {
        var used = 0
        for span in spans {
            let remaining = width - used
            guard remaining > 0 else { break }
            let text = TextFit.truncate(span.text, to: remaining, ellipsis: glyphs.ellipsis)
            used += grid.write(text, x: x + used, y: y, width: remaining, role: override ?? span.role)
        }
        return used
    }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
