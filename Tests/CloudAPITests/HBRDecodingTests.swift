import BackupModel
import Foundation
import Testing
@testable import CloudAPI

func testHBRClient(
    sourceType: String = "ECS_FILE", credentials: AlibabaCredentials? = nil,
    endpoint: String = "https://hbr.cn-hangzhou.aliyuncs.com"
) -> HBRClient {
    HBRClient(
        endpoint: URL(string: endpoint)!, region: "cn-hangzhou", sourceType: sourceType,
        credentials: credentials ?? AlibabaCredentials(accessKeyID: "testid", accessKeySecret: "testsecret",
                                                        source: "test"),
        transport: sharedTestTransport,
        now: { Date(timeIntervalSince1970: 1_704_067_200) },  // 2024-01-01T00:00:00Z
        makeNonce: { "3156853299f313e23d1673dc12e1703d" })
}

/// Decodes a DescribeBackupJobs2 body the way `listBackups` does (HTTP status `status`).
func decodeHBRJobs(_ json: String, status: Int = 200, page: PageRequest = PageRequest(number: 1, size: 10))
    throws(ServiceError) -> Page<Backup> {
    let result = HTTPResult(status: status, headers: [("x-acs-request-id", "HEADER-ID")], body: Array(json.utf8))
    let response = try HBRClient.decode(result, action: "DescribeBackupJobs2",
                                        as: HBRDescribeBackupJobs2Response.self)
    return testHBRClient().jobsPage(response, vaultID: "v-requested", page: page)
}

func hbrError(_ json: String, status: Int = 200) -> ServiceError? {
    do {
        _ = try decodeHBRJobs(json, status: status)
        return nil
    } catch {
        return error
    }
}

/// A body with the given records as `BackupJobs.BackupJob`.
func hbrJobsBody(_ records: [String], total: Int = 1) -> String {
    """
    {"RequestId": "R1", "Success": true, "Code": "200", "Message": "successful", "PageNumber": 1, "PageSize": 10,
     "TotalCount": \(total), "BackupJobs": {"BackupJob": [\(records.joined(separator: ","))]}}
    """
}

extension Backup {
    var hbr: HBRBackupDetail? {
        if case let .hbr(detail) = detail { return detail }
        return nil
    }
}

/// The example body from the vendor's DescribeBackupJobs2 page (seed 001_ab53160e7fe74957.txt), verbatim.
let hbrVendorExample = #"""
{
  "RequestId": "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
  "Success": true,
  "Code": "200",
  "Message": "successful",
  "PageNumber": 1,
  "PageSize": 10,
  "TotalCount": 8,
  "BackupJobs": {
    "BackupJob": [
      {
        "Status": "COMPLETE",
        "ErrorMessage": "PARTIAL_COMPLETE",
        "ActualItems": 6,
        "VaultId": "v-0006******q",
        "ActualBytes": 600,
        "CreateTime": 1607436917,
        "BackupType": "COMPLETE",
        "Prefix": "example/",
        "SourceType": "ECS_FILE",
        "Options": "{\"UseVSS\":false}",
        "ClientId": "c-*********************",
        "ItemsDone": 8,
        "BytesTotal": 1000,
        "Exclude": "[\"/var\", \"/proc\"]",
        "JobName": "jobname",
        "CompleteTime": 1554347313,
        "CreatedTime": 1554347313,
        "Bucket": "hbr-backup-oss",
        "Progress": 10000,
        "SpeedLimit": "0:24:5120",
        "InstanceId": "i-*********************",
        "PlanId": "plan-20********35",
        "FileSystemId": "005494",
        "StartTime": 1554347313,
        "UpdatedTime": 1554347313,
        "JobId": "job-000g********w7",
        "ItemsTotal": 10,
        "Include": "[\"/home/alice/*.pdf\", \"/home/bob/*.txt\"]",
        "BytesDone": 800,
        "Paths": {
          "Path": [
            "\"/home\""
          ]
        },
        "Detail": {
          "DoCopy": true,
          "DestinationNativeSnapshotId": "s-******************",
          "DestinationNativeSnapshotProgress": 85,
          "DestinationNativeSnapshotStatus": "COMPLETE",
          "DestinationRetention": 30,
          "DestinationSnapshotId": "s-******************",
          "DestinationNativeSnapshotErrorMessage": "ECS.CreatingSnapshot",
          "NativeSnapshotId": "s-******************",
          "DiskNativeSnapshotIdList": {
            "DiskNativeSnapshotId": [
              ""
            ]
          }
        },
        "InstanceName": "instancename",
        "OtsDetail": {
          "TableNames": {
            "TableName": [
              "[\"table1\", \"table2\", \"table3\"]"
            ]
          }
        },
        "Speed": 500,
        "TableName": "table1",
        "CrossAccountType": "SELF_ACCOUNT",
        "CrossAccountUserId": 0,
        "CrossAccountRoleName": "BackupRole",
        "Identifier": "",
        "DestSourceType": "OSS",
        "DestDataSourceId": "ds-000cov4ufudxklj24zdk",
        "DestDataSourceDetail": "{\\\"prefix\\\":\\\"/\\\"}",
        "ChangeListPath": "{\"dataSourceId\": \"ds-123456789\", \"path\": \"/changelist\"}",
        "FilesTotal": 10,
        "FilesDone": 9,
        "ActualFiles": 8
      }
    ]
  }
}
"""#

@Suite struct HBRDecodingTests {
    @Test func vendorExampleDecodesCompletely() throws {
        let page = try decodeHBRJobs(hbrVendorExample)
        #expect(page.totalCount == 8)
        #expect(page.number == 1)
        #expect(page.size == 10)
        #expect(page.skipped.isEmpty)
        let job = try #require(page.items.first)
        #expect(page.items.count == 1)
        #expect(job.id == "job-000g********w7")
        #expect(job.instanceID == "v-0006******q")
        #expect(job.status == .ok)
        #expect(job.statusText == "COMPLETE")
        #expect(job.start == Date(timeIntervalSince1970: 1_554_347_313))
        #expect(job.end == Date(timeIntervalSince1970: 1_554_347_313))
        #expect(job.size == ByteCount(bytes: 1000))
        #expect(job.type == "Full")
        #expect(job.mode == "Plan")

        let detail = try #require(job.hbr)
        #expect(detail.jobName == "jobname")
        #expect(detail.sourceType == "ECS_FILE")
        #expect(detail.vaultID == "v-0006******q")
        #expect(detail.planID == "plan-20********35")
        #expect(detail.clientID == "c-*********************")
        #expect(detail.instanceID == "i-*********************")
        #expect(detail.bucket == "hbr-backup-oss")
        #expect(detail.prefix == "example/")
        #expect(detail.fileSystemID == "005494")
        #expect(detail.fileSystemCreated == Date(timeIntervalSince1970: 1_607_436_917))
        #expect(detail.progress == 10_000)
        #expect(detail.progressFraction == 1)
        #expect(detail.bytesDone == ByteCount(bytes: 800))
        #expect(detail.bytesTotal == ByteCount(bytes: 1000))
        #expect(detail.actualBytes == ByteCount(bytes: 600))
        #expect(detail.itemsDone == 8)
        #expect(detail.itemsTotal == 10)
        #expect(detail.actualItems == 6)
        #expect(detail.filesDone == 9)
        #expect(detail.filesTotal == 10)
        #expect(detail.actualFiles == 8)
        #expect(detail.speedBytesPerSecond == 512_000)
        #expect(detail.speedLimits == [HBRSpeedLimit(startHour: 0, endHour: 24, kilobytesPerSecond: 5120)])
        #expect(detail.speedLimitText == "0:24:5120")
        #expect(detail.errorMessage == "PARTIAL_COMPLETE")
        #expect(detail.includePatterns == ["/home/alice/*.pdf", "/home/bob/*.txt"])
        #expect(detail.excludePatterns == ["/var", "/proc"])
        #expect(detail.options == #"{"UseVSS":false}"#)
        #expect(detail.crossAccountType == "SELF_ACCOUNT")
        #expect(detail.crossAccountUserID == 0)
        #expect(detail.crossAccountRoleName == "BackupRole")
        #expect(detail.destSourceType == "OSS")
        #expect(detail.destDataSourceID == "ds-000cov4ufudxklj24zdk")
        // JSON inside a string, kept as sent (here doubly escaped by the vendor).
        #expect(detail.destDataSourceDetail == #"{\"prefix\":\"/\"}"#)
        #expect(detail.changeListPath == #"{"dataSourceId": "ds-123456789", "path": "/changelist"}"#)
        #expect(detail.created == Date(timeIntervalSince1970: 1_554_347_313))
        #expect(detail.updated == Date(timeIntervalSince1970: 1_554_347_313))

        let ecs = try #require(detail.ecsSnapshot)
        #expect(ecs.doCopy == true)
        #expect(ecs.nativeSnapshotID == "s-******************")
        #expect(ecs.destinationNativeSnapshotProgress == 85)
        #expect(ecs.destinationNativeSnapshotStatus == "COMPLETE")
        #expect(ecs.destinationRetentionDays == 30)
        #expect(ecs.destinationNativeSnapshotErrorMessage == "ECS.CreatingSnapshot")
        #expect(ecs.diskNativeSnapshotIDs.isEmpty)   // the example's one entry is ""

        // The example's oddities: a JSON-quoted path and a JSON array held as one table name.
        #expect(detail.paths == ["/home"])
        #expect(detail.otsTableNames == ["table1", "table2", "table3"])
        #expect(job.anomalies.contains { $0.contains("Paths.Path") && $0.contains("JSON-quoted") })
        #expect(job.anomalies.contains { $0.contains("OtsDetail.TableNames.TableName") })
        #expect(job.anomalies.count == 2)
    }

    @Test func successFalseWithHTTP200IsAServiceError() throws {
        let body = #"{"RequestId": "E1", "Success": false, "Code": "InvalidParameter", "Message": "The parameter PageSize is invalid."}"#
        let error = try #require(hbrError(body))
        #expect(error == ServiceError(kind: .http, httpStatus: 200, code: "InvalidParameter",
                                      message: "The parameter PageSize is invalid.", requestID: "E1"))
    }

    @Test func successFalseAsTextOrWithoutCodeIsStillAnError() throws {
        let textFlag = try #require(hbrError(#"{"Success": "false", "Code": "VaultNotFound", "Message": "m"}"#))
        #expect(textFlag.code == "VaultNotFound")
        #expect(textFlag.requestID == "HEADER-ID")
        let bare = try #require(hbrError(#"{"Success": false}"#))
        #expect(bare.code == "Success:false")
        #expect(bare.message.contains("DescribeBackupJobs2"))
    }

    @Test func missingSuccessWithANon200CodeIsAnError() throws {
        let error = try #require(hbrError(#"{"RequestId": "E2", "Code": "Forbidden", "Message": "denied"}"#))
        #expect(error.code == "Forbidden")
        #expect(error.httpStatus == 200)
        // Code "200" (also as a number) without Success is a success.
        #expect(hbrError(#"{"Code": "200", "TotalCount": 0, "BackupJobs": {"BackupJob": []}}"#) == nil)
        #expect(hbrError(#"{"Code": 200, "TotalCount": 0, "BackupJobs": {"BackupJob": []}}"#) == nil)
    }

    @Test func successFalseMessageIsSanitised() throws {
        let error = try #require(hbrError(#"{"Success": false, "Code": "X", "Message": "bad\u001b[31m\u0007 value"}"#))
        #expect(!error.message.unicodeScalars.contains { $0.properties.generalCategory == .control })
    }

    @Test func httpErrorsKeepTheirStatusAndCode() throws {
        let body = #"{"RequestId": "R", "Code": "SignatureDoesNotMatch", "Message": "Specified signature is not matched with our calculation."}"#
        let error = try #require(hbrError(body, status: 403))
        #expect(error.kind == .http)
        #expect(error.httpStatus == 403)
        #expect(error.code == "SignatureDoesNotMatch")
    }

    @Test func emptyListAndMissingListAreEmptyPages() throws {
        let empty = try decodeHBRJobs(hbrJobsBody([], total: 0))
        #expect(empty.items.isEmpty)
        #expect(empty.totalCount == 0)
        let missing = try decodeHBRJobs(#"{"Success": true, "Code": "200", "TotalCount": 0}"#)
        #expect(missing.items.isEmpty)
    }

    @Test func bareBackupJobsArrayIsAcceptedWithANote() throws {
        let page = try decodeHBRJobs(#"{"Success": true, "TotalCount": 1, "BackupJobs": [{"JobId": "job-1", "Status": "COMPLETE"}]}"#)
        #expect(page.items.map(\.id) == ["job-1"])
        #expect(page.items.first?.anomalies.contains { $0.contains("bare array") } == true)
    }

    @Test func backupJobsOfTheWrongShapeFailsThePage() throws {
        let error = try #require(hbrError(#"{"Success": true, "TotalCount": 1, "BackupJobs": "job-1"}"#))
        #expect(error.kind == .decoding)
        #expect(error.message.contains("BackupJobs"))
        let inner = try #require(hbrError(#"{"Success": true, "BackupJobs": {"BackupJob": {"JobId": "x"}}}"#))
        #expect(inner.kind == .decoding)
    }

    @Test func recordsWithoutAJobIDAreSkippedAndReported() throws {
        let page = try decodeHBRJobs(hbrJobsBody([
            #"{"JobId": "job-a", "Status": "COMPLETE"}"#,
            #"{"Status": "COMPLETE"}"#,
            #"{"JobId": "  ", "Status": "FAILED"}"#,
            #""not an object""#,
            #"{"JobId": "job-b", "Status": "FAILED"}"#,
        ], total: 5))
        #expect(page.items.map(\.id) == ["job-a", "job-b"])
        #expect(page.skipped.count == 3)
        #expect(page.skipped[0].contains("JobId is missing"))
        #expect(page.skipped[1].contains("JobId is empty"))
        #expect(page.skipped[2].contains("expected an object"))
    }

    @Test func runningJobHasPartialProgressAndNoEnd() throws {
        let page = try decodeHBRJobs(hbrJobsBody([#"""
            {"JobId": "job-run", "Status": "RUNNING", "Progress": 3712, "CreatedTime": 1700000000,
             "StartTime": 1700000060, "CompleteTime": 0, "BytesTotal": 10000000, "BytesDone": 3712000,
             "ItemsTotal": 100, "ItemsDone": 37, "Speed": 2048}
            """#]))
        let job = try #require(page.items.first)
        #expect(job.status == .running)
        #expect(job.start == Date(timeIntervalSince1970: 1_700_000_060))
        #expect(job.end == nil)
        let detail = try #require(job.hbr)
        #expect(detail.progress == 3712)
        #expect(detail.progressFraction == 0.3712)
        #expect(detail.bytesDone == ByteCount(bytes: 3_712_000))
        #expect(detail.itemsDone == 37)
        #expect(detail.speedBytesPerSecond == 2_097_152)
        #expect(job.anomalies.isEmpty)
    }

    @Test(arguments: [
        ("COMPLETE", BackupStatus.ok), ("PARTIAL_COMPLETE", .failed), ("FAILED", .failed), ("CANCELED", .failed),
        ("EXPIRED", .failed), ("RUNNING", .running), ("QUEUED", .running), ("CREATED", .running),
        ("CANCELING", .running), ("complete", .ok), ("EXPLODED", .unknown),
    ])
    func statusWordsMapToTheCommonVocabulary(_ word: String, _ expected: BackupStatus) throws {
        let page = try decodeHBRJobs(hbrJobsBody([#"{"JobId": "j", "Status": "\#(word)"}"#]))
        let job = try #require(page.items.first)
        #expect(job.status == expected)
        #expect(job.statusText == word)
        #expect(job.anomalies.contains { $0.contains("unknown Status") } == (expected == .unknown))
    }

    @Test func missingStatusIsUnknownAndNoted() throws {
        let job = try #require(try decodeHBRJobs(hbrJobsBody([#"{"JobId": "j"}"#])).items.first)
        #expect(job.status == .unknown)
        #expect(job.anomalies.contains("Status is missing"))
    }

    @Test func numbersAsTextAreReadAndNoted() throws {
        let job = try #require(try decodeHBRJobs(hbrJobsBody([
            #"{"JobId": "j", "Status": "COMPLETE", "BytesTotal": "2048", "Progress": "10000", "CreatedTime": "1700000000"}"#,
        ])).items.first)
        #expect(job.size == ByteCount(bytes: 2048))
        #expect(job.hbr?.progress == 10_000)
        #expect(job.hbr?.created == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(job.anomalies.filter { $0.contains("arrived as text") }.count == 3)
    }

    @Test func oddNumbersAndTimesAreNotedNotFatal() throws {
        let job = try #require(try decodeHBRJobs(hbrJobsBody([#"""
            {"JobId": "j", "Status": "COMPLETE", "Progress": 12000, "BytesTotal": -5, "BytesDone": 10,
             "StartTime": 1700000000000, "CompleteTime": "soon", "Speed": -1}
            """#])).items.first)
        let detail = try #require(job.hbr)
        #expect(detail.progressFraction == 1)
        #expect(job.anomalies.contains { $0.contains("Progress 12000 is outside") })
        #expect(detail.bytesTotal == nil)
        #expect(job.size == ByteCount(bytes: 10))   // falls back to BytesDone
        #expect(job.anomalies.contains { $0.contains("BytesTotal is negative") })
        #expect(job.start == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(job.anomalies.contains { $0.contains("read as milliseconds") })
        #expect(job.end == nil)
        #expect(job.anomalies.contains { $0.contains("CompleteTime is not a number") })
        #expect(detail.speedBytesPerSecond == nil)
    }

    @Test func wrapperObjectsAreUnwrappedAndOddShapesNoted() throws {
        let job = try #require(try decodeHBRJobs(hbrJobsBody([#"""
            {"JobId": "j", "Status": "COMPLETE", "Paths": ["/a", "/b"],
             "OtsDetail": {"TableNames": {"TableName": ["t1", "t2"]}},
             "Detail": {"DiskNativeSnapshotIdList": {"DiskNativeSnapshotId": ["s-1", "", "s-2"]}, "DoCopy": 0}}
            """#])).items.first)
        let detail = try #require(job.hbr)
        #expect(detail.paths == ["/a", "/b"])
        #expect(job.anomalies.contains { $0.contains("Paths arrived as a bare array") })
        #expect(detail.otsTableNames == ["t1", "t2"])
        #expect(detail.ecsSnapshot?.diskNativeSnapshotIDs == ["s-1", "s-2"])
        #expect(detail.ecsSnapshot?.doCopy == false)

        let odd = try #require(try decodeHBRJobs(hbrJobsBody([#"""
            {"JobId": "k", "Status": "COMPLETE", "Paths": {"Path": ["/ok", {"x": 1}]}, "Detail": "none",
             "OtsDetail": 7, "TableName": "only_table"}
            """#])).items.first)
        #expect(odd.hbr?.paths == ["/ok"])
        #expect(odd.anomalies.contains { $0.contains("Paths.Path[1] is not text") })
        #expect(odd.hbr?.ecsSnapshot == nil)
        #expect(odd.anomalies.contains { $0.contains("Detail is not an object") })
        #expect(odd.anomalies.contains { $0.contains("OtsDetail is not an object") })
        #expect(odd.hbr?.otsTableNames == ["only_table"])   // TableName when OtsDetail has none
    }

    @Test func speedLimitRulesAreParsed() throws {
        #expect(HBRMapping.speedLimits("0:8:10240|8:24:5120") == [
            HBRSpeedLimit(startHour: 0, endHour: 8, kilobytesPerSecond: 10240),
            HBRSpeedLimit(startHour: 8, endHour: 24, kilobytesPerSecond: 5120),
        ])
        #expect(HBRMapping.speedLimits("") == [])
        #expect(HBRMapping.speedLimits("fast") == nil)
        #expect(HBRMapping.speedLimits("0:25:1") == nil)
        let job = try #require(try decodeHBRJobs(hbrJobsBody([#"{"JobId": "j", "Status": "COMPLETE", "SpeedLimit": "all day"}"#])).items.first)
        #expect(job.hbr?.speedLimits == [])
        #expect(job.hbr?.speedLimitText == "all day")
        #expect(job.anomalies.contains { $0.contains("SpeedLimit") })
    }

    @Test func includeThatIsNotJSONIsKeptAsOnePattern() throws {
        let job = try #require(try decodeHBRJobs(hbrJobsBody([#"{"JobId": "j", "Status": "COMPLETE", "Include": "/home/*"}"#])).items.first)
        #expect(job.hbr?.includePatterns == ["/home/*"])
        #expect(job.anomalies.contains { $0.contains("Include is not a JSON array") })
    }

    @Test func triggerModeWinsForTheModeColumn() throws {
        let page = try decodeHBRJobs(hbrJobsBody([
            #"{"JobId": "a", "Status": "COMPLETE", "TriggerMode": "MANUAL", "PlanId": "plan-1"}"#,
            #"{"JobId": "b", "Status": "COMPLETE"}"#,
        ], total: 2))
        #expect(page.items.map(\.mode) == ["Manual", ""])
        #expect(page.items[1].instanceID == "v-requested")   // no VaultId: the vault asked for
    }

    // MARK: DescribeVaults

    func decodeVaults(_ json: String) throws(ServiceError) -> Page<Instance> {
        let result = HTTPResult(status: 200, headers: [], body: Array(json.utf8))
        let response = try HBRClient.decode(result, action: "DescribeVaults", as: HBRDescribeVaultsResponse.self)
        return testHBRClient().vaultsPage(response, page: PageRequest(number: 2, size: 500))
    }

    @Test func vaultsBecomeInstances() throws {
        let page = try decodeVaults(#"""
            {"RequestId": "R", "Success": true, "Code": "200", "Message": "successful", "PageNumber": 2,
             "PageSize": 99, "TotalCount": 101, "Vaults": {"Vault": [
               {"VaultId": "v-1", "VaultName": "生产文件备份库", "VaultRegionId": "cn-hangzhou", "VaultType": "STANDARD",
                "VaultStorageClass": "STANDARD", "Status": "CREATED", "CreatedTime": 1700000000, "StorageSize": 5,
                "SourceTypes": {"SourceType": ["ECS_FILE", "OSS"]}},
               {"VaultId": "v-2", "VaultName": " ", "Status": "INITIALIZING"},
               {"VaultName": "no id"}
             ]}}
            """#)
        #expect(page.totalCount == 101)
        #expect(page.number == 2)
        #expect(page.size == 99)
        #expect(page.items.map(\.id) == ["v-1", "v-2"])
        #expect(page.items[0] == Instance(id: "v-1", name: "生产文件备份库", engine: "STANDARD",
                                          engineVersion: "STANDARD", region: "cn-hangzhou", status: "CREATED"))
        #expect(page.items[1].name == "v-2")
        #expect(page.items[1].region == "cn-hangzhou")
        #expect(page.skipped.count == 1)
        #expect(page.skipped[0].contains("VaultId is missing"))
    }

    @Test func vaultsSuccessFalseIsAnError() {
        #expect(throws: ServiceError.self) {
            try decodeVaults(#"{"Success": false, "Code": "InvalidParameter", "Message": "PageSize"}"#)
        }
    }
}
