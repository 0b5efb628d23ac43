import BackupModel
import Foundation
import Testing
@testable import CloudAPI

/// Decodes a StarRocks DescribeBackups body the way `listBackups` does.
func decodeStarRocksBackups(
    _ json: String, status: Int = 200, page: PageRequest = PageRequest(number: 1, size: 10)
) throws(ServiceError) -> Page<Backup> {
    let result = HTTPResult(status: status, headers: [("x-acs-request-id", "HEADER-ID")], body: Array(json.utf8))
    let response = try StarRocksROA.decode(result, action: "DescribeBackups", as: StarRocksDescribeBackupsResponse.self)
    return try testStarRocksClient().backupsPage(response, instanceID: "c-requested", page: page)
}

func starRocksError(_ json: String, status: Int = 200) -> ServiceError? {
    do {
        _ = try decodeStarRocksBackups(json, status: status)
        return nil
    } catch {
        return error
    }
}

/// The example body from the vendor's DescribeBackups page (seed 000_149ceea845e8e86f.txt), verbatim — including
/// its contradiction: `"Success": false` with `"ErrCode": "Success"` next to a full `Data` list.
let starRocksVendorExample = """
{
  "HttpStatusCode": 200,
  "RequestId": "32A44F0D-BFF6-5664-999A-218BBDE7****",
  "Success": false,
  "ErrCode": "Success",
  "ErrMessage": "Invalid params: [instance not exists].\\n",
  "Data": [
    {
      "RegionId": "cn-hangzhou",
      "InstanceId": "c-d4be777ff5e8cXXX",
      "Size": 100,
      "Status": "RUNNING",
      "Description": "Task description",
      "SubTasks": [
        {
          "StartTime": 1747708190,
          "FinishedTime": 1747718190,
          "SnapshotName": "2025-02-10_backup",
          "DataBase": "test1",
          "Table": "cdc_ods_t2030_lcpf_api_topic_msg",
          "Size": 1,
          "Status": "success",
          "Detail": "[]"
        }
      ],
      "BackupStartTime": 1742179018000,
      "BackupFinishedTime": 1742179028000,
      "ExpireTime": 1742189008000,
      "BackupTaskId": "bt-12sui21312dd",
      "BackupType": "FullBackup",
      "InstanceSnapshot": {
        "InstanceName": "c-37708ec80b5****",
        "VpcId": "vpc-2ze0cez8106f2n85c2d7i",
        "RunMode": "shared_data",
        "SpecType": "standard",
        "ResourceGroupId": "rg-aekzd7frphchx3a",
        "Version": "3.3",
        "MinorVersion": "3.3.13-1.0-1.7.2",
        "NodeGroups": [
          {
            "ComponentType": "FE",
            "Cu": 4,
            "StorageSize": 200,
            "StoragePerformanceLevel": "pl1",
            "DiskNumber": "2",
            "ResidentNodeNumber": "3",
            "SpecType": "standard",
            "LocalStorageInstanceType": "null"
          }
        ],
        "RegionId": "cn-beijing",
        "Tags": [
          {
            "Key": "bk-time",
            "Value": "1747708000"
          }
        ]
      }
    }
  ],
  "Total": 1
}
"""

/// The vendor's example with `Success` made consistent with its data.
let starRocksSuccessfulExample = starRocksVendorExample.replacingOccurrences(
    of: "\"Success\": false", with: "\"Success\": true")

/// A body with one task made of `task` (JSON members, no braces) and a successful envelope.
func starRocksBody(task: String, total: Int = 1) -> String {
    "{\"Success\": true, \"RequestId\": \"R-1\", \"Total\": \(total), \"Data\": [{\(task)}]}"
}

@Suite struct StarRocksDecodingTests {
    // MARK: - Success: false

    @Test func vendorExampleWithSuccessFalseIsAnErrorNotAList() throws {
        let error = try #require(starRocksError(starRocksVendorExample))
        #expect(error.kind == .http)
        // "ErrCode": "Success" on a failure says nothing: a code that cannot be mistaken for success replaces it.
        #expect(error.code == "UnsuccessfulResponse")
        #expect(error.message == "Invalid params: [instance not exists].")
        #expect(error.httpStatus == 200)
        #expect(error.requestID == "32A44F0D-BFF6-5664-999A-218BBDE7****")
    }

    @Test func successFalseKeepsTheVendorsCodeAndTheBodysHTTPStatus() throws {
        let body = """
        {"HttpStatusCode": 404, "RequestId": "R-9", "Success": false, "ErrCode": "InvalidParams",
         "ErrMessage": "Invalid params: [instance not exists].", "Data": [], "Total": 0}
        """
        let error = try #require(starRocksError(body))
        #expect(error.code == "InvalidParams")
        #expect(error.httpStatus == 404)
        #expect(error.requestID == "R-9")
        #expect(error.summary == "HTTP 404 InvalidParams: Invalid params: [instance not exists].")
    }

    @Test func successFalseWithoutAMessageStillSaysWhatFailed() throws {
        let error = try #require(starRocksError("{\"Success\": false}"))
        #expect(error.code == "UnsuccessfulResponse")
        #expect(error.message == "DescribeBackups answered Success: false without a message")
    }

    @Test func successFalseMessageCannotReachTheTerminalRaw() throws {
        let error = try #require(starRocksError(
            "{\"Success\": false, \"ErrCode\": \"Bad\\u001b[2J\", \"ErrMessage\": \"boom\\u001b[31m red\\u0007\"}"))
        #expect(!error.message.unicodeScalars.contains { $0.value < 0x20 })
        #expect(!error.code.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test func successAsTextFalseIsAlsoAnError() {
        #expect(starRocksError("{\"Success\": \"false\", \"ErrCode\": \"X\", \"Data\": []}")?.code == "X")
    }

    @Test func missingSuccessMeansTheHTTPStatusDecides() throws {
        let page = try decodeStarRocksBackups("{\"Data\": [{\"BackupTaskId\": \"bt-1\"}], \"Total\": 1}")
        #expect(page.items.map(\.id) == ["bt-1"])
    }

    // MARK: - The vendor's example, decoded

    @Test func vendorExampleDecodesEveryLevel() throws {
        let page = try decodeStarRocksBackups(starRocksSuccessfulExample)
        #expect(page.totalCount == 1)
        #expect(page.skipped.isEmpty)
        let backup = try #require(page.items.first)
        #expect(backup.id == "bt-12sui21312dd")
        #expect(backup.instanceID == "c-d4be777ff5e8cXXX")
        #expect(backup.status == .running)
        #expect(backup.statusText == "RUNNING")
        // Task times are milliseconds.
        #expect(backup.start == Date(timeIntervalSince1970: 1_742_179_018))
        #expect(backup.end == Date(timeIntervalSince1970: 1_742_179_028))
        #expect(backup.size == ByteCount(bytes: 100 * 1_073_741_824))
        #expect(backup.type == "Full")
        #expect(backup.anomalies.isEmpty)

        guard case .starRocks(let detail) = backup.detail else {
            Issue.record("expected a StarRocks detail")
            return
        }
        #expect(detail.taskID == "bt-12sui21312dd")
        #expect(detail.backupTypeText == "FullBackup")
        #expect(detail.taskDescription == "Task description")
        #expect(detail.region == "cn-hangzhou")
        #expect(detail.sizeGiB == 100)
        #expect(detail.expireTime == Date(timeIntervalSince1970: 1_742_189_008))

        let subtask = try #require(detail.subtasks.first)
        #expect(detail.subtasks.count == 1)
        #expect(subtask.database == "test1")
        #expect(subtask.table == "cdc_ods_t2030_lcpf_api_topic_msg")
        #expect(subtask.snapshotName == "2025-02-10_backup")
        #expect(subtask.status == .ok)
        #expect(subtask.statusText == "success")
        #expect(subtask.size == ByteCount(bytes: 1_073_741_824))
        // Subtask times are seconds, beside the task's milliseconds.
        #expect(subtask.start == Date(timeIntervalSince1970: 1_747_708_190))
        #expect(subtask.finish == Date(timeIntervalSince1970: 1_747_718_190))
        #expect(subtask.detail == "[]")

        let snapshot = try #require(detail.instanceSnapshot)
        #expect(snapshot.instanceName == "c-37708ec80b5****")
        #expect(snapshot.runMode == "shared_data")
        #expect(snapshot.specType == "standard")
        #expect(snapshot.version == "3.3")
        #expect(snapshot.minorVersion == "3.3.13-1.0-1.7.2")
        #expect(snapshot.vpcID == "vpc-2ze0cez8106f2n85c2d7i")
        #expect(snapshot.resourceGroupID == "rg-aekzd7frphchx3a")
        #expect(snapshot.region == "cn-beijing")
        #expect(snapshot.tags == [StarRocksTag(key: "bk-time", value: "1747708000")])
        let group = try #require(snapshot.nodeGroups.first)
        #expect(group.componentType == "FE")
        #expect(group.cu == 4)
        #expect(group.storageSize == ByteCount(bytes: 200 * 1_073_741_824))
        #expect(group.storagePerformanceLevel == "pl1")
        // Numbers sent as strings.
        #expect(group.diskCount == 2)
        #expect(group.nodeCount == 3)
        #expect(group.specType == "standard")
        // The text "null" is no instance type.
        #expect(group.localStorageInstanceType == nil)
    }

    // MARK: - Quirks

    @Test func backupTypeCodesBecomeWords() throws {
        for (wire, word) in [("\"0\"", "Fast"), ("\"1\"", "Consistent"), ("1", "Consistent"), ("\"FullBackup\"", "Full")] {
            let page = try decodeStarRocksBackups(starRocksBody(
                task: "\"BackupTaskId\": \"bt-1\", \"Status\": \"COMPLETED\", \"BackupType\": \(wire)"))
            let backup = try #require(page.items.first)
            #expect(backup.type == word)
            #expect(backup.anomalies.isEmpty)
        }
        let unknown = try decodeStarRocksBackups(starRocksBody(
            task: "\"BackupTaskId\": \"bt-1\", \"Status\": \"COMPLETED\", \"BackupType\": \"7\""))
        #expect(unknown.items.first?.type == "7")
        #expect(unknown.items.first?.anomalies == ["unknown BackupType code \"7\""])
    }

    @Test func taskStatusesAndSubtaskWordsMapToOneVocabulary() throws {
        let words: [(String, BackupStatus)] = [
            ("COMPLETED", .ok), ("SUCCESS", .ok), ("success", .ok), ("RUNNING", .running), ("pending", .running),
            ("FAILED", .failed), ("failed", .failed), ("cancelled", .failed),
        ]
        for (word, status) in words {
            #expect(StarRocksMapping.status(word) == status, "\(word)")
        }
        let odd = try decodeStarRocksBackups(starRocksBody(task: "\"BackupTaskId\": \"bt-1\", \"Status\": \"HALTED\""))
        #expect(odd.items.first?.status == .unknown)
        #expect(odd.items.first?.statusText == "HALTED")
        #expect(odd.items.first?.anomalies == ["unknown Status \"HALTED\""])
    }

    @Test func secondsInAMillisecondFieldAreReadAsSecondsAndNoted() throws {
        let page = try decodeStarRocksBackups(starRocksBody(task: """
        "BackupTaskId": "bt-1", "Status": "COMPLETED", "BackupStartTime": 1742179018, "BackupFinishedTime": 0
        """))
        let backup = try #require(page.items.first)
        #expect(backup.start == Date(timeIntervalSince1970: 1_742_179_018))
        #expect(backup.end == nil)
        #expect(backup.anomalies == ["BackupStartTime 1742179018 looks like seconds, not milliseconds; read as seconds"])
    }

    @Test func millisecondsInASubtaskSecondFieldAreReadAsMillisecondsAndNoted() throws {
        let page = try decodeStarRocksBackups(starRocksBody(task: """
        "BackupTaskId": "bt-1", "Status": "COMPLETED",
        "SubTasks": [{"StartTime": 1747708190000, "FinishedTime": 0, "DataBase": "库", "Status": "success"}]
        """))
        let backup = try #require(page.items.first)
        guard case .starRocks(let detail) = backup.detail else { throw StarRocksTestFailure("no detail") }
        #expect(detail.subtasks.first?.start == Date(timeIntervalSince1970: 1_747_708_190))
        #expect(detail.subtasks.first?.finish == nil)
        #expect(detail.subtasks.first?.database == "库")
        #expect(backup.anomalies == ["subtask 1: StartTime 1747708190000 is too large for seconds; read as milliseconds"])
    }

    @Test func numbersAsTextAndTextAsNumbersAreReadLeniently() throws {
        let page = try decodeStarRocksBackups(starRocksBody(task: """
        "BackupTaskId": "bt-1", "Status": "COMPLETED", "Size": "12",
        "InstanceSnapshot": {"NodeGroups": [
            {"ComponentType": "BE", "Cu": "16", "StorageSize": 500, "DiskNumber": 4, "ResidentNodeNumber": "three",
             "LocalStorageInstanceType": "ecs.i4.8xlarge"}]}
        """))
        let backup = try #require(page.items.first)
        #expect(backup.size == ByteCount(bytes: 12 * 1_073_741_824))
        guard case .starRocks(let detail) = backup.detail else { throw StarRocksTestFailure("no detail") }
        let group = try #require(detail.instanceSnapshot?.nodeGroups.first)
        #expect(group.cu == 16)
        #expect(group.diskCount == 4)
        #expect(group.nodeCount == nil)
        #expect(group.localStorageInstanceType == "ecs.i4.8xlarge")
        #expect(backup.anomalies.count == 3)
        #expect(backup.anomalies.contains("Size arrived as text, expected a number"))
        #expect(backup.anomalies.contains { $0.contains("Cu arrived as text") })
        #expect(backup.anomalies.contains { $0.contains("ResidentNodeNumber is not a number: \"three\"") })
    }

    @Test func negativeSizesAreDroppedWithANote() throws {
        let page = try decodeStarRocksBackups(starRocksBody(task: "\"BackupTaskId\": \"bt-1\", \"Status\": \"COMPLETED\", \"Size\": -3"))
        #expect(page.items.first?.size == nil)
        #expect(page.items.first?.anomalies == ["Size is negative (-3 GiB); ignored"])
    }

    @Test func aTaskWithoutItsIDIsSkippedAndTheOthersKept() throws {
        let body = """
        {"Success": true, "Total": 3, "Data": [{"BackupTaskId": "bt-1"}, {"Status": "RUNNING"}, "junk",
         {"BackupTaskId": "  "}, {"BackupTaskId": "bt-5"}]}
        """
        let page = try decodeStarRocksBackups(body)
        #expect(page.items.map(\.id) == ["bt-1", "bt-5"])
        #expect(page.skipped == [
            "backup task 2 on page 1 skipped: BackupTaskId is missing",
            "backup task 3 on page 1 skipped: the record is text, expected an object",
            "backup task 4 on page 1 skipped: BackupTaskId is empty",
        ])
    }

    @Test func malformedSubtasksAndSnapshotsAreNotedNotFatal() throws {
        let page = try decodeStarRocksBackups(starRocksBody(task: """
        "BackupTaskId": "bt-1", "Status": "COMPLETED", "SubTasks": [{"DataBase": "a", "Status": "success"}, 7],
        "InstanceSnapshot": "gone"
        """))
        let backup = try #require(page.items.first)
        guard case .starRocks(let detail) = backup.detail else { throw StarRocksTestFailure("no detail") }
        #expect(detail.subtasks.map(\.database) == ["a"])
        #expect(detail.instanceSnapshot == nil)
        #expect(backup.anomalies.contains("SubTasks[1] ignored: it is a number, expected an object"))
        #expect(backup.anomalies.contains { $0.hasPrefix("InstanceSnapshot ignored") })
    }

    @Test func dataThatIsNotAnArrayFailsThePage() throws {
        let error = try #require(starRocksError("{\"Success\": true, \"Data\": {\"Items\": []}, \"Total\": 1}"))
        #expect(error.kind == .decoding)
        #expect(error.message == "DescribeBackups response: Data is an object, expected an array")
    }

    @Test func aBodyThatIsNotJSONIsADecodingError() throws {
        let error = try #require(starRocksError("<html>gateway</html>"))
        #expect(error.kind == .decoding)
        #expect(error.code == "MalformedResponse")
    }

    // MARK: - HTTP errors

    @Test func gatewayErrorsKeepTheirCode() throws {
        let body = "{\"RequestId\": \"R-2\", \"Code\": \"SignatureDoesNotMatch\", \"Message\": \"Specified signature is not matched with our calculation.\"}"
        let error = try #require(starRocksError(body, status: 403))
        #expect(error.code == "SignatureDoesNotMatch")
        #expect(error.httpStatus == 403)
        #expect(error.requestID == "R-2")
    }

    @Test func aServiceErrorBodyOnA4xxUsesErrCode() throws {
        let body = "{\"RequestId\": \"R-3\", \"Success\": false, \"ErrCode\": \"InstanceNotFound\", \"ErrMessage\": \"gone\"}"
        let error = try #require(starRocksError(body, status: 404))
        #expect(error.code == "InstanceNotFound")
        #expect(error.message == "gone")
        #expect(error.httpStatus == 404)
        #expect(error.requestID == "R-3")
    }

    @Test func anEmpty5xxSaysSo() throws {
        let error = try #require(starRocksError("", status: 503))
        #expect(error.code == "HTTP503")
        #expect(error.kind == .http)
    }

    // MARK: - Instances

    @Test func instancesMapNameEngineAndVersion() throws {
        let body = """
        {"Success": true, "Total": 3, "RequestId": "R", "Data": [
          {"InstanceId": "c-1", "InstanceName": "实时数仓", "InstanceStatus": "running", "RegionId": "cn-hangzhou",
           "Version": "3.3", "MinorVersion": "3.3.13-1.0-1.7.2", "RunMode": "shared_data", "BeginTime": 1742179018000},
          {"InstanceId": "c-2", "InstanceName": "", "Version": "3.2", "RunMode": ""},
          {"InstanceName": "no id"}]}
        """
        let result = HTTPResult(status: 200, headers: [], body: Array(body.utf8))
        let response = try StarRocksROA.decode(result, action: "DescribeInstances",
                                               as: StarRocksDescribeInstancesResponse.self)
        let page = try testStarRocksClient().instancesPage(response, page: PageRequest(number: 1, size: 10))
        #expect(page.totalCount == 3)
        #expect(page.items == [
            Instance(id: "c-1", name: "实时数仓", engine: "StarRocks shared_data", engineVersion: "3.3.13-1.0-1.7.2",
                     region: "cn-hangzhou", status: "running"),
            Instance(id: "c-2", name: "c-2", engine: "StarRocks", engineVersion: "3.2", region: "cn-hangzhou", status: ""),
        ])
        #expect(page.skipped == ["instance record 3 on page 1 skipped: InstanceId is missing"])
    }

    @Test func instancesWithSuccessFalseAreAnError() {
        let body = "{\"Success\": false, \"ErrCode\": \"Forbidden.RAM\", \"ErrMessage\": \"no sr:DescribeInstances\", \"Data\": []}"
        let result = HTTPResult(status: 200, headers: [], body: Array(body.utf8))
        do throws(ServiceError) {
            _ = try StarRocksROA.decode(result, action: "DescribeInstances", as: StarRocksDescribeInstancesResponse.self)
            Issue.record("Success: false was accepted")
        } catch {
            #expect(error.code == "Forbidden.RAM")
            #expect(error.message == "no sr:DescribeInstances")
        }
    }
}

struct StarRocksTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
