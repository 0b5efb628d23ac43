import BackupModel
import Foundation

/// Finds Huawei credentials the way the official SDK does (reference/cloud-apis.md §7.2), limited to static
/// AK/SK, plus the token sources the REST docs describe. Errors are `.configuration` `ServiceError`s in plain
/// sentences that never quote a secret.
public enum HuaweiCredentialResolver {
    static let akVariable = "HUAWEICLOUD_SDK_AK"
    static let skVariable = "HUAWEICLOUD_SDK_SK"
    static let securityTokenVariable = "HUAWEICLOUD_SDK_SECURITY_TOKEN"
    static let projectVariable = "HUAWEICLOUD_SDK_PROJECT_ID"
    static let credentialsFileVariable = "HUAWEICLOUD_SDK_CREDENTIALS_FILE"
    static let tokenVariable = "OS_AUTH_TOKEN"
    static let userVariable = "OS_USERNAME"
    static let passwordVariable = "OS_PASSWORD"
    static let domainVariable = "OS_USER_DOMAIN_NAME"

    /// What the `[basic]` section of the credentials file holds, beside the key pair.
    public struct Resolved: Sendable, Equatable {
        public var accessKey: HuaweiAccessKey
        /// `HUAWEICLOUD_SDK_PROJECT_ID` or the file's `project_id`, when set.
        public var projectID: String?
        /// The file's `iam_endpoint`, when set.
        public var iamEndpoint: String?
    }

    /// HUAWEICLOUD_SDK_AK / _SK (+ _SECURITY_TOKEN) first; else the `[basic]` section of
    /// HUAWEICLOUD_SDK_CREDENTIALS_FILE, default `~/.huaweicloud/credentials`.
    public static func resolveAccessKey(
        environment: [String: String], homeDirectory: String
    ) throws(ServiceError) -> Resolved {
        let projectFromEnvironment = nonEmpty(environment[projectVariable])
        switch (nonEmpty(environment[akVariable]), nonEmpty(environment[skVariable])) {
        case let (ak?, sk?):
            let key = HuaweiAccessKey(accessKey: ak, secretKey: sk,
                                      securityToken: nonEmpty(environment[securityTokenVariable]),
                                      source: "environment")
            return Resolved(accessKey: key, projectID: projectFromEnvironment, iamEndpoint: nil)
        case (_?, nil):
            throw configurationError("\(akVariable) is set but \(skVariable) is not; set both or neither.")
        case (nil, _?):
            throw configurationError("\(skVariable) is set but \(akVariable) is not; set both or neither.")
        case (nil, nil):
            break
        }
        let custom = nonEmpty(environment[credentialsFileVariable])
        let path = custom ?? (homeDirectory as NSString).appendingPathComponent(".huaweicloud/credentials")
        let shown = custom ?? "~/.huaweicloud/credentials"
        guard FileManager.default.fileExists(atPath: path) else {
            throw configurationError(
                "No Huawei Cloud credentials found: set \(akVariable) and \(skVariable), or create \(shown) "
                    + "with a [basic] section holding ak and sk.")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw configurationError("\(shown) exists but could not be read; check its permissions.")
        }
        let sections = parseINI(String(decoding: data, as: UTF8.self))
        guard let basic = sections["basic"] else {
            throw configurationError("\(shown) has no [basic] section.")
        }
        guard let ak = nonEmpty(basic["ak"]), let sk = nonEmpty(basic["sk"]) else {
            throw configurationError("The [basic] section of \(shown) needs both ak and sk.")
        }
        let key = HuaweiAccessKey(accessKey: ak, secretKey: sk, securityToken: nonEmpty(basic["security_token"]),
                                  source: "\(shown) [basic]")
        return Resolved(accessKey: key, projectID: projectFromEnvironment ?? nonEmpty(basic["project_id"]),
                        iamEndpoint: nonEmpty(basic["iam_endpoint"]))
    }

    /// `OS_AUTH_TOKEN`, when set.
    public static func tokenFromEnvironment(_ environment: [String: String]) -> String? {
        nonEmpty(environment[tokenVariable])
    }

    /// `OS_USERNAME` / `OS_PASSWORD` / `OS_USER_DOMAIN_NAME` for IAM password login; nil when none is set.
    public static func passwordLogin(_ environment: [String: String]) throws(ServiceError) -> HuaweiPasswordLogin? {
        let user = nonEmpty(environment[userVariable])
        let password = nonEmpty(environment[passwordVariable])
        let domain = nonEmpty(environment[domainVariable])
        if user == nil, password == nil, domain == nil { return nil }
        guard let user, let password else {
            throw configurationError("IAM password login needs both \(userVariable) and \(passwordVariable).")
        }
        // The account (domain) name defaults to the user name, as for the account's own root user.
        return HuaweiPasswordLogin(userName: user, password: password, domainName: domain ?? user)
    }

    /// `[section]` headers and `key = value` lines; `#`/`;` comments; keys lower-cased. Later keys win.
    static func parseINI(_ text: String) -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var current = ""
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                current = line.dropFirst().dropLast().trimmingWhitespace().lowercased()
                sections[current, default: [:]] = sections[current] ?? [:]
                continue
            }
            guard let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else { continue }
            let key = line[line.startIndex..<separator].trimmingWhitespace().lowercased()
            let value = line[line.index(after: separator)...].trimmingWhitespace()
            sections[current, default: [:]][key] = value
        }
        return sections
    }

    static func nonEmpty(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingWhitespaceAndNewlines(), !trimmed.isEmpty else {
            return nil
        }
        return trimmed
    }

    static func configurationError(_ message: String) -> ServiceError {
        ServiceError(kind: .configuration, code: "HuaweiCredentials", message: message)
    }
}

/// An IAM user's name and password for `POST /v3/auth/tokens`; the password never appears in its textual forms.
public struct HuaweiPasswordLogin: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    public var userName: String
    public var password: String
    /// The account name (`auth.identity.password.user.domain.name`).
    public var domainName: String

    public init(userName: String, password: String, domainName: String) {
        self.userName = userName
        self.password = password
        self.domainName = domainName
    }

    public var description: String { "IAM user \(userName) of account \(domainName)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["userName": userName, "domainName": domainName]) }
}

/// A token from IAM; its value never appears in its textual forms.
public struct HuaweiIAMToken: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    public var value: String
    /// `token.expires_at` (24 hours after issue); nil when the body did not say.
    public var expiresAt: Date?

    public init(value: String, expiresAt: Date?) {
        self.value = value
        self.expiresAt = expiresAt
    }

    /// True when the token should be renewed: it expires within `margin` (default 1 hour) of `now`.
    public func needsRenewal(now: Date = Date(), margin: TimeInterval = 3600) -> Bool {
        guard let expiresAt else { return false }
        return expiresAt.timeIntervalSince(now) <= margin
    }

    public var description: String { "Huawei IAM token" + (expiresAt.map { " expiring \($0)" } ?? "") }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["expiresAt": expiresAt as Any]) }
}

/// IAM password login: `POST /v3/auth/tokens?nocatalog=true`, token in the `X-Subject-Token` response header.
public enum HuaweiIAM {
    /// The unsigned login request, scoped to the project (by ID when known, else by region name).
    static func tokenRequest(
        iamEndpoint: URL, login: HuaweiPasswordLogin, projectID: String?, regionName: String?
    ) throws(ServiceError) -> HTTPRequestSpec {
        try validateEndpoint(iamEndpoint)
        let (scheme, host) = try AlibabaRPC.hostHeader(for: iamEndpoint)
        var prefix = iamEndpoint.path
        while prefix.hasSuffix("/") { prefix.removeLast() }
        guard let url = URL(string: "\(scheme)://\(host)\(prefix)/v3/auth/tokens?nocatalog=true") else {
            throw ServiceError(kind: .configuration, code: "InvalidEndpoint",
                               message: "could not build the IAM URL for \(scheme)://\(host)")
        }
        var project: [String: String] = [:]
        if let projectID = HuaweiCredentialResolver.nonEmpty(projectID) {
            project["id"] = projectID
        } else if let regionName = HuaweiCredentialResolver.nonEmpty(regionName) {
            project["name"] = regionName
        }
        let body: [String: Any] = [
            "auth": [
                "identity": [
                    "methods": ["password"],
                    "password": ["user": ["domain": ["name": login.domainName], "name": login.userName,
                                          "password": login.password]],
                ] as [String: Any],
                "scope": project.isEmpty ? ["domain": ["name": login.domainName]] : ["project": project],
            ] as [String: Any],
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]) else {
            throw ServiceError(kind: .configuration, code: "InvalidLogin", message: "could not encode the IAM login")
        }
        return HTTPRequestSpec(method: "POST", url: url, headers: [
            ("Host", host), ("Content-Type", "application/json;charset=utf-8"),
            ("User-Agent", HTTPTransport.userAgent),
        ], body: Array(data))
    }

    /// Logs in and returns the token (HTTP 201, `X-Subject-Token`), or the IAM error as a `ServiceError`.
    public static func requestToken(
        iamEndpoint: URL, login: HuaweiPasswordLogin, projectID: String?, regionName: String?,
        transport: HTTPTransport
    ) async throws(ServiceError) -> HuaweiIAMToken {
        let request = try tokenRequest(iamEndpoint: iamEndpoint, login: login, projectID: projectID,
                                       regionName: regionName)
        return try token(from: try await transport.send(request))
    }

    static func token(from result: HTTPResult) throws(ServiceError) -> HuaweiIAMToken {
        guard (200..<300).contains(result.status) else { throw HuaweiREST.httpError(result) }
        guard let value = result.header("x-subject-token"), !value.isEmpty else {
            throw ServiceError(kind: .decoding, httpStatus: result.status, code: "MissingSubjectToken",
                               message: "IAM answered without an X-Subject-Token header",
                               requestID: result.header("x-request-id"))
        }
        let expires = (try? decodeJSON(TokenBody.self, from: result.body))?.token?.expiresAt
            .flatMap(VendorTime.parseISO8601)
        return HuaweiIAMToken(value: value, expiresAt: expires)
    }

    struct TokenBody: Decodable {
        struct Token: Decodable {
            var expiresAt: String?
            enum CodingKeys: String, CodingKey { case expiresAt = "expires_at" }
        }

        var token: Token?
    }
}

/// IAM password login with a cached token: logs in on first use, and again when the token is within
/// `renewalMargin` of its expiry (tokens live 24 hours) or was rejected. Concurrent callers share one login.
public actor HuaweiTokenSource {
    public nonisolated let login: HuaweiPasswordLogin
    let iamEndpoint: URL
    let projectID: String?
    let regionName: String?
    let transport: HTTPTransport
    let renewalMargin: TimeInterval
    let now: @Sendable () -> Date
    private var cached: HuaweiIAMToken?
    private var pending: Task<HuaweiIAMToken, any Error>?

    public init(
        iamEndpoint: URL, login: HuaweiPasswordLogin, projectID: String?, regionName: String?,
        transport: HTTPTransport, renewalMargin: TimeInterval = 3600
    ) {
        self.init(iamEndpoint: iamEndpoint, login: login, projectID: projectID, regionName: regionName,
                  transport: transport, renewalMargin: renewalMargin, now: { Date() })
    }

    init(
        iamEndpoint: URL, login: HuaweiPasswordLogin, projectID: String?, regionName: String?,
        transport: HTTPTransport, renewalMargin: TimeInterval, now: @escaping @Sendable () -> Date
    ) {
        self.iamEndpoint = iamEndpoint
        self.login = login
        self.projectID = projectID
        self.regionName = regionName
        self.transport = transport
        self.renewalMargin = renewalMargin
        self.now = now
    }

    /// A token valid for at least `renewalMargin` more (when IAM said when it expires).
    public func token() async throws(ServiceError) -> String {
        if let cached, !cached.needsRenewal(now: now(), margin: renewalMargin) { return cached.value }
        let task: Task<HuaweiIAMToken, any Error>
        if let pending {
            task = pending
        } else {
            let (endpoint, login, projectID, regionName, transport) =
                (iamEndpoint, login, projectID, regionName, transport)
            task = Task {
                try await HuaweiIAM.requestToken(iamEndpoint: endpoint, login: login, projectID: projectID,
                                                 regionName: regionName, transport: transport)
            }
            pending = task
        }
        do {
            let fresh = try await task.value
            pending = nil
            cached = fresh
            return fresh.value
        } catch let error as ServiceError {
            pending = nil
            throw error
        } catch {
            pending = nil
            throw ServiceError(kind: .transport, code: "IAMLogin", message: "IAM login did not complete")
        }
    }

    /// Forgets `token` (it was rejected) so the next call logs in again.
    public func invalidate(_ token: String) {
        if cached?.value == token { cached = nil }
    }
}
