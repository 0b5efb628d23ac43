/// Where everything goes for a terminal size. The reducer and the renderer share it, so "one page" in PgDn is
/// exactly what is on screen.
///
/// Choices:
/// - Row 0 breadcrumbs; second-to-last row status line; last row key hints.
/// - Body: providers (18 columns; 12 below 72, so backups keep their start column at 60; below 100 columns hidden
///   unless focused), instances (30% of the list area, 28% with the providers hidden), backups (the rest), each in
///   its own box. The detail preview sits under them (two fifths of the body, 5 to 18 rows); from 200 columns
///   on it moves to the right (35% of the width) and every pane gets the full height.
/// - The full detail view (focus `.detail`) takes the whole body at any width, so long URLs have room.
/// - Below 60×15 there is no layout, only a centred "terminal too small" message.
struct Layout: Sendable, Hashable {
    static let minimum = Size(columns: 60, rows: 15)
    static let wideColumns = 200
    /// Below this many columns the providers pane folds away when it does not have focus.
    static let collapseColumns = 100

    var size: Size
    var isTooSmall: Bool
    var breadcrumbs: Rect
    var providers: Rect
    var instances: Rect
    var backups: Rect
    /// The detail preview, or the full detail view when focus is `.detail`.
    var detail: Rect
    var status: Rect
    var hints: Rect

    init(size: Size, focus: Focus) {
        self.size = size
        isTooSmall = size.columns < Self.minimum.columns || size.rows < Self.minimum.rows
        let empty = Rect(x: 0, y: 0, width: 0, height: 0)
        guard !isTooSmall else {
            (breadcrumbs, providers, instances, backups, detail, status, hints) = (empty, empty, empty, empty, empty, empty, empty)
            return
        }
        let width = size.columns
        breadcrumbs = Rect(x: 0, y: 0, width: width, height: 1)
        status = Rect(x: 0, y: size.rows - 2, width: width, height: 1)
        hints = Rect(x: 0, y: size.rows - 1, width: width, height: 1)
        let bodyHeight = size.rows - 3

        if focus == .detail {
            (providers, instances, backups) = (empty, empty, empty)
            detail = Rect(x: 0, y: 1, width: width, height: bodyHeight)
            return
        }

        let listsWidth: Int
        let listsHeight: Int
        if width >= Self.wideColumns {
            let detailWidth = width * 35 / 100
            listsWidth = width - detailWidth
            listsHeight = bodyHeight
            detail = Rect(x: listsWidth, y: 1, width: detailWidth, height: bodyHeight)
        } else {
            let previewHeight = min(18, max(5, bodyHeight * 2 / 5))
            listsWidth = width
            listsHeight = bodyHeight - previewHeight
            detail = Rect(x: 0, y: 1 + listsHeight, width: width, height: previewHeight)
        }
        // Narrow terminals: once focus has left the providers, their pane folds away (the breadcrumbs name the
        // provider) and the instances narrow, so the backup list keeps its columns.
        let collapsed = listsWidth < Self.collapseColumns && focus != .providers
        let providersWidth = collapsed ? 0 : (listsWidth < 72 ? 12 : 18)
        let instancesWidth = listsWidth * (collapsed ? 28 : 30) / 100
        providers = Rect(x: 0, y: 1, width: providersWidth, height: listsHeight)
        instances = Rect(x: providersWidth, y: 1, width: instancesWidth, height: listsHeight)
        backups = Rect(
            x: providersWidth + instancesWidth, y: 1,
            width: listsWidth - providersWidth - instancesWidth, height: listsHeight
        )
    }

    /// Rows of items visible in each list pane: the box's inside, less the backups header row, less the error line.
    func viewport(_ pane: Focus, hasError: Bool = false) -> Int {
        let errorRow = hasError ? 1 : 0
        switch pane {
        case .providers: return max(0, providers.inner.height - errorRow)
        case .instances: return max(0, instances.inner.height - errorRow)
        case .backups: return max(0, backups.inner.height - 1 - errorRow)
        case .detail: return max(0, detail.inner.height)
        }
    }
}
