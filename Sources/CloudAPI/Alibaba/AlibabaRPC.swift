import BackupModel
import Foundation

/// Builds, signs (ACS3-HMAC-SHA256) and sends Alibaba RPC-style calls: `POST /`, every parameter in the query
/// string, empty body. Shared by the Alibaba RPC products (RDS now; Redis and HBR later).
struct AlibabaRPC: Sendable {
    var endpoint: URL
    var apiVersion: String
    var credentials: AlibabaCredentials
    var transport: HTTPTransport
    /// Injected so tests can build a request with a fixed date and nonce.
    var now: @Sendable () -> Date
    var makeNonce: @Sendable () -> String

    /// 32 lower-case hex characters from the system's secure random source.
    static func randomNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return Digest.hex((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// `yyyy-MM-ddTHH:mm:ssZ` in UTC.
    static func acsDate(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondsOfDay = seconds - days * 86_400
        let (year, month, day) = UTCCalendar.civilFromDays(days)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, secondsOfDay / 3600,
                      (secondsOfDay % 3600) / 60, secondsOfDay % 60)
    }

    /// The `host` header: the endpoint's host, with `:port` when the port is not the scheme's default.
    static func hostHeader(for endpoint: URL) throws(ServiceError) -> (scheme: String, host: String) {
        guard let scheme = endpoint.scheme?.lowercased(), let rawHost = endpoint.host, !rawHost.isEmpty else {
            throw ServiceError(kind: .configuration, code: "InvalidEndpoint",
                               message: "endpoint \(endpoint.absoluteString) needs a scheme and a host")
        }
        var host = rawHost.lowercased()
        if host.contains(":"), !host.hasPrefix("[") { host = "[\(host)]" }
        let defaultPort = scheme == "http" ? 80 : 443
        if let port = endpoint.port, port != defaultPort { host += ":\(port)" }
        return (scheme, host)
    }

    /// The signed request for `action` with `parameters` (plain values; encoded here). RPC calls are POSTs except
    /// the few the SDK sends as GET (Redis DescribeClusterBackupList).
    /// `path` is `/` for RPC calls and the resource path for ROA calls (StarRocks); it is the canonical URI signed.
    func request(
        action: String, parameters: [(String, String)], method: String = "POST", path: String = "/"
    ) throws(ServiceError) -> HTTPRequestSpec {
        try validateEndpoint(endpoint)
        let (scheme, host) = try Self.hostHeader(for: endpoint)
        let sorted = sortedPairs(parameters)
        let wireQuery = sorted.map { Percent.encode($0.0) + "=" + Percent.encode($0.1) }.joined(separator: "&")
        let urlText = "\(scheme)://\(host)\(path)" + (wireQuery.isEmpty ? "" : "?" + wireQuery)
        guard let url = URL(string: urlText) else {
            throw ServiceError(kind: .configuration, code: "InvalidEndpoint",
                               message: "could not build a request URL for \(scheme)://\(host)")
        }
        let body: [UInt8] = []
        var headers: [(String, String)] = [
            ("host", host),
            ("x-acs-action", action),
            ("x-acs-version", apiVersion),
            ("x-acs-date", Self.acsDate(now())),
            ("x-acs-signature-nonce", makeNonce()),
            ("accept", "application/json"),
            ("x-acs-content-sha256", ACS3Signer.payloadHash(body)),
            ("user-agent", HTTPTransport.userAgent),
        ]
        if let token = credentials.securityToken {
            headers.append(("x-acs-accesskey-id", credentials.accessKeyID))
            headers.append(("x-acs-security-token", token))
        }
        // Every header sent is signed, as the official SDK does.
        let authorization = ACS3Signer.authorization(
            accessKeyID: credentials.accessKeyID, secret: credentials.accessKeySecret, method: method, path: path,
            query: sorted, headers: headers, body: body)
        headers.append(("authorization", authorization))
        return HTTPRequestSpec(method: method, url: url, headers: headers, body: body)
    }

    /// A 2xx body decoded as `Response`; error statuses and bad bodies become `ServiceError`s.
    static func decode<Response: Decodable>(
        _ result: HTTPResult, action: String, as type: Response.Type
    ) throws(ServiceError) -> Response {
        let headerRequestID = result.header("x-acs-request-id")
        guard (200..<300).contains(result.status) else {
            throw httpError(result, requestIDHeader: headerRequestID)
        }
        switch decodeObjectBody(result.body, as: type) {
        case .success(let response):
            return response
        case .failure(let problem):
            let requestID = (try? decodeJSON(AlibabaErrorBody.self, from: result.body))?.requestID
            throw problem.serviceError(operation: action, body: result.body, status: result.status,
                                       requestID: requestID ?? headerRequestID)
        }
    }

    /// 4xx/5xx: the vendor's `Code`/`Message`/`RequestId` when the body is Alibaba's JSON error, else `HTTP<status>`
    /// with a short, sanitised excerpt of whatever came back.
    /// A positive `x-acs-retry-after` (milliseconds, as the SDK's retry policy sleeps it) is kept for the retry policy.
    static func httpError(_ result: HTTPResult, requestIDHeader: String?) -> ServiceError {
        let retryAfter = result.header("x-acs-retry-after").flatMap { Int($0.trimmingWhitespace()) }
            .flatMap { $0 > 0 ? $0 : nil }
        if let body = try? decodeJSON(AlibabaErrorBody.self, from: result.body),
           let code = body.code, !code.isEmpty {
            return ServiceError(
                kind: .http, httpStatus: result.status, code: code,
                message: sanitise(body.message ?? "", limit: 500),
                requestID: body.requestID ?? requestIDHeader, retryAfterMilliseconds: retryAfter)
        }
        let text = excerpt(result.body)
        return ServiceError(
            kind: .http, httpStatus: result.status, code: "HTTP\(result.status)",
            message: text.isEmpty ? "the service answered HTTP \(result.status) with an empty body" : text,
            requestID: requestIDHeader, retryAfterMilliseconds: retryAfter)
    }

    /// The first 200 characters of a body, control characters replaced, for an error message.
    static func excerpt(_ body: [UInt8]) -> String {
        sanitise(String(decoding: body.prefix(2048), as: UTF8.self), limit: 200)
    }

    /// Control characters (escape sequences included) become spaces and runs of whitespace collapse, so a hostile
    /// body cannot reach the terminal through an error line.
    static func sanitise(_ text: String, limit: Int) -> String {
        var out = ""
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            let isControl = scalar.properties.generalCategory == .control
                || scalar.properties.generalCategory == .format
                || scalar.properties.isWhitespace
            if isControl {
                if !lastWasSpace, !out.isEmpty { out.unicodeScalars.append(" ") }
                lastWasSpace = true
            } else {
                out.unicodeScalars.append(scalar)
                lastWasSpace = false
            }
        }
        var trimmed = out.trimmingWhitespace()
        if trimmed.count > limit { trimmed = String(trimmed.prefix(limit)) + "…" }
        return trimmed
    }
}
