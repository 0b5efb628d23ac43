import BackupModel

/// A list pane's filter as typed: a substring, smart-case (case matters only when the text has a capital letter),
/// `!text` keeps the rows that do *not* contain it.
public struct ListFilter: Sendable, Hashable {
    public var text: String

    public init(_ text: String) {
        self.text = text
    }

    var isInverted: Bool { text.hasPrefix("!") }
    var needle: String { isInverted ? String(text.dropFirst()) : text }
    /// `""` and a lone `!` filter nothing.
    var isEmpty: Bool { needle.isEmpty }

    /// Whether a row with these column texts is shown.
    func matches(_ fields: [String]) -> Bool {
        let needle = self.needle
        guard !needle.isEmpty else { return true }
        let caseSensitive = needle.contains { $0.isUppercase }
        let wanted = caseSensitive ? needle : needle.lowercased()
        let found = fields.contains { field in
            (caseSensitive ? field : field.lowercased()).contains(wanted)
        }
        return found != isInverted
    }
}

/// `f` cycles the backup pane through these: all → failed → running → ok.
public enum StatusFilter: String, Sendable, Hashable, CaseIterable {
    case all, failed, running, ok

    var next: StatusFilter {
        let all = Self.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }

    func matches(_ status: BackupStatus) -> Bool {
        switch self {
        case .all: true
        case .failed: status == .failed
        case .running: status == .running
        case .ok: status == .ok
        }
    }
}

/// The texts a filter looks in: what the pane's columns show (the full, unshortened values).
protocol Filterable {
    var filterFields: [String] { get }
}

extension ProviderSummary: Filterable {
    var filterFields: [String] { [name, kind.shortLabel, kind.rawValue, label ?? ""] }
}

extension Instance: Filterable {
    var filterFields: [String] { [id, name, engineLabel] }
}

extension Backup: Filterable {
    var filterFields: [String] {
        [
            id, statusText, status.rawValue, start.map(Format.minute) ?? "", duration.map(Format.duration) ?? "",
            size?.formatted ?? "", type, mode,
        ]
    }
}

extension State {
    /// The filter of a list pane (`nil`: none).
    public func filter(for pane: Focus) -> ListFilter? {
        guard let filter = filters[pane], !filter.isEmpty else { return nil }
        return filter
    }

    /// Sets (or, with `""`, clears) a pane's filter; the lists are arranged again at the end of the action.
    mutating func setFilter(_ text: String, for pane: Focus) {
        filters[pane] = text.isEmpty ? nil : ListFilter(text)
        arrangementStamp += 1
    }

    /// `f`: the next status filter of the backup pane.
    mutating func cycleStatusFilter() {
        statusFilter = statusFilter.next
        arrangementStamp += 1
        statusMessage = StatusMessage(
            text: statusFilter == .all ? "showing every backup" : "showing \(statusFilter.rawValue) backups only",
            isError: false)
    }

    /// Whether the focused list has a filter (text or status) that `Esc` would clear.
    var focusedPaneIsFiltered: Bool {
        guard focus != .detail else { return false }
        return filter(for: focus) != nil || (focus == .backups && statusFilter != .all)
    }

    /// `Esc` on a filtered list clears its filters before it goes back.
    mutating func clearFocusedFilters() {
        setFilter("", for: focus)
        if focus == .backups { statusFilter = .all }
        statusMessage = StatusMessage(text: "filter cleared", isError: false)
    }

    // MARK: - Arranging the lists

    /// The pane's text filter as a test of a row's fields, if it has one.
    private func textFilter(_ pane: Focus) -> (@Sendable ([String]) -> Bool)? {
        guard let filter = filter(for: pane) else { return nil }
        return { filter.matches($0) }
    }

    /// Gives the lists on screen the current filters and sort, if they do not have them yet. Lists not on screen
    /// get them when they come back into view.
    mutating func arrangeVisibleLists() {
        let stamp = arrangementStamp
        if providerList.arrangementStamp != stamp {
            var isShown: (@Sendable (ProviderSummary) -> Bool)?
            if let test = textFilter(.providers) { isShown = { test($0.filterFields) } }
            providerList.arrange(Arrangement(isShown: isShown), stamp: stamp)
        }
        if let provider = selectedProvider?.name, let list = instanceLists[provider], list.arrangementStamp != stamp {
            var isShown: (@Sendable (Instance) -> Bool)?
            if let test = textFilter(.instances) { isShown = { test($0.filterFields) } }
            instanceLists[provider]?.arrange(Arrangement(isShown: isShown), stamp: stamp)
        }
        if let key = backupKey, let list = backupLists[key], list.arrangementStamp != stamp {
            let text = textFilter(.backups)
            let status = statusFilter
            let isShown: (@Sendable (Backup) -> Bool)?
            switch (text, status) {
            case (nil, .all): isShown = nil
            case (let test?, .all): isShown = { test($0.filterFields) }
            case (nil, _): isShown = { status.matches($0.status) }
            case (let test?, _): isShown = { status.matches($0.status) && test($0.filterFields) }
            }
            let sort = backupSort
            let precedes: @Sendable (Backup, Backup) -> Bool = { sort.precedes($0, $1) }
            backupLists[key]?.arrange(Arrangement(isShown: isShown, precedes: precedes), stamp: stamp)
        }
    }
}
