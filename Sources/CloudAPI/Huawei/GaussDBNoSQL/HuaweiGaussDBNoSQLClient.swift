import BackupModel
import Foundation

/// Huawei GaussDB NoSQL (GeminiDB): `ListInstances` (`GET /v3/{project_id}/instances`) and the v3.1 backup list
/// `ShowAllInstancesBackupsNew` (`GET /v3.1/{project_id}/backups`), with AK/SK signing or an IAM token.
public struct HuaweiGaussDBNoSQLClient: BackupService {
    /// `limit` is 1...100 for both lists.
    public static let maxLimit = 100

    public var kind: ProviderKind { .huaweiGaussDBNoSQL }
    public var backupPaging: PagingScheme { .offsetLimit(maxLimit: Self.maxLimit) }

    let rest: HuaweiREST
    /// Shown as the instances' region when a record lacks one.
    let region: String

    /// `endpoint` e.g. `https://gaussdb-nosql.cn-north-4.myhuaweicloud.com`; `projectID` the 32-hex project.
    public init(endpoint: URL, projectID: String, auth: HuaweiAuth, transport: HTTPTransport, region: String = "") {
        self.init(endpoint: endpoint, projectID: projectID, auth: auth, transport: transport, region: region,
                  now: { Date() })
    }

    /// For tests: a fixed clock makes the signed request reproducible.
    init(
        endpoint: URL, projectID: String, auth: HuaweiAuth, transport: HTTPTransport, region: String,
        now: @escaping @Sendable () -> Date
    ) {
        self.region = region
        rest = HuaweiREST(endpoint: endpoint, projectID: projectID, auth: auth, transport: transport, now: now)
    }

    // MARK: - Requests

    static func limit(forRequested size: Int) -> Int { min(max(size, 1), maxLimit) }

    /// `offset` counts records skipped: page `n` of length `limit` starts at `(n − 1) × limit`.
    static func offset(page: PageRequest) -> Int {
        let (value, overflow) = (max(page.number, 1) - 1).multipliedReportingOverflow(by: limit(forRequested: page.size))
        return overflow ? Int.max : value
    }

    private func projectPath() throws(ServiceError) -> String {
        let project = rest.projectID.trimmingWhitespaceAndNewlines()
        guard !project.isEmpty else {
            throw ServiceError(kind: .configuration, code: "MissingProjectId",
                               message: "Huawei GaussDB NoSQL needs a project ID (project_id or HUAWEICLOUD_SDK_PROJECT_ID)")
        }
        return Percent.encode(project)
    }

    func instancesCall(_ page: PageRequest) throws(ServiceError) -> (path: String, query: [(String, String)]) {
        ("/v3/\(try projectPath())/instances", [
            ("offset", String(Self.offset(page: page))),
            ("limit", String(Self.limit(forRequested: page.size))),
        ])
    }

    func backupsCall(
        instanceID: String, page: PageRequest, window: DateInterval?
    ) throws(ServiceError) -> (path: String, query: [(String, String)]) {
        let id = instanceID.trimmingWhitespaceAndNewlines()
        guard !id.isEmpty else {
            throw ServiceError(kind: .configuration, code: "MissingParameter",
                               message: "ShowAllInstancesBackupsNew needs an instance ID")
        }
        var query = [
            ("instance_id", id),
            ("offset", String(Self.offset(page: page))),
            ("limit", String(Self.limit(forRequested: page.size))),
        ]
        if let window {
            // Whole seconds only: widen the end so a backup in its last second is kept.
            query.append(("begin_time", GaussDBNoSQLMapping.queryTime(window.start)))
            query.append(("end_time", GaussDBNoSQLMapping.queryTime(window.end.addingTimeInterval(0.999))))
        }
        return ("/v3.1/\(try projectPath())/backups", query)
    }

    /// The authenticated HTTP request for a call (what `listBackups`/`listInstances` send).
    func signedRequest(path: String, query: [(String, String)]) throws(ServiceError) -> HTTPRequestSpec {
        try rest.request(path: path, query: query)
    }

    // MARK: - Responses

    func backupsPage(_ response: GaussDBNoSQLBackupsResponse, instanceID: String, page: PageRequest) -> Page<Backup> {
        Page(response.backups, noun: "backup record", page: page, size: Self.limit(forRequested: page.size),
             totalCount: response.totalCount) {
            GaussDBNoSQLMapping.backup($0, requestedInstanceID: instanceID).withRaw($1)
        }
    }

    func instancesPage(_ response: GaussDBNoSQLInstancesResponse, page: PageRequest) -> Page<Instance> {
        Page(response.instances, noun: "instance record", page: page, size: Self.limit(forRequested: page.size),
             totalCount: response.totalCount) { record, _ in
            GaussDBNoSQLMapping.instance(record, defaultRegion: region)
        }
    }
}
