import BackupModel
import Foundation

/// A Huawei Cloud access key pair (AK/SK), optionally temporary (with a security token).
///
/// Every textual form (`description`, `debugDescription`, `dump`) hides the secret and the token.
public struct HuaweiAccessKey: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    public var accessKey: String
    public var secretKey: String
    /// Temporary AK/SK only; sent as `X-Security-Token` and signed.
    public var securityToken: String?
    /// e.g. "environment", "~/.huaweicloud/credentials [basic]", "demo"
    public var source: String

    public init(accessKey: String, secretKey: String, securityToken: String? = nil, source: String) {
        self.accessKey = accessKey
        self.secretKey = secretKey
        self.securityToken = securityToken
        self.source = source
    }

    /// The AK with its middle hidden; short AKs are hidden entirely.
    public var maskedAccessKey: String {
        let characters = Array(accessKey)
        guard characters.count >= 12 else { return "****" }
        return String(characters.prefix(4)) + "****" + String(characters.suffix(4))
    }

    public var description: String {
        let kind = securityToken == nil ? "AK/SK" : "temporary AK/SK"
        return "Huawei Cloud \(kind) \(maskedAccessKey) from \(source)"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["accessKey": maskedAccessKey, "source": source,
                                "hasSecurityToken": securityToken != nil])
    }
}

/// How a Huawei request proves who sends it: AK/SK `SDK-HMAC-SHA256` signing (the SDK default) or an IAM token
/// sent as `X-Auth-Token`. Its textual forms never show the secret or the token.
public enum HuaweiAuth: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    case aksk(HuaweiAccessKey)
    /// An IAM user token (from `OS_AUTH_TOKEN` or `POST /v3/auth/tokens`).
    case token(String)
    /// Tokens from IAM password login, obtained on first use and renewed before they expire.
    case iamLogin(HuaweiTokenSource)

    public var description: String {
        switch self {
        case let .aksk(key): key.description
        case .token: "Huawei Cloud IAM token"
        case let .iamLogin(source): "Huawei Cloud IAM token for \(source.login)"
        }
    }

    public static func == (lhs: HuaweiAuth, rhs: HuaweiAuth) -> Bool {
        switch (lhs, rhs) {
        case let (.aksk(left), .aksk(right)): left == right
        case let (.token(left), .token(right)): left == right
        case let (.iamLogin(left), .iamLogin(right)): left === right
        default: false
        }
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror { Mirror(self, children: ["auth": description]) }
}

/// Builds, authenticates and sends Huawei REST calls (`GET /v3…/{project_id}/…`), and maps the vendor's
/// `{"error_code","error_msg"}` errors (reference/cloud-apis.md §6) to `ServiceError`.
struct HuaweiREST: Sendable {
    var endpoint: URL
    var projectID: String
    var auth: HuaweiAuth
    var transport: HTTPTransport
    /// Injected so tests can build a request with a fixed `X-Sdk-Date`.
    var now: @Sendable () -> Date

    /// `X-Sdk-Date`: UTC `yyyyMMddTHHmmssZ`.
    static func sdkDate(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondsOfDay = seconds - days * 86_400
        let (year, month, day) = UTCCalendar.civilFromDays(days)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", year, month, day, secondsOfDay / 3600,
                      (secondsOfDay % 3600) / 60, secondsOfDay % 60)
    }

    /// The request for `GET <path>?<query>`; `path` starts with `/` and is appended to the endpoint's own path.
    /// With `.iamLogin` the request has no token yet (`send` adds it); `auth` overrides the client's.
    func request(
        method: String = "GET", path: String, query: [(String, String)], auth override: HuaweiAuth? = nil
    ) throws(ServiceError) -> HTTPRequestSpec {
        let auth = override ?? auth
        try validateEndpoint(endpoint)
        let (scheme, host) = try AlibabaRPC.hostHeader(for: endpoint)
        var prefix = endpoint.path
        while prefix.hasSuffix("/") { prefix.removeLast() }
        let fullPath = prefix + path
        let sorted = sortedPairs(query)
        // The wire query equals the canonical one (signing.md §5 step 11).
        let wireQuery = sorted.map { Percent.encode($0.0) + "=" + Percent.encode($0.1) }.joined(separator: "&")
        guard let url = URL(string: "\(scheme)://\(host)\(fullPath)" + (wireQuery.isEmpty ? "" : "?" + wireQuery))
        else {
            throw ServiceError(kind: .configuration, code: "InvalidEndpoint",
                               message: "could not build a request URL for \(scheme)://\(host)")
        }
        let body: [UInt8] = []
        var headers: [(String, String)] = [
            ("Host", host),
            // The SDK sends (and signs) a JSON content type even on a GET without body.
            ("Content-Type", "application/json"),
            ("User-Agent", HTTPTransport.userAgent),
            ("X-Project-Id", projectID),
        ]
        switch auth {
        case let .aksk(key):
            headers.append(("X-Sdk-Date", Self.sdkDate(now())))
            if let token = key.securityToken { headers.append(("X-Security-Token", token)) }
            let authorization = HuaweiSigner.authorization(
                accessKey: key.accessKey, secret: key.secretKey, method: method, path: fullPath, query: sorted,
                headers: headers, body: body)
            headers.append(("Authorization", authorization))
        case let .token(token):
            headers.append(("X-Auth-Token", token))
        case .iamLogin:
            break  // `send` adds the token, which it obtains first
        }
        return HTTPRequestSpec(method: method, url: url, headers: headers, body: body)
    }

    /// Sends `request`; with an IAM login it carries the token (no signature covers it), and a 401 — the token
    /// revoked early by a password or key change — logs in again once.
    func send(_ request: HTTPRequestSpec) async throws(ServiceError) -> HTTPResult {
        guard case let .iamLogin(source) = auth else { return try await transport.send(request) }
        let token = try await source.token()
        let result = try await transport.send(Self.request(request, token: token))
        guard result.status == 401 else { return result }
        await source.invalidate(token)
        return try await transport.send(Self.request(request, token: try await source.token()))
    }

    private static func request(_ request: HTTPRequestSpec, token: String) -> HTTPRequestSpec {
        var copy = request
        copy.headers.append(("X-Auth-Token", token))
        return copy
    }

    static func decode<Response: Decodable>(
        _ result: HTTPResult, operation: String, as type: Response.Type
    ) throws(ServiceError) -> Response {
        let requestID = result.header("x-request-id")
        guard (200..<300).contains(result.status) else { throw httpError(result) }
        switch decodeObjectBody(result.body, as: type) {
        case .success(let response):
            return response
        case .failure(let problem):
            throw problem.serviceError(operation: operation, body: result.body, status: result.status, requestID: requestID)
        }
    }

    /// The vendor's code and message as the SDK reads them: `error_code`/`error_msg`, else `errorCode`/`errorMsg`,
    /// else `code`/`message` (also inside IAM's `{"error": {…}}`); `HTTP<status>` and a body excerpt otherwise.
    static func httpError(_ result: HTTPResult) -> ServiceError {
        let body = try? decodeJSON(HuaweiErrorBody.self, from: result.body)
        let requestID = result.header("x-request-id") ?? body?.requestID
        if let body, let code = body.code, !code.isEmpty {
            return ServiceError(kind: .http, httpStatus: result.status, code: code,
                                message: AlibabaRPC.sanitise(body.message ?? "", limit: 500), requestID: requestID)
        }
        let text = AlibabaRPC.excerpt(result.body)
        var message = text.isEmpty ? "the service answered HTTP \(result.status) with an empty body" : text
        if result.status == 429 { message = "too many requests (throttled): " + message }
        return ServiceError(kind: .http, httpStatus: result.status, code: "HTTP\(result.status)", message: message,
                            requestID: requestID)
    }
}

/// Huawei's error body: `{"error_code","error_msg"}` (GeminiDB, API gateway) and the variants the SDK accepts.
struct HuaweiErrorBody: Decodable {
    var code: String?
    var message: String?
    var requestID: String?

    enum CodingKeys: String, CodingKey {
        case errorCode = "error_code", errorMsg = "error_msg"
        case camelCode = "errorCode", camelMsg = "errorMsg"
        case code, message, title
        case requestID = "request_id"
        case error
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) -> String? {
            guard let value = (try? container.decodeIfPresent(FlexibleString.self, forKey: key))?.value,
                  !value.isEmpty else { return nil }
            return value
        }
        requestID = text(.requestID)
        if let code = text(.errorCode) {
            self.code = code
            message = text(.errorMsg)
        } else if let code = text(.camelCode) {
            self.code = code
            message = text(.camelMsg)
        } else if let code = text(.code) {
            self.code = code
            message = text(.message)
        } else if let nested = try? container.decodeIfPresent(HuaweiErrorBody.self, forKey: .error) {
            // IAM (Keystone) errors: {"error": {"code": 401, "message": "…", "title": "Unauthorized"}}
            code = nested.code
            message = nested.message
        }
    }
}
