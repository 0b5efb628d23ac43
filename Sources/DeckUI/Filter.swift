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
}

/// A filter's text ready to scan a row's UTF-8 filter text: smart-case by ASCII case folding (a capital letter in the
/// filter makes it exact), `!` inverting.
struct TextMatcher: Sendable {
    private let needle: [UInt8]
    private let caseSensitive: Bool
    private let inverted: Bool

    init?(_ filter: ListFilter?) {
        guard let filter, !filter.isEmpty else { return nil }
        caseSensitive = filter.needle.contains { $0.isUppercase }
        needle = Array((caseSensitive ? filter.needle : filter.needle.lowercased()).utf8)
        inverted = filter.isInverted
    }

    func matches(_ haystack: [UInt8]) -> Bool {
        contains(haystack) != inverted
    }

    private func contains(_ haystack: [UInt8]) -> Bool {
        let count = needle.count
        guard count <= haystack.count else { return false }
        let first = needle[0]
        var start = 0
        let last = haystack.count - count
        while start <= last {
            if fold(haystack[start]) == first {
                var offset = 1
                while offset < count, fold(haystack[start + offset]) == needle[offset] { offset += 1 }
                if offset == count { return true }
            }
            start += 1
        }
        return false
    }

    @inline(__always) private func fold(_ byte: UInt8) -> UInt8 {
        !caseSensitive && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
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

    /// Gives the lists on screen the current filters and sort, if they do not have them yet. Lists not on screen
    /// get them when they come back into view.
    mutating func arrangeVisibleLists() {
        let stamp = arrangementStamp
        if providerList.arrangementStamp != stamp {
            let text = TextMatcher(filter(for: .providers))
            providerList.arrange(Arrangement(text: text), stamp: stamp)
        }
        if let provider = selectedProvider?.name, let list = instanceLists[provider], list.arrangementStamp != stamp {
            let text = TextMatcher(filter(for: .instances))
            instanceLists[provider]?.arrange(Arrangement(text: text), stamp: stamp)
        }
        if let key = backupKey, let list = backupLists[key], list.arrangementStamp != stamp {
            let status = statusFilter
            let sort = backupSort
            var isShown: (@Sendable (Backup) -> Bool)?
            if status != .all { isShown = { status.matches($0.status) } }
            let precedes: @Sendable (Backup, Backup) -> Bool = { sort.precedes($0, $1) }
            let arrangement = Arrangement(isShown: isShown, text: TextMatcher(filter(for: .backups)), precedes: precedes,
                                          sortID: "\(sort.column) \(sort.descending)")
            backupLists[key]?.arrange(arrangement, stamp: stamp)
        }
    }
}
