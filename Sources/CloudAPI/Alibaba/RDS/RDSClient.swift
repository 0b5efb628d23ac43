import BackupModel
import Foundation

/// ApsaraDB RDS (API 2014-08-15): DescribeDBInstances and DescribeBackups, signed with ACS3-HMAC-SHA256.
public struct RDSClient: BackupService {
    public static let apiVersion = "2014-08-15"
    /// DescribeBackups accepts only these page sizes.
    public static let backupPageSizes = [30, 50, 100]
    public static let maxInstancePageSize = 100

    public var kind: ProviderKind { .alibabaRDS }
    public var backupPaging: PagingScheme { .pageNumber(maxPageSize: 100, reportsTotal: true) }

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

    /// The page size DescribeBackups accepts: the requested size rounded up to 30, 50 or 100.
    public static func backupPageSize(forRequested size: Int) -> Int {
        backupPageSizes.first { size <= $0 } ?? backupPageSizes[backupPageSizes.count - 1]
    }

    static func instancePageSize(forRequested size: Int) -> Int {
        min(max(size, 1), maxInstancePageSize)
    }

    func instancesCall(_ page: PageRequest) -> (action: String, parameters: [(String, String)]) {
        ("DescribeDBInstances", [
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
                               message: "DescribeBackups needs an instance ID")
        }
        var parameters = [
            ("DBInstanceId", id),
            ("PageNumber", String(max(page.number, 1))),
            ("PageSize", String(Self.backupPageSize(forRequested: page.size))),
        ]
        if let window {
            // Minute precision only: widen to whole minutes so nothing at the edges is lost.
            parameters.append(("StartTime", VendorTime.minuteUTC(window.start, roundingUp: false)))
            parameters.append(("EndTime", VendorTime.minuteUTC(window.end, roundingUp: true)))
        }
        return ("DescribeBackups", parameters)
    }

    /// The signed HTTP request for a call (what `listBackups`/`listInstances` send).
    func signedRequest(action: String, parameters: [(String, String)]) throws(ServiceError) -> HTTPRequestSpec {
        try rpc.request(action: action, parameters: parameters)
    }

    // MARK: - Responses

    func backupsPage(_ response: RDSDescribeBackupsResponse, instanceID: String, page: PageRequest) -> Page<Backup> {
        Page(response.items?.elements ?? [], noun: "backup record", page: page,
             size: Self.backupPageSize(forRequested: page.size), totalCount: response.totalRecordCount) {
            RDSMapping.backup($0, requestedInstanceID: instanceID).withRaw($1)
        }
    }

    func instancesPage(_ response: RDSDescribeDBInstancesResponse, page: PageRequest) -> Page<Instance> {
        Page(response.items?.elements ?? [], noun: "instance record", page: page,
             size: Self.instancePageSize(forRequested: page.size), totalCount: response.totalRecordCount) { record, _ in
            RDSMapping.instance(record, defaultRegion: region)
        }
    }
}
