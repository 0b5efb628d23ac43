import BackupModel
import Foundation

/// Cloud Backup (HBR, API 2017-09-08): `DescribeVaults` (vaults play the role of instances) and
/// `DescribeBackupJobs2` (the backup jobs of one vault and one source type), signed with ACS3-HMAC-SHA256.
///
/// HBR reports business errors as **HTTP 200 with `Success: false`**; those become a `ServiceError` of kind
/// `.http` with `httpStatus` 200 and the vendor's `Code`, never an empty page.
public struct HBRClient: BackupService {
    public static let apiVersion = "2017-09-08"
    /// Both listings accept page sizes 1–99 (not 100).
    public static let maxPageSize = 99
    public static let defaultSourceType = "ECS_FILE"

    public var kind: ProviderKind { .alibabaHBR }
    public var backupPaging: PagingScheme { .pageNumber(maxPageSize: Self.maxPageSize, reportsTotal: true) }

    let region: String
    /// `SourceType` sent with every job listing (config key `source_type`).
    public let sourceType: String
    let rpc: AlibabaRPC

    public init(
        endpoint: URL, region: String, sourceType: String = HBRClient.defaultSourceType,
        credentials: AlibabaCredentials, transport: HTTPTransport
    ) {
        self.init(endpoint: endpoint, region: region, sourceType: sourceType, credentials: credentials,
                  transport: transport, now: { Date() }, makeNonce: { AlibabaRPC.randomNonce() })
    }

    /// For tests: a fixed clock and nonce make the signed request reproducible.
    init(
        endpoint: URL, region: String, sourceType: String = HBRClient.defaultSourceType,
        credentials: AlibabaCredentials, transport: HTTPTransport,
        now: @escaping @Sendable () -> Date, makeNonce: @escaping @Sendable () -> String
    ) {
        self.region = region
        let trimmed = sourceType.trimmingWhitespace()
        self.sourceType = trimmed.isEmpty ? Self.defaultSourceType : trimmed
        rpc = AlibabaRPC(endpoint: endpoint, apiVersion: Self.apiVersion, credentials: credentials,
                         transport: transport, now: now, makeNonce: makeNonce)
    }

    // MARK: - Requests

    static func pageSize(forRequested size: Int) -> Int {
        min(max(size, 1), maxPageSize)
    }

    func vaultsCall(_ page: PageRequest) -> (action: String, parameters: [(String, String)]) {
        ("DescribeVaults", [
            ("VaultRegionId", region),
            ("PageNumber", String(max(page.number, 1))),
            ("PageSize", String(Self.pageSize(forRequested: page.size))),
        ])
    }

    /// `Filters.1` is `VaultId IN [vault]`; a window adds `CreatedTime GREATER_THAN_OR_EQUAL start` and
    /// `CreatedTime LESS_THAN_OR_EQUAL end` (Unix seconds, widened to whole seconds). Two one-value filters rather
    /// than one `BETWEEN`: the documented form of a BETWEEN value ("a JSON array") has not been confirmed against
    /// the live service, while single-value comparisons are unambiguous.
    func jobsCall(
        vaultID: String, page: PageRequest, window: DateInterval?
    ) throws(ServiceError) -> (action: String, parameters: [(String, String)]) {
        let id = vaultID.trimmingWhitespaceAndNewlines()
        guard !id.isEmpty else {
            throw ServiceError(kind: .configuration, code: "MissingParameter",
                               message: "DescribeBackupJobs2 needs a vault ID")
        }
        var parameters = [
            ("SourceType", sourceType),
            ("PageNumber", String(max(page.number, 1))),
            ("PageSize", String(Self.pageSize(forRequested: page.size))),
            ("SortDirection", "DESCEND"),
            ("Filters.1.Key", "VaultId"),
            ("Filters.1.Operator", "IN"),
            ("Filters.1.Values.1", id),
        ]
        if let window {
            let start = Self.unixSeconds(window.start, roundingUp: false)
            let end = Self.unixSeconds(window.end, roundingUp: true)
            parameters += [
                ("Filters.2.Key", "CreatedTime"),
                ("Filters.2.Operator", "GREATER_THAN_OR_EQUAL"),
                ("Filters.2.Values.1", String(start)),
                ("Filters.3.Key", "CreatedTime"),
                ("Filters.3.Operator", "LESS_THAN_OR_EQUAL"),
                ("Filters.3.Values.1", String(end)),
            ]
        }
        return ("DescribeBackupJobs2", parameters)
    }

    static func unixSeconds(_ date: Date, roundingUp: Bool) -> Int64 {
        let raw = date.timeIntervalSince1970
        let rounded = roundingUp ? raw.rounded(.up) : raw.rounded(.down)
        guard rounded.isFinite else { return 0 }
        return Int64(min(max(rounded, 0), 253_402_300_799))  // 0…9999-12-31T23:59:59Z
    }

    /// The signed HTTP request for a call (what `listBackups`/`listInstances` send).
    func signedRequest(action: String, parameters: [(String, String)]) throws(ServiceError) -> HTTPRequestSpec {
        try rpc.request(action: action, parameters: parameters)
    }

    // MARK: - Responses

    /// An HTTP 200 whose body says `Success: false` is the vendor's error, not a page.
    static func decode<Response: Decodable>(
        _ result: HTTPResult, action: String, as type: Response.Type
    ) throws(ServiceError) -> Response {
        // One pass over the body for both the envelope and the response; a failure is decoded again to say why.
        if (200..<300).contains(result.status), let tape = try? JSONTape(result.body) {
            if let envelope = try? tape.decode(HBRStatusEnvelope.self, at: 0, path: []) {
                try checkSuccess(envelope, status: result.status, action: action,
                                 requestIDHeader: result.header("x-acs-request-id"))
            }
            if case .success(let response) = decodeObjectBody(tape, as: type) { return response }
        }
        return try AlibabaRPC.decode(result, action: action, as: type)
    }

    /// `Success: false` — or no `Success` but a `Code` other than "200" — is an error.
    static func checkSuccess(
        _ envelope: HBRStatusEnvelope, status: Int, action: String, requestIDHeader: String?
    ) throws(ServiceError) {
        let code = envelope.code?.trimmingWhitespace() ?? ""
        let failed: Bool
        switch envelope.success {
        case false?: failed = true
        case true?: failed = false
        case nil: failed = !code.isEmpty && code != "200"
        }
        guard failed else { return }
        let message = AlibabaRPC.sanitise(envelope.message ?? "", limit: 500)
        throw ServiceError(
            kind: .http, httpStatus: status, code: code.isEmpty ? "Success:false" : AlibabaRPC.sanitise(code, limit: 80),
            message: message.isEmpty ? "\(action) answered Success: false" : message,
            requestID: envelope.requestID ?? requestIDHeader)
    }

    func jobsPage(_ response: HBRDescribeBackupJobs2Response, vaultID: String, page: PageRequest) -> Page<Backup> {
        let list = response.backupJobs
        return Page(list?.elements ?? [], noun: "job record", page: page, size: Self.pageSize(forRequested: page.size),
                    totalCount: response.totalCount) { record, raw in
            var backup = HBRMapping.backup(record, requestedVaultID: vaultID).withRaw(raw)
            if list?.wasBareArray == true {
                backup.anomalies.append("BackupJobs arrived as a bare array, not {\"BackupJob\": [...]}")
            }
            return backup
        }
    }

    func vaultsPage(_ response: HBRDescribeVaultsResponse, page: PageRequest) -> Page<Instance> {
        Page(response.vaults?.elements ?? [], noun: "vault record", page: page,
             size: Self.pageSize(forRequested: page.size), totalCount: response.totalCount) { record, _ in
            HBRMapping.instance(record, defaultRegion: region)
        }
    }
}
