import BackupModel

/// An item a list pane can show: identified by a string ID, with the columns that size to their content measured.
protocol PaneItem: Identifiable, Sendable where ID == String {
    /// Display widths (after sanitising) of this item's content-sized columns. A list keeps the widest seen so far,
    /// measured once per page as it arrives, so rendering never scans the whole list.
    var measuredWidths: [Int] { get }
}

/// Which request a pane is waiting for. Answers carrying any other token are dropped.
struct PendingRequest<Key: Hashable & Sendable>: Sendable, Hashable {
    var key: Key
    var token: RequestToken
}

/// A pane's list: items in arrival order, the cursor as an item ID (never an index), and how loading went.
///
/// Identity, not index: pages only ever append, so the selected item never changes under the cursor. While a
/// reload is under way the selected ID is kept even though the item is not back yet ("pending"); when loading ends
/// without it, the cursor goes to its nearest neighbour — the item now at the index it had, clamped.
struct ItemList<Item: PaneItem>: Sendable {
    enum Phase: Sendable, Hashable { case loading, loaded, failed }

    private(set) var items: [Item] = []
    private var indexByID: [String: Int] = [:]
    /// The cursor. `nil` only when nothing has been selected yet (or the list ended up empty).
    private(set) var selectedID: String?
    /// Where the selection last was, for the nearest-neighbour rule.
    private(set) var anchorIndex = 0
    /// First visible row. Adjusted by `keepVisible`; the renderer clamps it the same way.
    var scrollTop = 0
    private(set) var phase: Phase
    /// Filter and sort: which items show, in what order. The cursor, paging and scrolling work on the shown rows.
    private(set) var arrangement = Arrangement<Item>()
    /// Which version of the pane's arrangement this list has (the state bumps it when filter or sort change).
    private(set) var arrangementStamp = 0
    /// The shown rows, as indices into `items`, in display order.
    private var rows: [Int] = []
    /// `items` index → its row in `rows`, or -1 when the filter hides it.
    private var rowOfIndex: [Int] = []
    private(set) var progress: PageProgress?
    private(set) var error: ServiceError?
    private(set) var contentWidths: [Int] = []

    /// An empty list whose first page is on its way.
    init() {
        phase = .loading
    }

    /// A list that is complete from the start (the configured providers).
    init(items: [Item]) {
        phase = .loaded
        append(items)
        if let first = rows.first { selectedID = self.items[first].id }
    }

    /// Rows shown (after the filter).
    var count: Int { rows.count }
    /// Items loaded, shown or not.
    var loadedCount: Int { items.count }
    var isEmpty: Bool { rows.isEmpty }
    var isLoading: Bool { phase == .loading }
    var isFiltered: Bool { arrangement.isShown != nil }

    /// The cursor's row among the shown rows, or `nil` while a reload has not brought the selected item back yet
    /// (or the filter hides it).
    var selectedIndex: Int? {
        guard let selectedID, let index = indexByID[selectedID] else { return nil }
        let row = rowOfIndex[index]
        return row >= 0 ? row : nil
    }

    var selectedItem: Item? {
        guard let row = selectedIndex else { return nil }
        return items[rows[row]]
    }

    /// The cursor's ID as the other panes see it: `nil` when the filter hides the selected item.
    var visibleSelectedID: String? {
        guard let selectedID else { return nil }
        if let index = indexByID[selectedID], rowOfIndex[index] < 0 { return nil }
        return selectedID
    }

    /// The item shown at `row`.
    func item(atRow row: Int) -> Item { items[rows[row]] }

    /// The shown items in display order.
    var shownItems: [Item] { rows.map { items[$0] } }

    func index(of id: String) -> Int? { indexByID[id] }

    /// Whether the item with this ID is loaded and shown.
    func shows(_ id: String) -> Bool {
        guard let index = indexByID[id] else { return false }
        return rowOfIndex[index] >= 0
    }

    // MARK: - Loading

    /// Appends one page. An ID seen before replaces the earlier record in place (paged APIs repeat rows across page
    /// boundaries when new backups appear meanwhile), so IDs stay unique and the cursor stays put.
    mutating func receive(page: [Item], progress: PageProgress) {
        append(page)
        self.progress = progress
        if selectedID == nil, let first = rows.first {
            selectedID = items[first].id
        }
        if let row = selectedIndex { anchorIndex = row }
        if progress.finished {
            phase = .loaded
            resolvePendingSelection()
        }
    }

    /// The request failed: rows already loaded stay, the error shows under them.
    mutating func fail(_ error: ServiceError) {
        self.error = error
        phase = .failed
        if selectedID == nil, let first = rows.first { selectedID = items[first].id }
        resolvePendingSelection()
    }

    /// Clears the rows for a reload, keeping the cursor's ID, its index and the scroll position.
    mutating func beginReload() {
        if let row = selectedIndex { anchorIndex = row }
        items = []
        indexByID = [:]
        rows = []
        rowOfIndex = []
        progress = nil
        error = nil
        contentWidths = []
        phase = .loading
    }

    private mutating func append(_ page: [Item]) {
        var added: [Int] = []
        var replaced = false
        for item in page {
            let widths = item.measuredWidths
            if contentWidths.count < widths.count {
                contentWidths += Array(repeating: 0, count: widths.count - contentWidths.count)
            }
            for (column, width) in widths.enumerated() where width > contentWidths[column] {
                contentWidths[column] = width
            }
            if let existing = indexByID[item.id] {
                items[existing] = item
                replaced = true
            } else {
                indexByID[item.id] = items.count
                added.append(items.count)
                items.append(item)
                rowOfIndex.append(-1)
            }
        }
        if replaced {
            // A changed record may move or change visibility: arrange everything again (rare).
            rearrange()
        } else {
            insertRows(added)
        }
    }

    // MARK: - Filter and sort

    /// Applies a new filter and sort. The cursor keeps its item when it is still shown; when the filter hides it, it
    /// moves to the nearest shown item in the sorted order. When nothing is shown the selection is kept, so clearing
    /// the filter brings it back.
    mutating func arrange(_ arrangement: Arrangement<Item>, stamp: Int) {
        self.arrangement = arrangement
        arrangementStamp = stamp
        rearrange()
        guard let selectedID, let index = indexByID[selectedID], rowOfIndex[index] < 0, !rows.isEmpty else {
            if let row = selectedIndex { anchorIndex = row }
            return
        }
        // The nearest shown neighbour in the unfiltered, sorted order.
        let everything = sortedIndices(Array(items.indices))
        guard let position = everything.firstIndex(of: index) else { return }
        for distance in 1..<max(2, everything.count) {
            for candidate in [position + distance, position - distance] where everything.indices.contains(candidate) {
                let row = rowOfIndex[everything[candidate]]
                if row >= 0 {
                    select(row)
                    return
                }
            }
        }
    }

    /// Moves the cursor to `id` if it is shown; returns whether it is.
    @discardableResult
    mutating func select(id: String) -> Bool {
        guard let index = indexByID[id], rowOfIndex[index] >= 0 else { return false }
        selectedID = id
        anchorIndex = rowOfIndex[index]
        return true
    }

    private func sortedIndices(_ indices: [Int]) -> [Int] {
        guard let precedes = arrangement.precedes else { return indices }
        return indices.sorted { precedes(items[$0], items[$1]) }
    }

    private mutating func rearrange() {
        let shown = items.indices.filter { arrangement.isShown?(items[$0]) ?? true }
        rows = sortedIndices(shown)
        rebuildRowIndex()
    }

    /// New items: the shown ones are sorted among themselves and merged into the rows (pages mostly arrive in
    /// display order already, so this is close to an append).
    private mutating func insertRows(_ added: [Int]) {
        let shown = sortedIndices(added.filter { arrangement.isShown?(items[$0]) ?? true })
        guard !shown.isEmpty else { return }
        if let precedes = arrangement.precedes, let last = rows.last, precedes(items[shown[0]], items[last]) {
            rows = merge(rows, shown)
            rebuildRowIndex()
        } else {
            for index in shown {
                rowOfIndex[index] = rows.count
                rows.append(index)
            }
        }
    }

    private func merge(_ left: [Int], _ right: [Int]) -> [Int] {
        guard let precedes = arrangement.precedes else { return left + right }
        var merged: [Int] = []
        merged.reserveCapacity(left.count + right.count)
        var (i, j) = (0, 0)
        while i < left.count && j < right.count {
            if precedes(items[right[j]], items[left[i]]) {
                merged.append(right[j]); j += 1
            } else {
                merged.append(left[i]); i += 1
            }
        }
        merged += left[i...]
        merged += right[j...]
        return merged
    }

    private mutating func rebuildRowIndex() {
        rowOfIndex = Array(repeating: -1, count: items.count)
        for (row, index) in rows.enumerated() { rowOfIndex[index] = row }
    }

    /// Loading has ended: a selected ID that did not come back gives way to its nearest neighbour.
    private mutating func resolvePendingSelection() {
        guard selectedID != nil, selectedIndex == nil else { return }
        if items.isEmpty {
            selectedID = nil
            anchorIndex = 0
        } else if !rows.isEmpty, indexByID[selectedID ?? ""] == nil {
            select(min(anchorIndex, rows.count - 1))
        }
    }

    // MARK: - Cursor

    /// Selects the item at shown row `row` (clamped).
    mutating func select(_ row: Int) {
        guard !rows.isEmpty else { return }
        let clamped = min(max(0, row), rows.count - 1)
        selectedID = items[rows[clamped]].id
        anchorIndex = clamped
    }

    /// Runs a navigation command with `viewport` rows visible. Returns whether the selection changed.
    @discardableResult
    mutating func navigate(_ command: Command, viewport: Int) -> Bool {
        guard !rows.isEmpty else { return false }
        let before = selectedID
        let page = max(1, viewport)
        // While a reload is looking for the selected item (or the filter hides it), the user taking over starts from
        // where it was.
        let current = selectedIndex ?? min(anchorIndex, rows.count - 1)
        switch command {
        case .moveDown: select(current + 1)
        case .moveUp: select(current - 1)
        case .pageDown:
            scrollTop = min(scrollTop + page, max(0, rows.count - page))
            select(current + page)
        case .pageUp:
            scrollTop = max(0, scrollTop - page)
            select(current - page)
        case .first: select(0)
        case .last: select(rows.count - 1)
        default: return false
        }
        keepVisible(viewport: viewport)
        return before != selectedID
    }

    mutating func keepVisible(viewport: Int) {
        // While a reload looks for the selected item, keep the old scroll position so the view comes back unchanged.
        if selectedIndex == nil && isLoading { return }
        scrollTop = Scroll.top(current: scrollTop, cursor: selectedIndex, viewport: viewport, count: rows.count)
    }
}

/// Which items of a list show, and in what order; `nil` shows every item / keeps arrival order.
struct Arrangement<Item>: Sendable {
    var isShown: (@Sendable (Item) -> Bool)?
    var precedes: (@Sendable (Item, Item) -> Bool)?
}

enum Scroll {
    /// The first visible row: `current`, moved as little as possible so the cursor is visible and the view is
    /// not scrolled past the end.
    static func top(current: Int, cursor: Int?, viewport: Int, count: Int) -> Int {
        guard viewport > 0, count > 0 else { return 0 }
        var top = min(max(0, current), max(0, count - viewport))
        if let cursor {
            if cursor < top { top = cursor }
            if cursor >= top + viewport { top = cursor - viewport + 1 }
        }
        return max(0, top)
    }
}

// MARK: - Measuring the three kinds of rows

extension ProviderSummary: PaneItem {
    var measuredWidths: [Int] { [DisplayWidth.of(Sanitize.forDisplay(name)), DisplayWidth.of(Sanitize.forDisplay(label ?? kind.shortLabel))] }
}

extension Instance: PaneItem {
    var measuredWidths: [Int] { [DisplayWidth.of(Sanitize.forDisplay(displayName)), DisplayWidth.of(Sanitize.forDisplay(engineLabel))] }

    /// "name (or id)".
    var displayName: String { name.isEmpty ? id : name }

    /// `MySQL 8.0`.
    var engineLabel: String { Self.engineLabel(engine, engineVersion) }

    static func engineLabel(_ engine: String, _ version: String) -> String {
        [engine, version].filter { !$0.isEmpty }.joined(separator: " ")
    }
}

extension Backup: PaneItem {
    var measuredWidths: [Int] {
        [DisplayWidth.of(Sanitize.forDisplay(id)), DisplayWidth.of(Sanitize.forDisplay(type)), DisplayWidth.of(Sanitize.forDisplay(mode))]
    }
}

extension ProviderKind {
    /// The service without the vendor, short enough for the narrow providers pane.
    var shortLabel: String {
        switch self {
        case .alibabaRDS: "RDS"
        case .alibabaRedis: "Redis"
        case .alibabaStarRocks: "StarRocks"
        case .alibabaHBR: "HBR"
        case .huaweiGaussDBNoSQL: "GaussDB"
        }
    }
}
