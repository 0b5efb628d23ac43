import BackupModel
import Foundation
import Testing
@testable import CloudAPI

let huaweiProject = "0123456789abcdef0123456789abcdef"

func testHuaweiClient(
    auth: HuaweiAuth = .aksk(HuaweiAccessKey(accessKey: "testid", secretKey: "testsecret", source: "test")),
    endpoint: String = "https://gaussdb-nosql.cn-north-4.myhuaweicloud.com", projectID: String = huaweiProject
) -> HuaweiGaussDBNoSQLClient {
    HuaweiGaussDBNoSQLClient(
        endpoint: URL(string: endpoint) ?? URL(fileURLWithPath: "/"), projectID: projectID, auth: auth,
        transport: HTTPTransport(), region: "cn-north-4",
        now: { Date(timeIntervalSince1970: 1_704_067_200) })   // 2024-01-01T00:00:00Z
}

/// Decodes a v3.1 backup page as the client does after a 200.
func huaweiBackupsPage(_ json: String, number: Int = 1, size: Int = 100) throws -> Page<Backup> {
    let response = try HuaweiREST.decode(HTTPResult(status: 200, headers: [], body: Array(json.utf8)),
                                         operation: "ShowAllInstancesBackupsNew",
                                         as: GaussDBNoSQLBackupsResponse.self)
    return testHuaweiClient().backupsPage(response, instanceID: "requested-instance",
                                          page: PageRequest(number: number, size: size))
}

func huaweiDetail(_ backup: Backup?) throws -> HuaweiBackupDetail {
    guard case .huawei(let detail)? = backup?.detail else { throw DetailMissing() }
    return detail
}

struct DetailMissing: Error {}

@Suite struct HuaweiDecodingTests {
    /// The example response of seed 003 (Huawei GeminiDB "Querying Backups (Recommended)"), verbatim.
    static let seedExample = """
    { "total_count" : 4, "backups" : [ { "id" : "43e4feaab48f11e89039fa163ebaa7e4br01", "name" : "backup-test", "instance_id" : "43e4feaab48f11e89039fa163ebaa7e4br01", "instance_name" : "cluster-test", "datastore" : { "type" : "cassandra", "version" : "3.4" }, "type" : "Auto", "begin_time" : "2019-05-27T03:38:51+0000", "end_time" : "2019-05-27T03:39:51+0000", "status" : "COMPLETED", "size" : 2803, "description" : "backup description", "database_tables" : [ { "database_name" : "DATABASE_X", "table_names" : [ "TABLE_A", "TABLE_B", "TABLE_C" ] }, { "database_name" : "DATABASE_Y", "table_names" : null } ] }, { "id" : "43e4feaab48f11e89039fa163ebaa7e4br02", "name" : "backup-test-2", "instance_id" : "43e4feaab48f11e89039fa163ebaa7e4br02", "instance_name" : "cluster-test", "datastore" : { "type" : "cassandra", "version" : "3.4" }, "type" : "Manual", "begin_time" : "2019-05-27T03:38:51+0000", "end_time" : "2019-05-27T03:39:51+0000", "status" : "COMPLETED", "size" : 2803, "description" : "backup description", "database_tables" : [ { "database_name" : "DATABASE_X", "table_names" : [ "TABLE_A", "TABLE_B", "TABLE_C" ] }, { "database_name" : "DATABASE_Y", "table_names" : null } ] } ] }
    """

    @Test func seedExampleDecodesEveryField() throws {
        let page = try huaweiBackupsPage(Self.seedExample)
        // The seed says 4 but lists 2: the total is the vendor's, never the page's count.
        #expect(page.totalCount == 4)
        #expect(page.items.count == 2)
        #expect(page.skipped.isEmpty)
        let first = try #require(page.items.first)
        #expect(first.id == "43e4feaab48f11e89039fa163ebaa7e4br01")
        #expect(first.instanceID == "43e4feaab48f11e89039fa163ebaa7e4br01")
        #expect(first.status == .ok)
        #expect(first.statusText == "COMPLETED")
        #expect(first.start == utc(2019, 5, 27, 3, 38, 51))
        #expect(first.end == utc(2019, 5, 27, 3, 39, 51))
        #expect(first.duration == 60)
        #expect(first.size == ByteCount(bytes: 2803 * 1024))   // KB
        #expect(first.mode == "Auto")
        #expect(first.type == "Tables")
        #expect(first.anomalies.isEmpty)
        let detail = try huaweiDetail(first)
        #expect(detail.name == "backup-test")
        #expect(detail.backupType == "Auto")
        #expect(detail.datastoreType == "cassandra")
        #expect(detail.datastoreVersion == "3.4")
        #expect(detail.instanceName == "cluster-test")
        #expect(detail.description == "backup description")
        #expect(detail.sizeKB == 2803)
        #expect(detail.isTableLevel)
        #expect(detail.databases == [
            HuaweiDatabaseTables(database: "DATABASE_X", tables: ["TABLE_A", "TABLE_B", "TABLE_C"]),
            HuaweiDatabaseTables(database: "DATABASE_Y", tables: nil),
        ])
        #expect(detail.databases[1].isWholeDatabase)
        #expect(page.items[1].mode == "Manual")
    }

    @Test func statusesMapAndUnknownWordsAreKeptAndNoted() throws {
        let page = try huaweiBackupsPage("""
        {"total_count": 4, "backups": [
          {"id": "b1", "status": "BUILDING", "begin_time": "2026-01-01T00:00:00+0000", "end_time": "", "size": 0},
          {"id": "b2", "status": "FAILED", "begin_time": "2026-01-01T00:00:00+0000", "end_time": "2026-01-01T00:01:00+0000"},
          {"id": "b3", "status": "completed"},
          {"id": "b4", "status": "DELETING"}]}
        """)
        #expect(page.items.map(\.status) == [.running, .failed, .ok, .unknown])
        #expect(page.items[0].end == nil)
        #expect(page.items[0].anomalies.isEmpty)   // no end while BUILDING is expected
        #expect(page.items[3].statusText == "DELETING")
        #expect(page.items[3].anomalies.contains("unknown status \"DELETING\""))
    }

    @Test func offsetFormsAndZonelessTimes() throws {
        let page = try huaweiBackupsPage("""
        {"backups": [
          {"status": "COMPLETED", "id": "a", "begin_time": "2019-05-27T11:38:51+0800", "end_time": "2019-05-27T03:39:51Z"},
          {"status": "COMPLETED", "id": "b", "begin_time": "2019-05-27T03:38:51", "end_time": "2019-05-27 03:39:51"},
          {"status": "COMPLETED", "id": "c", "begin_time": "27/05/2019"}]}
        """)
        #expect(page.items[0].start == utc(2019, 5, 27, 3, 38, 51))
        #expect(page.items[0].end == utc(2019, 5, 27, 3, 39, 51))
        #expect(page.items[0].anomalies.isEmpty)
        #expect(page.items[1].start == utc(2019, 5, 27, 3, 38, 51))
        #expect(page.items[1].end == utc(2019, 5, 27, 3, 39, 51))
        #expect(page.items[1].anomalies.isEmpty)  // zone-less is a documented form, read as UTC
        #expect(page.items[2].start == nil)
        #expect(page.items[2].anomalies == ["begin_time \"27/05/2019\" is not a recognised time"])
    }

    @Test func sizesInKBAsIntegerFractionTextOrNonsense() throws {
        let page = try huaweiBackupsPage("""
        {"backups": [
          {"status": "COMPLETED", "id": "a", "size": 2803.0}, {"status": "COMPLETED", "id": "b", "size": 1.5}, {"status": "COMPLETED", "id": "c", "size": "2048"},
          {"status": "COMPLETED", "id": "d", "size": -5}, {"status": "COMPLETED", "id": "e", "size": {"kb": 1}}, {"status": "COMPLETED", "id": "f", "size": null}]}
        """)
        #expect(page.items.map(\.size) == [ByteCount(bytes: 2_870_272), ByteCount(bytes: 1536),
                                           ByteCount(bytes: 2_097_152), nil, nil, nil])
        #expect(page.items[2].anomalies == ["size arrived as text, expected a number"])
        #expect(page.items[3].anomalies == ["size -5.0 KB is out of range; ignored"])
        #expect(page.items[4].anomalies == ["size is not a number; ignored"])
        #expect(page.items[5].anomalies.isEmpty)
    }

    @Test func databaseTablesVariants() throws {
        let page = try huaweiBackupsPage("""
        {"backups": [
          {"status": "COMPLETED", "id": "instance-level", "database_tables": []},
          {"status": "COMPLETED", "id": "absent"},
          {"status": "COMPLETED", "id": "null", "database_tables": null},
          {"status": "COMPLETED", "id": "lone", "database_tables": [{"database_name": "db", "table_names": "t1"}]},
          {"status": "COMPLETED", "id": "no-key", "database_tables": [{"database_name": "库"}]},
          {"status": "COMPLETED", "id": "broken", "database_tables": [{"table_names": ["x"]}, 7, {"database_name": "ok", "table_names": []}]},
          {"status": "COMPLETED", "id": "object", "database_tables": {"database_name": "db"}}]}
        """)
        let details = try page.items.map(huaweiDetail)
        #expect(details[0].databases.isEmpty && !details[0].isTableLevel)
        #expect(page.items[0].type == "Instance")
        #expect(details[1].databases.isEmpty)
        #expect(details[2].databases.isEmpty)
        #expect(details[3].databases == [HuaweiDatabaseTables(database: "db", tables: ["t1"])])
        #expect(page.items[3].anomalies == ["database_tables[0]: table_names is a single value, expected an array"])
        #expect(details[4].databases == [HuaweiDatabaseTables(database: "库", tables: nil)])
        #expect(details[5].databases == [HuaweiDatabaseTables(database: "ok", tables: [])])
        #expect(page.items[5].anomalies == [
            "database_tables entry 1 ignored: database_name is missing",
            "database_tables entry 2 ignored: it is not an object",
        ])
        #expect(details[6].databases.isEmpty)
        #expect(page.items[6].anomalies == ["database_tables is not an array; ignored"])
    }

    @Test func recordsWithoutAnIDAreSkippedAndTheRestKept() throws {
        let page = try huaweiBackupsPage("""
        {"total_count": 5, "backups": [{"id": "ok"}, {"name": "no id"}, {"id": "  "}, "text", {"id": 42}]}
        """, number: 2, size: 10)
        #expect(page.items.map(\.id) == ["ok", "42"])
        #expect(page.items[0].instanceID == "requested-instance")
        #expect(page.skipped == [
            "backup record 2 on page 2 skipped: id is missing",
            "backup record 3 on page 2 skipped: id is empty",
            "backup record 4 on page 2 skipped: the record is text, expected an object",
        ])
        #expect(page.number == 2)
        #expect(page.size == 10)
    }

    @Test func controlCharactersAndCJKArriveUnchanged() throws {
        let page = try huaweiBackupsPage(#"""
        {"backups": [{"id": "x", "name": "手动备份\u001b[31m", "description": "会话缓存\u0007每日备份",
                      "datastore": {"type": "redis", "version": 5.0}}]}
        """#)
        let detail = try huaweiDetail(page.items.first)
        // Sanitising for the terminal is the UI's job; the model keeps the vendor's text.
        #expect(detail.name == "手动备份\u{1B}[31m")
        #expect(detail.description == "会话缓存\u{07}每日备份")
        #expect(detail.datastoreVersion == "5")
    }

    @Test func pageShapeErrorsAreDecodingErrors() {
        for body in [#"{"backups": {"id": "x"}}"#, "[1]", "not json"] {
            #expect(throws: ServiceError.self) { try huaweiBackupsPage(body) }
            do {
                _ = try huaweiBackupsPage(body)
            } catch let error as ServiceError {
                #expect(error.kind == .decoding)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func instancesDecodeTheFieldsABrowserShows() throws {
        let json = """
        {"total_count": 3, "instances": [
          {"id": "i1in06", "name": "订单中心", "status": "normal", "region": "cn-north-4", "mode": "Cluster",
           "port": "8635", "datastore": {"type": "cassandra", "version": "3.11", "patch_available": false,
           "whole_version": "3.11.3.2"}, "created": "2019-01-17T07:05:52", "groups": []},
          {"id": "i2in02", "name": "", "status": "creating", "datastore": {"type": "mongodb", "version": "4.0"}},
          {"name": "no id"}]}
        """
        let response = try HuaweiREST.decode(HTTPResult(status: 200, headers: [], body: Array(json.utf8)),
                                             operation: "ListInstances", as: GaussDBNoSQLInstancesResponse.self)
        let page = testHuaweiClient().instancesPage(response, page: PageRequest(number: 1, size: 10))
        #expect(page.totalCount == 3)
        #expect(page.items == [
            Instance(id: "i1in06", name: "订单中心", engine: "cassandra", engineVersion: "3.11", region: "cn-north-4",
                     status: "normal"),
            Instance(id: "i2in02", name: "i2in02", engine: "mongodb", engineVersion: "4.0", region: "cn-north-4",
                     status: "creating"),
        ])
        #expect(page.skipped == ["instance record 3 on page 1 skipped: id is missing"])
    }

    // MARK: - Errors

    func error(_ status: Int, _ body: String, headers: [(String, String)] = []) -> ServiceError {
        HuaweiREST.httpError(HTTPResult(status: status, headers: headers, body: Array(body.utf8)))
    }

    @Test func vendorErrorsKeepCodeMessageAndRequestID() {
        let dbs = error(400, #"{"error_code": "DBS.280439", "error_msg": "Invalid limit."}"#,
                        headers: [("X-Request-Id", "abc123")])
        #expect(dbs == ServiceError(kind: .http, httpStatus: 400, code: "DBS.280439", message: "Invalid limit.",
                                    requestID: "abc123"))
        #expect(dbs.summary == "HTTP 400 DBS.280439: Invalid limit.")
        #expect(error(401, #"{"errorCode": "APIGW.0301", "errorMsg": "bad sig"}"#).code == "APIGW.0301")
        #expect(error(500, #"{"code": "X.1", "message": "m"}"#).message == "m")
        let keystone = error(401, #"{"error": {"code": 401, "message": "The username or password is wrong.", "title": "Unauthorized"}}"#)
        #expect(keystone.code == "401")
        #expect(keystone.message == "The username or password is wrong.")
        let escape = error(403, "{\"error_code\": \"APIGW.0302\", \"error_msg\": \"no\\u001b[2Jway\"}")
        #expect(escape.message == "no [2Jway")
    }

    @Test func throttlingAndBodylessErrorsStillSayWhatHappened() {
        let throttled = error(429, "")
        #expect(throttled.code == "HTTP429")
        #expect(throttled.message.contains("throttled"))
        let gateway = error(429, #"{"error_code": "APIGW.0308", "error_msg": "The throttling threshold has been reached"}"#)
        #expect(gateway.code == "APIGW.0308")
        #expect(error(502, "<html>Bad Gateway</html>").message == "<html>Bad Gateway</html>")
    }
}
