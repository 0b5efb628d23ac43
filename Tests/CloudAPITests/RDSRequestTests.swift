import BackupModel
import Foundation
import Testing
@testable import CloudAPI

/// Checks a request the way the emulator will: signed headers as sent, query rebuilt from the wire.
func verifyACS3(_ request: HTTPRequestSpec, secret: String) throws -> Bool {
    let authorization = try #require(request.header("authorization"))
    let parsed = try #require(ACS3Signer.parseAuthorization(authorization))
    let signed = try parsed.signedHeaders.map { name in (name, try #require(request.header(name))) }
    let query = Percent.decodeQuery(request.url.query ?? "").map { ($0.name, $0.value) }
    let canonical = ACS3Signer.canonicalRequest(
        method: request.method, path: request.url.path.isEmpty ? "/" : request.url.path, query: query,
        headers: signed, payloadHash: ACS3Signer.payloadHash(request.body))
    let expected = ACS3Signer.signature(secret: secret,
                                        stringToSign: ACS3Signer.stringToSign(canonicalRequest: canonical))
    return constantTimeEquals(expected, parsed.signature)
}

@Suite struct RDSRequestTests {
    func backupsRequest(
        _ client: RDSClient = testRDSClient(), page: PageRequest, window: DateInterval? = nil
    ) throws -> HTTPRequestSpec {
        let call = try client.backupsCall(instanceID: "rm-uf6wjk5xxxxxxx", page: page, window: window)
        return try client.signedRequest(action: call.action, parameters: call.parameters)
    }

    @Test func backupsQueryForAPageAndAWindow() throws {
        let window = DateInterval(start: utc(2011, 6, 1, 16, 0), end: utc(2011, 6, 15, 16, 0))
        let request = try backupsRequest(page: PageRequest(number: 1, size: 30), window: window)
        #expect(request.method == "POST")
        #expect(request.body.isEmpty)
        #expect(request.url.absoluteString == "https://rds.aliyuncs.com/?DBInstanceId=rm-uf6wjk5xxxxxxx&EndTime=2011-06-15T16%3A00Z&PageNumber=1&PageSize=30&StartTime=2011-06-01T16%3A00Z")
    }

    @Test func headersAreExactlyTheSignedSetPlusAuthorization() throws {
        let request = try backupsRequest(page: PageRequest(number: 2, size: 100))
        let names = request.headers.map(\.0)
        #expect(names == ["host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "accept",
                          "x-acs-content-sha256", "user-agent", "authorization"])
        #expect(request.header("host") == "rds.aliyuncs.com")
        #expect(request.header("x-acs-action") == "DescribeBackups")
        #expect(request.header("x-acs-version") == "2014-08-15")
        #expect(request.header("x-acs-date") == "2024-01-01T00:00:00Z")
        #expect(request.header("x-acs-signature-nonce") == "3156853299f313e23d1673dc12e1703d")
        #expect(request.header("accept") == "application/json")
        #expect(request.header("x-acs-content-sha256")
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(request.header("user-agent") == HTTPTransport.userAgent)
        let parsed = try #require(ACS3Signer.parseAuthorization(request.header("authorization") ?? ""))
        #expect(parsed.credential == "testid")
        #expect(parsed.signedHeaders == ["accept", "host", "user-agent", "x-acs-action", "x-acs-content-sha256",
                                         "x-acs-date", "x-acs-signature-nonce", "x-acs-version"])
        #expect(try verifyACS3(request, secret: "testsecret"))
        #expect(try !verifyACS3(request, secret: "wrongsecret"))
    }

    @Test func signatureMatchesTheIndependentlyComputedVector() throws {
        // Same inputs as signing.md vector B, except our user-agent: recompute with the signer on fixed inputs and
        // compare with what the client put on the request.
        let window = DateInterval(start: utc(2011, 6, 1, 16, 0), end: utc(2011, 6, 15, 16, 0))
        let request = try backupsRequest(page: PageRequest(number: 1, size: 30), window: window)
        let expected = ACS3Signer.authorization(
            accessKeyID: "testid", secret: "testsecret", method: "POST", path: "/",
            query: SigningTests.rdsQuery,
            headers: SigningTests.rdsHeaders + [("accept", "application/json"), ("user-agent", HTTPTransport.userAgent)],
            body: [])
        #expect(request.header("authorization") == expected)
    }

    @Test func stsCredentialsAddAndSignTheTokenHeaders() throws {
        let client = testRDSClient(credentials: AlibabaCredentials(
            accessKeyID: "STS.testid", accessKeySecret: "testsecret", securityToken: "testststoken", source: "test"))
        let request = try backupsRequest(client, page: PageRequest(number: 1, size: 30))
        #expect(request.header("x-acs-accesskey-id") == "STS.testid")
        #expect(request.header("x-acs-security-token") == "testststoken")
        let parsed = try #require(ACS3Signer.parseAuthorization(request.header("authorization") ?? ""))
        #expect(parsed.signedHeaders.contains("x-acs-security-token"))
        #expect(parsed.signedHeaders.contains("x-acs-accesskey-id"))
        #expect(try verifyACS3(request, secret: "testsecret"))
    }

    @Test func hostCarriesANonDefaultPort() throws {
        let loopback = testRDSClient(endpoint: "http://127.0.0.1:9000")
        let request = try backupsRequest(loopback, page: PageRequest(number: 1, size: 30))
        #expect(request.header("host") == "127.0.0.1:9000")
        #expect(request.url.absoluteString.hasPrefix("http://127.0.0.1:9000/?"))
        #expect(try verifyACS3(request, secret: "testsecret"))
        let defaultPort = testRDSClient(endpoint: "https://rds.aliyuncs.com:443")
        #expect(try backupsRequest(defaultPort, page: PageRequest(number: 1, size: 30)).header("host")
            == "rds.aliyuncs.com")
        let ipv6 = testRDSClient(endpoint: "http://[::1]:8080")
        #expect(try backupsRequest(ipv6, page: PageRequest(number: 1, size: 30)).header("host") == "[::1]:8080")
    }

    @Test(arguments: [(1, 30), (29, 30), (30, 30), (31, 50), (50, 50), (51, 100), (100, 100), (500, 100), (0, 30)])
    func backupPageSizeRoundsUpToAValidSize(_ requested: Int, _ sent: Int) throws {
        let call = try testRDSClient().backupsCall(instanceID: "rm-1", page: PageRequest(number: 1, size: requested),
                                                   window: nil)
        #expect(call.parameters.first { $0.0 == "PageSize" }?.1 == String(sent))
        #expect(RDSClient.backupPageSize(forRequested: requested) == sent)
    }

    @Test func windowIsWidenedToWholeMinutes() throws {
        let window = DateInterval(start: utc(2024, 3, 1, 10, 15, 42), end: utc(2024, 3, 1, 23, 59, 1))
        let call = try testRDSClient().backupsCall(instanceID: "rm-1", page: PageRequest(number: 4, size: 50),
                                                   window: window)
        let parameters = Dictionary(uniqueKeysWithValues: call.parameters)
        #expect(parameters["StartTime"] == "2024-03-01T10:15Z")
        #expect(parameters["EndTime"] == "2024-03-02T00:00Z")
        #expect(parameters["PageNumber"] == "4")
        #expect(parameters["PageSize"] == "50")
        #expect(call.action == "DescribeBackups")
    }

    @Test func noWindowMeansNoTimeParameters() throws {
        let call = try testRDSClient().backupsCall(instanceID: "rm-1", page: PageRequest(number: 1, size: 30),
                                                   window: nil)
        #expect(call.parameters.map(\.0) == ["DBInstanceId", "PageNumber", "PageSize"])
    }

    @Test func emptyInstanceIDIsRefusedBeforeSending() {
        #expect(throws: ServiceError.self) {
            try testRDSClient().backupsCall(instanceID: "  ", page: PageRequest(number: 1, size: 30), window: nil)
        }
    }

    @Test func instancesQueryClampsPageSize() throws {
        let client = testRDSClient()
        let call = client.instancesCall(PageRequest(number: 2, size: 500))
        #expect(call.action == "DescribeDBInstances")
        #expect(call.parameters.map(\.0) == ["RegionId", "PageNumber", "PageSize"])
        #expect(call.parameters.map(\.1) == ["cn-hangzhou", "2", "100"])
        let request = try client.signedRequest(action: call.action, parameters: call.parameters)
        #expect(request.header("x-acs-action") == "DescribeDBInstances")
        #expect(request.url.query == "PageNumber=2&PageSize=100&RegionId=cn-hangzhou")
        #expect(try verifyACS3(request, secret: "testsecret"))
        #expect(client.instancesCall(PageRequest(number: 0, size: 0)).parameters.map(\.1) == ["cn-hangzhou", "1", "1"])
    }

    @Test func valuesNeedingEscapesAreEncodedOnTheWireAndStillVerify() throws {
        let client = testRDSClient()
        let request = try client.signedRequest(action: "DescribeBackups",
                                               parameters: [("DBInstanceId", "rm a*b/c+d"), ("PageSize", "30")])
        #expect(request.url.query == "DBInstanceId=rm%20a%2Ab%2Fc%2Bd&PageSize=30")
        #expect(try verifyACS3(request, secret: "testsecret"))
    }

    @Test func plainHTTPToARemoteHostIsRefused() {
        let client = testRDSClient(endpoint: "http://rds.aliyuncs.com")
        #expect(throws: ServiceError.self) {
            try client.signedRequest(action: "DescribeBackups", parameters: [])
        }
    }

    @Test func nonceIsRandom32Hex() {
        let first = AlibabaRPC.randomNonce()
        let second = AlibabaRPC.randomNonce()
        #expect(first.count == 32)
        #expect(first.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(first != second)
    }

    @Test func serviceDescribesItsPaging() {
        let client = testRDSClient()
        #expect(client.kind == .alibabaRDS)
        #expect(client.backupPaging == .pageNumber(maxPageSize: 100, reportsTotal: true))
    }

    // MARK: Error responses

    @Test func alibabaErrorBodyBecomesAnHTTPError() {
        let body = #"{"RequestId": "6BE56E05-XXXX", "HostId": "rds.aliyuncs.com", "Code": "InvalidDBInstanceId.NotFound", "Message": "The DBInstanceId provided does not exist in records.", "Recommend": "https://api.alibabacloud.com/troubleshoot"}"#
        let result = HTTPResult(status: 400, headers: [], body: Array(body.utf8))
        #expect(throws: ServiceError(kind: .http, httpStatus: 400, code: "InvalidDBInstanceId.NotFound",
                                     message: "The DBInstanceId provided does not exist in records.",
                                     requestID: "6BE56E05-XXXX")) {
            try AlibabaRPC.decode(result, action: "DescribeBackups", as: RDSDescribeBackupsResponse.self)
        }
    }

    @Test func throttlingAndServerErrorsKeepTheirStatus() {
        let body = #"{"RequestId": "R", "Code": "Throttling.User", "Message": "Request was denied due to user flow control."}"#
        let error = AlibabaRPC.httpError(HTTPResult(status: 400, headers: [], body: Array(body.utf8)),
                                         requestIDHeader: nil)
        #expect(error.kind == .http)
        #expect(error.httpStatus == 400)
        #expect(error.code == "Throttling.User")
        let server = AlibabaRPC.httpError(HTTPResult(status: 503, headers: [("X-Acs-Request-Id", "HDR")],
                                                     body: Array(#"{"Code": "ServiceUnavailable"}"#.utf8)),
                                          requestIDHeader: "HDR")
        #expect(server.code == "ServiceUnavailable")
        #expect(server.httpStatus == 503)
        #expect(server.requestID == "HDR")
    }

    @Test func nonJSONErrorBodyGivesHTTPStatusCodeAndSanitisedExcerpt() {
        let body = "<html><body>\u{1B}[31m502 Bad Gateway\u{07}\n\n" + String(repeating: "x", count: 1000) + "</body></html>"
        let error = AlibabaRPC.httpError(HTTPResult(status: 502, headers: [], body: Array(body.utf8)),
                                         requestIDHeader: nil)
        #expect(error.kind == .http)
        #expect(error.httpStatus == 502)
        #expect(error.code == "HTTP502")
        #expect(error.message.hasPrefix("<html><body> [31m502 Bad Gateway"))
        #expect(!error.message.contains("\u{1B}"))
        #expect(!error.message.contains("\u{07}"))
        #expect(!error.message.contains("\n"))
        #expect(error.message.count <= 201)
    }

    @Test func emptyErrorBodyIsExplained() {
        let error = AlibabaRPC.httpError(HTTPResult(status: 500, headers: [], body: []), requestIDHeader: nil)
        #expect(error.code == "HTTP500")
        #expect(error.message.contains("empty body"))
    }

    @Test func jsonErrorWithoutCodeFallsBackToHTTPStatus() {
        let error = AlibabaRPC.httpError(HTTPResult(status: 404, headers: [], body: Array(#"{"message":"nope"}"#.utf8)),
                                         requestIDHeader: nil)
        #expect(error.code == "HTTP404")
        #expect(error.message.contains("nope"))
    }
}
