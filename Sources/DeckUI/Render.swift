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

    private mutating func drawTooSmall() {
        let minimum = Layout.minimum
        let text = "terminal too small: \(state.size) (need \(minimum))"
        guard state.size.rows > 0, state.size.columns > 0 else { return }
        let fitted = TextFit.truncate(text, to: state.size.columns, ellipsis: glyphs.ellipsis)
        let x = max(0, (state.size.columns - DisplayWidth.of(fitted)) / 2)
        grid.write(fitted, x: x, y: state.size.rows / 2, role: .warning)
    }

    /// `/full▏` or `:bk 3273▏  no backup "3273" in the loaded lists`: the text being typed, a block where the next
    /// character goes, and the prompt's error after it. A long line shows its end.
    private mutating func drawPrompt(_ prompt: Prompt, in row: Rect) {
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
    private mutating func drawCompletions(_ completions: [String], chosen: Int?, in row: Rect) {
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
    private mutating func drawBreadcrumbs() {
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
    private func instanceCrumb(id: String, instance: Instance?) -> String {
        let shortID = TextFit.truncate(id, to: 8, ellipsis: glyphs.ellipsis)
        guard let name = instance?.name, !name.isEmpty, name != id else { return shortID }
        return "\(shortID) (\(name))"
    }

    /// Left: the latest message (red if an error) or the banner. Right: the focused pane's load progress.
    private mutating func drawStatusLine() {
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
    private func listProgress<Item>(_ list: ItemList<Item>, noun: String) -> String {
        if list.isVisiblyRefreshing {
            guard let progress = list.refreshProgress else { return "reloading…" }
            return "reloading \(glyphs.dot) " + Format.progress(progress, noun: noun, isLoading: true,
                                                                 loadedCount: progress.itemsLoaded)
        }
        return Format.progress(list.progress, noun: noun, isLoading: list.isLoading, loadedCount: list.loadedCount)
    }

    private func focusProgress() -> String {
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
    private mutating func drawHints() {
        let row = layout.hints
        if let completions = state.prompt?.completions, !completions.isEmpty {
            drawCompletions(completions, chosen: state.prompt?.completionIndex, in: row)
            return
        }
        var x = row.x
        let all = state.keymap.hints(for: state.focus, glyphs: glyphs)
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

    // MARK: - List panes

    private mutating func drawProviders() {
        let list = state.providerList
        let kindWidth = min(9, list.contentWidths[safe: 1] ?? 3)
        // Names tell providers apart, kinds only describe them: show the kind only where every name still fits.
        // A label (PROD) matters more than a whole name, so with labels the column always shows.
        let showsKind = (list.contentWidths[safe: 0] ?? 0) + 2 + kindWidth <= layout.providers.inner.width
            || list.items.contains { $0.label != nil }
        let columns = [TableColumn.flexible(title: "NAME", minWidth: 6)]
            + (showsKind ? [TableColumn(title: "KIND", width: kindWidth)] : [])
        drawList(
            list, in: layout.providers, pane: .providers, name: "providers",
            columns: columns, showsHeader: false
        ) { provider in
            if let label = provider.label {
                return [Span(provider.name), Span(label, provider.accent.flatMap(StyleRole.providerAccent(named:)) ?? .badge)]
            }
            return [Span(provider.name), Span(provider.kind.shortLabel, .muted)]
        }
    }

    private mutating func drawInstances() {
        let list = state.instanceList
        let columns = [
            TableColumn.flexible(title: "NAME", minWidth: 12),
            TableColumn(title: "ENGINE", width: min(16, list?.contentWidths[safe: 1] ?? 0)),
        ]
        drawList(
            list, in: layout.instances, pane: .instances, name: "instances",
            columns: columns, showsHeader: false
        ) { instance in
            [Span(instance.displayName), Span(instance.engineLabel, .muted)]
        }
    }

    private mutating func drawBackups() {
        let list = state.backupList
        let measured = list?.contentWidths ?? []
        let idWidth = max(2, min(32, measured[safe: 0] ?? 2))
        let columns = [
            TableColumn(title: "", width: 1, gap: 0),
            TableColumn(title: "ID", minWidth: min(idWidth, 10), preferredWidth: idWidth, gap: 1),
            TableColumn(title: "START (UTC)", width: 16),
            TableColumn(title: "DUR", width: 6, alignment: .right),
            TableColumn(title: "SIZE", width: 8, alignment: .right),
            TableColumn(title: "TYPE", minWidth: 4, preferredWidth: max(4, min(14, measured[safe: 1] ?? 4))),
            TableColumn(title: "MODE", minWidth: 4, preferredWidth: max(4, min(12, measured[safe: 2] ?? 4))),
            // Only wide terminals have room for these (fitting drops columns from the right).
            TableColumn(title: "METHOD", width: 10),
            TableColumn(title: "EXPIRES (UTC)", width: 16),
        ]
        let glyphs = self.glyphs
        var qualifiers: [String] = []
        if state.timeWindow != .serviceDefault { qualifiers.append(state.timeWindow.label) }
        if state.statusFilter != .all { qualifiers.append(state.statusFilter.rawValue) }
        drawList(
            list, in: layout.backups, pane: .backups, name: "backups", qualifiers: qualifiers,
            columns: columns, showsHeader: state.instanceList?.visibleSelectedID != nil,
            sortedColumn: BackupColumn.allCases.firstIndex(of: state.backupSort.column).map { ($0, state.backupSort.descending) }
        ) { backup in
            [
                Span(glyphs.status(backup.status), backup.statusRole),
                Span(backup.id),
                Span(backup.start.map(Format.minute) ?? "—", backup.start == nil ? .muted : .normal),
                Span(backup.duration.map(Format.duration) ?? "—", backup.duration == nil ? .muted : .normal),
                Span(backup.size?.formatted ?? "—", backup.size == nil ? .muted : .normal),
                Span(backup.type),
                Span(backup.mode),
                Span(backup.listMethod ?? "—", backup.listMethod == nil ? .muted : .normal),
                Span(backup.listExpiry.map(Format.minute) ?? "—", backup.listExpiry == nil ? .muted : .normal),
            ]
        }
    }

    /// One list pane: frame and title, optional header, the visible slice of rows, and the loading / empty / error
    /// lines. `row` formats one item into one span per column; it is called for visible rows only.
    /// `sortedColumn` (index, descending) gets a ▼/▲ marker in the header.
    private mutating func drawList<Item: PaneItem>(
        _ list: ItemList<Item>?, in rect: Rect, pane: Focus, name: String, qualifiers: [String] = [],
        columns: [TableColumn], showsHeader: Bool, sortedColumn: (Int, Bool)? = nil, row: (Item) -> [Span]
    ) {
        let focused = state.focus == pane
        var footer: String?
        if let list, let index = list.selectedIndex {
            footer = "\(Format.thousands(index + 1)) of \(Format.thousands(list.count))"
        }
        var qualifiers = qualifiers
        if let filter = state.filter(for: pane) { qualifiers.append("/" + filter.text) }
        // A narrow pane (providers) drops its name before its filter, so the filter always shows.
        let shortTitle = qualifiers.isEmpty ? name : title(nil, qualifiers: qualifiers, list)
        drawBox(rect, title: title(name, qualifiers: qualifiers, list), shortTitle: shortTitle, footer: footer,
                focused: focused, accent: pane == .providers ? nil : providerAccent)
        let inner = rect.inner
        guard !inner.isEmpty else { return }
        var columns = columns
        if let (index, descending) = sortedColumn, columns.indices.contains(index) {
            let marker = descending ? glyphs.sortDescending : glyphs.sortAscending
            columns[index].title += columns[index].title.isEmpty ? marker : " " + marker
        }
        let fitted = TableColumn.fit(columns, into: inner.width)
        var y = inner.y
        if showsHeader {
            let sortedTitle = sortedColumn.flatMap { columns[safe: $0.0]?.title }
            let spans = fitted.map { Span($0.title, $0.title == sortedTitle ? .headerSorted : .header) }
            writeRow(fitted, spans: spans, x: inner.x, y: y, role: nil)
            y += 1
        }
        guard let list else { return }
        let viewport = layout.viewport(pane, hasError: list.hasFooter)
        if list.isEmpty {
            if list.isLoading {
                grid.write("loading…", x: inner.x, y: y, width: inner.width, role: .muted)
            } else if !list.hasFooter {
                let text = list.loadedCount > 0 ? "no \(name) match the filter (esc clears it)" : "no \(name)"
                grid.write(TextFit.truncate(text, to: inner.width, ellipsis: glyphs.ellipsis), x: inner.x, y: y,
                           width: inner.width, role: .muted)
            }
        } else {
            let cursor = list.selectedIndex
            let top = Scroll.top(current: list.scrollTop, cursor: cursor, viewport: viewport, count: list.count)
            let end = min(list.count, top + viewport)
            for index in top..<end {
                formattedRows += 1
                let rowRole: StyleRole? = index == cursor ? (focused ? .cursor : .cursorInactive) : nil
                if let rowRole { grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: rowRole) }
                writeRow(fitted, spans: row(list.item(atRow: index)), x: inner.x, y: y, role: rowRole)
                y += 1
            }
        }
        if let error = list.error {
            let text = TextFit.truncate("\(glyphs.statusFailed) \(error.summary)", to: inner.width, ellipsis: glyphs.ellipsis)
            grid.write(text, x: inner.x, y: inner.maxY - 1, width: inner.width, role: .error)
        } else if let progress = list.progress, progress.isIncomplete, !list.isLoading {
            let cause = list.gapError.map { " · \($0.summary)" } ?? ""
            let them = progress.missingPages.count + (progress.unscannedFrom == nil ? 0 : 1) > 1 ? "them" : "it"
            let text = TextFit.truncate("\(glyphs.statusFailed) \(Format.missing(progress)) · r fetches \(them)\(cause)",
                                        to: inner.width, ellipsis: glyphs.ellipsis)
            grid.write(text, x: inner.x, y: inner.maxY - 1, width: inner.width, role: .error)
        }
    }

    /// `backups · 290/1,150` while loading with a known total, `backups · 1,150` otherwise; with a window, status or
    /// text filter: `backups · 30d · failed · /full · 12 of 300`; `· ✗ page 7 missing` after failures; `· reloading`.
    private func title<Item>(_ name: String?, qualifiers: [String], _ list: ItemList<Item>?) -> String {
        let parts = (name.map { [$0] } ?? []) + qualifiers
        guard let list, !(list.loadedCount == 0 && list.isLoading) else { return parts.joined(separator: " \(glyphs.dot) ") }
        var count = Format.thousands(list.loadedCount)
        if let progress = list.progress, list.isLoading || progress.isIncomplete, let total = progress.totalItems {
            count += "/" + Format.thousands(total)
        }
        if list.isFiltered { count = "\(Format.thousands(list.count)) of \(count)" }
        var tail: [String] = []
        if let progress = list.progress, progress.isIncomplete, !list.isLoading {
            tail.append("\(glyphs.statusFailed) \(Format.missing(progress))")
        }
        if list.isVisiblyRefreshing { tail.append("reloading") }
        return (parts + [count] + tail).joined(separator: " \(glyphs.dot) ")
    }

    /// Writes one table row: each span padded or cut to its column, in its role unless the row has one (cursor).
    private mutating func writeRow(_ columns: [TableColumn], spans: [Span], x: Int, y: Int, role: StyleRole?) {
        var column = x
        for (index, layoutColumn) in columns.enumerated() {
            column += layoutColumn.gap
            let span = spans[safe: index] ?? Span("")
            let text = TextFit.pad(span.text, to: layoutColumn.width, alignment: layoutColumn.alignment,
                                   ellipsis: glyphs.ellipsis)
            grid.write(text, x: column, y: y, width: layoutColumn.width, role: role ?? span.role)
            column += layoutColumn.width
        }
    }

    // MARK: - Detail

    /// The selected backup: a preview under (or beside) the lists, or the full, scrollable view.
    private mutating func drawDetail(in rect: Rect, full: Bool) {
        let backup = full ? state.selectedBackup : state.previewBackup
        let title = backup.map { "backup \($0.id)" } ?? "detail"
        let lines = backup.map { DetailContent.lines(for: $0, glyphs: glyphs) } ?? []
        let inner = rect.inner
        let top = full ? max(0, min(state.detailScroll, lines.count - inner.height)) : 0
        drawBox(rect, title: title, shortTitle: "detail", focused: full, accent: providerAccent)
        if full, backup != nil {
            let sections = DetailSection.sections(of: lines)
            let titleWidth = DisplayWidth.of(Sanitize.forDisplay(" \(title) "))
            if sections.count > 1, titleWidth <= rect.width - 4 {
                drawDetailTabs(sections, current: state.detailSection, in: rect, after: titleWidth)
            }
        }
        guard !inner.isEmpty else { return }
        guard backup != nil else {
            if state.backupList?.isEmpty == false || state.selectedBackupID != nil {
                grid.write("no backup selected", x: inner.x, y: inner.y, width: inner.width, role: .muted)
            }
            return
        }
        var tableColumns: [Int: [TableColumn]] = [:]
        for case .tableHeader(let table) in lines {
            tableColumns[table.id] = DetailTableLayout.columns(for: table, width: inner.width)
        }
        for (offset, line) in lines.dropFirst(top).prefix(inner.height).enumerated() {
            drawDetailLine(line, x: inner.x, y: inner.y + offset, width: inner.width, tableColumns: tableColumns)
        }
    }

    private mutating func drawDetailLine(_ line: DetailLine, x: Int, y: Int, width: Int, tableColumns: [Int: [TableColumn]]) {
        switch line {
        case .field(let label, let value):
            let labelWidth = min(DetailContent.labelWidth, width / 3)
            grid.write(TextFit.pad(label, to: labelWidth, ellipsis: glyphs.ellipsis), x: x, y: y, width: labelWidth,
                       role: .label)
            writeSpans(value, x: x + labelWidth, y: y, width: width - labelWidth)
        case .heading(let text):
            writeSpans([Span(text, .header)], x: x, y: y, width: width)
        case .blank:
            break
        case .note(let text):
            writeSpans([Span(text, .muted)], x: x, y: y, width: width)
        case .warning(let text):
            writeSpans([Span(text, .warning)], x: x, y: y, width: width)
        case .tableHeader(let table):
            let columns = tableColumns[table.id] ?? []
            writeRow(columns, spans: columns.map { Span($0.title, .header) }, x: x, y: y, role: .header)
        case .tableRow(let table, let cells):
            writeRow(tableColumns[table] ?? [], spans: cells, x: x, y: y, role: nil)
        }
    }
}

/// Widths for a detail table: content columns as wide as their widest cell (capped), fill columns sharing the rest
/// (the first gets the odd column), each cut with `…` — the full text stays in the state.
enum DetailTableLayout {
    static func columns(for table: DetailTable, width: Int) -> [TableColumn] {
        let gaps = 2 * max(0, table.columns.count - 1)
        var contentWidths: [Int: Int] = [:]
        for (index, column) in table.columns.enumerated() {
            guard case .content(let maxFraction) = column.width else { continue }
            var widest = DisplayWidth.of(column.title)
            for row in table.rows {
                widest = max(widest, DisplayWidth.of(Sanitize.forDisplay(row[safe: index]?.text ?? "")))
            }
            contentWidths[index] = min(widest, max(8, Int(Double(width) * maxFraction)))
        }
        let fillCount = table.columns.count - contentWidths.count
        let rest = max(0, width - gaps - contentWidths.values.reduce(0, +))
        var fillIndex = 0
        let columns = table.columns.enumerated().map { index, column -> TableColumn in
            let gap = index == 0 ? 0 : 2
            if let fixed = contentWidths[index] {
                return TableColumn(title: column.title, width: fixed, alignment: column.alignment, gap: gap)
            }
            // Equal shares, the remainder going to the first fill columns.
            let share = rest / max(1, fillCount) + (fillIndex < rest % max(1, fillCount) ? 1 : 0)
            fillIndex += 1
            return TableColumn(title: column.title, minWidth: min(10, share), preferredWidth: share,
                               alignment: column.alignment, gap: gap)
        }
        return TableColumn.fit(columns, into: width)
    }
}

/// A column of a list or table.
///
/// Fitting keeps columns left to right, each at its preferred width, until one does not fit: that one is kept
/// squeezed (down to its minimum) if it can be, and everything to its right is dropped — narrow terminals lose the
/// right-hand columns first. A flexible column (a name) starts at its minimum and takes whatever width is left.
/// Gaps are two spaces, or one when that shows more columns.
struct TableColumn: Sendable, Hashable {
    var title: String
    var minWidth: Int
    var preferredWidth: Int
    var flexible: Bool
    var alignment: TextFit.Alignment
    /// Spaces before the column (none before the first); `fit` may narrow 2 to 1.
    var gap: Int
    /// The width given by `fit`.
    var width: Int

    init(title: String, minWidth: Int, preferredWidth: Int, alignment: TextFit.Alignment = .left, gap: Int = 2) {
        self.title = title
        self.minWidth = max(0, minWidth)
        self.preferredWidth = max(self.minWidth, preferredWidth)
        flexible = false
        self.alignment = alignment
        self.gap = gap
        width = self.preferredWidth
    }

    init(title: String, width: Int, alignment: TextFit.Alignment = .left, gap: Int = 2) {
        self.init(title: title, minWidth: width, preferredWidth: width, alignment: alignment, gap: gap)
    }

    /// A column that grows to fill the row (at least `minWidth`).
    static func flexible(title: String, minWidth: Int) -> TableColumn {
        var column = TableColumn(title: title, width: minWidth)
        column.flexible = true
        return column
    }

    static func fit(_ columns: [TableColumn], into width: Int) -> [TableColumn] {
        let wide = fit(columns, into: width, maxGap: 2)
        guard wide.count < columns.count else { return wide }
        let narrow = fit(columns, into: width, maxGap: 1)
        return narrow.count > wide.count ? narrow : wide
    }

    private static func fit(_ columns: [TableColumn], into width: Int, maxGap: Int) -> [TableColumn] {
        var kept: [TableColumn] = []
        var used = 0
        for var column in columns {
            column.gap = kept.isEmpty ? 0 : min(column.gap, maxGap)
            let wanted = column.flexible ? column.minWidth : column.preferredWidth
            if used + column.gap + wanted <= width {
                column.width = wanted
            } else if !column.flexible, used + column.gap + column.minWidth <= width {
                column.width = width - used - column.gap
            } else {
                break
            }
            used += column.gap + column.width
            kept.append(column)
            if column.width < wanted { break }
        }
        guard !kept.isEmpty else {
            // Not even the first column fits: it gets what there is.
            guard var first = columns.first else { return [] }
            first.gap = 0
            first.width = max(0, width)
            return [first]
        }
        if let flexible = kept.firstIndex(where: \.flexible) {
            kept[flexible].width += width - used
        }
        return kept
    }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
