import BackupModel

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
