import BackupModel

// The three list panes (providers, instances, backups): frames, titles, headers and the visible rows.
extension Renderer {
    mutating func drawProviders() {
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

    mutating func drawInstances() {
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

    mutating func drawBackups() {
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
    mutating func drawList<Item: PaneItem>(
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
    func title<Item>(_ name: String?, qualifiers: [String], _ list: ItemList<Item>?) -> String {
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
    mutating func writeRow(_ columns: [TableColumn], spans: [Span], x: Int, y: Int, role: StyleRole?) {
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
}
