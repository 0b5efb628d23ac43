import CloudAPI
import Foundation
import Hummingbird

/// An error as Huawei reports it: an HTTP status and `{"error_code","error_msg"}` (reference/cloud-apis.md §6).
struct HuaweiError: Error, Sendable {
    let status: HTTPResponse.Status
    let code: String
    let message: String

    /// `DBS.200001` (400): a parameter is wrong.
    static func parameter(_ detail: String) -> HuaweiError {
        HuaweiError(status: .badRequest, code: "DBS.200001", message: "Parameter error. \(detail)")
    }

    /// Gateway authentication failure (401 `APIGW.0301`); never says what the expected signature was.
    static func authentication(_ detail: String) -> HuaweiError {
        HuaweiError(status: .unauthorized, code: "APIGW.0301", message: "Incorrect IAM authentication information: \(detail)")
    }

    /// 403 `APIGW.0302`: the credentials do not cover the project in the path.
    static func notAuthorized(_ detail: String) -> HuaweiError {
        HuaweiError(status: .forbidden, code: "APIGW.0302", message: "The IAM user is not authorized to access the API. \(detail)")
    }
}

/// Builds Huawei JSON responses: every one carries `X-Request-Id`, as the vendor's do.
enum HuaweiResponse {
    static func json(_ body: JSONValue, status: HTTPResponse.Status = .ok, requestID: String,
                     extraHeaders: [(HTTPFields.Element.Name, String)] = []) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json;charset=utf-8"
        if let name = HTTPFields.Element.Name("X-Request-Id") { headers[name] = requestID }
        for (name, value) in extraHeaders { headers[name] = value }
        return Response(status: status, headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body.serialized)))
    }

    static func error(_ error: HuaweiError, requestID: String) -> Response {
        json(.object([("error_code", .string(error.code)), ("error_msg", .string(error.message))]),
             status: error.status, requestID: requestID)
    }
}

/// IAM tokens the emulator issued from `POST /v3/auth/tokens`, valid 24 hours of real time.
/// A lock rather than an actor keeps request handling synchronous.
final class HuaweiTokenStore: @unchecked Sendable {
    private let lock = NSLock()
    private var expiries: [String: Date] = [:]

    func issue(now: Date = Date()) -> (token: String, expires: Date) {
        var generator = SystemRandomNumberGenerator()
        let hex = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }
        let token = "MIIemulator" + hex.joined()
        let expires = now.addingTimeInterval(24 * 3600)
        lock.withLock { expiries[token] = expires }
        return (token, expires)
    }

    /// nil when valid; otherwise why not.
    func problem(with token: String, now: Date = Date()) -> String? {
        guard let expires = lock.withLock({ expiries[token] }) else { return "decrypt token fail" }
        return expires > now ? nil : "token expires"
    }
}

/// Checks Huawei authentication: AK/SK `SDK-HMAC-SHA256` over the headers named in `SignedHeaders` (values as
/// received, `host` with its port), the query re-encoded from decoded values and the received body; or an
/// `X-Auth-Token` this emulator issued. `X-Sdk-Date` skew is not checked (tests would have to control the clock);
/// an `X-Security-Token` is accepted unchecked as long as the signature verifies with the configured pair.
struct HuaweiVerifier: Sendable {
    let accessKey: String
    let secretKey: String
    let tokens: HuaweiTokenStore

    func verify(_ request: IncomingRequest) throws(HuaweiError) {
        if let authorization = request.header("authorization") {
            try verifySignature(request, authorization: authorization)
        } else if let token = request.header("x-auth-token") {
            if let problem = tokens.problem(with: token) { throw .authentication(problem) }
        } else {
            throw .authentication("x-auth-token not found")
        }
    }

    private func verifySignature(_ request: IncomingRequest, authorization: String) throws(HuaweiError) {
        guard let parsed = HuaweiSigner.parseAuthorization(authorization) else {
            throw .authentication("the Authorization header is not SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…")
        }
        guard parsed.accessKey == accessKey else { throw .authentication("ak \(parsed.accessKey) not exist") }
        let names = parsed.signedHeaders.map { $0.lowercased() }
        for required in ["host", "x-sdk-date"] where !names.contains(required) {
            throw .authentication("SignedHeaders must include \(required)")
        }
        guard let date = request.header("x-sdk-date"), Self.isSDKDate(date) else {
            throw .authentication("X-Sdk-Date must be yyyyMMddTHHmmssZ")
        }
        var headers: [(String, String)] = []
        for name in names {
            let values = request.values(of: name)
            guard !values.isEmpty else { throw .authentication("the signed header \(name) is not in the request") }
            for value in values { headers.append((name, value)) }
        }
        let canonical = HuaweiSigner.canonicalRequest(
            method: request.method, path: request.path,
            query: Percent.decodeQuery(request.rawQuery).map { ($0.name, $0.value) },
            headers: headers, body: request.body)
        let expected = HuaweiSigner.signature(
            secret: secretKey, stringToSign: HuaweiSigner.stringToSign(canonicalRequest: canonical, sdkDate: date))
        guard constantTimeEquals(parsed.signature.lowercased(), expected) else {
            throw .authentication("verify aksk signature fail")
        }
    }

    static func isSDKDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return false }
        return (Array(bytes[0..<8]) + Array(bytes[9..<15])).allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}

/// Huawei routes: GeminiDB under `/v3/{project_id}/instances`, `/v3.1/{project_id}/backups` and
/// `/v4/{project_id}/backups`, and IAM's `POST /v3/auth/tokens`.
struct HuaweiEndpoint: Sendable {
    let service: HuaweiGaussDBNoSQLService
    let verifier: HuaweiVerifier
    let iam: HuaweiIAMService

    init(options: EmulatorOptions, dataset: HuaweiDataset) {
        let tokens = HuaweiTokenStore()
        service = HuaweiGaussDBNoSQLService(dataset: dataset)
        verifier = HuaweiVerifier(accessKey: options.accessKeyID, secretKey: options.accessKeySecret, tokens: tokens)
        iam = HuaweiIAMService(projectID: dataset.projectID, region: HuaweiDataset.region, tokens: tokens)
    }

    func register(in router: Router<BasicRequestContext>) {
        let endpoint = self
        router.get("/v3/:project_id/instances") { request, context in
            await endpoint.respond(to: request, context: context) { service, projectID, query throws(HuaweiError) in
                try service.listInstances(projectID: projectID, query: query)
            }
        }
        for version in ["v3.1", "v4"] {
            router.get("/\(version)/:project_id/backups") { request, context in
                await endpoint.respond(to: request, context: context) { service, projectID, query throws(HuaweiError) in
                    try service.listBackups(projectID: projectID, query: query)
                }
            }
        }
        router.post("/v3/auth/tokens") { request, _ in await endpoint.iam.respond(to: request) }
    }

    private func respond(
        to request: Request, context: BasicRequestContext,
        _ handler: (HuaweiGaussDBNoSQLService, String, [String: String]) throws(HuaweiError) -> JSONValue
    ) async -> Response {
        guard let incoming = await Self.incoming(request) else {
            return HuaweiResponse.error(.parameter("The request body is too large."),
                                        requestID: StableHash.uuidLike(request.uri.string))
        }
        let requestID = StableHash.uuidLike(
            [incoming.method, incoming.path, incoming.rawQuery, incoming.header("x-sdk-date") ?? "",
             incoming.header("authorization") ?? ""].joined(separator: "\n")).lowercased()
            .replacingOccurrences(of: "-", with: "")
        do throws(HuaweiError) {
            try verifier.verify(incoming)
            let projectID = context.parameters.get("project_id") ?? ""
            guard projectID == service.dataset.projectID else {
                throw .notAuthorized("Project \(projectID) is not this account's project.")
            }
            if let header = incoming.header("x-project-id"), header != projectID {
                throw .notAuthorized("X-Project-Id does not match the project in the path.")
            }
            var query: [String: String] = [:]
            for pair in Percent.decodeQuery(incoming.rawQuery) { query[pair.name] = pair.value }
            return HuaweiResponse.json(try handler(service, projectID, query), requestID: requestID)
        } catch {
            return HuaweiResponse.error(error, requestID: requestID)
        }
    }

    static func incoming(_ request: Request) async -> IncomingRequest? {
        guard let buffer = try? await request.body.collect(upTo: EmulatorRoutes.maximumBodyBytes) else { return nil }
        return IncomingRequest(
            method: request.method.rawValue, path: request.uri.path, rawQuery: request.uri.query ?? "",
            host: request.head.authority ?? "",
            headers: request.headers.map { (name: $0.name.canonicalName, value: $0.value) },
            body: Array(buffer.readableBytesView))
    }
}
