import BackupModel
import Foundation

/// E-MapReduce Serverless StarRocks (API 2022-10-19): ROA `DescribeInstances` and `DescribeBackups`, signed with
/// ACS3-HMAC-SHA256 over the ROA path. Every parameter travels in the query string of a bodiless POST, and a
/// failure may arrive as HTTP 200 with `Success: false`, which becomes a `ServiceError` here — never an empty list.
public struct StarRocksClient: BackupService {
    public static let apiVersion = "2022-10-19"
    public static let backupsPath = "/webapi/backup/manage/describe"
    public static let instancesPath = "/webapi/starrocks/describeInstances"
    /// No maximum is documented; 100 is what the SDK check pages with and the emulator accepts.
    public static let maxPageSize = 100

    public var kind: ProviderKind { .alibabaStarRocks }
    public var backupPaging: PagingScheme { .pageNumber(maxPageSize: Self.maxPageSize, reportsTotal: true) }

    let region: String
    let roa: StarRocksROA

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
        roa = StarRocksROA(endpoint: endpoint, credentials: credentials, transport: transport, now: now,
                           makeNonce: makeNonce)
    }

    // MARK: - Requests

    static func pageSize(forRequested size: Int) -> Int {
        min(max(size, 1), maxPageSize)
    }

    func instancesCall(_ page: PageRequest) -> StarRocksROA.Call {
        StarRocksROA.Call(action: "DescribeInstances", path: Self.instancesPath, parameters: [
            ("RegionId", region),
            ("PageNumber", String(max(page.number, 1))),
            ("PageSize", String(Self.pageSize(forRequested: page.size))),
        ])
    }

    /// `TimePeriodStartTime`/`EndTime` are Unix **seconds** (the response's task times are milliseconds): the
    /// window is widened to whole seconds so nothing at its edges is lost.
    func backupsCall(
        instanceID: String, page: PageRequest, window: DateInterval?
    ) throws(ServiceError) -> StarRocksROA.Call {
        let id = instanceID.trimmingWhitespaceAndNewlines()
        guard !id.isEmpty else {
            throw ServiceError(kind: .configuration, code: "MissingParameter",
                               message: "DescribeBackups needs an instance ID")
        }
        var parameters = [
            ("RegionId", region),
            ("InstanceId", id),
            ("PageNumber", String(max(page.number, 1))),
            ("PageSize", String(Self.pageSize(forRequested: page.size))),
        ]
        if let window {
            parameters.append(("TimePeriodStartTime", String(Self.unixSeconds(window.start, roundingUp: false))))
            parameters.append(("TimePeriodEndTime", String(Self.unixSeconds(window.end, roundingUp: true))))
        }
        return StarRocksROA.Call(action: "DescribeBackups", path: Self.backupsPath, parameters: parameters)
    }

    static func unixSeconds(_ date: Date, roundingUp: Bool) -> Int64 {
        let raw = date.timeIntervalSince1970
        let rounded = roundingUp ? raw.rounded(.up) : raw.rounded(.down)
        guard rounded.isFinite, abs(rounded) < 1e15 else { return 0 }
        return Int64(rounded)
    }

    /// The signed HTTP request for a call (what `listBackups`/`listInstances` send).
    func signedRequest(_ call: StarRocksROA.Call) throws(ServiceError) -> HTTPRequestSpec {
        try roa.request(call)
    }

    // MARK: - Responses

    func backupsPage(
        _ response: StarRocksDescribeBackupsResponse, instanceID: String, page: PageRequest
    ) throws(ServiceError) -> Page<Backup> {
        try Self.checkData(response.dataShapeError, envelope: response.envelope, action: "DescribeBackups")
        return Page(response.data, noun: "backup task", page: page, size: Self.pageSize(forRequested: page.size),
                    totalCount: response.envelope.total) {
            StarRocksMapping.backup($0, requestedInstanceID: instanceID).withRaw($1)
        }
    }

    func instancesPage(
        _ response: StarRocksDescribeInstancesResponse, page: PageRequest
    ) throws(ServiceError) -> Page<Instance> {
        try Self.checkData(response.dataShapeError, envelope: response.envelope, action: "DescribeInstances")
        return Page(response.data, noun: "instance record", page: page, size: Self.pageSize(forRequested: page.size),
                    totalCount: response.envelope.total) { record, _ in
            StarRocksMapping.instance(record, defaultRegion: region)
        }
    }

    /// A successful body whose `Data` is not an array is a decoding error for the whole page.
    private static func checkData(
        _ shapeError: WireShapeError?, envelope: StarRocksEnvelope, action: String
    ) throws(ServiceError) {
        guard let shapeError else { return }
        throw ServiceError(kind: .decoding, httpStatus: 200, code: "UnexpectedResponse",
                           message: "\(action) response: \(shapeError.message)", requestID: envelope.requestID)
    }
}

/// Builds, signs (ACS3-HMAC-SHA256 with the ROA path as the canonical URI) and sends StarRocks' ROA calls:
/// `POST <path>?<query>`, empty body, no content type — as the official SDK sends them.
struct StarRocksROA: Sendable {
    struct Call: Sendable {
        var action: String
        var path: String
        /// Plain values; encoded when the request is built.
        var parameters: [(String, String)]
    }

    var endpoint: URL
    var credentials: AlibabaCredentials
    var transport: HTTPTransport
    var now: @Sendable () -> Date
    var makeNonce: @Sendable () -> String

    /// The same signed request as an RPC call, with the ROA path as URL path and canonical URI.
    func request(_ call: Call) throws(ServiceError) -> HTTPRequestSpec {
        let signer = AlibabaRPC(endpoint: endpoint, apiVersion: StarRocksClient.apiVersion, credentials: credentials,
                                transport: transport, now: now, makeNonce: makeNonce)
        return try signer.request(action: call.action, parameters: call.parameters, path: call.path)
    }

    /// A 4xx/5xx, a body that is not JSON, or `Success: false` in a 200 all become `ServiceError`s.
    static func decode<Response: Decodable & StarRocksEnveloped>(
        _ result: HTTPResult, action: String, as type: Response.Type
    ) throws(ServiceError) -> Response {
        guard (200..<300).contains(result.status) else {
            throw httpError(result, action: action)
        }
        let response = try AlibabaRPC.decode(result, action: action, as: type)
        if let failure = StarRocksMapping.failure(response.envelope, action: action, httpStatus: result.status) {
            throw failure
        }
        return response
    }

    /// The gateway's `Code`/`Message` when present; else StarRocks' own `ErrCode`/`ErrMessage`; else `HTTP<status>`.
    static func httpError(_ result: HTTPResult, action: String) -> ServiceError {
        let gateway = AlibabaRPC.httpError(result, requestIDHeader: result.header("x-acs-request-id"))
        guard gateway.code.hasPrefix("HTTP"),
              let body = try? decodeJSON(StarRocksErrorBody.self, from: result.body),
              var failure = StarRocksMapping.failure(
                  StarRocksEnvelope(requestID: body.envelope.requestID, success: false,
                                    errCode: body.envelope.errCode, errMessage: body.envelope.errMessage),
                  action: action, httpStatus: result.status),
              body.envelope.errCode != nil || body.envelope.errMessage != nil
        else { return gateway }
        failure.requestID = failure.requestID ?? gateway.requestID
        return failure
    }
}

/// A response whose body carries StarRocks' `Success`/`ErrCode`/`ErrMessage`/`HttpStatusCode` fields.
protocol StarRocksEnveloped {
    var envelope: StarRocksEnvelope { get }
}

extension StarRocksDescribeBackupsResponse: StarRocksEnveloped {}
extension StarRocksDescribeInstancesResponse: StarRocksEnveloped {}

/// Just the envelope of a 4xx/5xx body.
private struct StarRocksErrorBody: Decodable {
    var envelope: StarRocksEnvelope

    init(from decoder: any Decoder) throws {
        envelope = StarRocksEnvelope(try decoder.container(keyedBy: StarRocksEnvelope.CodingKeys.self))
    }
}
