import BackupModel

// The selected backup's detail: the preview under (or beside) the lists, or the full scrollable view.
extension Renderer {
    /// The selected backup: a preview under (or beside) the lists, or the full, scrollable view.
    mutating func drawDetail(in rect: Rect, full: Bool) {
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

    mutating func drawDetailLine(_ line: DetailLine, x: Int, y: Int, width: Int, tableColumns: [Int: [TableColumn]]) {
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
