import BackupModel
import Foundation
import Testing
@testable import CloudAPI

func testRedisClient(
    credentials: AlibabaCredentials? = nil, endpoint: String = "https://r-kvstore.cn-zhangjiakou.aliyuncs.com",
    region: String = "cn-zhangjiakou", now: Date = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01T00:00:00Z
) -> RedisClient {
    RedisClient(
        endpoint: URL(string: endpoint)!,
        region: region,
        credentials: credentials ?? AlibabaCredentials(accessKeyID: "testid", accessKeySecret: "testsecret",
                                                        source: "test"),
        transport: sharedTestTransport,
        now: { now },
        makeNonce: { "2b460fbcedb37231cd5d74e571de7d11" })
}

@Suite struct RedisRequestTests {
    /// The window of the cloud-apis.md §5 wire example: 2018-12-03T07:01Z … 2021-05-13T00:00Z.
    static let exampleWindow = DateInterval(start: utc(2018, 12, 3, 7, 1), end: utc(2021, 5, 13, 0, 0))

    func backupsRequest(
        _ client: RedisClient = testRedisClient(), page: PageRequest = PageRequest(number: 1, size: 30),
        window: DateInterval? = RedisRequestTests.exampleWindow
    ) throws -> HTTPRequestSpec {
        let call = try client.backupsCall(instanceID: "r-t4nj72oug5r5646qog", page: page, window: window)
        return try client.signedRequest(action: call.action, parameters: call.parameters)
    }

    func parameters(_ call: (action: String, parameters: [(String, String)])) -> [String: String] {
        Dictionary(call.parameters, uniquingKeysWith: { first, _ in first })
    }

    @Test func backupListIsAGetWithTheSDKsQuery() throws {
        let request = try backupsRequest()
        #expect(request.method == "GET")
        #expect(request.body.isEmpty)
        // Same query as the SDK's wire example in reference/cloud-apis.md §5.
        #expect(request.url.absoluteString == "https://r-kvstore.cn-zhangjiakou.aliyuncs.com/?EndTime=2021-05-13T00%3A00Z&InstanceId=r-t4nj72oug5r5646qog&PageNumber=1&PageSize=30&RegionId=cn-zhangjiakou&StartTime=2018-12-03T07%3A01Z")
        #expect(request.header("content-length") == nil)
        #expect(request.header("content-type") == nil)
    }

    @Test func headersAreTheSignedSetAndTheSignatureCoversGet() throws {
        let request = try backupsRequest()
        #expect(request.headers.map(\.0) == ["host", "x-acs-action", "x-acs-version", "x-acs-date",
                                             "x-acs-signature-nonce", "accept", "x-acs-content-sha256", "user-agent",
                                             "authorization"])
        #expect(request.header("host") == "r-kvstore.cn-zhangjiakou.aliyuncs.com")
        #expect(request.header("x-acs-action") == "DescribeClusterBackupList")
        #expect(request.header("x-acs-version") == "2015-01-01")
        #expect(request.header("x-acs-date") == "2024-01-01T00:00:00Z")
        #expect(request.header("x-acs-content-sha256")
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(try verifyACS3(request, secret: "testsecret"))
        #expect(try !verifyACS3(request, secret: "wrongsecret"))
        // The method is part of the canonical request: the same request re-labelled POST no longer verifies.
        var asPost = request
        asPost.method = "POST"
        #expect(try !verifyACS3(asPost, secret: "testsecret"))
    }

    @Test func clientSignatureEqualsTheSignerOnTheSameInputs() throws {
        let request = try backupsRequest()
        let query = [("EndTime", "2021-05-13T00:00Z"), ("InstanceId", "r-t4nj72oug5r5646qog"), ("PageNumber", "1"),
                     ("PageSize", "30"), ("RegionId", "cn-zhangjiakou"), ("StartTime", "2018-12-03T07:01Z")]
        let expected = ACS3Signer.authorization(
            accessKeyID: "testid", secret: "testsecret", method: "GET", path: "/", query: query,
            headers: [("host", "r-kvstore.cn-zhangjiakou.aliyuncs.com"), ("x-acs-action", "DescribeClusterBackupList"),
                      ("x-acs-version", "2015-01-01"), ("x-acs-date", "2024-01-01T00:00:00Z"),
                      ("x-acs-signature-nonce", "2b460fbcedb37231cd5d74e571de7d11"), ("accept", "application/json"),
                      ("user-agent", HTTPTransport.userAgent)],
            body: [])
        #expect(request.header("authorization") == expected)
    }

    @Test func signerReproducesTheSDKsWireExampleForTheGet() {
        // reference/cloud-apis.md §5: the official SDK's V3-signed DescribeClusterBackupList, header for header.
        let query = [("EndTime", "2021-05-13T00:00Z"), ("InstanceId", "r-t4nj72oug5r5646qog"), ("PageNumber", "1"),
                     ("PageSize", "30"), ("RegionId", "cn-zhangjiakou"), ("StartTime", "2018-12-03T07:01Z")]
        let headers = [
            ("host", "r-kvstore.cn-zhangjiakou.aliyuncs.com"), ("x-acs-version", "2015-01-01"),
            ("x-acs-action", "DescribeClusterBackupList"),
            ("user-agent", "AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.3 TeaDSL/2"),
            ("x-acs-date", "2026-11-22T12:52:30Z"), ("x-acs-signature-nonce", "2b460fbcedb37231cd5d74e571de7d11"),
            ("accept", "application/json"),
            ("x-acs-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("x-acs-credentials-provider", "static_ak"),
        ]
        let authorization = ACS3Signer.authorization(
            accessKeyID: "testid", secret: "testsecret", method: "GET", path: "/", query: query, headers: headers,
            body: [])
        #expect(authorization == "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=accept;host;user-agent;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=4c62ad9ee77efa78058f43854945828c7a4ad3227864c3b55f22681ae92c6b46")
    }

    @Test func defaultWindowIsTheLastSevenDaysInWholeUTCDays() throws {
        let midday = testRedisClient(now: utc(2024, 3, 10, 13, 45, 12))
        let call = try midday.backupsCall(instanceID: "r-1", page: PageRequest(number: 1, size: 30), window: nil)
        #expect(parameters(call)["StartTime"] == "2024-03-03T00:00Z")
        #expect(parameters(call)["EndTime"] == "2024-03-11T00:00Z")
        // Stable within a day, so every page of one listing asks for the same window.
        let later = testRedisClient(now: utc(2024, 3, 10, 23, 59, 59))
        let laterCall = try later.backupsCall(instanceID: "r-1", page: PageRequest(number: 2, size: 30), window: nil)
        #expect(parameters(laterCall)["StartTime"] == "2024-03-03T00:00Z")
        #expect(parameters(laterCall)["EndTime"] == "2024-03-11T00:00Z")
        let window = RedisClient.defaultWindow(now: utc(2024, 3, 10, 13, 45, 12))
        #expect(window.duration == 8 * 86_400)
        #expect(RedisClient.defaultWindowDays == 7)
    }

    @Test func explicitWindowIsWidenedToWholeMinutesInTheMinuteForm() throws {
        let window = DateInterval(start: utc(2024, 3, 1, 10, 15, 42), end: utc(2024, 3, 1, 23, 59, 1))
        let call = try testRedisClient().backupsCall(instanceID: "r-1", page: PageRequest(number: 4, size: 50),
                                                     window: window)
        #expect(call.action == "DescribeClusterBackupList")
        #expect(call.parameters.map(\.0) == ["RegionId", "InstanceId", "StartTime", "EndTime", "PageNumber", "PageSize"])
        #expect(parameters(call)["StartTime"] == "2024-03-01T10:15Z")
        #expect(parameters(call)["EndTime"] == "2024-03-02T00:00Z")
        #expect(parameters(call)["PageNumber"] == "4")
        #expect(parameters(call)["PageSize"] == "50")
    }

    @Test func emptyWindowStillAsksForOneMinuteWithEndAfterStart() throws {
        let instant = utc(2024, 3, 1, 10, 15)
        let call = try testRedisClient().backupsCall(
            instanceID: "r-1", page: PageRequest(number: 1, size: 30), window: DateInterval(start: instant, duration: 0))
        #expect(parameters(call)["StartTime"] == "2024-03-01T10:15Z")
        #expect(parameters(call)["EndTime"] == "2024-03-01T10:16Z")
    }

    @Test(arguments: [(0, 30), (1, 30), (30, 30), (31, 50), (50, 50), (51, 100), (100, 100), (101, 200), (201, 300),
                      (300, 300), (301, 300), (5_000, 300)])
    func backupPageSizeRoundsUpToADocumentedSize(_ requested: Int, _ sent: Int) throws {
        let call = try testRedisClient().backupsCall(instanceID: "r-1", page: PageRequest(number: 1, size: requested),
                                                     window: nil)
        #expect(parameters(call)["PageSize"] == String(sent))
        #expect(RedisClient.backupPageSize(forRequested: requested) == sent)
    }

    @Test func pageNumberBelowOneIsSentAsOne() throws {
        let call = try testRedisClient().backupsCall(instanceID: "r-1", page: PageRequest(number: 0, size: 30),
                                                     window: nil)
        #expect(parameters(call)["PageNumber"] == "1")
    }

    @Test func blankInstanceIDIsRefusedBeforeSending() {
        #expect(throws: ServiceError.self) {
            try testRedisClient().backupsCall(instanceID: " \n", page: PageRequest(number: 1, size: 30), window: nil)
        }
    }

    @Test func instanceIDIsTrimmed() throws {
        let call = try testRedisClient().backupsCall(instanceID: "  r-abc ", page: PageRequest(number: 1, size: 30),
                                                     window: nil)
        #expect(parameters(call)["InstanceId"] == "r-abc")
    }

    @Test func instanceListIsAPostWithPageSizeCappedAtFifty() throws {
        let client = testRedisClient()
        let call = client.instancesCall(PageRequest(number: 2, size: 500))
        #expect(call.action == "DescribeInstances")
        #expect(call.parameters.map(\.0) == ["RegionId", "PageNumber", "PageSize"])
        #expect(call.parameters.map(\.1) == ["cn-zhangjiakou", "2", "50"])
        let request = try client.signedRequest(action: call.action, parameters: call.parameters)
        #expect(request.method == "POST")
        #expect(request.header("x-acs-action") == "DescribeInstances")
        #expect(request.header("x-acs-version") == "2015-01-01")
        #expect(request.url.query == "PageNumber=2&PageSize=50&RegionId=cn-zhangjiakou")
        #expect(try verifyACS3(request, secret: "testsecret"))
        #expect(client.instancesCall(PageRequest(number: 0, size: 0)).parameters.map(\.1) == ["cn-zhangjiakou", "1", "1"])
        #expect(client.instancesCall(PageRequest(number: 1, size: 30)).parameters.map(\.1)
            == ["cn-zhangjiakou", "1", "30"])
    }

    @Test func stsCredentialsAddAndSignTheTokenHeadersOnTheGet() throws {
        let client = testRedisClient(credentials: AlibabaCredentials(
            accessKeyID: "STS.testid", accessKeySecret: "testsecret", securityToken: "testststoken", source: "test"))
        let request = try backupsRequest(client)
        #expect(request.header("x-acs-security-token") == "testststoken")
        let parsed = try #require(ACS3Signer.parseAuthorization(request.header("authorization") ?? ""))
        #expect(parsed.signedHeaders.contains("x-acs-security-token"))
        #expect(try verifyACS3(request, secret: "testsecret"))
    }

    @Test func loopbackEndpointCarriesItsPortInTheSignedHost() throws {
        let request = try backupsRequest(testRedisClient(endpoint: "http://127.0.0.1:9000"))
        #expect(request.header("host") == "127.0.0.1:9000")
        #expect(request.url.absoluteString.hasPrefix("http://127.0.0.1:9000/?EndTime="))
        #expect(try verifyACS3(request, secret: "testsecret"))
    }

    @Test func serviceDescribesPagingWithoutATotal() {
        let client = testRedisClient()
        #expect(client.kind == .alibabaRedis)
        #expect(client.backupPaging == .pageNumber(maxPageSize: 300, reportsTotal: false))
        #expect(RedisClient.method(for: "DescribeClusterBackupList") == "GET")
        #expect(RedisClient.method(for: "DescribeInstances") == "POST")
    }

    @Test func vendorErrorBecomesAServiceError() {
        let body = #"{"RequestId": "C009DA42", "HostId": "r-kvstore.aliyuncs.com", "Code": "InvalidInstanceId.NotFound", "Message": "The specified instance is not found.", "Recommend": "https://api.alibabacloud.com/troubleshoot"}"#
        let result = HTTPResult(status: 404, headers: [], body: Array(body.utf8))
        #expect(throws: ServiceError(kind: .http, httpStatus: 404, code: "InvalidInstanceId.NotFound",
                                     message: "The specified instance is not found.", requestID: "C009DA42")) {
            try AlibabaRPC.decode(result, action: "DescribeClusterBackupList",
                                  as: RedisDescribeClusterBackupListResponse.self)
        }
    }
}
