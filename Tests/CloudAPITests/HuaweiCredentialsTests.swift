import BackupModel
import Foundation
import Testing
@testable import CloudAPI

/// A throwaway home directory with an optional `~/.huaweicloud/credentials`.
private struct HuaweiHome {
    let path: String

    init(credentials: String?) throws {
        path = NSTemporaryDirectory() + "backdeck-hwcred-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path + "/.huaweicloud", withIntermediateDirectories: true)
        if let credentials {
            try credentials.write(toFile: path + "/.huaweicloud/credentials", atomically: true, encoding: .utf8)
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

private let sampleFile = """
# written by hcloud
[global]
ak = GLOBALAK
sk = global-sk

[basic]
ak = FILEAK1234567890
sk = file-secret-value
project_id = 0123456789abcdef0123456789abcdef
iam_endpoint = https://iam.cn-north-4.myhuaweicloud.com
"""

@Suite struct HuaweiCredentialsTests {
    func resolve(_ environment: [String: String], file: String?) throws(ServiceError) -> HuaweiCredentialResolver.Resolved {
        let home: HuaweiHome
        do { home = try HuaweiHome(credentials: file) } catch {
            throw ServiceError(kind: .configuration, code: "Test", message: "could not create a temporary home")
        }
        defer { home.remove() }
        return try HuaweiCredentialResolver.resolveAccessKey(environment: environment, homeDirectory: home.path)
    }

    @Test func environmentWinsOverTheFile() throws {
        let resolved = try resolve([
            "HUAWEICLOUD_SDK_AK": "ENVAK", "HUAWEICLOUD_SDK_SK": "env-sk",
            "HUAWEICLOUD_SDK_PROJECT_ID": "fedcba9876543210fedcba9876543210",
        ], file: sampleFile)
        #expect(resolved.accessKey == HuaweiAccessKey(accessKey: "ENVAK", secretKey: "env-sk", source: "environment"))
        #expect(resolved.projectID == "fedcba9876543210fedcba9876543210")
        #expect(resolved.iamEndpoint == nil)
    }

    @Test func environmentSecurityTokenMakesTemporaryKeys() throws {
        let resolved = try resolve(["HUAWEICLOUD_SDK_AK": "ENVAK", "HUAWEICLOUD_SDK_SK": "env-sk",
                                    "HUAWEICLOUD_SDK_SECURITY_TOKEN": "sts"], file: nil)
        #expect(resolved.accessKey.securityToken == "sts")
    }

    @Test func halfAnEnvironmentPairIsAnError() {
        do {
            _ = try resolve(["HUAWEICLOUD_SDK_AK": "ENVAK"], file: sampleFile)
            Issue.record("half a pair was accepted")
        } catch {
            #expect(error.kind == .configuration)
            #expect(error.message.contains("HUAWEICLOUD_SDK_SK"))
        }
    }

    @Test func basicSectionOfTheCredentialsFile() throws {
        let resolved = try resolve([:], file: sampleFile)
        #expect(resolved.accessKey.accessKey == "FILEAK1234567890")
        #expect(resolved.accessKey.secretKey == "file-secret-value")
        #expect(resolved.accessKey.source == "~/.huaweicloud/credentials [basic]")
        #expect(resolved.projectID == "0123456789abcdef0123456789abcdef")
        #expect(resolved.iamEndpoint == "https://iam.cn-north-4.myhuaweicloud.com")
        #expect(!String(describing: resolved.accessKey).contains("file-secret-value"))
    }

    @Test func credentialsFileVariableNamesAnotherFile() throws {
        let home = try HuaweiHome(credentials: nil)
        defer { home.remove() }
        let custom = home.path + "/custom.ini"
        try "[basic]\nak=CUSTOMAK\nsk=custom-sk\n".write(toFile: custom, atomically: true, encoding: .utf8)
        let resolved = try HuaweiCredentialResolver.resolveAccessKey(
            environment: ["HUAWEICLOUD_SDK_CREDENTIALS_FILE": custom], homeDirectory: home.path)
        #expect(resolved.accessKey.accessKey == "CUSTOMAK")
        #expect(resolved.accessKey.source == custom + " [basic]")
    }

    @Test func missingOrIncompleteFilesSayWhatToDoWithoutQuotingSecrets() {
        for (file, phrase) in [(nil, "No Huawei Cloud credentials found"),
                               ("[global]\nak=A\nsk=leaky-secret\n", "no [basic] section"),
                               ("[basic]\nak=A\n", "needs both ak and sk"),
                               ("[basic]\nsk=leaky-secret\n", "needs both ak and sk")] as [(String?, String)] {
            do {
                _ = try resolve([:], file: file)
                Issue.record("accepted \(phrase)")
            } catch {
                #expect(error.kind == .configuration)
                #expect(error.message.contains(phrase))
                #expect(!error.message.contains("leaky-secret"))
            }
        }
    }

    @Test func tokenAndPasswordLoginFromTheEnvironment() throws {
        #expect(HuaweiCredentialResolver.tokenFromEnvironment(["OS_AUTH_TOKEN": "MIItoken"]) == "MIItoken")
        #expect(HuaweiCredentialResolver.tokenFromEnvironment(["OS_AUTH_TOKEN": "  "]) == nil)
        #expect(try HuaweiCredentialResolver.passwordLogin([:]) == nil)
        let login = try #require(try HuaweiCredentialResolver.passwordLogin(
            ["OS_USERNAME": "backdeck", "OS_PASSWORD": "pw-secret", "OS_USER_DOMAIN_NAME": "acme"]))
        #expect(login == HuaweiPasswordLogin(userName: "backdeck", password: "pw-secret", domainName: "acme"))
        #expect(!String(describing: login).contains("pw-secret"))
        var dumped = ""
        dump(login, to: &dumped)
        #expect(!dumped.contains("pw-secret"))
        #expect(throws: ServiceError.self) { _ = try HuaweiCredentialResolver.passwordLogin(["OS_USERNAME": "x"]) }
    }

    @Test func iamLoginRequestIsThePasswordFlow() throws {
        let login = HuaweiPasswordLogin(userName: "backdeck", password: "backdeck-demo", domainName: "acme")
        let request = try HuaweiIAM.tokenRequest(
            iamEndpoint: try #require(URL(string: "https://iam.cn-north-4.myhuaweicloud.com")), login: login,
            projectID: nil, regionName: "cn-north-4")
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "https://iam.cn-north-4.myhuaweicloud.com/v3/auth/tokens?nocatalog=true")
        #expect(request.header("content-type") == "application/json;charset=utf-8")
        #expect(request.header("authorization") == nil)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        let auth = try #require(body["auth"] as? [String: Any])
        let identity = try #require(auth["identity"] as? [String: Any])
        #expect(identity["methods"] as? [String] == ["password"])
        let user = try #require((identity["password"] as? [String: Any])?["user"] as? [String: Any])
        #expect(user["name"] as? String == "backdeck")
        #expect(user["password"] as? String == "backdeck-demo")
        #expect((user["domain"] as? [String: Any])?["name"] as? String == "acme")
        #expect(((auth["scope"] as? [String: Any])?["project"] as? [String: Any])?["name"] as? String == "cn-north-4")
        let byID = try HuaweiIAM.tokenRequest(
            iamEndpoint: try #require(URL(string: "https://iam.myhuaweicloud.com")), login: login,
            projectID: huaweiProject, regionName: "cn-north-4")
        let scope = try #require((try JSONSerialization.jsonObject(with: Data(byID.body)) as? [String: Any])?["auth"]
            as? [String: Any])["scope"] as? [String: Any]
        #expect((scope?["project"] as? [String: Any])?["id"] as? String == huaweiProject)
    }

    @Test func iamAnswerGivesTheSubjectTokenAndItsExpiry() throws {
        let body = #"{"token": {"expires_at": "2026-11-23T15:00:00.000000Z", "methods": ["password"]}}"#
        let token = try HuaweiIAM.token(from: HTTPResult(status: 201, headers: [("X-Subject-Token", "MIIsubject")],
                                                         body: Array(body.utf8)))
        #expect(token.value == "MIIsubject")
        #expect(token.expiresAt == utc(2026, 11, 23, 15, 0))
        #expect(!token.needsRenewal(now: utc(2026, 11, 23, 13, 0)))
        #expect(token.needsRenewal(now: utc(2026, 11, 23, 14, 30)))
        #expect(!String(describing: token).contains("MIIsubject"))
        #expect(throws: ServiceError.self) {
            _ = try HuaweiIAM.token(from: HTTPResult(status: 201, headers: [], body: Array(body.utf8)))
        }
        do {
            _ = try HuaweiIAM.token(from: HTTPResult(status: 401, headers: [], body: Array(
                #"{"error": {"code": 401, "message": "The username or password is wrong.", "title": "Unauthorized"}}"#.utf8)))
            Issue.record("a 401 was accepted")
        } catch {
            #expect(error.httpStatus == 401)
            #expect(error.message == "The username or password is wrong.")
        }
    }
}
