import BackupModel
import Foundation
import Testing
@testable import CloudAPI

/// One transport for every test client: these tests never send anything.
let sharedTestTransport = HTTPTransport()

func testRDSClient(credentials: AlibabaCredentials? = nil, endpoint: String = "https://rds.aliyuncs.com")
    -> RDSClient {
    RDSClient(
        endpoint: URL(string: endpoint)!,
        region: "cn-hangzhou",
        credentials: credentials ?? AlibabaCredentials(accessKeyID: "testid", accessKeySecret: "testsecret",
                                                        source: "test"),
        transport: sharedTestTransport,
        now: { Date(timeIntervalSince1970: 1_704_067_200) },  // 2024-01-01T00:00:00Z
        makeNonce: { "3156853299f313e23d1673dc12e1703d" })
}

/// Decodes a DescribeBackups body the way `listBackups` does.
func decodeBackups(_ json: String, page: PageRequest = PageRequest(number: 1, size: 30)) throws(ServiceError)
    -> Page<Backup> {
    let result = HTTPResult(status: 200, headers: [("x-acs-request-id", "HEADER-ID")], body: Array(json.utf8))
    let response = try AlibabaRPC.decode(result, action: "DescribeBackups", as: RDSDescribeBackupsResponse.self)
    return testRDSClient().backupsPage(response, instanceID: "rm-requested", page: page)
}

func decodingError(_ json: String) -> ServiceError? {
    do {
        _ = try decodeBackups(json)
        return nil
    } catch {
        return error
    }
}

/// The example body from the vendor's DescribeBackups page (seed 002_5ce7a9315442f506.txt), verbatim.
let vendorExample = """
{
  "RequestId": "1A6D328C-84B8-40DC-BF49-6C73984D7494",
  "TotalEcsSnapshotSize": 0,
  "PageRecordCount": "30",
  "TotalRecordCount": "100",
  "PageNumber": "1",
  "Items": {
    "Backup": [
      {
        "StorageClass": "0",
        "Encryption": "{}",
        "BackupStatus": "Success",
        "StoreStatus": "Disabled",
        "ConsistentTime": 1576506856,
        "BackupType": "FullBackup",
        "CopyOnlyBackup": "0",
        "BackupEndTime": "2019-02-13T12:20:00Z",
        "MetaStatus": "OK",
        "BackupInitiator": "System",
        "BackupIntranetDownloadURL": "http://rdsbak-hz-v3.oss-cn-hangzhou-internal.aliyuncs.com/xxxxx",
        "BackupMethod": "Physical",
        "BackupStartTime": "2019-02-03T12:20:00Z",
        "BackupDownloadURL": "http://rdsbak-hz-v3.oss-cn-hangzhou.aliyuncs.com/xxxxx",
        "IsAvail": 1,
        "BackupId": "321020562",
        "HostInstanceID": "5882781",
        "BackupSize": 2167808,
        "BackupMode": "Automated",
        "DBInstanceId": "rm-uf6wjk5xxxxxxx",
        "Checksum": "1835830439**********",
        "BackupDownloadLinkByDB": {
          "BackupDownloadLinkByDB": [
            {
              "IntranetDownloadLink": "https://cn-hangzhou-internal.bak.rds.aliyuncs.com/custins53664665/hins18676859_2021072909473127987849.zip?Expires=*****&dbList=tb1",
              "DataBase": "dbs",
              "DownloadLink": "https://cn-hangzhou.bak.rds.aliyuncs.com/custins53664665/hins18676859_2021072909473127987849.zip?Expires=*****&dbList=tb1"
            }
          ]
        },
        "ResourceGroupId": "rg-acfmy*****",
        "Engine": "MySQL",
        "EngineVersion": "8.0"
      }
    ]
  }
}
"""

/// A body with the given records as `Items.Backup`.
func backupsBody(_ records: [String], total: String = "\"1\"") -> String {
    """
    {"RequestId": "R1", "TotalRecordCount": \(total), "PageRecordCount": "\(records.count)", "PageNumber": "1",
     "Items": {"Backup": [\(records.joined(separator: ","))]}}
    """
}

func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Double = 0) -> Date {
    var components = DateComponents()
    components.year = year
    components.month = month
    components.day = day
    components.hour = hour
    components.minute = minute
    components.second = Int(second)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar.date(from: components)!.addingTimeInterval(second - Double(Int(second)))
}

extension Backup {
    var rds: RDSBackupDetail? {
        if case let .rds(detail) = detail { return detail }
        return nil
    }
}

@Suite struct RDSDecodingTests {
    @Test func vendorExampleDecodesCompletely() throws {
        let page = try decodeBackups(vendorExample)
        #expect(page.totalCount == 100)
        #expect(page.number == 1)
        #expect(page.size == 30)
        #expect(page.skipped.isEmpty)
        #expect(page.items.count == 1)
        let backup = try #require(page.items.first)
        #expect(backup.id == "321020562")
        #expect(backup.instanceID == "rm-uf6wjk5xxxxxxx")
        #expect(backup.status == .ok)
        #expect(backup.statusText == "Success")
        #expect(backup.start == utc(2019, 2, 3, 12, 20))
        #expect(backup.end == utc(2019, 2, 13, 12, 20))
        #expect(backup.size == ByteCount(bytes: 2_167_808))
        #expect(backup.type == "Full")
        #expect(backup.mode == "Auto")
        #expect(backup.anomalies.isEmpty)
        let detail = try #require(backup.rds)
        #expect(detail.mode == "Automated")
        #expect(detail.type == "FullBackup")
        #expect(detail.method == "Physical")
        #expect(detail.initiator == "System")
        #expect(detail.engine == "MySQL")
        #expect(detail.engineVersion == "8.0")
        #expect(detail.consistentTime == Date(timeIntervalSince1970: 1_576_506_856))
        #expect(detail.checksum == "1835830439**********")
        #expect(detail.downloadURL == "http://rdsbak-hz-v3.oss-cn-hangzhou.aliyuncs.com/xxxxx")
        #expect(detail.intranetDownloadURL == "http://rdsbak-hz-v3.oss-cn-hangzhou-internal.aliyuncs.com/xxxxx")
        #expect(detail.isAvailable == true)
        #expect(detail.storeStatus == "Disabled")
        #expect(detail.expectExpireTime == nil)
        #expect(detail.hostInstanceID == "5882781")
        #expect(detail.databaseLinks == [DatabaseDownloadLink(
            database: "dbs",
            publicURL: "https://cn-hangzhou.bak.rds.aliyuncs.com/custins53664665/hins18676859_2021072909473127987849.zip?Expires=*****&dbList=tb1",
            internalURL: "https://cn-hangzhou-internal.bak.rds.aliyuncs.com/custins53664665/hins18676859_2021072909473127987849.zip?Expires=*****&dbList=tb1")])
    }

    @Test func pageCountersAcceptStringsAndNumbers() throws {
        let asStrings = try decodeBackups(backupsBody([#"{"BackupId": "1"}"#], total: "\"250\""))
        #expect(asStrings.totalCount == 250)
        let asNumbers = try decodeBackups(backupsBody([#"{"BackupId": "1"}"#], total: "250"))
        #expect(asNumbers.totalCount == 250)
        let garbage = try decodeBackups(backupsBody([#"{"BackupId": "1"}"#], total: "\"lots\""))
        #expect(garbage.totalCount == nil)
        #expect(garbage.items.count == 1)
    }

    @Test func pageSizeReportedIsTheRoundedOne() throws {
        let page = try decodeBackups(backupsBody([]), page: PageRequest(number: 3, size: 40))
        #expect(page.size == 50)
        #expect(page.number == 3)
        #expect(page.items.isEmpty)
    }

    @Test func missingOrNullItemsIsAnEmptyPage() throws {
        #expect(try decodeBackups(#"{"RequestId": "R", "TotalRecordCount": "0"}"#).items.isEmpty)
        #expect(try decodeBackups(#"{"Items": null}"#).items.isEmpty)
        #expect(try decodeBackups(#"{"Items": {}}"#).items.isEmpty)
        #expect(try decodeBackups(#"{"Items": {"Backup": []}}"#).totalCount == nil)
    }

    @Test func itemsAsAnArrayIsADecodingErrorNamingThePath() throws {
        let error = try #require(decodingError(#"{"RequestId": "R-ARRAY", "Items": [{"BackupId": "1"}]}"#))
        #expect(error.kind == .decoding)
        #expect(error.message.contains("Items is an array, expected an object"))
        #expect(error.requestID == "R-ARRAY")
    }

    @Test func backupListAsAnObjectIsADecodingError() throws {
        let error = try #require(decodingError(#"{"Items": {"Backup": {"BackupId": "1"}}}"#))
        #expect(error.kind == .decoding)
        #expect(error.message.contains("Items.Backup is an object, expected an array"))
        #expect(error.requestID == "HEADER-ID")
    }

    @Test func bodyThatIsNotJSONIsADecodingError() throws {
        let error = try #require(decodingError("<html>\u{1B}[31mbad gateway</html>"))
        #expect(error.kind == .decoding)
        #expect(error.message.contains("not JSON"))
        #expect(!error.message.contains("\u{1B}"))
    }

    @Test func topLevelArrayIsADecodingError() throws {
        let error = try #require(decodingError("[1, 2]"))
        #expect(error.kind == .decoding)
        #expect(error.message == "DescribeBackups response is an array, expected an object")
    }

    @Test func doublyNestedDatabaseLinksAndBareArrayVariant() throws {
        let nested = #"""
        {"BackupId": "1", "BackupStatus": "Success", "BackupDownloadLinkByDB": {"BackupDownloadLinkByDB": [
            {"DataBase": "a", "DownloadLink": "https://x/a", "IntranetDownloadLink": ""},
            {"DataBase": "b", "DownloadLink": null},
            {"DownloadLink": "https://x/nameless"}]}}
        """#
        let bare = #"{"BackupId": "2", "BackupStatus": "Success", "BackupDownloadLinkByDB": [{"DataBase": "c", "DownloadLink": "https://x/c"}]}"#
        let emptyWrapper = #"{"BackupId": "3", "BackupStatus": "Success", "BackupDownloadLinkByDB": {}}"#
        let page = try decodeBackups(backupsBody([nested, bare, emptyWrapper]))
        #expect(page.items.count == 3)
        let first = try #require(page.items[0].rds)
        #expect(first.databaseLinks == [
            DatabaseDownloadLink(database: "a", publicURL: "https://x/a", internalURL: nil),
            DatabaseDownloadLink(database: "b", publicURL: nil, internalURL: nil),
        ])
        #expect(page.items[0].anomalies.contains { $0.contains("database link 3") && $0.contains("DataBase is missing") })
        let second = try #require(page.items[1].rds)
        #expect(second.databaseLinks.map(\.database) == ["c"])
        #expect(page.items[1].anomalies.contains { $0.contains("bare array") })
        #expect(page.items[2].rds?.databaseLinks.isEmpty == true)
        #expect(page.items[2].anomalies.isEmpty)
    }

    @Test func missingOptionalFieldsGiveNilsAndEmptyWords() throws {
        let page = try decodeBackups(backupsBody([#"{"BackupId": "42", "BackupStatus": "Success"}"#]))
        let backup = try #require(page.items.first)
        #expect(backup.id == "42")
        #expect(backup.instanceID == "rm-requested")
        #expect(backup.start == nil)
        #expect(backup.end == nil)
        #expect(backup.size == nil)
        #expect(backup.duration == nil)
        #expect(backup.type == "")
        #expect(backup.mode == "")
        #expect(backup.anomalies.isEmpty)
        let detail = try #require(backup.rds)
        #expect(detail.downloadURL == nil)
        #expect(detail.consistentTime == nil)
        #expect(detail.isAvailable == nil)
        #expect(detail.databaseLinks.isEmpty)
    }

    @Test func nullsForDocumentedStringsAreAbsentValues() throws {
        let record = #"{"BackupId": "7", "BackupStatus": "Success", "BackupMode": null, "Engine": null, "BackupSize": null, "BackupStartTime": null}"#
        let backup = try #require(try decodeBackups(backupsBody([record])).items.first)
        #expect(backup.mode == "")
        #expect(backup.rds?.engine == "")
        #expect(backup.size == nil)
        #expect(backup.start == nil)
        #expect(backup.anomalies.isEmpty)
    }

    @Test func backupSizeAsStringIsReadAndNoted() throws {
        let record = #"{"BackupId": "8", "BackupStatus": "Success", "BackupSize": "2167808"}"#
        let backup = try #require(try decodeBackups(backupsBody([record])).items.first)
        #expect(backup.size == ByteCount(bytes: 2_167_808))
        #expect(backup.anomalies == ["BackupSize arrived as text, expected a number"])
    }

    @Test func unreadableNumbersAreNotedNotFatal() throws {
        let record = #"{"BackupId": "9", "BackupStatus": "Success", "BackupSize": "big", "ConsistentTime": {"x": 1}, "IsAvail": 7}"#
        let backup = try #require(try decodeBackups(backupsBody([record])).items.first)
        #expect(backup.size == nil)
        #expect(backup.rds?.consistentTime == nil)
        #expect(backup.rds?.isAvailable == nil)
        #expect(backup.anomalies.contains { $0.contains("BackupSize is not a number") })
        #expect(backup.anomalies.contains { $0.contains("ConsistentTime is an object") })
        #expect(backup.anomalies.contains { $0.contains("IsAvail") })
    }

    @Test func numericIDAndTextFlagsAreAccepted() throws {
        let record = #"{"BackupId": 321020562, "BackupStatus": "Success", "IsAvail": "0", "HostInstanceID": 5882781}"#
        let backup = try #require(try decodeBackups(backupsBody([record])).items.first)
        #expect(backup.id == "321020562")
        #expect(backup.rds?.isAvailable == false)
        #expect(backup.rds?.hostInstanceID == "5882781")
    }

    @Test func emptyAndNullDownloadURLsAreNil() throws {
        let empty = #"{"BackupId": "10", "BackupStatus": "Success", "BackupDownloadURL": "", "BackupIntranetDownloadURL": "  "}"#
        let null = #"{"BackupId": "11", "BackupStatus": "Success", "BackupDownloadURL": null, "BackupIntranetDownloadURL": "null"}"#
        let page = try decodeBackups(backupsBody([empty, null]))
        #expect(page.items.count == 2)
        for backup in page.items {
            #expect(backup.rds?.downloadURL == nil)
            #expect(backup.rds?.intranetDownloadURL == nil)
            #expect(backup.anomalies.isEmpty)
        }
    }

    @Test(arguments: [
        ("Success", BackupStatus.ok), ("Failed", .failed), ("Running", .running), ("Creating", .running),
        ("InProgress", .running), ("success", .ok),
    ])
    func knownStatusesMap(_ text: String, _ expected: BackupStatus) throws {
        let record = #"{"BackupId": "12", "BackupStatus": "\#(text)"}"#
        let backup = try #require(try decodeBackups(backupsBody([record])).items.first)
        #expect(backup.status == expected)
        #expect(backup.statusText == text)
        #expect(backup.anomalies.isEmpty)
    }

    @Test func unknownStatusIsKeptAndNoted() throws {
        let unknown = #"{"BackupId": "13", "BackupStatus": "Frobnicating"}"#
        let missing = #"{"BackupId": "14"}"#
        let page = try decodeBackups(backupsBody([unknown, missing]))
        #expect(page.items[0].status == .unknown)
        #expect(page.items[0].statusText == "Frobnicating")
        #expect(page.items[0].anomalies == ["unknown BackupStatus \"Frobnicating\""])
        #expect(page.items[1].status == .unknown)
        #expect(page.items[1].anomalies == ["BackupStatus is missing"])
    }

    @Test func minuteFormAndFractionalTimesParse() throws {
        let record = #"{"BackupId": "15", "BackupStatus": "Success", "BackupStartTime": "2019-02-03T12:20Z", "BackupEndTime": "2019-02-03T12:25:30.250Z", "ExpectExpireTime": "2019-03-03T12:20:00+08:00"}"#
        let backup = try #require(try decodeBackups(backupsBody([record])).items.first)
        #expect(backup.start == utc(2019, 2, 3, 12, 20))
        #expect(backup.end == utc(2019, 2, 3, 12, 25, 30.25))
        #expect(backup.duration == 330.25)
        #expect(backup.rds?.expectExpireTime == utc(2019, 3, 3, 4, 20))
        #expect(backup.anomalies.isEmpty)
    }

    @Test func unparseableTimeIsNilWithAnAnomaly() throws {
        let record = #"{"BackupId": "16", "BackupStatus": "Success", "BackupStartTime": "yesterday", "BackupEndTime": "2019-02-30T12:00:00Z"}"#
        let backup = try #require(try decodeBackups(backupsBody([record])).items.first)
        #expect(backup.start == nil)
        #expect(backup.end == nil)
        #expect(backup.anomalies.contains { $0.hasPrefix("BackupStartTime \"yesterday\"") })
        #expect(backup.anomalies.contains { $0.hasPrefix("BackupEndTime") })
    }

    @Test func consistentTimeZeroIsNil() throws {
        let record = #"{"BackupId": "17", "BackupStatus": "Success", "ConsistentTime": 0}"#
        let backup = try #require(try decodeBackups(backupsBody([record])).items.first)
        #expect(backup.rds?.consistentTime == nil)
        #expect(backup.anomalies.isEmpty)
    }

    @Test func recordsWithoutBackupIdAreSkippedAndReported() throws {
        let good = #"{"BackupId": "18", "BackupStatus": "Success"}"#
        let missing = #"{"BackupStatus": "Success", "BackupSize": 1}"#
        let empty = #"{"BackupId": "", "BackupStatus": "Success"}"#
        let null = #"{"BackupId": null}"#
        let notAnObject = #""just text""#
        let page = try decodeBackups(backupsBody([good, missing, empty, null, notAnObject]),
                                     page: PageRequest(number: 2, size: 30))
        #expect(page.items.map(\.id) == ["18"])
        #expect(page.skipped == [
            "backup record 2 on page 2 skipped: BackupId is missing",
            "backup record 3 on page 2 skipped: BackupId is empty",
            "backup record 4 on page 2 skipped: BackupId is null",
            "backup record 5 on page 2 skipped: the record is text, expected an object",
        ])
    }

    @Test func controlCharactersAndEscapesAreKeptAsData() throws {
        let record = #"{"BackupId": "19\u001b[2J", "BackupStatus": "Success", "Engine": "My\u0007SQL\n\u202Eevil", "Checksum": "\\x1b[31m"}"#
        let backup = try #require(try decodeBackups(backupsBody([record])).items.first)
        #expect(backup.id == "19\u{1B}[2J")
        #expect(backup.rds?.engine == "My\u{07}SQL\n\u{202E}evil")
        #expect(backup.rds?.checksum == "\\x1b[31m")
    }

    @Test func unknownKeysAreIgnored() throws {
        let record = #"{"BackupId": "20", "BackupStatus": "Success", "BrandNewField": {"nested": [1, 2]}}"#
        let backup = try #require(try decodeBackups(backupsBody([record])).items.first)
        #expect(backup.anomalies.isEmpty)
    }

    @Test func typeAndModeShortWords() throws {
        let records = [
            #"{"BackupId": "21", "BackupStatus": "Success", "BackupType": "IncrementalBackup", "BackupMode": "Manual"}"#,
            #"{"BackupId": "22", "BackupStatus": "Success", "BackupType": "LogBackup", "BackupMode": "Scheduled"}"#,
        ]
        let page = try decodeBackups(backupsBody(records))
        #expect(page.items.map(\.type) == ["Incr", "LogBackup"])
        #expect(page.items.map(\.mode) == ["Manual", "Scheduled"])
    }

    // MARK: DescribeDBInstances

    func decodeInstances(_ json: String) throws(ServiceError) -> Page<Instance> {
        let result = HTTPResult(status: 200, headers: [], body: Array(json.utf8))
        let response = try AlibabaRPC.decode(result, action: "DescribeDBInstances",
                                             as: RDSDescribeDBInstancesResponse.self)
        return testRDSClient().instancesPage(response, page: PageRequest(number: 1, size: 30))
    }

    @Test func instancesDecodeAndMap() throws {
        let json = #"""
        {"Items": {"DBInstance": [
            {"DBInstanceId": "rm-1", "DBInstanceDescription": "orders", "Engine": "MySQL", "EngineVersion": "8.0",
             "RegionId": "cn-shanghai", "DBInstanceStatus": "Running", "ZoneId": "cn-shanghai-b"},
            {"DBInstanceId": "rm-2", "DBInstanceDescription": "", "Engine": "PostgreSQL", "DBInstanceStatus": "Creating"},
            {"DBInstanceDescription": "no id"}]},
         "TotalRecordCount": 3, "PageRecordCount": 3, "PageNumber": 1, "RequestId": "R"}
        """#
        let page = try decodeInstances(json)
        #expect(page.totalCount == 3)
        #expect(page.items == [
            Instance(id: "rm-1", name: "orders", engine: "MySQL", engineVersion: "8.0", region: "cn-shanghai",
                     status: "Running"),
            Instance(id: "rm-2", name: "rm-2", engine: "PostgreSQL", engineVersion: "", region: "cn-hangzhou",
                     status: "Creating"),
        ])
        #expect(page.skipped == ["instance record 3 on page 1 skipped: DBInstanceId is missing"])
    }

    @Test func instanceItemsAsArrayIsADecodingError() {
        #expect(throws: ServiceError.self) { try decodeInstances(#"{"Items": []}"#) }
    }
}
