import BackupModel
import Foundation
import Testing
@testable import CloudAPI

/// Decodes a DescribeClusterBackupList body the way `listBackups` does.
func decodeRedisBackups(_ json: String, page: PageRequest = PageRequest(number: 1, size: 30)) throws(ServiceError)
    -> Page<Backup> {
    let result = HTTPResult(status: 200, headers: [("x-acs-request-id", "HEADER-ID")], body: Array(json.utf8))
    let response = try AlibabaRPC.decode(result, action: "DescribeClusterBackupList",
                                         as: RedisDescribeClusterBackupListResponse.self)
    return testRedisClient().backupsPage(response, instanceID: "r-requested", page: page)
}

func redisDecodingError(_ json: String) -> ServiceError? {
    do {
        _ = try decodeRedisBackups(json)
        return nil
    } catch {
        return error
    }
}

/// A body with the given records as `ClusterBackups`.
func redisClusterBackupsBody(_ records: [String], extra: String = "") -> String {
    """
    {"RequestId": "R1", "PageNumber": 1, "PageSize": 30, "MaxResults": \(records.count)\(extra),
     "ClusterBackups": [\(records.joined(separator: ","))]}
    """
}

/// One node backup with the documented types; `overrides` replace or add keys (raw JSON values).
func redisNodeJSON(_ id: String = "1001", _ overrides: [String: String] = [:]) -> String {
    var fields: [(String, String)] = [
        ("BackupId", "\"\(id)\""), ("InstanceName", "\"hins1_data_20240101000000.rdb\""),
        ("BackupName", "\"hins1_data_20240101000000.rdb\""), ("BackupStartTime", "\"2024-01-01T00:00:01Z\""),
        ("BackupEndTime", "\"2024-01-01T00:00:09Z\""), ("BackupSize", "\"4096\""), ("IsAvail", "\"1\""),
        ("BackupStatus", "\"OK\""), ("Engine", "\"redis\""),
        ("BackupDownloadURL", "\"https://oss.example/\(id).rdb\""),
        ("BackupIntranetDownloadURL", "\"https://oss-internal.example/\(id).rdb\""),
        ("ExtraInfo", #"{"CustinsDbVersion": "7.0"}"#),
    ]
    for (key, value) in overrides.sorted(by: { $0.key < $1.key }) {
        if let index = fields.firstIndex(where: { $0.0 == key }) { fields[index].1 = value } else { fields.append((key, value)) }
    }
    return "{" + fields.filter { $0.1 != "ABSENT" }.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
}

/// One cluster backup with the documented types; `overrides` as for `nodeJSON` ("ABSENT" removes a key).
func redisClusterJSON(_ id: String = "cb-1", nodes: [String]? = nil, _ overrides: [String: String] = [:]) -> String {
    var fields: [(String, String)] = [
        ("IsAvail", "1"), ("ClusterBackupId", "\"\(id)\""), ("ClusterBackupStatus", "\"OK\""),
        ("ClusterBackupSize", "\"8192\""), ("ClusterBackupStartTime", "\"2024-01-01T00:00:00Z\""),
        ("ClusterBackupEndTime", "\"2024-01-01T00:00:10Z\""), ("ClusterBackupMode", "\"Manual\""),
        ("ShardClassMemory", "2048"), ("ExpectExpireTime", "\"2024-01-08T00:00Z\""),
        ("Backups", "[" + (nodes ?? [redisNodeJSON("1001"), redisNodeJSON("1002")]).joined(separator: ",") + "]"),
    ]
    for (key, value) in overrides.sorted(by: { $0.key < $1.key }) {
        if let index = fields.firstIndex(where: { $0.0 == key }) { fields[index].1 = value } else { fields.append((key, value)) }
    }
    return "{" + fields.filter { $0.1 != "ABSENT" }.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
}

func redisClusterJSON(_ overrides: [String: String]) -> String {
    redisClusterJSON("cb-1", nodes: nil, overrides)
}

/// The example body from the vendor's DescribeClusterBackupList page (seed 004_5195313813c753b8.txt), verbatim.
let redisVendorExample = """
{
  "RequestId": "C009DA42-3B19-5B81-963D-1509DE2408DD",
  "MaxResults": 4,
  "PageNumber": 1,
  "PageSize": 30,
  "FullStorageSize": 1000,
  "LogStorageSize": 5000,
  "FreeSize": 100000,
  "ClusterBackups": [
    {
      "IsAvail": 1,
      "ClusterBackupId": "cb-zmdqj2m3xyxjtdt0",
      "ClusterBackupStatus": "OK",
      "ClusterBackupSize": "2048",
      "ClusterBackupStartTime": "2024-01-10T17:21:25Z",
      "ClusterBackupEndTime": "2024-01-10T17:21:55Z",
      "ClusterBackupMode": "Automated",
      "ShardClassMemory": 1024,
      "Backups": [
        {
          "BackupId": "514645788",
          "InstanceName": "hins100322105_data_20240108012127.rdb",
          "BackupDownloadURL": "http://rdsbakbucket-huhehaote-v2.oss-cn-huhehaote.aliyuncs.com/custins424747958/hins100322105_data_20240110012135.rdb",
          "BackupIntranetDownloadURL": "http://rdsbakbucket-huhehaote-v2.oss-cn-huhehaote-internal.aliyuncs.com/custins424747958/hins100322105_data_20240110012135.rdb",
          "BackupStartTime": "2024-01-09T17:21:30Z",
          "BackupEndTime": "2024-01-09T17:21:57",
          "BackupSize": "1024",
          "IsAvail": "1",
          "BackupStatus": "OK",
          "BackupName": "hins100322105_data_20240110012135.rdb",
          "Engine": "redis",
          "ExtraInfo": {
            "CustinsDbVersion": "5.0"
          }
        }
      ],
      "Progress": "100%"
    }
  ]
}
"""

extension Backup {
    var redis: RedisBackupDetail? {
        if case let .redis(detail) = detail { return detail }
        return nil
    }
}

@Suite struct RedisDecodingTests {
    @Test func vendorExampleDecodesCompletely() throws {
        let page = try decodeRedisBackups(redisVendorExample)
        #expect(page.totalCount == nil)
        #expect(page.number == 1)
        #expect(page.size == 30)
        #expect(page.skipped.isEmpty)
        let backup = try #require(page.items.first)
        #expect(page.items.count == 1)
        #expect(backup.id == "cb-zmdqj2m3xyxjtdt0")
        #expect(backup.instanceID == "r-requested")
        #expect(backup.status == .ok)
        #expect(backup.statusText == "OK")
        #expect(backup.start == utc(2024, 1, 10, 17, 21, 25))
        #expect(backup.end == utc(2024, 1, 10, 17, 21, 55))
        #expect(backup.size == ByteCount(bytes: 2048))
        #expect(backup.type == "Cluster ×1")
        #expect(backup.mode == "Auto")
        // The example's zone-less node end time is the documented form: read as UTC, not reported as odd.
        #expect(backup.anomalies.isEmpty)
        let detail = try #require(backup.redis)
        #expect(detail.clusterBackupID == "cb-zmdqj2m3xyxjtdt0")
        #expect(detail.mode == "Automated")
        #expect(detail.shardMemoryMB == 1024)
        #expect(detail.progressText == "100%")
        #expect(detail.progress == 1.0)
        #expect(detail.isAvailable == true)
        #expect(detail.expectExpireTime == nil)
        #expect(detail.nodeBackups == [RedisNodeBackup(
            backupID: "514645788", fileName: "hins100322105_data_20240108012127.rdb",
            backupName: "hins100322105_data_20240110012135.rdb", status: .ok, statusText: "OK",
            size: ByteCount(bytes: 1024), start: utc(2024, 1, 9, 17, 21, 30), end: utc(2024, 1, 9, 17, 21, 57),
            isAvailable: true, engine: "redis", engineVersion: "5.0",
            downloadURL: "http://rdsbakbucket-huhehaote-v2.oss-cn-huhehaote.aliyuncs.com/custins424747958/hins100322105_data_20240110012135.rdb",
            intranetDownloadURL: "http://rdsbakbucket-huhehaote-v2.oss-cn-huhehaote-internal.aliyuncs.com/custins424747958/hins100322105_data_20240110012135.rdb")])
    }

    @Test func vendorExampleWireFieldsAreKeptKeyForKey() throws {
        let response = try JSONDecoder().decode(RedisDescribeClusterBackupListResponse.self,
                                                from: Data(redisVendorExample.utf8))
        #expect(response.requestID == "C009DA42-3B19-5B81-963D-1509DE2408DD")
        #expect(response.maxResults == 4)
        #expect(response.pageNumber == 1)
        #expect(response.pageSize == 30)
        #expect(response.fullStorageSize == 1000)
        #expect(response.logStorageSize == 5000)
        #expect(response.freeSize == 100000)
        guard case let .success(record) = try #require(response.clusterBackups.first).result else {
            Issue.record("the example's cluster backup did not decode")
            return
        }
        #expect(record.clusterBackupSize == 2048)
        #expect(record.isAvail == true)
        #expect(record.progress == "100%")
        #expect(record.anomalies.isEmpty)
        let node = try #require(record.backups.first)
        #expect(node.backupSize == 1024)
        #expect(node.isAvail == true)
        #expect(node.custinsDbVersion == "5.0")
        #expect(node.recoverConfigMode == nil)
        #expect(node.anomalies.isEmpty)
    }

    @Test func noTotalEvenWhenTheBodyCarriesOne() throws {
        let page = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON()], extra: #", "TotalCount": 99"#))
        #expect(page.totalCount == nil)
        #expect(page.items.count == 1)
    }

    @Test func pageSizeReportedIsTheRoundedOne() throws {
        let page = try decodeRedisBackups(redisClusterBackupsBody([]), page: PageRequest(number: 3, size: 120))
        #expect(page.size == 200)
        #expect(page.number == 3)
        #expect(page.items.isEmpty)
    }

    @Test func isAvailIsAnIntOnTheClusterAndTextOnTheNode() throws {
        let documented = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON()]))
        let backup = try #require(documented.items.first)
        #expect(backup.anomalies.isEmpty)
        #expect(backup.redis?.isAvailable == true)
        #expect(backup.redis?.nodeBackups.map(\.isAvailable) == [true, true])

        let zero = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON(
            nodes: [redisNodeJSON("1", ["IsAvail": "\"0\""])], ["IsAvail": "0"])]))
        #expect(zero.items.first?.redis?.isAvailable == false)
        #expect(zero.items.first?.redis?.nodeBackups.first?.isAvailable == false)

        // Swapped forms are still read, and said.
        let swapped = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON(
            nodes: [redisNodeJSON("7", ["IsAvail": "1"])], ["IsAvail": "\"1\""])]))
        let odd = try #require(swapped.items.first)
        #expect(odd.redis?.isAvailable == true)
        #expect(odd.redis?.nodeBackups.first?.isAvailable == true)
        #expect(odd.anomalies.contains("IsAvail arrived as text, documented as a number"))
        #expect(odd.anomalies.contains("node 7: IsAvail arrived as a number, documented as text"))
    }

    @Test func sizesAreStringsOfBytes() throws {
        let page = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON(
            nodes: [redisNodeJSON("1", ["BackupSize": "\"5368709120\""])], ["ClusterBackupSize": "\"5368709120\""])]))
        let backup = try #require(page.items.first)
        #expect(backup.size == ByteCount(bytes: 5_368_709_120))
        #expect(backup.redis?.nodeBackups.first?.size == ByteCount(bytes: 5_368_709_120))
        #expect(backup.anomalies.isEmpty)
    }

    @Test func sizesSentAsNumbersAreReadAndNoted() throws {
        let page = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON(
            nodes: [redisNodeJSON("1", ["BackupSize": "4096"])], ["ClusterBackupSize": "8192"])]))
        let backup = try #require(page.items.first)
        #expect(backup.size == ByteCount(bytes: 8192))
        #expect(backup.redis?.nodeBackups.first?.size == ByteCount(bytes: 4096))
        #expect(backup.anomalies.contains("ClusterBackupSize arrived as a number, documented as text"))
        #expect(backup.anomalies.contains("node 1: BackupSize arrived as a number, documented as text"))
    }

    @Test func unreadableSizesAreNilWithAnAnomalyNotFatal() throws {
        let page = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON(
            nodes: [redisNodeJSON("1", ["BackupSize": "\"1.5 GB\""])], ["ClusterBackupSize": "\"-5\""])]))
        let backup = try #require(page.items.first)
        #expect(backup.size == nil)
        #expect(backup.redis?.nodeBackups.first?.size == nil)
        #expect(backup.anomalies.contains("ClusterBackupSize is negative (-5); ignored"))
        #expect(backup.anomalies.contains("node 1: BackupSize is not a number: \"1.5 GB\"; ignored"))
        let emptySize = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON(
            nodes: [redisNodeJSON("1", ["BackupSize": "\"\""])], ["ClusterBackupSize": "ABSENT"])]))
        #expect(emptySize.items.first?.size == nil)
    }

    @Test func missingClusterSizeIsTheSumOfTheNodesAndNoted() throws {
        let page = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON(
            nodes: [redisNodeJSON("1", ["BackupSize": "\"1000\""]), redisNodeJSON("2", ["BackupSize": "\"24\""])],
            ["ClusterBackupSize": "ABSENT"])]))
        let backup = try #require(page.items.first)
        #expect(backup.size == ByteCount(bytes: 1024))
        #expect(backup.anomalies == ["ClusterBackupSize is missing; the size shown is the sum of the node backups"])
    }

    @Test(arguments: [
        ("OK", BackupStatus.ok), ("RUNNING", .running), ("Failed", .failed), ("ERROR", .failed),
    ])
    func documentedClusterStatusesMapWithoutAnomaly(_ text: String, _ expected: BackupStatus) throws {
        let page = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON(["ClusterBackupStatus": "\"\(text)\""])]))
        let backup = try #require(page.items.first)
        #expect(backup.status == expected)
        #expect(backup.statusText == text)
        #expect(backup.anomalies.isEmpty)
    }

    @Test func otherClusterStatusWordsAreFailuresAndNoted() throws {
        let page = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON(["ClusterBackupStatus": "\"Expired\""])]))
        let backup = try #require(page.items.first)
        #expect(backup.status == .failed)
        #expect(backup.statusText == "Expired")
        #expect(backup.anomalies == ["ClusterBackupStatus \"Expired\" is not a documented word; read as failed"])
        let missing = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON(["ClusterBackupStatus": "ABSENT"])]))
        #expect(missing.items.first?.status == .unknown)
        #expect(missing.items.first?.anomalies == ["ClusterBackupStatus is missing"])
    }

    @Test func runningBackupShowsProgressAndNoEnd() throws {
        let nodes = [redisNodeJSON("1"), redisNodeJSON("2", ["BackupStatus": "\"RUNNING\"", "BackupEndTime": "\"\"",
                                                     "BackupSize": "\"0\"", "IsAvail": "\"0\""])]
        let page = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON(nodes: nodes, [
            "ClusterBackupStatus": "\"RUNNING\"", "ClusterBackupEndTime": "\"\"", "Progress": "\"37%\"",
            "IsAvail": "0",
        ])]))
        let backup = try #require(page.items.first)
        #expect(backup.status == .running)
        #expect(backup.end == nil)
        #expect(backup.anomalies.isEmpty)
        let detail = try #require(backup.redis)
        #expect(detail.progressText == "37%")
        #expect(detail.progress == 0.37)
        #expect(detail.isAvailable == false)
        #expect(detail.nodeBackups.map(\.status) == [.ok, .running])
        #expect(detail.nodeBackups.last?.end == nil)
    }

    @Test func progressThatIsNotAPercentageIsKeptAsTextAndNoted() throws {
        let page = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON(["Progress": "\"almost\""])]))
        let backup = try #require(page.items.first)
        #expect(backup.redis?.progressText == "almost")
        #expect(backup.redis?.progress == nil)
        #expect(backup.anomalies == ["Progress \"almost\" is not a percentage"])
        #expect(RedisMapping.percentage("12.5 %") == 0.125)
        #expect(RedisMapping.percentage("150%") == nil)
    }

    @Test func failedNodeMapsToFailedWithoutURLs() throws {
        let nodes = [redisNodeJSON("1"), redisNodeJSON("2", ["BackupStatus": "\"ERROR\"", "BackupDownloadURL": "\"\"",
                                                     "BackupIntranetDownloadURL": "null", "IsAvail": "\"0\""])]
        let page = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON(nodes: nodes, [
            "ClusterBackupStatus": "\"Failed\"", "IsAvail": "0",
        ])]))
        let backup = try #require(page.items.first)
        #expect(backup.status == .failed)
        let failed = try #require(backup.redis?.nodeBackups.last)
        #expect(failed.status == .failed)
        #expect(failed.statusText == "ERROR")
        #expect(failed.downloadURL == nil)
        #expect(failed.intranetDownloadURL == nil)
        #expect(failed.isAvailable == false)
        #expect(backup.anomalies.isEmpty)
    }

    @Test func unknownNodeStatusIsNoted() throws {
        let page = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON(
            nodes: [redisNodeJSON("9", ["BackupStatus": "\"Weird\""])])]))
        let backup = try #require(page.items.first)
        #expect(backup.redis?.nodeBackups.first?.status == .unknown)
        #expect(backup.anomalies == ["node 9: unknown BackupStatus \"Weird\""])
    }

    @Test func expectExpireTimeInTheMinuteFormParses() throws {
        let page = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON(["ExpectExpireTime": "\"2024-02-10T17:21Z\""])]))
        #expect(page.items.first?.redis?.expectExpireTime == utc(2024, 2, 10, 17, 21))
        #expect(page.items.first?.anomalies.isEmpty == true)
    }

    @Test func unparseableTimesAreNilWithAnAnomaly() throws {
        let page = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON(["ClusterBackupStartTime": "\"yesterday\""])]))
        let backup = try #require(page.items.first)
        #expect(backup.start == nil)
        #expect(backup.anomalies == ["ClusterBackupStartTime \"yesterday\" is not a recognised time"])
    }

    @Test func clusterBackupsIsAPlainArray() throws {
        let missing = try decodeRedisBackups(#"{"RequestId": "R", "PageNumber": 1, "PageSize": 30}"#)
        #expect(missing.items.isEmpty)
        let null = try decodeRedisBackups(#"{"RequestId": "R", "ClusterBackups": null}"#)
        #expect(null.items.isEmpty)
        // The wrapper form other kvstore APIs use is not this API's shape: a decoding error naming the key.
        let wrapped = redisDecodingError(#"{"RequestId": "R", "ClusterBackups": {"ClusterBackup": []}}"#)
        #expect(wrapped?.kind == .decoding)
        #expect(wrapped?.message.contains("ClusterBackups is an object, expected an array") == true)
    }

    @Test func bodyThatIsNotAnObjectIsADecodingError() {
        #expect(redisDecodingError("<html>busy</html>")?.kind == .decoding)
        #expect(redisDecodingError("[]")?.code == "UnexpectedResponse")
    }

    @Test func clusterBackupsWithoutAnIDAreSkippedAndReported() throws {
        let page = try decodeRedisBackups(redisClusterBackupsBody([
            redisClusterJSON("cb-good"), redisClusterJSON(["ClusterBackupId": "ABSENT"]), redisClusterJSON(["ClusterBackupId": "\"  \""]),
            "42",
        ]))
        #expect(page.items.map(\.id) == ["cb-good"])
        #expect(page.skipped == [
            "cluster backup record 2 on page 1 skipped: ClusterBackupId is missing",
            "cluster backup record 3 on page 1 skipped: ClusterBackupId is empty",
            "cluster backup record 4 on page 1 skipped: the record is a number, expected an object",
        ])
    }

    @Test func nodesWithoutAnIDAreLeftOutAndNoted() throws {
        let page = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON(
            nodes: [redisNodeJSON("1"), redisNodeJSON("2", ["BackupId": "null"]), "\"text\""])]))
        let backup = try #require(page.items.first)
        #expect(backup.redis?.nodeBackups.map(\.backupID) == ["1"])
        #expect(backup.type == "Cluster ×1")
        #expect(backup.anomalies == ["node backup 2 ignored: BackupId is null",
                                     "node backup 3 ignored: it is text, expected an object"])
    }

    @Test func numericNodeIDIsAccepted() throws {
        let page = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON(nodes: [redisNodeJSON("1", ["BackupId": "514645788"])])]))
        #expect(page.items.first?.redis?.nodeBackups.first?.backupID == "514645788")
    }

    @Test func noShardBackupGivesAClusterWithoutNodes() throws {
        let empty = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON(nodes: [])]))
        #expect(empty.items.first?.redis?.nodeBackups.isEmpty == true)
        #expect(empty.items.first?.type == "Cluster")
        #expect(empty.items.first?.anomalies.isEmpty == true)
        let absent = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON(["Backups": "ABSENT"])]))
        #expect(absent.items.first?.redis?.nodeBackups.isEmpty == true)
        let wrongShape = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON(["Backups": #"{"Backup": []}"#])]))
        #expect(wrongShape.items.first?.anomalies == ["Backups is an object, expected an array; node backups ignored"])
    }

    @Test func extraInfoThatIsNotAnObjectIsNoted() throws {
        let page = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON(nodes: [redisNodeJSON("1", ["ExtraInfo": "\"5.0\""])])]))
        let backup = try #require(page.items.first)
        #expect(backup.redis?.nodeBackups.first?.engineVersion == "")
        #expect(backup.anomalies == ["node 1: ExtraInfo is not an object; ignored"])
    }

    @Test func controlCharactersAndEscapesAreKeptAsData() throws {
        let page = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON(
            nodes: [redisNodeJSON("1", ["BackupName": #""evil\u001b[31m\u0007.rdb""#])])]))
        // Sanitising is the UI's job; the client keeps the vendor's text exactly.
        #expect(page.items.first?.redis?.nodeBackups.first?.backupName == "evil\u{1B}[31m\u{07}.rdb")
    }

    @Test func unknownKeysAreIgnored() throws {
        let page = try decodeRedisBackups(redisClusterBackupsBody([redisClusterJSON(["SomethingNew": #"{"a": [1]}"#])]))
        #expect(page.items.count == 1)
        #expect(page.items.first?.anomalies.isEmpty == true)
    }

    // MARK: - DescribeInstances

    func decodeInstances(_ json: String, region: String = "cn-zhangjiakou") throws(ServiceError) -> Page<Instance> {
        let result = HTTPResult(status: 200, headers: [], body: Array(json.utf8))
        let response = try AlibabaRPC.decode(result, action: "DescribeInstances", as: RedisDescribeInstancesResponse.self)
        return testRedisClient(region: region).instancesPage(response, page: PageRequest(number: 1, size: 30))
    }

    @Test func instancesDecodeAndMap() throws {
        let page = try decodeInstances("""
        {"RequestId": "R", "PageNumber": 1, "PageSize": 30, "TotalCount": 42,
         "Instances": {"KVStoreInstance": [
           {"InstanceId": "r-bp1", "InstanceName": "订单缓存", "InstanceStatus": "Normal", "InstanceType": "Redis",
            "EngineVersion": "7.0", "ArchitectureType": "cluster", "RegionId": "cn-hangzhou", "ShardCount": 8,
            "Capacity": 32768},
           {"InstanceId": "r-bp2", "InstanceName": "  ", "InstanceType": "Tair", "ArchitectureType": "",
            "EngineVersion": "6.0"},
           {"InstanceName": "no id"}
         ]}}
        """)
        #expect(page.totalCount == 42)
        #expect(page.size == 30)
        #expect(page.items == [
            Instance(id: "r-bp1", name: "订单缓存", engine: "Redis cluster", engineVersion: "7.0",
                     region: "cn-hangzhou", status: "Normal"),
            Instance(id: "r-bp2", name: "r-bp2", engine: "Tair", engineVersion: "6.0", region: "cn-zhangjiakou",
                     status: ""),
        ])
        #expect(page.skipped == ["instance record 3 on page 1 skipped: InstanceId is missing"])
    }

    @Test func instancesWrapperAsAnArrayIsADecodingError() {
        do {
            _ = try decodeInstances(#"{"TotalCount": 1, "Instances": [{"InstanceId": "r-1"}]}"#)
            Issue.record("a bare array was accepted")
        } catch {
            #expect(error.kind == .decoding)
            #expect(error.message.contains("Instances is an array, expected an object"))
        }
    }
}
