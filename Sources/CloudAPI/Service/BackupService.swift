import BackupModel
import Foundation

/// How a service pages its backup list, so the fetch engine can plan concurrent page requests.
public enum PagingScheme: Sendable, Equatable {
    /// 1-based page numbers; `reportsTotal` when the response carries the total record count.
    case pageNumber(maxPageSize: Int, reportsTotal: Bool)
    /// Records skipped + page length (Huawei `offset`/`limit`).
    case offsetLimit(maxLimit: Int)
}

/// One page to ask for, whatever the service's own paging words are.
public struct PageRequest: Sendable, Equatable {
    /// 1-based page number.
    public var number: Int
    /// Requested page length; a client may round it to a size the service accepts (see `Page.size`).
    public var size: Int

    public init(number: Int, size: Int) {
        self.number = number
        self.size = size
    }
}

/// One page of results.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// The 1-based page number that was asked for.
    public var number: Int
    /// The page length actually sent to the service (after rounding to a valid size).
    public var size: Int
    /// Total records across all pages, when the service reports it.
    public var totalCount: Int?
    /// Records dropped as malformed, each with why (e.g. `backup #3 skipped: BackupId is missing`).
    public var skipped: [String]

    public init(items: [Item], number: Int, size: Int, totalCount: Int?, skipped: [String] = []) {
        self.items = items
        self.number = number
        self.size = size
        self.totalCount = totalCount
        self.skipped = skipped
    }
}

/// What every service client offers the fetch engine.
public protocol BackupService: Sendable {
    var kind: ProviderKind { get }
    var backupPaging: PagingScheme { get }
    func listInstances(_ page: PageRequest) async throws(ServiceError) -> Page<Instance>
    func listBackups(instanceID: String, page: PageRequest, window: DateInterval?) async throws(ServiceError)
        -> Page<Backup>
}
