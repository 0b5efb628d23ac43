import BackupModel
import Foundation

/// An Alibaba Cloud access key (optionally with an STS token) and where it came from.
///
/// Every textual form (`description`, `debugDescription`, `dump`) hides the secret and the token.
public struct AlibabaCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    public var accessKeyID: String
    public var accessKeySecret: String
    public var securityToken: String?
    /// e.g. "environment", "~/.aliyun/config.json profile prod", "demo"
    public var source: String

    public init(accessKeyID: String, accessKeySecret: String, securityToken: String? = nil, source: String) {
        self.accessKeyID = accessKeyID
        self.accessKeySecret = accessKeySecret
        self.securityToken = securityToken
        self.source = source
    }

    /// The key ID with its middle hidden: `LTAI****abcd`; short IDs are hidden entirely.
    public var maskedAccessKeyID: String {
        let characters = Array(accessKeyID)
        guard characters.count >= 12 else { return "****" }
        return String(characters.prefix(4)) + "****" + String(characters.suffix(4))
    }

    public var description: String {
        let kind = securityToken == nil ? "access key" : "STS token"
        return "Alibaba Cloud \(kind) \(maskedAccessKeyID) from \(source)"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["accessKeyID": maskedAccessKeyID, "source": source,
                                "hasSecurityToken": securityToken != nil])
    }
}

/// Finds Alibaba credentials the way the official tools do, limited to static keys.
public enum AlibabaCredentialResolver {
    static let idVariable = "ALIBABA_CLOUD_ACCESS_KEY_ID"
    static let secretVariable = "ALIBABA_CLOUD_ACCESS_KEY_SECRET"
    static let tokenVariable = "ALIBABA_CLOUD_SECURITY_TOKEN"
    static let profileVariable = "ALIBABA_CLOUD_PROFILE"

    /// ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / ALIBABA_CLOUD_SECURITY_TOKEN first; else the profile of
    /// ~/.aliyun/config.json named by `profile`, else ALIBABA_CLOUD_PROFILE, else the file's `current`.
    /// Profile modes AK and StsToken are supported (matched exactly, as the Python provider does); any other mode
    /// is a clear error naming the mode. Errors are `ServiceError(kind: .configuration, ...)` with plain sentences.
    public static func resolve(
        profile: String?, environment: [String: String], homeDirectory: String
    ) throws(ServiceError) -> AlibabaCredentials {
        if let fromEnvironment = try fromEnvironment(environment) {
            return fromEnvironment
        }
        let requested = nonEmpty(profile) ?? nonEmpty(environment[profileVariable])
        return try fromConfigFile(profile: requested, homeDirectory: homeDirectory)
    }

    // MARK: - Environment

    private static func fromEnvironment(_ environment: [String: String]) throws(ServiceError) -> AlibabaCredentials? {
        let id = nonEmpty(environment[idVariable])
        let secret = nonEmpty(environment[secretVariable])
        switch (id, secret) {
        case (nil, nil):
            return nil
        case let (id?, secret?):
            return AlibabaCredentials(accessKeyID: id, accessKeySecret: secret,
                                      securityToken: nonEmpty(environment[tokenVariable]), source: "environment")
        case (_?, nil):
            throw configurationError("\(idVariable) is set but \(secretVariable) is not; set both or neither.")
        case (nil, _?):
            throw configurationError("\(secretVariable) is set but \(idVariable) is not; set both or neither.")
        }
    }

    // MARK: - ~/.aliyun/config.json

    /// The subset of aliyun-cli's `config.json` that static keys need (keys as aliyun-cli writes them).
    struct ConfigFile: Decodable {
        var current: String?
        var profiles: [Profile]?

        struct Profile: Decodable {
            var name: String?
            var mode: String?
            var accessKeyID: String?
            var accessKeySecret: String?
            var stsToken: String?

            enum CodingKeys: String, CodingKey {
                case name, mode
                case accessKeyID = "access_key_id"
                case accessKeySecret = "access_key_secret"
                case stsToken = "sts_token"
            }
        }
    }

    private static func fromConfigFile(
        profile requested: String?, homeDirectory: String
    ) throws(ServiceError) -> AlibabaCredentials {
        let path = (homeDirectory as NSString).appendingPathComponent(".aliyun/config.json")
        let shownPath = "~/.aliyun/config.json"
        guard FileManager.default.fileExists(atPath: path) else {
            throw configurationError(
                "No Alibaba Cloud credentials found: set \(idVariable) and \(secretVariable), "
                    + "or create \(shownPath) with `aliyun configure`.")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw configurationError("\(shownPath) exists but could not be read; check its permissions.")
        }
        let config: ConfigFile
        do {
            config = try JSONDecoder().decode(ConfigFile.self, from: data)
        } catch {
            // The decoder's own message could quote the file, which holds secrets: say only where it went wrong.
            throw configurationError("\(shownPath) is not valid aliyun configuration JSON\(errorLocation(error)).")
        }
        guard let name = requested ?? nonEmpty(config.current) else {
            throw configurationError(
                "\(shownPath) names no current profile; choose one with \(profileVariable) or the config's profile.")
        }
        let profiles = config.profiles ?? []
        guard let entry = profiles.first(where: { $0.name == name }) else {
            let known = profiles.compactMap(\.name).filter { !$0.isEmpty }
            let list = known.isEmpty ? "it has no profiles" : "it has " + known.map { "\"\($0)\"" }.joined(separator: ", ")
            throw configurationError("Profile \"\(name)\" is not in \(shownPath) (\(list)).")
        }
        let source = "\(shownPath) profile \(name)"
        let mode = entry.mode ?? ""
        switch mode {
        case "AK":
            let (id, secret) = try keyPair(entry, profile: name, mode: mode, file: shownPath)
            return AlibabaCredentials(accessKeyID: id, accessKeySecret: secret, securityToken: nil, source: source)
        case "StsToken":
            let (id, secret) = try keyPair(entry, profile: name, mode: mode, file: shownPath)
            guard let token = nonEmpty(entry.stsToken) else {
                throw configurationError("Profile \"\(name)\" in \(shownPath) has mode StsToken but no sts_token.")
            }
            return AlibabaCredentials(accessKeyID: id, accessKeySecret: secret, securityToken: token, source: source)
        case "":
            throw configurationError("Profile \"\(name)\" in \(shownPath) has no mode; backdeck supports AK and StsToken.")
        default:
            throw configurationError(
                "Profile \"\(name)\" in \(shownPath) uses mode \"\(mode)\", which backdeck does not support; "
                    + "use a profile with mode AK or StsToken, or set \(idVariable) and \(secretVariable).")
        }
    }

    private static func keyPair(
        _ entry: ConfigFile.Profile, profile: String, mode: String, file: String
    ) throws(ServiceError) -> (String, String) {
        guard let id = nonEmpty(entry.accessKeyID) else {
            throw configurationError("Profile \"\(profile)\" in \(file) has mode \(mode) but no access_key_id.")
        }
        guard let secret = nonEmpty(entry.accessKeySecret) else {
            throw configurationError("Profile \"\(profile)\" in \(file) has mode \(mode) but no access_key_secret.")
        }
        return (id, secret)
    }

    /// " (at profiles[1].mode)" for a shape error, nothing otherwise: never quotes the file, which holds secrets.
    private static func errorLocation(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "" }
        let path: [any CodingKey]
        switch decoding {
        case let .typeMismatch(_, context), let .valueNotFound(_, context): path = context.codingPath
        case let .keyNotFound(_, context): path = context.codingPath
        case .dataCorrupted: return ""
        @unknown default: return ""
        }
        guard !path.isEmpty else { return "" }
        return " (at \(codingPathText(path)))"
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingWhitespaceAndNewlines()
        return trimmed.isEmpty ? nil : trimmed
    }

    private static func configurationError(_ message: String) -> ServiceError {
        ServiceError(kind: .configuration, code: "Credentials", message: message)
    }
}

/// `Items.Backup[2].BackupId` from a decoder coding path.
func codingPathText(_ path: [any CodingKey]) -> String {
    var text = ""
    for key in path {
        if let index = key.intValue {
            text += "[\(index)]"
        } else {
            text += text.isEmpty ? key.stringValue : "." + key.stringValue
        }
    }
    return text
}
