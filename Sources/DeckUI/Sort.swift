import BackupModel
import Foundation

/// A column the backup pane can be sorted by.
public enum BackupColumn: String, Sendable, Hashable, CaseIterable {
    case status, id, start, duration, size, type, mode

    /// Times, durations and sizes start biggest first (newest, longest, largest); the rest A→Z; status failed first.
    var startsDescending: Bool {
        switch self {
        case .start, .duration, .size: true
        case .status, .id, .type, .mode: false
        }
    }
}

/// How the backup pane is sorted: start time, newest first, unless the user picks otherwise (`s`, `S`).
/// Rows without a value (no size yet, no end) go last in either direction; ties break by ID in the same direction,
/// so the order is total and `S` reverses it exactly.
public struct BackupSort: Sendable, Hashable {
    public var column: BackupColumn
    public var descending: Bool

    public init(column: BackupColumn, descending: Bool) {
        self.column = column
        self.descending = descending
    }

    public static let standard = BackupSort(column: .start, descending: true)

    /// `s`: the next column, in the header's order, in its natural direction.
    var next: BackupSort {
        let all = BackupColumn.allCases
        let column = all[((all.firstIndex(of: self.column) ?? 0) + 1) % all.count]
        return BackupSort(column: column, descending: column.startsDescending)
    }

    /// "sorted by start, descending", for the status line.
    var description: String {
        "sorted by \(column.rawValue), \(descending ? "descending" : "ascending")"
    }

    func precedes(_ a: Backup, _ b: Backup) -> Bool {
        switch compare(a, b) {
        case .orderedAscending: return !descending
        case .orderedDescending: return descending
        case .orderedSame:
            let byID = Self.compareIDs(a.id, b.id)
            return descending ? byID == .orderedDescending : byID == .orderedAscending
        }
    }

    /// Compares the column's values; a missing value sorts last whatever the direction, so it is "after" here in
    /// the direction being used.
    private func compare(_ a: Backup, _ b: Backup) -> ComparisonResult {
        func values<T: Comparable>(_ x: T?, _ y: T?) -> ComparisonResult {
            switch (x, y) {
            case (nil, nil): return .orderedSame
            case (nil, _): return descending ? .orderedAscending : .orderedDescending
            case (_, nil): return descending ? .orderedDescending : .orderedAscending
            case (let x?, let y?): return x < y ? .orderedAscending : (y < x ? .orderedDescending : .orderedSame)
            }
        }
        switch column {
        case .status: return values(Self.statusRank(a.status), Self.statusRank(b.status))
        case .id: return Self.compareIDs(a.id, b.id)
        case .start: return values(a.start, b.start)
        case .duration: return values(a.duration, b.duration)
        case .size: return values(a.size, b.size)
        case .type: return values(a.type.isEmpty ? nil : a.type.lowercased(), b.type.isEmpty ? nil : b.type.lowercased())
        case .mode: return values(a.mode.isEmpty ? nil : a.mode.lowercased(), b.mode.isEmpty ? nil : b.mode.lowercased())
        }
    }

    /// What needs a look first: failed, running, unknown, ok.
    private static func statusRank(_ status: BackupStatus) -> Int {
        switch status {
        case .failed: 0
        case .running: 1
        case .unknown: 2
        case .ok: 3
        }
    }

    /// Numeric IDs compare as numbers (`9` before `10`), others as text.
    static func compareIDs(_ a: String, _ b: String) -> ComparisonResult {
        a.compare(b, options: [.numeric])
    }
}

extension State {
    /// `s`: sort by the next column.
    mutating func cycleSortColumn() {
        setSort(backupSort.next)
    }

    /// `S`: reverse the order.
    mutating func reverseSort() {
        setSort(BackupSort(column: backupSort.column, descending: !backupSort.descending))
    }

    mutating func setSort(_ sort: BackupSort) {
        backupSort = sort
        arrangementStamp += 1
        statusMessage = StatusMessage(text: sort.description, isError: false)
    }
}
