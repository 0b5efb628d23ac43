import BackupModel
import Foundation

/// ApsaraDB for Redis / Tair (r-kvstore, API 2015-01-01): `DescribeInstances` (POST) and
/// `DescribeClusterBackupList` (the one **GET** among the Alibaba RPC calls), signed with ACS3-HMAC-SHA256.
///
/// The backup list reports no total: `Page.totalCount` is always nil and a listing ends on a page holding fewer
/// cluster backups than the page size. It also requires a time window (`StartTime`/`EndTime`, minute precision).
public struct RedisClient: BackupService {
    public static let apiVersion = "2015-01-01"
    /// `PageSize` values the DescribeClusterBackupList page lists.
    public static let backupPageSizes = [30, 50, 100, 200, 300]
    /// DescribeInstances allows at most 50 per page.
    public static let maxInstancePageSize = 50
    /// Days the default window reaches back (see `defaultWindow(now:)`).
    public static let defaultWindowDays = 7

    public var kind: ProviderKind { .alibabaRedis }
    public var backupPaging: PagingScheme { .pageNumber(maxPageSize: 300, reportsTotal: false) }

    let region: String
    let rpc: AlibabaRPC

    public init(endpoint: URL, region: String, credentials: AlibabaCredentials, transport: HTTPTransport) {
        self.init(endpoint: endpoint, region: region, credentials: credentials, transport: transport,
                  now: { Date() }, makeNonce: { AlibabaRPC.randomNonce() })
    }

    /// For tests: a fixed clock and nonce make the signed request reproducible.
    init(
        endpoint: URL, region: String, credentials: AlibabaCredentials, transport: HTTPTransport,
        now: @escaping @Sendable () -> Date, makeNonce: @escaping @Sendable () -> String
    ) {
        self.region = region
        rpc = AlibabaRPC(endpoint: endpoint, apiVersion: Self.apiVersion, credentials: credentials,
                         transport: transport, now: now, makeNonce: makeNonce)
    }

    // MARK: - Requests

    /// The default window for `now`: [00:00 UTC `defaultWindowDays` days before today, 00:00 UTC tomorrow).
    public static func defaultWindow(now: Date) -> DateInterval {
        let seconds = now.timeIntervalSince1970
        let startOfToday = (seconds / 86_400).rounded(.down) * 86_400
        let end = Date(timeIntervalSince1970: startOfToday + 86_400)
        let start = Date(timeIntervalSince1970: startOfToday - Double(defaultWindowDays) * 86_400)
        return DateInterval(start: start, end: end)
    }

    /// The page size DescribeClusterBackupList accepts: the requested size rounded up to 30, 50, 100, 200 or 300.
    public static func backupPageSize(forRequested size: Int) -> Int {
        backupPageSizes.first { size <= $0 } ?? backupPageSizes[backupPageSizes.count - 1]
    }

    static func instancePageSize(forRequested size: Int) -> Int {
        min(max(size, 1), maxInstancePageSize)
    }

    func instancesCall(_ page: PageRequest) -> (action: String, parameters: [(String, String)]) {
        ("DescribeInstances", [
            ("RegionId", region),
            ("PageNumber", String(max(page.number, 1))),
            ("PageSize", String(Self.instancePageSize(forRequested: page.size))),
        ])
    }

    func backupsCall(
        instanceID: String, page: PageRequest, window: DateInterval?
    ) throws(ServiceError) -> (action: String, parameters: [(String, String)]) {
        let id = instanceID.trimmingWhitespaceAndNewlines()
        guard !id.isEmpty else {
            throw ServiceError(kind: .configuration, code: "MissingParameter",
                               message: "DescribeClusterBackupList needs an instance ID")
        }
        let window = window ?? Self.defaultWindow(now: rpc.now())
        // Minute precision only: widen to whole minutes so nothing at the edges is lost.
        let start = VendorTime.minuteUTC(window.start, roundingUp: false)
        var end = VendorTime.minuteUTC(window.end, roundingUp: true)
        if end == start {
            // The API wants the end later than the start; an empty window still asks for its one minute.
            end = VendorTime.minuteUTC(window.start.addingTimeInterval(60), roundingUp: false)
        }
        return ("DescribeClusterBackupList", [
            ("RegionId", region),
            ("InstanceId", id),
            ("StartTime", start),
            ("EndTime", end),
            ("PageNumber", String(max(page.number, 1))),
            ("PageSize", String(Self.backupPageSize(forRequested: page.size))),
        ])
    }

    /// The signed HTTP request for a call (what `listBackups` and `listInstances` send): GET for the backup list.
    func signedRequest(action: String, parameters: [(String, String)]) throws(ServiceError) -> HTTPRequestSpec {
        try rpc.request(action: action, parameters: parameters, method: Self.method(for: action))
    }

    static func method(for action: String) -> String {
        action == "DescribeClusterBackupList" ? "GET" : "POST"
    }

    // MARK: - Responses

    func backupsPage(
        _ response: RedisDescribeClusterBackupListResponse, instanceID: String, page: PageRequest
    ) -> Page<Backup> {
        let id = instanceID.trimmingWhitespaceAndNewlines()
        // No total on this API, whatever the body holds: the fetch engine stops on a short page.
        return Page(response.clusterBackups, noun: "cluster backup record", page: page,
                    size: Self.backupPageSize(forRequested: page.size), totalCount: nil) {
            RedisMapping.backup($0, instanceID: id).withRaw($1)
        }
    }

    func instancesPage(_ response: RedisDescribeInstancesResponse, page: PageRequest) -> Page<Instance> {
        Page(response.instances?.elements ?? [], noun: "instance record", page: page,
             size: Self.instancePageSize(forRequested: page.size), totalCount: response.totalCount) { record, _ in
            RedisMapping.instance(record, defaultRegion: region)
        }
    }
}
