import BackupModel
import Foundation

/// An item a list pane can show: identified by a string ID, with the columns that size to their content measured.
protocol PaneItem: Identifiable, Sendable, Filterable where ID == String {
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
    /// Each item's filter text as UTF-8 (its `filterFields`, NUL-separated), built the first time a text filter is
    /// used and kept up to date after that: a keystroke then scans bytes instead of formatting every row again.
    private var searchBytes: [[UInt8]]?
    /// Every item index in the current sort's order, kept while only the filter changes; nil after items change.
    private var sortedOrder: (sortID: String, order: [Int])?
    private(set) var progress: PageProgress?
    private(set) var error: ServiceError?
    private(set) var contentWidths: [Int] = []
    /// Pages that failed after retries, each with the row index its rows belong at (so `r` can put them back in
    /// place), and the latest such failure for the pane to show.
    private(set) var gapAnchors: [Int: Int] = [:]
    private(set) var gapError: ServiceError?
    /// A refresh in progress (`r` on a list with rows, auto-refresh): new pages gather here and replace the rows
    /// only once complete, so nothing on screen is lost if it fails and the pane never flickers through a half list.
    private var staged: [Item]?
    /// How far that refresh has come; nil for a quiet one (auto-refresh), which the screen does not announce.
    private(set) var refreshProgress: PageProgress?
    private var refreshIsQuiet = false
    /// When the list was last loaded in full (the clock of the action that finished it), for auto-refresh.
    private(set) var loadedAt: Date?

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
    var isFiltered: Bool { arrangement.isShown != nil || arrangement.text != nil }

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

    /// Takes one page: appended, or put back where it belongs if it fills a gap. An ID seen before replaces the
    /// earlier record in place (paged APIs repeat rows across page boundaries when new backups appear meanwhile),
    /// so IDs stay unique and the cursor stays put.
    mutating func receive(page: [Item], progress: PageProgress, at now: Date? = nil) {
        if staged != nil {
            staged?.append(contentsOf: page)
            if !refreshIsQuiet { refreshProgress = progress }
            if progress.finished { commitRefresh(progress, at: now) }
            return
        }
        if let number = progress.page, let anchor = gapAnchors.removeValue(forKey: number) {
            insert(page, at: anchor)
        } else {
            append(page)
        }
        if gapAnchors.isEmpty { gapError = nil }
        self.progress = progress
        if selectedID == nil, let first = rows.first {
            selectedID = items[first].id
        }
        if let row = selectedIndex { anchorIndex = row }
        if progress.finished {
            phase = .loaded
            loadedAt = now
            resolvePendingSelection()
        }
    }

    /// A page failed after retries: the rows around it stay, the gap is remembered for `r`.
    mutating func receiveGap(error: ServiceError, progress: PageProgress, at now: Date? = nil) {
        if staged != nil {
            // A refresh with holes would lose rows: keep what is on screen (auto-refresh tries again later).
            endRefresh(at: now)
            return
        }
        if let number = progress.page { gapAnchors[number] = items.count }
        gapError = error
        self.progress = progress
        if progress.finished {
            phase = .loaded
            loadedAt = now
            resolvePendingSelection()
        }
    }

    /// The request failed: rows already loaded stay, the error shows under them.
    mutating func fail(_ error: ServiceError, at now: Date? = nil) {
        if staged != nil {
            endRefresh(at: now)
            return
        }
        self.error = error
        phase = .failed
        if selectedID == nil, let first = rows.first { selectedID = items[first].id }
        resolvePendingSelection()
    }

    /// Starts a refresh: the rows stay on screen until the new list is complete. A quiet one (auto-refresh) shows
    /// no progress.
    mutating func beginRefresh(quiet: Bool) {
        staged = []
        refreshIsQuiet = quiet
        refreshProgress = nil
    }

    var isRefreshing: Bool { staged != nil }

    /// The user's refresh is on screen: the title says so and the status line counts it.
    var isVisiblyRefreshing: Bool { staged != nil && !refreshIsQuiet }

    private mutating func endRefresh(at now: Date?) {
        staged = nil
        refreshProgress = nil
        loadedAt = now
    }

    /// The pane's last line says what went wrong: the request's error, or the pages still missing.
    var hasFooter: Bool { error != nil || (progress?.isIncomplete == true && !isLoading) }

    /// What `r` does to this list.
    enum ReloadPlan: Sendable, Equatable {
        /// Fetch only the pages that failed.
        case fillGaps(PageRemainder)
        /// Fetch it all again behind the rows on screen.
        case refresh
        /// Nothing worth keeping on screen: start over.
        case fresh
    }

    var reloadPlan: ReloadPlan {
        if !isLoading, !isRefreshing, let remainder = progress?.remainder { return .fillGaps(remainder) }
        return items.isEmpty ? .fresh : .refresh
    }

    /// Starts fetching only the missing pages: the rows stay, the gaps are filled in place as pages land.
    mutating func beginFillingGaps() {
        gapError = nil
        phase = .loading
    }

    private mutating func commitRefresh(_ finalProgress: PageProgress, at now: Date?) {
        guard let fresh = staged else { return }
        staged = nil
        refreshProgress = nil
        clearItems()
        append(fresh)
        progress = finalProgress
        error = nil
        gapAnchors = [:]
        gapError = nil
        phase = .loaded
        loadedAt = now
        resolvePendingSelection()
    }

    /// Forgets every item and what was derived from them, keeping the cursor's ID and its row (for the
    /// nearest-neighbour rule once loading ends).
    private mutating func clearItems() {
        if let row = selectedIndex { anchorIndex = row }
        items = []
        indexByID = [:]
        rows = []
        rowOfIndex = []
        searchBytes = searchBytes == nil ? nil : []
        sortedOrder = nil
        contentWidths = []
    }

    /// Clears the rows for a reload, keeping the cursor's ID, its index and the scroll position.
    mutating func beginReload() {
        clearItems()
        progress = nil
        error = nil
        gapAnchors = [:]
        gapError = nil
        staged = nil
        phase = .loading
    }

    /// Rows of a page that failed before, put where they belong (in arrival order, which a sort may override);
    /// later gaps move down by as many items.
    private mutating func insert(_ page: [Item], at anchor: Int) {
        // An ID already loaded (it moved across the page boundary meanwhile) keeps its place.
        let fresh = page.filter { indexByID[$0.id] == nil }
        let position = min(anchor, items.count)
        items.insert(contentsOf: fresh, at: position)
        for (number, index) in gapAnchors where index >= position { gapAnchors[number] = index + fresh.count }
        indexByID = [:]
        for (index, item) in items.enumerated() { indexByID[item.id] = index }
        searchBytes?.insert(contentsOf: fresh.map(Self.searchText), at: position)
        sortedOrder = nil
        measure(fresh)
        rearrange()
    }

    private mutating func measure(_ page: [Item]) {
        for item in page {
            let widths = item.measuredWidths
            if contentWidths.count < widths.count {
                contentWidths += Array(repeating: 0, count: widths.count - contentWidths.count)
            }
            for (column, width) in widths.enumerated() where width > contentWidths[column] {
                contentWidths[column] = width
            }
        }
    }

    private mutating func append(_ page: [Item]) {
        measure(page)
        var added: [Int] = []
        var replaced = false
        for item in page {
            if let existing = indexByID[item.id] {
                items[existing] = item
                searchBytes?[existing] = Self.searchText(item)
                replaced = true
            } else {
                indexByID[item.id] = items.count
                added.append(items.count)
                items.append(item)
                searchBytes?.append(Self.searchText(item))
                rowOfIndex.append(-1)
            }
        }
        sortedOrder = nil
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
        let everything = allInSortOrder()
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
        if arrangement.text != nil, searchBytes == nil { searchBytes = items.map(Self.searchText) }
        let order = allInSortOrder()
        rows = order.filter { passes($0) }
        rebuildRowIndex()
    }

    /// Every item index in the sort's order; a named sort's order is kept until the items change.
    private mutating func allInSortOrder() -> [Int] {
        guard arrangement.precedes != nil else { return Array(items.indices) }
        if let sortID = arrangement.sortID, let cached = sortedOrder, cached.sortID == sortID { return cached.order }
        let order = sortedIndices(Array(items.indices))
        if let sortID = arrangement.sortID { sortedOrder = (sortID, order) }
        return order
    }

    /// Whether the filters keep the item at `index`.
    private func passes(_ index: Int) -> Bool {
        if let isShown = arrangement.isShown, !isShown(items[index]) { return false }
        if let text = arrangement.text, let searchBytes { return text.matches(searchBytes[index]) }
        return true
    }

    private static func searchText(_ item: Item) -> [UInt8] {
        Array(item.filterFields.joined(separator: "\u{0}").utf8)
    }

    /// New items: the shown ones are sorted among themselves and merged into the rows (pages mostly arrive in
    /// display order already, so this is close to an append).
    private mutating func insertRows(_ added: [Int]) {
        if arrangement.text != nil, searchBytes == nil { searchBytes = items.map(Self.searchText) }
        let shown = sortedIndices(added.filter { passes($0) })
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
    /// A test on the item itself (the status shortcut).
    var isShown: (@Sendable (Item) -> Bool)?
    /// The text filter, matched against each item's cached filter text.
    var text: TextMatcher?
    var precedes: (@Sendable (Item, Item) -> Bool)?
    /// Names the sort, so its order is kept while only the filter changes.
    var sortID: String?
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
