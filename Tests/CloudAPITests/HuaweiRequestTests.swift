import BackupModel
import Foundation
import Testing
@testable import CloudAPI

/// Checks a Huawei request as the emulator does: the headers named in SignedHeaders, the query as sent.
func verifyHuawei(_ request: HTTPRequestSpec, secret: String) throws -> Bool {
    let authorization = try #require(request.header("authorization"))
    let parsed = try #require(HuaweiSigner.parseAuthorization(authorization))
    let signed = try parsed.signedHeaders.map { name in (name, try #require(request.header(name))) }
    let query = Percent.decodeQuery(request.url.query ?? "").map { ($0.name, $0.value) }
    let canonical = HuaweiSigner.canonicalRequest(method: request.method, path: request.url.path,
                                                  query: query, headers: signed, body: request.body)
    let date = try #require(request.header("x-sdk-date"))
    let expected = HuaweiSigner.signature(
        secret: secret, stringToSign: HuaweiSigner.stringToSign(canonicalRequest: canonical, sdkDate: date))
    return constantTimeEquals(expected, parsed.signature)
}

@Suite struct HuaweiRequestTests {
    func backupsRequest(
        _ client: HuaweiGaussDBNoSQLClient = testHuaweiClient(), page: PageRequest, window: DateInterval? = nil
    ) throws -> HTTPRequestSpec {
        let call = try client.backupsCall(instanceID: "43e4feaab48f11e89039fa163ebaa7e4in06", page: page,
                                          window: window)
        return try client.signedRequest(path: call.path, query: call.query)
    }

    @Test func pagingIsOffsetAndLimit() throws {
        #expect(testHuaweiClient().backupPaging == .offsetLimit(maxLimit: 100))
        #expect(testHuaweiClient().kind == .huaweiGaussDBNoSQL)
        let third = try backupsRequest(page: PageRequest(number: 3, size: 50))
        #expect(third.method == "GET")
        #expect(third.body.isEmpty)
        #expect(third.url.absoluteString == "https://gaussdb-nosql.cn-north-4.myhuaweicloud.com/v3.1/0123456789abcdef0123456789abcdef/backups?instance_id=43e4feaab48f11e89039fa163ebaa7e4in06&limit=50&offset=100")
        // limit is clamped to 1...100, and the offset follows the clamped limit.
        let clamped = try backupsRequest(page: PageRequest(number: 2, size: 500))
        #expect(clamped.url.query == "instance_id=43e4feaab48f11e89039fa163ebaa7e4in06&limit=100&offset=100")
        let first = try backupsRequest(page: PageRequest(number: 0, size: 0))
        #expect(first.url.query == "instance_id=43e4feaab48f11e89039fa163ebaa7e4in06&limit=1&offset=0")
    }

    @Test func windowIsSentWithPlusEncodedOffsets() throws {
        let window = DateInterval(start: utc(2019, 5, 27, 0, 0), end: utc(2019, 5, 28, 0, 0))
        let request = try backupsRequest(page: PageRequest(number: 1, size: 100), window: window)
        #expect(request.url.query == "begin_time=2019-05-27T00%3A00%3A00%2B0000&end_time=2019-05-28T00%3A00%3A00%2B0000&instance_id=43e4feaab48f11e89039fa163ebaa7e4in06&limit=100&offset=0")
        // A fractional end is widened to the next whole second, never cut short.
        let fractional = DateInterval(start: utc(2019, 5, 27, 0, 0, 0.5), end: utc(2019, 5, 28, 0, 0, 0.25))
        let widened = try backupsRequest(page: PageRequest(number: 1, size: 100), window: fractional)
        #expect(widened.url.query?.hasPrefix("begin_time=2019-05-27T00%3A00%3A00%2B0000&end_time=2019-05-28T00%3A00%3A01%2B0000") == true)
    }

    @Test func akskHeadersAreTheSDKSetAndTheSignatureVerifies() throws {
        let request = try backupsRequest(page: PageRequest(number: 1, size: 10))
        #expect(request.headers.map(\.0) == ["Host", "Content-Type", "User-Agent", "X-Project-Id", "X-Sdk-Date",
                                             "Authorization"])
        #expect(request.header("host") == "gaussdb-nosql.cn-north-4.myhuaweicloud.com")
        #expect(request.header("content-type") == "application/json")
        #expect(request.header("x-project-id") == huaweiProject)
        #expect(request.header("x-sdk-date") == "20240101T000000Z")
        let authorization = try #require(request.header("authorization"))
        #expect(authorization.hasPrefix(
            "SDK-HMAC-SHA256 Access=testid, SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, Signature="))
        #expect(try verifyHuawei(request, secret: "testsecret"))
        #expect(try !verifyHuawei(request, secret: "othersecret"))
    }

    @Test func instancesRequestAndAPortInTheHost() throws {
        let client = testHuaweiClient(endpoint: "http://127.0.0.1:8765")
        let call = try client.instancesCall(PageRequest(number: 2, size: 10))
        let request = try client.signedRequest(path: call.path, query: call.query)
        #expect(request.url.absoluteString == "http://127.0.0.1:8765/v3/0123456789abcdef0123456789abcdef/instances?limit=10&offset=10")
        #expect(request.header("host") == "127.0.0.1:8765")
        #expect(try verifyHuawei(request, secret: "testsecret"))
    }

    @Test func temporaryKeysSignTheSecurityToken() throws {
        let key = HuaweiAccessKey(accessKey: "testid", secretKey: "testsecret", securityToken: "sts-token-value",
                                  source: "test")
        let request = try backupsRequest(testHuaweiClient(auth: .aksk(key)), page: PageRequest(number: 1, size: 10))
        #expect(request.header("x-security-token") == "sts-token-value")
        #expect(request.header("authorization")?.contains("x-security-token") == true)
        #expect(try verifyHuawei(request, secret: "testsecret"))
    }

    @Test func tokenModeSendsXAuthTokenAndNoSignature() throws {
        let request = try backupsRequest(testHuaweiClient(auth: .token("MIIexampletoken")),
                                         page: PageRequest(number: 1, size: 100))
        #expect(request.headers.map(\.0) == ["Host", "Content-Type", "User-Agent", "X-Project-Id", "X-Auth-Token"])
        #expect(request.header("x-auth-token") == "MIIexampletoken")
        #expect(request.header("authorization") == nil)
    }

    @Test func secretsNeverAppearInDescriptions() {
        let key = HuaweiAccessKey(accessKey: "HPUAEXAMPLEKEY123", secretKey: "very-secret-sk", securityToken: "sts-tok",
                                  source: "environment")
        let texts = [String(describing: key), String(reflecting: key), String(describing: HuaweiAuth.aksk(key)),
                     String(describing: HuaweiAuth.token("MIItokenvalue")), String(reflecting: HuaweiAuth.token("MIItokenvalue"))]
        var dumped = ""
        dump(HuaweiAuth.aksk(key), to: &dumped)
        dump(HuaweiAuth.token("MIItokenvalue"), to: &dumped)
        for text in texts + [dumped] {
            #expect(!text.contains("very-secret-sk"))
            #expect(!text.contains("sts-tok"))
            #expect(!text.contains("MIItokenvalue"))
        }
        #expect(key.description == "Huawei Cloud temporary AK/SK HPUA****Y123 from environment")
    }

    @Test func missingProjectOrInstanceIsAConfigurationError() {
        #expect(throws: ServiceError.self) {
            _ = try testHuaweiClient(projectID: " ").instancesCall(PageRequest(number: 1, size: 10))
        }
        #expect(throws: ServiceError.self) {
            _ = try testHuaweiClient().backupsCall(instanceID: "", page: PageRequest(number: 1, size: 10), window: nil)
        }
        // Plain http only to loopback.
        let remote = testHuaweiClient(endpoint: "http://gaussdb-nosql.cn-north-4.myhuaweicloud.com")
        #expect(throws: ServiceError.self) { _ = try remote.signedRequest(path: "/v3/p/instances", query: []) }
    }
}
