import CloudAPI
import CloudEmulator
import Foundation
import Testing

/// r-kvstore 2015-01-01 conveniences over the shared test client.
extension AlibabaTestClient {
    static let redisVersion = "2015-01-01"
    /// Wide enough for every backup of the test dataset (its "today" is 2026-01-01).
    static let redisWindow = [("StartTime", "2000-01-01T00:00Z"), ("EndTime", "2026-01-02T00:00Z")]

    func redisInstances(_ query: [(String, String)] = [("RegionId", "cn-hangzhou")], signing: Signing = .v3)
        async throws -> WireResponse {
        try await call(action: "DescribeInstances", version: Self.redisVersion, query: query, signing: signing)
    }

    /// A GET, as the SDK sends it.
    func clusterBackups(
        _ instanceID: String, region: String = "cn-hangzhou", pageNumber: Int? = nil, pageSize: Int? = nil,
        window: [(String, String)] = AlibabaTestClient.redisWindow, extra: [(String, String)] = [],
        signing: Signing = .v3
    ) async throws -> WireResponse {
        var query = [("RegionId", region), ("InstanceId", instanceID)] + window
        if let pageNumber { query.append(("PageNumber", String(pageNumber))) }
        if let pageSize { query.append(("PageSize", String(pageSize))) }
        return try await call(action: "DescribeClusterBackupList", version: Self.redisVersion, query: query + extra,
                              method: "GET", signing: signing)
    }
}

func clusterBackupList(_ response: WireResponse) -> [[String: Any]] {
    (response.json?["ClusterBackups"] as? [[String: Any]]) ?? []
}

@Suite("Redis over loopback HTTP")
struct RedisEmulatorTests {
    // MARK: - DescribeInstances

    @Test func instancesAreListedInTheVendorsNestingWithATotal() async throws {
        try await withEmulator { emulator, client in
            let response = try await client.redisInstances()
            #expect(response.status == 200, "\(response.text)")
            let instances = items(response, "Instances", "KVStoreInstance")
            let expected = emulator.dataset.redis.instances(inRegion: "cn-hangzhou")
            #expect(instances.compactMap { $0["InstanceId"] as? String } == expected.map(\.id))
            #expect(response.json?["TotalCount"] as? Int == expected.count)
            #expect(response.json?["PageNumber"] as? Int == 1)
            #expect(response.json?["PageSize"] as? Int == 30)
            #expect(instances.allSatisfy { ($0["InstanceId"] as? String)?.wholeMatch(of: /r-[a-z0-9]{18}/) != nil })
            #expect(instances.allSatisfy { $0["RegionId"] as? String == "cn-hangzhou" })
            let clusters = instances.filter { $0["ArchitectureType"] as? String == "cluster" }
            let shardCounts = Set(clusters.compactMap { $0["ShardCount"] as? Int })
            #expect(shardCounts.isSuperset(of: [2, 8, 16]))
            #expect(shardCounts.allSatisfy { (2...16).contains($0) })
            #expect(instances.contains { $0["ArchitectureType"] as? String == "standard" })
            let names = instances.compactMap { $0["InstanceName"] as? String }
            #expect(names.contains("订单缓存集群"))
            // One name carries an OSC escape and a BEL, sent as JSON escapes and decoded intact.
            #expect(names.contains { $0.contains("\u{1B}]0;") && $0.contains("\u{07}") })
            #expect(response.text.contains("\\u001b]0;pwned\\u0007"))
            #expect(instances.allSatisfy { $0["Capacity"] is Int && $0["Tags"] is [String: Any] })
        }
    }

    @Test func instancesPageWithTotalCountAndCapPageSizeAtFifty() async throws {
        try await withEmulator { emulator, client in
            let all = emulator.dataset.redis.instances(inRegion: "cn-hangzhou").map(\.id)
            var collected: [String] = []
            for number in 1...3 {
                let page = try await client.redisInstances(
                    [("RegionId", "cn-hangzhou"), ("PageNumber", String(number)), ("PageSize", "2")])
                #expect(page.json?["TotalCount"] as? Int == all.count)
                #expect(page.json?["PageNumber"] as? Int == number)
                collected += items(page, "Instances", "KVStoreInstance").compactMap { $0["InstanceId"] as? String }
            }
            #expect(collected == all)
            let tooLarge = try await client.redisInstances([("RegionId", "cn-hangzhou"), ("PageSize", "51")])
            #expect(tooLarge.status == 400)
            #expect(tooLarge.code == "InvalidParameter")
            let clustersOnly = try await client.redisInstances(
                [("RegionId", "cn-hangzhou"), ("ArchitectureType", "cluster"), ("PageSize", "50")])
            #expect(items(clustersOnly, "Instances", "KVStoreInstance").allSatisfy {
                $0["ArchitectureType"] as? String == "cluster"
            })
        }
    }

    @Test func redisAndRDSShareOnePortAndAreToldApartByVersion() async throws {
        try await withEmulator { emulator, client in
            let redis = try await client.redisInstances()
            let rds = try await client.describeInstances()
            #expect(redis.status == 200)
            #expect(rds.status == 200)
            #expect(items(redis, "Instances", "KVStoreInstance").count == emulator.dataset.redis.instances(inRegion: "cn-hangzhou").count)
            #expect(items(rds, "Items", "DBInstance").count == emulator.dataset.rds.instances(inRegion: "cn-hangzhou").count)
        }
    }

    // MARK: - DescribeClusterBackupList: shape

    @Test func clusterBackupsArePlainArraysWithTheVendorsTypes() async throws {
        try await withEmulator { emulator, client in
            let id = emulator.dataset.redis.bigInstanceID
            let response = try await client.clusterBackups(id, pageNumber: 1, pageSize: 30)
            #expect(response.status == 200, "\(response.text)")
            let json = try #require(response.json)
            #expect(json["TotalCount"] == nil)
            #expect(json["PageNumber"] as? Int == 1)
            #expect(json["PageSize"] as? Int == 30)
            #expect(json["MaxResults"] as? Int == 30)
            #expect(json["FullStorageSize"] is Int)
            let backups = clusterBackupList(response)
            #expect(backups.count == 30)
            for backup in backups {
                #expect((backup["ClusterBackupId"] as? String)?.wholeMatch(of: /cb-[a-z0-9]{16}/) != nil)
                #expect((backup["ClusterBackupSize"] as? String)?.allSatisfy(\.isNumber) == true)
                #expect(backup["IsAvail"] is Int)
                #expect(backup["ShardClassMemory"] as? Int == 4096)
                #expect((backup["ExpectExpireTime"] as? String)?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\dZ/) != nil)
                let nodes = try #require(backup["Backups"] as? [[String: Any]])
                #expect(nodes.count == 8)
                for node in nodes {
                    #expect((node["BackupId"] as? String)?.allSatisfy(\.isNumber) == true)
                    #expect(node["BackupSize"] is String)
                    #expect(node["IsAvail"] as? String == "1" || node["IsAvail"] as? String == "0")
                    #expect(node["Engine"] as? String == "redis")
                    #expect((node["ExtraInfo"] as? [String: Any])?["CustinsDbVersion"] as? String == "7.0")
                    #expect((node["InstanceName"] as? String)?.hasSuffix(".rdb") == true)
                    if node["BackupStatus"] as? String == "OK" {
                        // As in the vendor's example: the node end time carries no zone.
                        #expect((node["BackupEndTime"] as? String)?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/) != nil)
                        #expect((node["BackupDownloadURL"] as? String)?.hasPrefix(emulator.baseURL.absoluteString + "/download/redis/") == true)
                        #expect((node["BackupIntranetDownloadURL"] as? String)?.hasPrefix(emulator.baseURL.absoluteString + "/download-internal/redis/") == true)
                    }
                }
            }
            // Newest first.
            let starts = backups.compactMap { $0["ClusterBackupStartTime"] as? String }
            #expect(starts == starts.sorted(by: >))
        }
    }

    @Test func newestBackupIsRunningWithProgressAndAFailedOneHasAnErrorNode() async throws {
        try await withEmulator { emulator, client in
            let id = emulator.dataset.redis.bigInstanceID
            let response = try await client.clusterBackups(id, pageNumber: 1, pageSize: 30)
            let backups = clusterBackupList(response)
            let newest = try #require(backups.first)
            #expect(newest["ClusterBackupStatus"] as? String == "RUNNING")
            #expect(newest["Progress"] as? String == "37%")
            #expect(newest["ClusterBackupEndTime"] as? String == "")
            #expect(newest["IsAvail"] as? Int == 0)
            let nodeStatuses = (newest["Backups"] as? [[String: Any]] ?? []).compactMap { $0["BackupStatus"] as? String }
            #expect(nodeStatuses.contains("OK"))
            #expect(nodeStatuses.contains("RUNNING"))
            #expect(backups.dropFirst().allSatisfy { $0["Progress"] == nil })
            let failed = try #require(backups.first { $0["ClusterBackupStatus"] as? String == "Failed" })
            #expect(failed["IsAvail"] as? Int == 0)
            let errorNode = try #require((failed["Backups"] as? [[String: Any]])?.first { $0["BackupStatus"] as? String == "ERROR" })
            #expect(errorNode["BackupDownloadURL"] as? String == "")
            #expect(errorNode["IsAvail"] as? String == "0")
        }
    }

    // MARK: - Paging without a total

    @Test func pagingStopsOnAShortPageAndAPagePastTheEndIsEmpty() async throws {
        try await withEmulator { emulator, client in
            let id = emulator.dataset.redis.bigInstanceID
            let expected = try #require(emulator.dataset.redis.backups(of: id)).map(\.id)
            #expect(expected.count > 100)
            for size in [30, 100] {
                var collected: [String] = []
                var number = 1
                while true {
                    let page = try await client.clusterBackups(id, pageNumber: number, pageSize: size)
                    #expect(page.status == 200)
                    #expect(page.json?["PageNumber"] as? Int == number)
                    let ids = clusterBackupList(page).compactMap { $0["ClusterBackupId"] as? String }
                    #expect(page.json?["MaxResults"] as? Int == ids.count)
                    collected += ids
                    if ids.count < size { break }
                    number += 1
                }
                #expect(number > 1)
                #expect(collected == expected)
            }
            let past = try await client.clusterBackups(id, pageNumber: 1_000, pageSize: 300)
            #expect(past.status == 200)
            #expect(past.json?["ClusterBackups"] as? [Any] != nil)
            #expect(clusterBackupList(past).isEmpty)
        }
    }

    @Test(arguments: [30, 50, 100, 200, 300])
    func everyDocumentedPageSizeIsAccepted(_ size: Int) async throws {
        try await withEmulator { emulator, client in
            let response = try await client.clusterBackups(emulator.dataset.redis.bigInstanceID, pageSize: size)
            #expect(response.status == 200)
            #expect(response.json?["PageSize"] as? Int == size)
        }
    }

    // MARK: - Filters

    @Test func windowKeepsBackupsStartingInsideIt() async throws {
        try await withEmulator { emulator, client in
            let id = emulator.dataset.redis.bigInstanceID
            let all = try #require(emulator.dataset.redis.backups(of: id))
            // 2025-12-20T00:00Z … 2025-12-25T00:00Z
            let start: Int64 = 1_766_188_800
            let end: Int64 = 1_766_620_800
            let expected = all.filter { $0.startTime >= start && $0.startTime <= end }.map(\.id)
            #expect(!expected.isEmpty)
            let response = try await client.clusterBackups(
                id, pageSize: 300, window: [("StartTime", "2025-12-20T00:00Z"), ("EndTime", "2025-12-25T00:00Z")])
            #expect(clusterBackupList(response).compactMap { $0["ClusterBackupId"] as? String } == expected)
            // The seconds form of the vendor's own example is read too.
            let seconds = try await client.clusterBackups(
                id, pageSize: 300, window: [("StartTime", "2025-12-20T00:00:00Z"), ("EndTime", "2025-12-25T00:00:00Z")])
            #expect(clusterBackupList(seconds).compactMap { $0["ClusterBackupId"] as? String } == expected)
        }
    }

    @Test func clusterBackupIdAndNoShardBackupFilter() async throws {
        try await withEmulator { emulator, client in
            let id = emulator.dataset.redis.bigInstanceID
            let wanted = try #require(emulator.dataset.redis.backups(of: id)?[5])
            let one = try await client.clusterBackups(id, extra: [("ClusterBackupId", wanted.id)])
            let listed = clusterBackupList(one)
            #expect(listed.compactMap { $0["ClusterBackupId"] as? String } == [wanted.id])
            #expect((listed.first?["Backups"] as? [Any])?.count == wanted.nodes.count)
            let bare = try await client.clusterBackups(id, pageSize: 30, extra: [("NoShardBackup", "true")])
            #expect(clusterBackupList(bare).count == 30)
            #expect(clusterBackupList(bare).allSatisfy { ($0["Backups"] as? [Any])?.isEmpty == true })
        }
    }

    // MARK: - Parameter rules

    @Test func requiredParametersAndFormatsAreEnforced() async throws {
        try await withEmulator { emulator, client in
            let id = emulator.dataset.redis.bigInstanceID
            let noStart = try await client.clusterBackups(id, window: [("EndTime", "2026-01-02T00:00Z")])
            #expect(noStart.status == 400)
            #expect(noStart.code == "MissingParameter")
            #expect(noStart.message?.contains("StartTime") == true)
            let noEnd = try await client.clusterBackups(id, window: [("StartTime", "2000-01-01T00:00Z")])
            #expect(noEnd.code == "MissingParameter")
            let noRegion = try await client.call(
                action: "DescribeClusterBackupList", version: "2015-01-01",
                query: [("InstanceId", id)] + AlibabaTestClient.redisWindow, method: "GET")
            #expect(noRegion.code == "MissingParameter")
            let badStart = try await client.clusterBackups(
                id, window: [("StartTime", "2024-01-01"), ("EndTime", "2026-01-02T00:00Z")])
            #expect(badStart.status == 400)
            #expect(badStart.code == "InvalidStartTime.Malformed")
            let badEnd = try await client.clusterBackups(
                id, window: [("StartTime", "2000-01-01T00:00Z"), ("EndTime", "2026-01-02 00:00")])
            #expect(badEnd.code == "InvalidEndTime.Malformed")
            let reversed = try await client.clusterBackups(
                id, window: [("StartTime", "2026-01-02T00:00Z"), ("EndTime", "2000-01-01T00:00Z")])
            #expect(reversed.status == 400)
            #expect(reversed.code == "InvalidParameterCombination")
            let badSize = try await client.clusterBackups(id, pageSize: 7)
            #expect(badSize.status == 400)
            #expect(badSize.code == "InvalidParameter")
            #expect(badSize.message?.contains("PageSize") == true)
            let badPage = try await client.clusterBackups(id, pageNumber: 0)
            #expect(badPage.code == "InvalidParameter")
        }
    }

    @Test func unknownInstanceOrWrongRegionIsNotFound() async throws {
        try await withEmulator { emulator, client in
            let unknown = try await client.clusterBackups("r-doesnotexist000000")
            #expect(unknown.status == 404)
            #expect(unknown.code == "InvalidInstanceId.NotFound")
            #expect(unknown.json?["RequestId"] is String)
            let shanghai = try #require(emulator.dataset.redis.instances(inRegion: "cn-shanghai").first)
            let wrongRegion = try await client.clusterBackups(shanghai.id, region: "cn-hangzhou")
            #expect(wrongRegion.code == "InvalidInstanceId.NotFound")
            let rightRegion = try await client.clusterBackups(shanghai.id, region: "cn-shanghai")
            #expect(rightRegion.status == 200)
            #expect(!clusterBackupList(rightRegion).isEmpty)
        }
    }

    @Test func instanceWithoutBackupsGivesAnEmptyArray() async throws {
        try await withEmulator { emulator, client in
            let empty = try #require(emulator.dataset.redis.instances.first { emulator.dataset.redis.backups(of: $0.id)?.isEmpty == true })
            let response = try await client.clusterBackups(empty.id)
            #expect(response.status == 200)
            #expect(response.json?["ClusterBackups"] as? [Any] != nil)
            #expect(clusterBackupList(response).isEmpty)
            #expect(response.json?["MaxResults"] as? Int == 0)
        }
    }

    // MARK: - Signatures

    @Test func legacyRPCSignatureOverGetIsAcceptedAndTheMethodIsSigned() async throws {
        try await withEmulator { emulator, client in
            let id = emulator.dataset.redis.bigInstanceID
            let v3 = try await client.clusterBackups(id, pageNumber: 1, pageSize: 30)
            let legacy = try await client.clusterBackups(id, pageNumber: 1, pageSize: 30, signing: .legacy)
            #expect(legacy.status == 200, "\(legacy.text)")
            let ids = clusterBackupList(v3).compactMap { $0["ClusterBackupId"] as? String }
            #expect(ids.count == 30)
            #expect(clusterBackupList(legacy).compactMap { $0["ClusterBackupId"] as? String } == ids)

            // A legacy signature computed for POST does not verify on a GET (signing.md vectors E and F).
            var parameters = [("RegionId", "cn-hangzhou"), ("InstanceId", id)] + AlibabaTestClient.redisWindow + [
                ("Action", "DescribeClusterBackupList"), ("Format", "json"), ("Version", "2015-01-01"),
                ("Timestamp", "2026-01-01T00:00:00Z"), ("SignatureNonce", "3156853299f313e23d1673dc12e1703d"),
                ("SignatureMethod", "HMAC-SHA1"), ("SignatureVersion", "1.0"), ("AccessKeyId", "testid"),
            ]
            parameters.append(("Signature", RPCSigner.signature(secret: "testsecret", method: "POST", parameters: parameters)))
            let query = parameters.map { Percent.encode($0.0) + "=" + Percent.encode($0.1) }.joined(separator: "&")
            let mismatched = try await client.send(method: "GET", pathAndQuery: "/?" + query)
            #expect(mismatched.status == 403)
            #expect(mismatched.code == "SignatureDoesNotMatch")
            let asPost = try await client.send(method: "POST", pathAndQuery: "/?" + query)
            #expect(asPost.status == 200, "\(asPost.text)")
        }
    }

    @Test func wrongSecretIsRejectedForBothSchemes() async throws {
        try await withEmulator { emulator, client in
            var wrong = client
            wrong.secret = "testsecret-but-wrong"
            for signing in [AlibabaTestClient.Signing.v3, .legacy] {
                let response = try await wrong.clusterBackups(emulator.dataset.redis.bigInstanceID, signing: signing)
                #expect(response.status == 403)
                #expect(response.code == "SignatureDoesNotMatch")
                #expect(!response.text.contains("testsecret"))
            }
            let unsigned = try await client.clusterBackups(emulator.dataset.redis.bigInstanceID, signing: .none)
            #expect(unsigned.status == 400)
            #expect(unsigned.code == "IncompleteSignature")
        }
    }

    // MARK: - Dataset

    @Test func datasetIsDeterministic() async throws {
        let first = EmulatorDataset(options: testOptions()).redis
        let second = EmulatorDataset(options: testOptions()).redis
        #expect(first.instances == second.instances)
        #expect(first.backups(of: first.bigInstanceID) == second.backups(of: second.bigInstanceID))
        let otherSeed = EmulatorDataset(options: testOptions(seed: 2)).redis
        #expect(otherSeed.instances.map(\.id) != first.instances.map(\.id))
        // Node and cluster ids are unique across the dataset.
        let clusters = first.instances.flatMap { first.backups(of: $0.id) ?? [] }
        #expect(Set(clusters.map(\.id)).count == clusters.count)
        let nodes = clusters.flatMap(\.nodes)
        #expect(Set(nodes.map(\.id)).count == nodes.count)
        let shards = Dictionary(uniqueKeysWithValues: first.instances.map { ($0.id, $0.shardCount) })
        #expect(clusters.allSatisfy { $0.nodes.count == shards[$0.instanceID] })
    }

    @Test func optionsRegionGetsAClusterWithBackups() async throws {
        try await withEmulator(testOptions(region: "eu-central-1")) { emulator, client in
            let response = try await client.redisInstances([("RegionId", "eu-central-1")])
            let instances = items(response, "Instances", "KVStoreInstance")
            #expect(instances.count == 2)
            let cluster = try #require(instances.first { $0["ArchitectureType"] as? String == "cluster" })
            let id = try #require(cluster["InstanceId"] as? String)
            let backups = try await client.clusterBackups(id, region: "eu-central-1", pageSize: 100)
            #expect(!clusterBackupList(backups).isEmpty)
            #expect(emulator.dataset.redis.instances(inRegion: "eu-central-1").count == 2)
        }
    }
}
