import BackupModel
import Foundation
import Testing
@testable import CloudAPI

func testStarRocksClient(
    credentials: AlibabaCredentials? = nil, endpoint: String = "https://starrocks.cn-hangzhou.aliyuncs.com"
) -> StarRocksClient {
    StarRocksClient(
        endpoint: URL(string: endpoint)!,
        region: "cn-hangzhou",
        credentials: credentials ?? AlibabaCredentials(accessKeyID: "testid", accessKeySecret: "testsecret",
                                                        source: "test"),
        transport: sharedTestTransport,
        now: { Date(timeIntervalSince1970: 1_704_067_200) },  // 2024-01-01T00:00:00Z
        makeNonce: { "3156853299f313e23d1673dc12e1703d" })
}

@Suite struct StarRocksRequestTests {
    func backupsRequest(
        _ client: StarRocksClient = testStarRocksClient(), instanceID: String = "c-b25e21e24388xxxx",
        page: PageRequest = PageRequest(number: 1, size: 10), window: DateInterval? = nil
    ) throws -> HTTPRequestSpec {
        try client.signedRequest(try client.backupsCall(instanceID: instanceID, page: page, window: window))
    }

    @Test func backupsIsABodilessPOSTToTheROAPathWithEveryParameterInTheQuery() throws {
        let request = try backupsRequest()
        #expect(request.method == "POST")
        #expect(request.body.isEmpty)
        #expect(request.header("content-type") == nil)
        #expect(request.url.absoluteString == "https://starrocks.cn-hangzhou.aliyuncs.com/webapi/backup/manage/describe?InstanceId=c-b25e21e24388xxxx&PageNumber=1&PageSize=10&RegionId=cn-hangzhou")
    }

    @Test func theWindowIsSentInSecondsWidenedToWholeSeconds() throws {
        let window = DateInterval(start: Date(timeIntervalSince1970: 1_747_708_000.4),
                                  end: Date(timeIntervalSince1970: 1_747_727_999.2))
        let request = try backupsRequest(window: window)
        let query = Percent.decodeQuery(request.url.query ?? "")
        #expect(query.first { $0.name == "TimePeriodStartTime" }?.value == "1747708000")
        #expect(query.first { $0.name == "TimePeriodEndTime" }?.value == "1747728000")
    }

    @Test func headersAreTheSignedSetPlusAuthorizationAndVerifyOverTheROAPath() throws {
        let request = try backupsRequest(page: PageRequest(number: 2, size: 100))
        #expect(request.headers.map(\.0) == ["host", "x-acs-action", "x-acs-version", "x-acs-date",
                                             "x-acs-signature-nonce", "accept", "x-acs-content-sha256", "user-agent",
                                             "authorization"])
        #expect(request.header("host") == "starrocks.cn-hangzhou.aliyuncs.com")
        #expect(request.header("x-acs-action") == "DescribeBackups")
        #expect(request.header("x-acs-version") == "2022-10-19")
        #expect(request.header("x-acs-date") == "2024-01-01T00:00:00Z")
        #expect(request.header("x-acs-content-sha256")
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(try verifyACS3(request, secret: "testsecret"))
        #expect(try !verifyACS3(request, secret: "wrongsecret"))
    }

    @Test func theCanonicalURIIsThePathNotSlash() throws {
        // Signed as if it were an RPC call (path "/"), the same request must not verify.
        let request = try backupsRequest()
        let parsed = try #require(ACS3Signer.parseAuthorization(request.header("authorization") ?? ""))
        let signed = try parsed.signedHeaders.map { name in (name, try #require(request.header(name))) }
        let query = Percent.decodeQuery(request.url.query ?? "").map { ($0.name, $0.value) }
        let asRPC = ACS3Signer.canonicalRequest(method: "POST", path: "/", query: query, headers: signed,
                                                payloadHash: ACS3Signer.payloadHash([]))
        let rpcSignature = ACS3Signer.signature(secret: "testsecret",
                                                stringToSign: ACS3Signer.stringToSign(canonicalRequest: asRPC))
        #expect(rpcSignature != parsed.signature)
    }

    @Test func signatureMatchesVectorDInputsPlusOurTwoHeaders() throws {
        // signing.md vector D, with the accept and user-agent headers the client also signs.
        let request = try backupsRequest()
        let expected = ACS3Signer.authorization(
            accessKeyID: "testid", secret: "testsecret", method: "POST", path: "/webapi/backup/manage/describe",
            query: [("InstanceId", "c-b25e21e24388xxxx"), ("PageNumber", "1"), ("PageSize", "10"),
                    ("RegionId", "cn-hangzhou")],
            headers: [("host", "starrocks.cn-hangzhou.aliyuncs.com"), ("x-acs-action", "DescribeBackups"),
                      ("x-acs-version", "2022-10-19"), ("x-acs-date", "2024-01-01T00:00:00Z"),
                      ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
                      ("accept", "application/json"), ("user-agent", HTTPTransport.userAgent)],
            body: [])
        #expect(request.header("authorization") == expected)
    }

    @Test func theSDKsPublishedWireExampleSignatureIsReproduced() {
        // cloud-apis.md §1 "Wire example": the SDK's full header set, Statuses and the TimePeriod window.
        let authorization = ACS3Signer.authorization(
            accessKeyID: "testid", secret: "testsecret", method: "POST", path: "/webapi/backup/manage/describe",
            query: [("InstanceId", "c-b25e21e24388xxxx"), ("PageNumber", "1"), ("PageSize", "10"),
                    ("RegionId", "cn-hangzhou"), ("Statuses", "COMPLETED"), ("TimePeriodEndTime", "1747728000"),
                    ("TimePeriodStartTime", "1747708000")],
            headers: [("host", "starrocks.cn-hangzhou.aliyuncs.com"), ("x-acs-version", "2022-10-19"),
                      ("x-acs-action", "DescribeBackups"),
                      ("user-agent", "AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.3 TeaDSL/2"),
                      ("x-acs-date", "2026-11-22T12:52:30Z"),
                      ("x-acs-signature-nonce", "b3e0779c81b9a4fc1580966825a4cdb3"), ("accept", "application/json"),
                      ("x-acs-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                      ("x-acs-credentials-provider", "static_ak")],
            body: [])
        #expect(authorization.hasSuffix(
            "Signature=91f7f0971a66f769ec4c0a98a7823abbb9e878ad15b18d0706ab2738048efe05"))
    }

    @Test func instancesGoToTheirOwnPath() throws {
        let client = testStarRocksClient()
        let request = try client.signedRequest(client.instancesCall(PageRequest(number: 3, size: 10)))
        #expect(request.url.absoluteString == "https://starrocks.cn-hangzhou.aliyuncs.com/webapi/starrocks/describeInstances?PageNumber=3&PageSize=10&RegionId=cn-hangzhou")
        #expect(request.header("x-acs-action") == "DescribeInstances")
        #expect(try verifyACS3(request, secret: "testsecret"))
    }

    @Test func pageNumbersAndSizesAreClampedToWhatTheServiceTakes() throws {
        let client = testStarRocksClient()
        for (requested, sent) in [(0, "1"), (1, "1"), (10, "10"), (100, "100"), (500, "100")] {
            let call = try client.backupsCall(instanceID: "c-1", page: PageRequest(number: 0, size: requested),
                                              window: nil)
            #expect(call.parameters.first { $0.0 == "PageSize" }?.1 == sent)
            #expect(call.parameters.first { $0.0 == "PageNumber" }?.1 == "1")
        }
        #expect(client.backupPaging == .pageNumber(maxPageSize: 100, reportsTotal: true))
        #expect(client.kind == .alibabaStarRocks)
    }

    @Test func aBlankInstanceIDIsRefusedBeforeAnythingIsSent() {
        do throws(ServiceError) {
            _ = try testStarRocksClient().backupsCall(instanceID: "  ", page: PageRequest(number: 1, size: 10),
                                                       window: nil)
            Issue.record("a blank instance ID was accepted")
        } catch {
            #expect(error.kind == .configuration)
        }
    }

    @Test func stsTokensAreSentAndSigned() throws {
        let client = testStarRocksClient(credentials: AlibabaCredentials(
            accessKeyID: "STS.testid", accessKeySecret: "testsecret", securityToken: "testststoken", source: "test"))
        let request = try backupsRequest(client)
        #expect(request.header("x-acs-security-token") == "testststoken")
        #expect(request.header("x-acs-accesskey-id") == "STS.testid")
        let parsed = try #require(ACS3Signer.parseAuthorization(request.header("authorization") ?? ""))
        #expect(parsed.signedHeaders.contains("x-acs-security-token"))
        #expect(try verifyACS3(request, secret: "testsecret"))
    }

    @Test func anEmulatorEndpointKeepsItsPortInTheSignedHost() throws {
        let request = try backupsRequest(testStarRocksClient(endpoint: "http://127.0.0.1:8765"))
        #expect(request.url.absoluteString.hasPrefix("http://127.0.0.1:8765/webapi/backup/manage/describe?"))
        #expect(request.header("host") == "127.0.0.1:8765")
        #expect(try verifyACS3(request, secret: "testsecret"))
    }

    @Test func plainHTTPToARemoteHostIsRefused() {
        let client = testStarRocksClient(endpoint: "http://starrocks.cn-hangzhou.aliyuncs.com")
        do throws(ServiceError) {
            _ = try client.signedRequest(
                try client.backupsCall(instanceID: "c-1", page: PageRequest(number: 1, size: 10), window: nil))
            Issue.record("plain http to a remote host was accepted")
        } catch {
            #expect(error.code == "InsecureEndpoint")
        }
    }

    @Test func secretsNeverAppearInTheRequestOutsideTheSignature() throws {
        let request = try backupsRequest()
        let everything = request.url.absoluteString + request.headers.map { "\($0.0): \($0.1)" }.joined()
        #expect(!everything.contains("testsecret"))
    }
}
