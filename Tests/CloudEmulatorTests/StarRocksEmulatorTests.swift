import BackupModel
import CloudAPI
import Foundation
import Testing
@testable import CloudEmulator

let starRocksBackupsPath = "/webapi/backup/manage/describe"
let starRocksInstancesPath = "/webapi/starrocks/describeInstances"

/// Raw ROA requests to the emulator, signed with the project's signers (V3 over the path, or legacy ROA).
struct StarRocksWireClient {
    let client: AlibabaTestClient

    func v3(
        _ path: String, action: String, query: [(String, String)], version: String = "2022-10-19",
        secret: String = "testsecret"
    ) async throws -> WireResponse {
        var headers: [(String, String)] = [
            ("accept", "application/json"), ("x-acs-action", action), ("x-acs-version", version),
            ("x-acs-date", "2026-01-01T00:00:00Z"),
            ("x-acs-signature-nonce", UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()),
            ("x-acs-content-sha256", ACS3Signer.payloadHash([])),
        ]
        headers.append(("Authorization", ACS3Signer.authorization(
            accessKeyID: "testid", secret: secret, method: "POST", path: path, query: query,
            headers: headers + [("host", client.host)], body: [])))
        return try await client.send(method: "POST", pathAndQuery: path + "?" + Self.encode(query), headers: headers)
    }

    func legacy(
        _ path: String, action: String, query: [(String, String)], secret: String = "testsecret"
    ) async throws -> WireResponse {
        var headers: [(String, String)] = [
            ("date", "Thu, 01 Jan 2026 00:00:00 GMT"), ("accept", "application/json"),
            ("x-acs-signature-nonce", UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()),
            ("x-acs-signature-method", "HMAC-SHA1"), ("x-acs-signature-version", "1.0"),
            ("x-acs-version", "2022-10-19"), ("x-acs-action", action),
        ]
        headers.append(("authorization", ROASigner.authorization(
            accessKeyID: "testid", secret: secret, method: "POST", path: path, query: query, headers: headers)))
        return try await client.send(method: "POST", pathAndQuery: path + "?" + Self.encode(query), headers: headers)
    }

    static func encode(_ query: [(String, String)]) -> String {
        query.map { Percent.encode($0.0) + "=" + Percent.encode($0.1) }.joined(separator: "&")
    }
}

func starRocksClient(_ emulator: Emulator, secret: String = "testsecret", transport: HTTPTransport) -> StarRocksClient {
    StarRocksClient(
        endpoint: emulator.baseURL, region: "cn-hangzhou",
        credentials: AlibabaCredentials(accessKeyID: "testid", accessKeySecret: secret, source: "test"),
        transport: transport)
}

/// Runs `body` with a fresh transport and always shuts it down.
func withTransport<T>(_ body: (HTTPTransport) async throws -> T) async throws -> T {
    let transport = HTTPTransport()
    do {
        let result = try await body(transport)
        await transport.shutdown()
        return result
    } catch {
        await transport.shutdown()
        throw error
    }
}

func dataItems(_ response: WireResponse) -> [[String: Any]] {
    (response.json?["Data"] as? [[String: Any]]) ?? []
}

@Suite("StarRocks over loopback HTTP")
struct StarRocksEmulatorTests {
    // MARK: - The project's client against the emulator

    @Test func clientPagesEveryTaskOfTheBusiestInstanceAndMapsTheDrillDown() async throws {
        try await withEmulator { emulator, _ in
            try await withTransport { transport in
                let client = starRocksClient(emulator, transport: transport)
                let id = emulator.dataset.starRocks.busiestInstanceID
                var collected: [Backup] = []
                var pages = 0
                var total: Int?
                var number = 1
                repeat {
                    let page = try await client.listBackups(instanceID: id, page: PageRequest(number: number, size: 10),
                                                            window: nil)
                    #expect(page.items.count <= 10)
                    #expect(page.skipped.isEmpty)
                    total = page.totalCount
                    collected += page.items
                    pages += 1
                    number += 1
                    if page.items.isEmpty { break }
                } while collected.count < (total ?? 0)
                let expected = try #require(emulator.dataset.starRocks.tasks(of: id))
                #expect(pages == 4)
                #expect(total == expected.count)
                #expect(collected.map(\.id) == expected.map(\.id))
                #expect(collected.allSatisfy { $0.instanceID == id })
                #expect(collected.first?.status == .running)
                #expect(collected.contains { $0.status == .failed })
                #expect(collected.filter { $0.status == .ok }.count >= 30)
                #expect(collected.allSatisfy { $0.anomalies.isEmpty })
                // Task times are milliseconds on the wire; subtask times seconds: both land on the same clock.
                let completed = try #require(collected.first { $0.status == .ok })
                guard case .starRocks(let detail) = completed.detail else {
                    Issue.record("expected a StarRocks detail")
                    return
                }
                #expect((24...48).contains(detail.subtasks.count))
                #expect(detail.subtasks.allSatisfy { $0.status == .ok })
                #expect(detail.subtasks.contains { $0.database == "ods_订单" })
                let first = try #require(detail.subtasks.first?.start)
                let start = try #require(completed.start)
                #expect(first >= start && first.timeIntervalSince(start) < 60)
                #expect(completed.size?.bytes == Int64(detail.sizeGiB ?? -1) * 1_073_741_824)
                let snapshot = try #require(detail.instanceSnapshot)
                #expect(snapshot.runMode == "shared_data")
                #expect(snapshot.nodeGroups.map(\.componentType) == ["FE", "CN"])
                #expect(snapshot.nodeGroups.allSatisfy { $0.nodeCount != nil && $0.diskCount != nil })
            }
        }
    }

    @Test func aRunningTaskShowsPartialSubtasksAndAFailedOneItsFailure() async throws {
        try await withEmulator { emulator, _ in
            try await withTransport { transport in
                let client = starRocksClient(emulator, transport: transport)
                let page = try await client.listBackups(instanceID: emulator.dataset.starRocks.busiestInstanceID,
                                                        page: PageRequest(number: 1, size: 100), window: nil)
                guard case .starRocks(let running) = page.items.first(where: { $0.status == .running })?.detail,
                      case .starRocks(let failed) = page.items.first(where: { $0.status == .failed })?.detail
                else {
                    Issue.record("no running or no failed task")
                    return
                }
                #expect(running.subtaskCount(.ok) > 0)
                #expect(running.subtasks.contains { $0.statusText == "running" && $0.finish == nil })
                #expect(running.subtasks.contains { $0.statusText == "pending" && $0.start == nil })
                #expect(page.items.first { $0.status == .running }?.end == nil)
                let failure = try #require(failed.subtasks.first { $0.status == .failed })
                #expect(failure.detail.contains("副本不可用"))
                #expect(failed.subtasks.contains { $0.statusText == "cancelled" })
            }
        }
    }

    @Test func clientPagesInstancesAndSeesBothRunModes() async throws {
        try await withEmulator { emulator, _ in
            try await withTransport { transport in
                let client = starRocksClient(emulator, transport: transport)
                let first = try await client.listInstances(PageRequest(number: 1, size: 2))
                let second = try await client.listInstances(PageRequest(number: 2, size: 2))
                let third = try await client.listInstances(PageRequest(number: 3, size: 2))
                let expected = emulator.dataset.starRocks.instances(inRegion: "cn-hangzhou")
                #expect(first.totalCount == expected.count)
                #expect(first.items.count == 2)
                #expect(third.items.isEmpty)
                #expect((first.items + second.items).map(\.id) == expected.map(\.id))
                let engines = Set((first.items + second.items).map(\.engine))
                #expect(engines == ["StarRocks shared_data", "StarRocks shared_nothing"])
                #expect((first.items + second.items).contains { $0.name.contains("\u{07}") })
            }
        }
    }

    @Test func aWindowInSecondsSelectsTasksByTheirMillisecondStart() async throws {
        try await withEmulator { emulator, _ in
            try await withTransport { transport in
                let client = starRocksClient(emulator, transport: transport)
                let window = DateInterval(start: fixedNow.addingTimeInterval(-5 * 86_400), end: fixedNow)
                let page = try await client.listBackups(instanceID: emulator.dataset.starRocks.busiestInstanceID,
                                                        page: PageRequest(number: 1, size: 100), window: window)
                #expect((4...6).contains(page.items.count))
                #expect(page.totalCount == page.items.count)
                #expect(page.items.allSatisfy { ($0.start ?? .distantPast) >= window.start && ($0.start ?? .distantFuture) <= window.end })
            }
        }
    }

    @Test func aControlCharacterInADescriptionTravelsIntact() async throws {
        try await withEmulator { emulator, _ in
            try await withTransport { transport in
                let client = starRocksClient(emulator, transport: transport)
                var descriptions: [String] = []
                for instance in emulator.dataset.starRocks.instances(inRegion: "cn-hangzhou") {
                    let page = try await client.listBackups(instanceID: instance.id,
                                                            page: PageRequest(number: 1, size: 100), window: nil)
                    for backup in page.items {
                        if case .starRocks(let detail) = backup.detail { descriptions.append(detail.taskDescription) }
                    }
                }
                #expect(descriptions.contains { $0.contains("\u{1B}[31m") && $0.contains("扩容") })
            }
        }
    }

    // MARK: - Errors through the client

    @Test func aWrongSecretIsAServiceErrorWithTheGatewayCode() async throws {
        try await withEmulator { emulator, _ in
            try await withTransport { transport in
                let client = starRocksClient(emulator, secret: "wrong-secret", transport: transport)
                do throws(ServiceError) {
                    _ = try await client.listBackups(instanceID: emulator.dataset.starRocks.busiestInstanceID,
                                                     page: PageRequest(number: 1, size: 10), window: nil)
                    Issue.record("a wrong secret was accepted")
                } catch {
                    #expect(error.httpStatus == 403)
                    #expect(error.code == "SignatureDoesNotMatch")
                    #expect(!error.summary.contains("wrong-secret"))
                }
            }
        }
    }

    @Test func anUnknownInstanceIsSuccessFalseInA200AndTheClientRaisesIt() async throws {
        try await withEmulator { emulator, client in
            let raw = try await StarRocksWireClient(client: client).v3(
                starRocksBackupsPath, action: "DescribeBackups", query: [("InstanceId", "c-doesnotexist00"),
                                                                         ("RegionId", "cn-hangzhou")])
            #expect(raw.status == 200)
            #expect(raw.json?["Success"] as? Bool == false)
            #expect(raw.json?["ErrMessage"] as? String == "Invalid params: [instance not exists].")
            try await withTransport { transport in
                do throws(ServiceError) {
                    _ = try await starRocksClient(emulator, transport: transport).listBackups(
                        instanceID: "c-doesnotexist00", page: PageRequest(number: 1, size: 10), window: nil)
                    Issue.record("Success: false became a page")
                } catch {
                    #expect(error.kind == .http)
                    #expect(error.code == "InvalidParams")
                    #expect(error.httpStatus == 404)
                    #expect(error.message == "Invalid params: [instance not exists].")
                }
            }
        }
    }

    // MARK: - Wire behaviour

    @Test func successBodiesCarryTheEnvelopeAndNumbersAsTheSDKDeclaresThem() async throws {
        try await withEmulator { emulator, client in
            let response = try await StarRocksWireClient(client: client).v3(
                starRocksBackupsPath, action: "DescribeBackups",
                query: [("InstanceId", emulator.dataset.starRocks.busiestInstanceID), ("PageSize", "3")])
            #expect(response.status == 200)
            #expect(response.json?["Success"] as? Bool == true)
            #expect(response.json?["HttpStatusCode"] as? Int == 200)
            #expect(response.json?["Total"] as? Int == 37)
            let task = try #require(dataItems(response).first)
            #expect(task["BackupStartTime"] as? Int ?? 0 > 1_000_000_000_000)
            let subtask = try #require((task["SubTasks"] as? [[String: Any]])?.first)
            #expect(subtask["StartTime"] as? Int ?? 0 < 10_000_000_000)
            let group = try #require(((task["InstanceSnapshot"] as? [String: Any])?["NodeGroups"] as? [[String: Any]])?.first)
            #expect(group["DiskNumber"] is String)
            #expect(group["ResidentNodeNumber"] is String)
            #expect(group["Cu"] is Int)
        }
    }

    @Test func filtersNarrowTheList() async throws {
        try await withEmulator { emulator, client in
            let wire = StarRocksWireClient(client: client)
            let id = emulator.dataset.starRocks.busiestInstanceID
            let failed = try await wire.v3(starRocksBackupsPath, action: "DescribeBackups",
                                           query: [("InstanceId", id), ("Statuses", "FAILED,RUNNING")])
            #expect(Set(dataItems(failed).compactMap { $0["Status"] as? String }) == ["FAILED", "RUNNING"])
            let taskID = try #require(emulator.dataset.starRocks.tasks(of: id)?[5].id)
            let one = try await wire.v3(starRocksBackupsPath, action: "DescribeBackups",
                                        query: [("InstanceId", id), ("BackupTaskId", taskID)])
            #expect(dataItems(one).compactMap { $0["BackupTaskId"] as? String } == [taskID])
            let tagged = try await wire.v3(starRocksInstancesPath, action: "DescribeInstances",
                                           query: [("RegionId", "cn-hangzhou"),
                                                   ("Tag", "[{\"Key\":\"env\",\"Value\":\"测试\"}]")])
            #expect(dataItems(tagged).compactMap { $0["InstanceName"] as? String } == ["测试\u{07}集群"])
        }
    }

    @Test func anInvalidPageSizeIsSuccessFalse() async throws {
        try await withEmulator { emulator, client in
            let response = try await StarRocksWireClient(client: client).v3(
                starRocksBackupsPath, action: "DescribeBackups",
                query: [("InstanceId", emulator.dataset.starRocks.busiestInstanceID), ("PageSize", "500")])
            #expect(response.status == 200)
            #expect(response.json?["Success"] as? Bool == false)
            #expect(response.json?["ErrCode"] as? String == "InvalidParams")
            #expect(response.json?["HttpStatusCode"] as? Int == 400)
        }
    }

    @Test func aPagePastTheEndIsEmpty() async throws {
        try await withEmulator { emulator, client in
            let response = try await StarRocksWireClient(client: client).v3(
                starRocksBackupsPath, action: "DescribeBackups",
                query: [("InstanceId", emulator.dataset.starRocks.busiestInstanceID), ("PageNumber", "9"),
                        ("PageSize", "10")])
            #expect(response.json?["Success"] as? Bool == true)
            #expect(dataItems(response).isEmpty)
            #expect(response.json?["Total"] as? Int == 37)
        }
    }

    // MARK: - Signatures and routing

    @Test func legacyROASignaturesAreAcceptedAndWrongOnesRefused() async throws {
        try await withEmulator { emulator, client in
            let wire = StarRocksWireClient(client: client)
            let query = [("InstanceId", emulator.dataset.starRocks.busiestInstanceID), ("PageNumber", "1"),
                         ("PageSize", "10"), ("RegionId", "cn-hangzhou")]
            let legacy = try await wire.legacy(starRocksBackupsPath, action: "DescribeBackups", query: query)
            let v3 = try await wire.v3(starRocksBackupsPath, action: "DescribeBackups", query: query)
            #expect(legacy.status == 200)
            #expect(dataItems(legacy).compactMap { $0["BackupTaskId"] as? String }
                == dataItems(v3).compactMap { $0["BackupTaskId"] as? String })
            let wrong = try await wire.legacy(starRocksBackupsPath, action: "DescribeBackups", query: query,
                                              secret: "nope")
            #expect(wrong.status == 403)
            #expect(wrong.code == "SignatureDoesNotMatch")
        }
    }

    @Test func gatewayErrorsAre4xxWithCodeAndMessage() async throws {
        try await withEmulator { _, client in
            let wire = StarRocksWireClient(client: client)
            let wrongVersion = try await wire.v3(starRocksInstancesPath, action: "DescribeInstances", query: [],
                                                 version: "2014-08-15")
            #expect(wrongVersion.status == 400)
            #expect(wrongVersion.code == "InvalidVersion")
            let wrongAction = try await wire.v3(starRocksInstancesPath, action: "DescribeBackups", query: [])
            #expect(wrongAction.status == 400)
            #expect(wrongAction.code == "InvalidAction.NotFound")
            let unsigned = try await client.send(method: "POST", pathAndQuery: starRocksInstancesPath + "?RegionId=cn-hangzhou")
            #expect(unsigned.status == 400)
            #expect(unsigned.code == "IncompleteSignature")
            let rpcStyle = try await client.call(action: "DescribeInstances", version: "2022-10-19", query: [],
                                                 signing: .legacy)
            // Legacy RPC to "/" with StarRocks' version is not an RPC product the router knows.
            #expect(rpcStyle.status == 400)
            let rpcOnROAPath = try await client.send(
                method: "POST", pathAndQuery: starRocksInstancesPath + "?Signature=abc&AccessKeyId=testid")
            #expect(rpcOnROAPath.status == 400)
            #expect(rpcOnROAPath.code == "IncompleteSignature")
            let get = try await client.send(method: "GET", pathAndQuery: starRocksBackupsPath)
            #expect(get.status == 404)
            #expect(get.code == "InvalidUri.NotFound")
            #expect(wrongVersion.message?.isEmpty == false)
        }
    }

    @Test func theSDKsPublishedWireExampleVerifies() throws {
        // cloud-apis.md §1: the request exactly as the Python SDK sent it (host included), signed with testsecret.
        let verifier = ROAVerifier(verifier: SignatureVerifier(accessKeyID: "testid", accessKeySecret: "testsecret"))
        let headers: [(name: String, value: String)] = [
            ("accept-encoding", "identity"), ("x-acs-version", "2022-10-19"), ("x-acs-action", "DescribeBackups"),
            ("user-agent", "AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.3 TeaDSL/2"),
            ("x-acs-date", "2026-11-22T12:52:30Z"), ("x-acs-signature-nonce", "b3e0779c81b9a4fc1580966825a4cdb3"),
            ("accept", "application/json"),
            ("x-acs-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("x-acs-credentials-provider", "static_ak"),
            ("authorization", "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=accept;host;user-agent;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=91f7f0971a66f769ec4c0a98a7823abbb9e878ad15b18d0706ab2738048efe05"),
            ("content-length", "0"),
        ]
        let request = IncomingRequest(
            method: "POST", path: starRocksBackupsPath,
            rawQuery: "InstanceId=c-b25e21e24388xxxx&PageNumber=1&PageSize=10&RegionId=cn-hangzhou&Statuses=COMPLETED&TimePeriodEndTime=1747728000&TimePeriodStartTime=1747708000",
            host: "starrocks.cn-hangzhou.aliyuncs.com", headers: headers, body: [])
        let verified = try verifier.verify(request)
        #expect(verified.action == "DescribeBackups")
        #expect(verified.version == "2022-10-19")
        #expect(verified.parameters["TimePeriodStartTime"] == "1747708000")
        let moved = IncomingRequest(method: "POST", path: "/webapi/backup/manage/describe2", rawQuery: request.rawQuery,
                                    host: request.host, headers: headers, body: [])
        #expect(throws: AlibabaError.self) { try verifier.verify(moved) }
    }

    @Test func signingVectorHVerifiesAsLegacyROA() throws {
        let verifier = ROAVerifier(verifier: SignatureVerifier(accessKeyID: "testid", accessKeySecret: "testsecret"))
        let headers: [(name: String, value: String)] = [
            ("date", "Mon, 01 Jan 2024 00:00:00 GMT"), ("x-acs-version", "2022-10-19"),
            ("x-acs-action", "DescribeBackups"), ("accept", "application/json"),
            ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"), ("x-acs-signature-method", "HMAC-SHA1"),
            ("x-acs-signature-version", "1.0"), ("authorization", "acs testid:MsV7LS1pYKXa+lp1qNuSEjDwhE4="),
        ]
        let request = IncomingRequest(
            method: "POST", path: starRocksBackupsPath,
            rawQuery: "InstanceId=c-b25e21e24388xxxx&PageNumber=1&PageSize=10&RegionId=cn-hangzhou",
            host: "starrocks.cn-hangzhou.aliyuncs.com", headers: headers, body: [])
        let verified = try verifier.verify(request)
        #expect(verified.parameters["InstanceId"] == "c-b25e21e24388xxxx")
        let tampered = IncomingRequest(method: "POST", path: starRocksBackupsPath,
                                       rawQuery: "InstanceId=c-other&PageNumber=1&PageSize=10&RegionId=cn-hangzhou",
                                       host: request.host, headers: headers, body: [])
        #expect(throws: AlibabaError.self) { try verifier.verify(tampered) }
    }

    // MARK: - Dataset

    @Test func theDatasetIsDeterministicAndCoversTheShapes() {
        let one = StarRocksDataset(seed: 7, now: fixedNow, extraRegion: "cn-beijing")
        let two = StarRocksDataset(seed: 7, now: fixedNow, extraRegion: "cn-beijing")
        #expect(one.instances.map(\.id) == two.instances.map(\.id))
        let oneTaskIDs: [String] = one.instances.flatMap { one.tasks(of: $0.id) ?? [] }.map(\.id)
        let twoTaskIDs: [String] = two.instances.flatMap { two.tasks(of: $0.id) ?? [] }.map(\.id)
        #expect(oneTaskIDs == twoTaskIDs)
        #expect(one.instances(inRegion: "cn-beijing").count == 1)
        #expect(Set(one.instances.map(\.runMode)) == ["shared_data", "shared_nothing"])
        let tasks: [StarRocksDatasetTask] = one.instances.flatMap { one.tasks(of: $0.id) ?? [] }
        #expect(Set(tasks.map(\.status)) == ["COMPLETED", "RUNNING", "FAILED"])
        #expect(Set(tasks.map(\.backupType)) == ["0", "1", "FullBackup"])
        #expect(tasks.allSatisfy { $0.subtasks.count >= 12 })
        #expect(tasks.contains { $0.subtasks.count >= 24 })
        #expect(tasks.allSatisfy { task in task.sizeGiB == task.subtasks.map(\.sizeGiB).reduce(0, +) })
        #expect(Set(tasks.map(\.id)).count == tasks.count)
        #expect(one.instances.contains { (one.tasks(of: $0.id) ?? []).isEmpty })
        #expect(one.instances.first { $0.specType == "localSSD" }?.nodeGroups.contains { $0.localStorageType != nil } == true)
    }
}
