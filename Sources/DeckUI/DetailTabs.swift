/// The full detail view's sections, as tabs: Summary (everything before the first heading), then one per heading
/// (Databases, Nodes, Subtasks, Instance at backup time, Anomalies…). Tab and Shift-Tab scroll the view to the
/// next or previous section; the sections stay one scrolling document, so nothing is hidden behind a tab and long
/// tables scroll like lists. Their names sit in the frame's top edge, the current one in brackets.
struct DetailSection: Sendable, Hashable {
    var title: String
    /// The section's first line in the detail.
    var line: Int

    static func sections(of lines: [DetailLine]) -> [DetailSection] {
        var sections = [DetailSection(title: "Summary", line: 0)]
        for (index, line) in lines.enumerated() {
            if case .heading(let title) = line { sections.append(DetailSection(title: title, line: index)) }
        }
        return sections
    }
}

extension State {
    /// The selected backup's sections (just Summary when it has no headings).
    var detailSections: [DetailSection] {
        selectedBackup.map { DetailSection.sections(of: DetailContent.lines(for: $0, glyphs: glyphs)) } ?? []
    }

    /// Tab / Shift-Tab: the next or previous section at the top of the view (wrapping round).
    mutating func moveDetailSection(by step: Int) {
        let sections = detailSections
        guard sections.count > 1 else { return }
        detailSection = (detailSection + step + sections.count) % sections.count
        detailScroll = sections[detailSection].line
        clampDetailScroll()
    }

    /// After scrolling by line or page: the section the top line is in; at the very end, the last section whose
    /// heading shows (a short last section never reaches the top).
    mutating func followDetailScroll() {
        let sections = detailSections
        let bottom = detailScroll + Layout(size: size, focus: .detail).viewport(.detail)
        if maxDetailScroll > 0, detailScroll >= maxDetailScroll {
            detailSection = sections.lastIndex { $0.line < bottom } ?? 0
        } else {
            detailSection = sections.lastIndex { $0.line <= detailScroll } ?? 0
        }
    }
}

extension Renderer {
    /// `─ [Summary] · Databases (2) · Anomalies ` in the top edge, after the title (`titleWidth` cells from x + 2).
    mutating func drawDetailTabs(_ sections: [DetailSection], current: Int, in rect: Rect, after titleWidth: Int) {
        var x = rect.x + 2 + titleWidth + 1
        let end = rect.maxX - 2
        x += grid.write(" ", x: x, y: rect.y, role: .frameFocus)
        for (index, section) in sections.enumerated() {
            let text = index == current ? "[\(section.title)]" : section.title
            let separator = index + 1 < sections.count ? " \(glyphs.dot) " : " "
            let width = DisplayWidth.of(Sanitize.forDisplay(text)) + DisplayWidth.of(separator)
            guard x + width <= end else {
                if x + 1 <= end { grid.write(glyphs.ellipsis + " ", x: x, y: rect.y, role: .title) }
                return
            }
            x += grid.write(text, x: x, y: rect.y, role: index == current ? .accent : .title)
            x += grid.write(separator, x: x, y: rect.y, role: .title)
        }
    }
}
