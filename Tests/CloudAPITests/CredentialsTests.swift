import BackupModel
import Foundation
import Testing
@testable import CloudAPI

/// A throwaway home directory with an optional `~/.aliyun/config.json`.
private struct TemporaryHome {
    let path: String

    init(config: String?) throws {
        path = NSTemporaryDirectory() + "backdeck-cred-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path + "/.aliyun", withIntermediateDirectories: true)
        if let config {
            try config.write(toFile: path + "/.aliyun/config.json", atomically: true, encoding: .utf8)
        }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

private let sampleConfig = """
{
\t"current": "default",
\t"profiles": [
\t\t{ "name": "default", "mode": "AK", "access_key_id": "LTAI5tDefaultKey0001", "access_key_secret": "default-secret-value",
\t\t  "region_id": "cn-hangzhou", "output_format": "json", "language": "en" },
\t\t{ "name": "prod", "mode": "AK", "access_key_id": "LTAI5tProdKey000002", "access_key_secret": "prod-secret-value",
\t\t  "region_id": "cn-shanghai", "retry_timeout": 0, "expired_seconds": 3600 },
\t\t{ "name": "sts", "mode": "StsToken", "access_key_id": "STS.NTempKey0003", "access_key_secret": "sts-secret-value",
\t\t  "sts_token": "CAIS-token-value", "region_id": "cn-hangzhou" },
\t\t{ "name": "role", "mode": "RamRoleArn", "access_key_id": "LTAI5tRoleKey0004", "access_key_secret": "role-secret-value",
\t\t  "ram_role_arn": "acs:ram::123:role/x", "ram_session_name": "s", "expired_seconds": 3600 },
\t\t{ "name": "lowercase", "mode": "ak", "access_key_id": "LTAI5tLowerKey0005", "access_key_secret": "lower-secret-value" },
\t\t{ "name": "nosecret", "mode": "AK", "access_key_id": "LTAI5tNoSecret0006" },
\t\t{ "name": "notoken", "mode": "StsToken", "access_key_id": "STS.x", "access_key_secret": "notoken-secret-value" }
\t],
\t"meta_path": ""
}
"""

private let allSecrets = ["default-secret-value", "prod-secret-value", "sts-secret-value", "CAIS-token-value",
                          "role-secret-value", "lower-secret-value", "notoken-secret-value", "env-secret-value",
                          "env-token-value"]

private func resolveError(
    profile: String?, environment: [String: String] = [:], home: String
) -> ServiceError? {
    do {
        _ = try AlibabaCredentialResolver.resolve(profile: profile, environment: environment, homeDirectory: home)
        return nil
    } catch {
        return error
    }
}

private func expectNoSecrets(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    for secret in allSecrets {
        #expect(!text.contains(secret), "leaked a secret", sourceLocation: sourceLocation)
    }
}

@Suite struct CredentialsTests {
    @Test func environmentWinsOverTheConfigFile() throws {
        let home = try TemporaryHome(config: sampleConfig)
        defer { home.remove() }
        let environment = ["ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAI5tEnvironment007",
                           "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "env-secret-value",
                           "ALIBABA_CLOUD_SECURITY_TOKEN": "env-token-value",
                           "ALIBABA_CLOUD_PROFILE": "prod"]
        let credentials = try AlibabaCredentialResolver.resolve(profile: "prod", environment: environment,
                                                                homeDirectory: home.path)
        #expect(credentials.accessKeyID == "LTAI5tEnvironment007")
        #expect(credentials.accessKeySecret == "env-secret-value")
        #expect(credentials.securityToken == "env-token-value")
        #expect(credentials.source == "environment")
    }

    @Test func environmentWithoutTokenHasNoToken() throws {
        let environment = ["ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAI5tEnvironment007",
                           "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "env-secret-value",
                           "ALIBABA_CLOUD_SECURITY_TOKEN": ""]
        let credentials = try AlibabaCredentialResolver.resolve(profile: nil, environment: environment,
                                                                homeDirectory: "/nonexistent-home")
        #expect(credentials.securityToken == nil)
    }

    @Test func halfSetEnvironmentIsAnError() {
        let error = resolveError(profile: nil, environment: ["ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAI5tEnvironment007"],
                                 home: "/nonexistent-home")
        #expect(error?.kind == .configuration)
        #expect(error?.message.contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET") == true)
        #expect(error?.message.contains("LTAI5tEnvironment007") == false)
    }

    @Test func namedProfileIsUsed() throws {
        let home = try TemporaryHome(config: sampleConfig)
        defer { home.remove() }
        let credentials = try AlibabaCredentialResolver.resolve(profile: "prod", environment: [:],
                                                                homeDirectory: home.path)
        #expect(credentials.accessKeyID == "LTAI5tProdKey000002")
        #expect(credentials.accessKeySecret == "prod-secret-value")
        #expect(credentials.securityToken == nil)
        #expect(credentials.source == "~/.aliyun/config.json profile prod")
    }

    @Test func profileVariableIsUsedWhenNoProfileIsNamed() throws {
        let home = try TemporaryHome(config: sampleConfig)
        defer { home.remove() }
        let credentials = try AlibabaCredentialResolver.resolve(
            profile: nil, environment: ["ALIBABA_CLOUD_PROFILE": "prod"], homeDirectory: home.path)
        #expect(credentials.accessKeyID == "LTAI5tProdKey000002")
    }

    @Test func explicitProfileBeatsProfileVariable() throws {
        let home = try TemporaryHome(config: sampleConfig)
        defer { home.remove() }
        let credentials = try AlibabaCredentialResolver.resolve(
            profile: "default", environment: ["ALIBABA_CLOUD_PROFILE": "prod"], homeDirectory: home.path)
        #expect(credentials.accessKeyID == "LTAI5tDefaultKey0001")
    }

    @Test func currentProfileIsTheFallback() throws {
        let home = try TemporaryHome(config: sampleConfig)
        defer { home.remove() }
        let credentials = try AlibabaCredentialResolver.resolve(profile: nil, environment: [:],
                                                                homeDirectory: home.path)
        #expect(credentials.accessKeyID == "LTAI5tDefaultKey0001")
        #expect(credentials.accessKeySecret == "default-secret-value")
        #expect(credentials.source == "~/.aliyun/config.json profile default")
    }

    @Test func stsTokenProfileCarriesTheToken() throws {
        let home = try TemporaryHome(config: sampleConfig)
        defer { home.remove() }
        let credentials = try AlibabaCredentialResolver.resolve(profile: "sts", environment: [:],
                                                                homeDirectory: home.path)
        #expect(credentials.accessKeyID == "STS.NTempKey0003")
        #expect(credentials.accessKeySecret == "sts-secret-value")
        #expect(credentials.securityToken == "CAIS-token-value")
    }

    @Test func missingFileSaysHowToConfigure() throws {
        let home = try TemporaryHome(config: nil)
        defer { home.remove() }
        let error = resolveError(profile: nil, home: home.path)
        #expect(error?.kind == .configuration)
        #expect(error?.message.contains("ALIBABA_CLOUD_ACCESS_KEY_ID") == true)
        #expect(error?.message.contains("~/.aliyun/config.json") == true)
    }

    @Test func malformedJSONIsAConfigurationErrorThatDoesNotQuoteTheFile() throws {
        let home = try TemporaryHome(config: "{ \"current\": \"default\", \"profiles\": [ { \"access_key_secret\": \"prod-secret-value\" ")
        defer { home.remove() }
        let error = try #require(resolveError(profile: nil, home: home.path))
        #expect(error.kind == .configuration)
        #expect(error.message.contains("not valid"))
        expectNoSecrets(error.message)
    }

    @Test func wrongShapeNamesThePlace() throws {
        let home = try TemporaryHome(config: "{ \"current\": \"default\", \"profiles\": { \"name\": \"default\" } }")
        defer { home.remove() }
        let error = try #require(resolveError(profile: nil, home: home.path))
        #expect(error.kind == .configuration)
        #expect(error.message.contains("profiles"))
    }

    @Test func unsupportedModeIsNamed() throws {
        let home = try TemporaryHome(config: sampleConfig)
        defer { home.remove() }
        let error = try #require(resolveError(profile: "role", home: home.path))
        #expect(error.kind == .configuration)
        #expect(error.message.contains("\"RamRoleArn\""))
        #expect(error.message.contains("role"))
        expectNoSecrets(error.message)
    }

    @Test func modeIsMatchedExactlyLikeThePythonProvider() throws {
        let home = try TemporaryHome(config: sampleConfig)
        defer { home.remove() }
        let error = try #require(resolveError(profile: "lowercase", home: home.path))
        #expect(error.message.contains("\"ak\""))
    }

    @Test func unknownProfileListsTheKnownOnes() throws {
        let home = try TemporaryHome(config: sampleConfig)
        defer { home.remove() }
        let error = try #require(resolveError(profile: "staging", home: home.path))
        #expect(error.kind == .configuration)
        #expect(error.message.contains("\"staging\""))
        #expect(error.message.contains("\"prod\""))
        expectNoSecrets(error.message)
    }

    @Test func incompleteProfilesAreErrors() throws {
        let home = try TemporaryHome(config: sampleConfig)
        defer { home.remove() }
        #expect(resolveError(profile: "nosecret", home: home.path)?.message.contains("access_key_secret") == true)
        #expect(resolveError(profile: "notoken", home: home.path)?.message.contains("sts_token") == true)
    }

    @Test func noCurrentProfileIsAnError() throws {
        let home = try TemporaryHome(config: "{ \"profiles\": [] }")
        defer { home.remove() }
        let error = try #require(resolveError(profile: nil, home: home.path))
        #expect(error.message.contains("no current profile"))
    }

    @Test func textualFormsNeverShowTheSecretOrToken() {
        let credentials = AlibabaCredentials(accessKeyID: "LTAI5tAbCdEfGhIjabcd", accessKeySecret: "env-secret-value",
                                             securityToken: "env-token-value", source: "environment")
        #expect(credentials.description.contains("LTAI****abcd"))
        #expect(credentials.description.contains("environment"))
        expectNoSecrets(credentials.description)
        expectNoSecrets(credentials.debugDescription)
        expectNoSecrets(String(describing: credentials))
        expectNoSecrets(String(reflecting: credentials))
        expectNoSecrets("\(credentials)")
        var dumped = ""
        dump(credentials, to: &dumped)
        expectNoSecrets(dumped)
        #expect(!dumped.contains("LTAI5tAbCdEfGhIjabcd"))
    }

    @Test func shortKeyIDsAreHiddenEntirely() {
        let credentials = AlibabaCredentials(accessKeyID: "testid", accessKeySecret: "x", source: "demo")
        #expect(credentials.maskedAccessKeyID == "****")
        #expect(!credentials.description.contains("testid"))
    }
}
