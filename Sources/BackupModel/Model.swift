import Foundation

/// The five backup services backdeck browses; the raw value is the config file's `service`.
public enum ProviderKind: String, Sendable, Hashable, CaseIterable, Codable {
    case alibabaRDS = "alibaba-rds"
    case alibabaRedis = "alibaba-redis"
    case alibabaStarRocks = "alibaba-starrocks"
    case alibabaHBR = "alibaba-hbr"
    case huaweiGaussDBNoSQL = "huawei-gaussdb-nosql"

    /// Short name for panes and breadcrumbs.
    public var displayName: String {
        switch self {
        case .alibabaRDS: "Alibaba RDS"
        case .alibabaRedis: "Alibaba Redis"
        case .alibabaStarRocks: "Alibaba StarRocks"
        case .alibabaHBR: "Alibaba HBR"
        case .huaweiGaussDBNoSQL: "Huawei GaussDB NoSQL"
        }
    }
}

/// A configured provider as the UI sees it (no credentials: those never leave CloudAPI).
public struct ProviderSummary: Sendable, Hashable, Identifiable {
    public var id: String { name }
    public var name: String
    public var kind: ProviderKind
    public var region: String
    /// A short badge (`PROD`) from the config, so production is never mistaken for staging.
    public var label: String?
    /// The config's accent colour name (`red`, `green`, …): the frames of this provider's panes.
    public var accent: String?

    public init(name: String, kind: ProviderKind, region: String, label: String? = nil, accent: String? = nil) {
        self.name = name
        self.kind = kind
        self.region = region
        self.label = label
        self.accent = accent
    }
}

/// A database instance (or, for HBR, a vault): the thing backups belong to.
public struct Instance: Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var engine: String
    public var engineVersion: String
    public var region: String
    public var status: String

    public init(id: String, name: String, engine: String, engineVersion: String, region: String, status: String) {
        self.id = id
        self.name = name
        self.engine = engine
        self.engineVersion = engineVersion
        self.region = region
        self.status = status
    }
}

/// One status vocabulary for every service; the vendor's own word is kept in `Backup.statusText`.
public enum BackupStatus: String, Sendable, Hashable, CaseIterable {
    case ok, running, failed, unknown
}

/// A size in bytes. Services report GiB, KB, bytes and numbers-as-strings: CloudAPI converts.
public struct ByteCount: Sendable, Hashable, Comparable {
    public var bytes: Int64

    public init(bytes: Int64) { self.bytes = bytes }

    public static func < (lhs: ByteCount, rhs: ByteCount) -> Bool { lhs.bytes < rhs.bytes }

    /// Binary units, three significant digits: `512 B`, `2.07 MiB`, `14.2 GiB`.
    public var formatted: String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = Double(bytes)
        var unit = 0
        while abs(value) >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        let digits = abs(value) >= 100 ? 0 : (abs(value) >= 10 ? 1 : 2)
        return String(format: "%.\(digits)f %@", value, units[unit])
    }
}

/// A normalised backup, whatever service it came from.
public struct Backup: Sendable, Hashable, Identifiable {
    public var id: String
    public var instanceID: String
    public var status: BackupStatus
    /// The vendor's status word, shown as is.
    public var statusText: String
    public var start: Date?
    public var end: Date?
    public var size: ByteCount?
    /// Short words for the list's columns, e.g. "Full", "Automated".
    public var type: String
    public var mode: String
    public var detail: BackupDetail
    /// What looked odd in the vendor's record (an unknown status, a number sent as text…), shown in the detail.
    public var anomalies: [String]
    /// The vendor's record as the API sent it, as compact JSON text (the vendor's key order), for the raw view and
    /// `backdeck list --format json`; nil when the record was built in code.
    public var raw: String?

    public init(
        id: String, instanceID: String, status: BackupStatus, statusText: String,
        start: Date?, end: Date?, size: ByteCount?, type: String, mode: String,
        detail: BackupDetail, anomalies: [String] = []
    ) {
        self.id = id
        self.instanceID = instanceID
        self.status = status
        self.statusText = statusText
        self.start = start
        self.end = end
        self.size = size
        self.type = type
        self.mode = mode
        self.detail = detail
        self.anomalies = anomalies
    }

    /// End minus start, when both are known and in order.
    public var duration: TimeInterval? {
        guard let start, let end, end >= start else { return nil }
        return end.timeIntervalSince(start)
    }
}

/// The service-specific part of a backup, for the detail pane.
public enum BackupDetail: Sendable, Hashable {
    case rds(RDSBackupDetail)
    case redis(RedisBackupDetail)
    case starRocks(StarRocksBackupDetail)
    case hbr(HBRBackupDetail)
    case huawei(HuaweiBackupDetail)
}

/// RDS `DescribeBackups` record beyond the common fields.
public struct RDSBackupDetail: Sendable, Hashable {
    public var mode: String            // Automated | Manual
    public var type: String            // FullBackup | IncrementalBackup
    public var method: String          // Physical | Logical | Snapshot
    public var initiator: String       // System | User
    public var engine: String
    public var engineVersion: String
    public var consistentTime: Date?
    public var checksum: String
    public var downloadURL: String?          // nil when empty or absent: "not downloadable"
    public var intranetDownloadURL: String?
    public var databaseLinks: [DatabaseDownloadLink]
    public var isAvailable: Bool?
    public var storeStatus: String
    public var expectExpireTime: Date?
    public var hostInstanceID: String

    public init(
        mode: String, type: String, method: String, initiator: String, engine: String, engineVersion: String,
        consistentTime: Date?, checksum: String, downloadURL: String?, intranetDownloadURL: String?,
        databaseLinks: [DatabaseDownloadLink], isAvailable: Bool?, storeStatus: String,
        expectExpireTime: Date?, hostInstanceID: String
    ) {
        self.mode = mode
        self.type = type
        self.method = method
        self.initiator = initiator
        self.engine = engine
        self.engineVersion = engineVersion
        self.consistentTime = consistentTime
        self.checksum = checksum
        self.downloadURL = downloadURL
        self.intranetDownloadURL = intranetDownloadURL
        self.databaseLinks = databaseLinks
        self.isAvailable = isAvailable
        self.storeStatus = storeStatus
        self.expectExpireTime = expectExpireTime
        self.hostInstanceID = hostInstanceID
    }
}

/// One entry of RDS `BackupDownloadLinkByDB`.
public struct DatabaseDownloadLink: Sendable, Hashable {
    public var database: String
    public var publicURL: String?
    public var internalURL: String?

    public init(database: String, publicURL: String?, internalURL: String?) {
        self.database = database
        self.publicURL = publicURL
        self.internalURL = internalURL
    }
}

/// A failed request as the user should read it: never holds keys, tokens or signatures.
public struct ServiceError: Error, Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case http          // the service answered with an error status (or Success:false)
        case transport     // connection refused, reset, DNS
        case timeout
        case decoding      // the body was not what the API documents
        case configuration // credentials missing, bad endpoint
    }

    public var kind: Kind
    public var httpStatus: Int?
    /// The vendor's error code, e.g. `SignatureDoesNotMatch`.
    public var code: String
    public var message: String
    public var requestID: String?
    /// How long the service asked us to wait before trying again (Alibaba's `x-acs-retry-after`, milliseconds).
    public var retryAfterMilliseconds: Int?

    public init(kind: Kind, httpStatus: Int? = nil, code: String, message: String, requestID: String? = nil,
                retryAfterMilliseconds: Int? = nil) {
        self.kind = kind
        self.httpStatus = httpStatus
        self.code = code
        self.message = message
        self.requestID = requestID
        self.retryAfterMilliseconds = retryAfterMilliseconds
    }

    /// One line for a pane or the status line: `HTTP 403 SignatureDoesNotMatch: The signature…`.
    public var summary: String {
        var parts: [String] = []
        if let httpStatus { parts.append("HTTP \(httpStatus)") }
        if !code.isEmpty { parts.append(code + ":") }
        parts.append(message)
        return parts.joined(separator: " ")
    }
}

/// How far a paged listing has come, for pane titles and the status line, and what `r` must fetch again.
public struct PageProgress: Sendable, Hashable {
    public var pagesLoaded: Int
    public var totalPages: Int?
    public var itemsLoaded: Int
    public var totalItems: Int?
    /// Every page asked for has been answered (with rows or, for `missingPages`, a final error).
    public var finished: Bool
    /// The page whose rows this update brings (nil when the listing is not paged).
    public var page: Int?
    /// The page length the listing is paged by (what the client actually sent).
    public var pageSize: Int?
    /// Pages that failed even after retries, ascending: their rows are missing until `r` fetches them again.
    public var missingPages: [Int]
    /// A listing without a total stopped after failures before it saw its last page: pages from this one on may exist.
    public var unscannedFrom: Int?

    public init(pagesLoaded: Int, totalPages: Int?, itemsLoaded: Int, totalItems: Int?, finished: Bool,
                page: Int? = nil, pageSize: Int? = nil, missingPages: [Int] = [], unscannedFrom: Int? = nil) {
        self.pagesLoaded = pagesLoaded
        self.totalPages = totalPages
        self.itemsLoaded = itemsLoaded
        self.totalItems = totalItems
        self.finished = finished
        self.page = page
        self.pageSize = pageSize
        self.missingPages = missingPages
        self.unscannedFrom = unscannedFrom
    }

    /// Something is missing that `r` can fetch without starting over.
    public var isIncomplete: Bool { !missingPages.isEmpty || unscannedFrom != nil }

    /// What to fetch to complete this listing, keeping the rows already loaded; nil when nothing is missing.
    public var remainder: PageRemainder? {
        guard isIncomplete, let pageSize else { return nil }
        return PageRemainder(pages: missingPages, scanFrom: unscannedFrom, pageSize: pageSize, totalItems: totalItems,
                             totalPages: totalPages, itemsLoaded: itemsLoaded, pagesLoaded: pagesLoaded)
    }
}

/// Which pages of a listing to fetch.
public enum PageScope: Sendable, Hashable {
    /// From the first page to the last.
    case all
    /// Only what an earlier fetch could not get (after `r` on a listing with failed pages).
    case remainder(PageRemainder)
}

/// The pages an earlier fetch of a listing is missing, with what it knew of the listing.
public struct PageRemainder: Sendable, Hashable {
    /// Failed pages to ask for again.
    public var pages: [Int]
    /// No total: after `pages`, keep asking from this page on until a short one.
    public var scanFrom: Int?
    public var pageSize: Int
    public var totalItems: Int?
    public var totalPages: Int?
    /// Rows and pages already on screen, so progress counts on from them.
    public var itemsLoaded: Int
    public var pagesLoaded: Int

    public init(pages: [Int], scanFrom: Int?, pageSize: Int, totalItems: Int?, totalPages: Int?,
                itemsLoaded: Int, pagesLoaded: Int) {
        self.pages = pages
        self.scanFrom = scanFrom
        self.pageSize = pageSize
        self.totalItems = totalItems
        self.totalPages = totalPages
        self.itemsLoaded = itemsLoaded
        self.pagesLoaded = pagesLoaded
    }
}

/// Why a request is being tried again.
public enum RetryReason: String, Sendable, Hashable {
    case throttled
    case serverError = "server error"
    case timeout = "timed out"
    case connectionLost = "connection lost"
}

/// A request failed in a way worth retrying; the next attempt starts after `delay`.
public struct RetryNotice: Sendable, Hashable {
    public var reason: RetryReason
    /// The page being retried (nil for a request that is not a page of a listing).
    public var page: Int?
    /// The attempt about to be made (2 for the first retry) and the most there will be.
    public var attempt: Int
    public var maxAttempts: Int
    public var delay: Duration
    public var error: ServiceError

    public init(reason: RetryReason, page: Int?, attempt: Int, maxAttempts: Int, delay: Duration, error: ServiceError) {
        self.reason = reason
        self.page = page
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.delay = delay
        self.error = error
    }
}
