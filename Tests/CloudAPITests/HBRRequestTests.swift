import BackupModel
import Foundation
import Testing
@testable import CloudAPI

@Suite struct HBRRequestTests {
    func jobsRequest(
        _ client: HBRClient = testHBRClient(), vault: String = "v-0006******q", page: PageRequest,
        window: DateInterval? = nil
    ) throws -> HTTPRequestSpec {
        let call = try client.jobsCall(vaultID: vault, page: page, window: window)
        return try client.signedRequest(action: call.action, parameters: call.parameters)
    }

    @Test func jobsQueryFlattensTheVaultFilterAsTheSDKDoes() throws {
        let request = try jobsRequest(page: PageRequest(number: 1, size: 10))
        #expect(request.method == "POST")
        #expect(request.body.isEmpty)
        // The same query as the SDK's wire example (cloud-apis.md §2) without its CompleteTime filter; `*` as %2A.
        #expect(request.url.absoluteString == "https://hbr.cn-hangzhou.aliyuncs.com/?Filters.1.Key=VaultId&Filters.1.Operator=IN&Filters.1.Values.1=v-0006%2A%2A%2A%2A%2A%2Aq&PageNumber=1&PageSize=10&SortDirection=DESCEND&SourceType=ECS_FILE")
        #expect(request.header("x-acs-action") == "DescribeBackupJobs2")
        #expect(request.header("x-acs-version") == "2017-09-08")
        #expect(request.header("host") == "hbr.cn-hangzhou.aliyuncs.com")
        #expect(try verifyACS3(request, secret: "testsecret"))
        #expect(try !verifyACS3(request, secret: "wrongsecret"))
    }

    @Test func headersAreExactlyTheSignedSetPlusAuthorization() throws {
        let request = try jobsRequest(page: PageRequest(number: 3, size: 99))
        #expect(request.headers.map(\.0) == ["host", "x-acs-action", "x-acs-version", "x-acs-date",
                                             "x-acs-signature-nonce", "accept", "x-acs-content-sha256", "user-agent",
                                             "authorization"])
        #expect(request.header("x-acs-date") == "2024-01-01T00:00:00Z")
        #expect(request.header("x-acs-content-sha256")
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let parsed = try #require(ACS3Signer.parseAuthorization(request.header("authorization") ?? ""))
        #expect(parsed.credential == "testid")
        #expect(parsed.signedHeaders == ["accept", "host", "user-agent", "x-acs-action", "x-acs-content-sha256",
                                         "x-acs-date", "x-acs-signature-nonce", "x-acs-version"])
    }

    @Test func theSDKWireExampleSignatureIsReproduced() {
        // cloud-apis.md §2: the official Python SDK's request, signed with testid/testsecret.
        let query = [
            ("Filters.1.Key", "VaultId"), ("Filters.1.Operator", "IN"), ("Filters.1.Values.1", "v-0006******q"),
            ("Filters.2.Key", "CompleteTime"), ("Filters.2.Operator", "BETWEEN"),
            ("Filters.2.Values.1", "1554347313"), ("Filters.2.Values.2", "1554347999"),
            ("PageNumber", "1"), ("PageSize", "10"), ("SortDirection", "DESCEND"), ("SourceType", "ECS_FILE"),
        ]
        let headers = [
            ("host", "hbr.cn-hangzhou.aliyuncs.com"), ("x-acs-version", "2017-09-08"),
            ("x-acs-action", "DescribeBackupJobs2"),
            ("user-agent", "AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.3 TeaDSL/2"),
            ("x-acs-date", "2026-11-22T12:52:30Z"), ("x-acs-signature-nonce", "0bcd9658a11e385f8a2c5b2d0bbb9b38"),
            ("accept", "application/json"),
            ("x-acs-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("x-acs-credentials-provider", "static_ak"),
        ]
        let authorization = ACS3Signer.authorization(
            accessKeyID: "testid", secret: "testsecret", method: "POST", path: "/", query: query, headers: headers,
            body: [])
        #expect(authorization.hasSuffix("Signature=cdeee1158b274b6e0040ea301676ea1c52d2b19df75780c668d9ca7c32076582"))
    }

    @Test func aWindowBecomesTwoCreatedTimeComparisonsInWholeSeconds() throws {
        let window = DateInterval(start: Date(timeIntervalSince1970: 1_554_347_313.7),
                                  end: Date(timeIntervalSince1970: 1_554_347_999.2))
        let call = try testHBRClient().jobsCall(vaultID: "v-1", page: PageRequest(number: 2, size: 50), window: window)
        let parameters = Dictionary(uniqueKeysWithValues: call.parameters)
        #expect(parameters["Filters.2.Key"] == "CreatedTime")
        #expect(parameters["Filters.2.Operator"] == "GREATER_THAN_OR_EQUAL")
        #expect(parameters["Filters.2.Values.1"] == "1554347313")
        #expect(parameters["Filters.3.Key"] == "CreatedTime")
        #expect(parameters["Filters.3.Operator"] == "LESS_THAN_OR_EQUAL")
        #expect(parameters["Filters.3.Values.1"] == "1554348000")
        #expect(parameters["Filters.2.Values.2"] == nil)
        #expect(parameters["PageNumber"] == "2")
        #expect(parameters["PageSize"] == "50")
        let request = try testHBRClient().signedRequest(action: call.action, parameters: call.parameters)
        #expect(try verifyACS3(request, secret: "testsecret"))
    }

    @Test func noWindowMeansOnlyTheVaultFilter() throws {
        let call = try testHBRClient().jobsCall(vaultID: "v-1", page: PageRequest(number: 1, size: 10), window: nil)
        #expect(call.parameters.map(\.0) == ["SourceType", "PageNumber", "PageSize", "SortDirection", "Filters.1.Key",
                                             "Filters.1.Operator", "Filters.1.Values.1"])
    }

    @Test(arguments: [(0, 1), (1, 1), (10, 10), (98, 98), (99, 99), (100, 99), (500, 99), (-3, 1)])
    func pageSizeIsClampedToOneThroughNinetyNine(_ requested: Int, _ sent: Int) throws {
        let client = testHBRClient()
        let jobs = try client.jobsCall(vaultID: "v-1", page: PageRequest(number: 1, size: requested), window: nil)
        #expect(jobs.parameters.first { $0.0 == "PageSize" }?.1 == String(sent))
        let vaults = client.vaultsCall(PageRequest(number: 1, size: requested))
        #expect(vaults.parameters.first { $0.0 == "PageSize" }?.1 == String(sent))
    }

    @Test func sourceTypeComesFromTheInitialiser() throws {
        let oss = try testHBRClient(sourceType: "OSS").jobsCall(vaultID: "v-1", page: PageRequest(number: 1, size: 10),
                                                                window: nil)
        #expect(oss.parameters.first { $0.0 == "SourceType" }?.1 == "OSS")
        let blank = try testHBRClient(sourceType: "  ").jobsCall(vaultID: "v-1", page: PageRequest(number: 1, size: 10),
                                                                 window: nil)
        #expect(blank.parameters.first { $0.0 == "SourceType" }?.1 == "ECS_FILE")
        let byDefault = HBRClient(endpoint: URL(string: "https://hbr.cn-hangzhou.aliyuncs.com")!, region: "cn-hangzhou",
                                  credentials: AlibabaCredentials(accessKeyID: "a", accessKeySecret: "b", source: "t"),
                                  transport: sharedTestTransport)
        #expect(byDefault.sourceType == "ECS_FILE")
    }

    @Test func vaultsQueryNamesTheRegion() throws {
        let client = testHBRClient()
        let call = client.vaultsCall(PageRequest(number: 0, size: 10))
        #expect(call.action == "DescribeVaults")
        let request = try client.signedRequest(action: call.action, parameters: call.parameters)
        #expect(request.url.query == "PageNumber=1&PageSize=10&VaultRegionId=cn-hangzhou")
        #expect(request.header("x-acs-action") == "DescribeVaults")
        #expect(try verifyACS3(request, secret: "testsecret"))
    }

    @Test func stsTokenIsSentAndSigned() throws {
        let client = testHBRClient(credentials: AlibabaCredentials(
            accessKeyID: "STS.testid", accessKeySecret: "testsecret", securityToken: "testststoken", source: "test"))
        let request = try jobsRequest(client, page: PageRequest(number: 1, size: 10))
        #expect(request.header("x-acs-security-token") == "testststoken")
        #expect(try verifyACS3(request, secret: "testsecret"))
    }

    @Test func emptyVaultIDIsRefusedBeforeSending() {
        #expect(throws: ServiceError.self) {
            try testHBRClient().jobsCall(vaultID: " ", page: PageRequest(number: 1, size: 10), window: nil)
        }
    }

    @Test func serviceDescribesItsPaging() {
        let client = testHBRClient()
        #expect(client.kind == .alibabaHBR)
        #expect(client.backupPaging == .pageNumber(maxPageSize: 99, reportsTotal: true))
    }
}
