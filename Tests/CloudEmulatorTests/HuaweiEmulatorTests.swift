import BackupModel
import CloudAPI
import CloudEmulator
import Foundation
import Testing

/// Sends Huawei requests to the emulator, signed with the project's own `HuaweiSigner` (or deliberately not).
struct HuaweiTestClient: Sendable {
    let port: Int
    var accessKey = "testid"
    var secret = "testsecret"
    var projectID = "0123456789abcdef0123456789abcdef"

    var host: String { "127.0.0.1:\(port)" }

    enum Auth: Sendable {
        case aksk
        case token(String)
        case none
    }

    func get(_ path: String, query: [(String, String)] = [], auth: Auth = .aksk,
             projectHeader: String? = nil) async throws -> WireResponse {
        var headers: [(String, String)] = [("Content-Type", "application/json"),
                                           ("X-Project-Id", projectHeader ?? projectID)]
        switch auth {
        case .aksk:
            headers.append(("X-Sdk-Date", "20260101T000000Z"))
            let authorization = HuaweiSigner.authorization(
                accessKey: accessKey, secret: secret, method: "GET", path: path, query: query,
                headers: headers + [("Host", host)], body: [])
            headers.append(("Authorization", authorization))
        case .token(let token):
            headers.append(("X-Auth-Token", token))
        case .none:
            break
        }
        let wire = query.map { Percent.encode($0.0) + "=" + Percent.encode($0.1) }.joined(separator: "&")
        return try await AlibabaTestClient(port: port).send(
            method: "GET", pathAndQuery: path + (wire.isEmpty ? "" : "?" + wire), headers: headers)
    }

    func backups(_ query: [(String, String)], auth: Auth = .aksk) async throws -> WireResponse {
        try await get("/v3.1/\(projectID)/backups", query: query, auth: auth)
    }

    func login(user: String = "backdeck", password: String = "backdeck-demo",
               scope: String = #"{"project": {"name": "cn-north-4"}}"#) async throws -> WireResponse {
        let body = #"{"auth": {"identity": {"methods": ["password"], "password": {"user": {"domain": {"name": "acme"}, "name": "\#(user)", "password": "\#(password)"}}}, "scope": \#(scope)}}"#
        return try await AlibabaTestClient(port: port).send(
            method: "POST", pathAndQuery: "/v3/auth/tokens?nocatalog=true",
            headers: [("Content-Type", "application/json;charset=utf-8")], body: Array(body.utf8))
    }
}

extension WireResponse {
    var errorCode: String? { json?["error_code"] as? String }
    var backupList: [[String: Any]] { json?["backups"] as? [[String: Any]] ?? [] }
    var totalCount: Int? { json?["total_count"] as? Int }
}

@Suite("Huawei GeminiDB emulator")
struct HuaweiEmulatorTests {
    func withHuawei(_ body: (Emulator, HuaweiTestClient) async throws -> Void) async throws {
        try await withEmulator { emulator, _ in try await body(emulator, HuaweiTestClient(port: emulator.port)) }
    }

    @Test func instancesAreListedWithOffsetAndLimit() async throws {
        try await withHuawei { emulator, client in
            let all = emulator.dataset.huawei.instances
            #expect(all.count == 5)
            let first = try await client.get("/v3/\(client.projectID)/instances", query: [("limit", "2"), ("offset", "0")])
            #expect(first.status == 200)
            #expect(first.header("x-request-id")?.isEmpty == false)
            #expect(first.totalCount == all.count)
            let second = try await client.get("/v3/\(client.projectID)/instances", query: [("limit", "2"), ("offset", "3")])
            let ids = (second.json?["instances"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids == all[3...4].map(\.id))
            let record = try #require((first.json?["instances"] as? [[String: Any]])?.first)
            #expect((record["datastore"] as? [String: Any])?["type"] as? String == all[0].datastoreType)
            // Instance times are zone-less, as the vendor sends them.
            let created = try #require(record["created"] as? String)
            #expect(created.count == 19 && !created.hasSuffix("Z"))
            let mongo = try await client.get("/v3/\(client.projectID)/instances", query: [("datastore_type", "mongodb")])
            #expect(mongo.totalCount == 1)
            let fuzzy = try await client.get("/v3/\(client.projectID)/instances", query: [("name", "*Redis")])
            #expect(fuzzy.totalCount == 1)
        }
    }

    @Test func backupsPageByRecordOffsetNewestFirst() async throws {
        try await withHuawei { emulator, client in
            let id = emulator.dataset.huawei.bigInstanceID
            let expected = emulator.dataset.huawei.backups(of: id)
            #expect(expected.count > 100)
            var seen: [String] = []
            var offset = 0
            while true {
                let page = try await client.backups([("instance_id", id), ("offset", String(offset)), ("limit", "40")])
                #expect(page.status == 200)
                #expect(page.totalCount == expected.count)
                let ids = page.backupList.compactMap { $0["id"] as? String }
                seen += ids
                if ids.count < 40 { break }
                offset += ids.count
            }
            #expect(seen == expected.map(\.id))
            let times = expected.map(\.beginTime)
            #expect(times == times.sorted(by: >))
            let past = try await client.backups([("instance_id", id), ("offset", "100000")])
            #expect(past.status == 200 && past.backupList.isEmpty && past.totalCount == expected.count)
        }
    }

    @Test func datasetCoversEveryShape() async throws {
        try await withHuawei { emulator, client in
            let dataset = emulator.dataset.huawei
            let id = dataset.bigInstanceID
            let newest = try await client.backups([("instance_id", id), ("limit", "1")])
            let building = try #require(newest.backupList.first)
            #expect(building["status"] as? String == "BUILDING")
            #expect(building["end_time"] as? String == "")
            let statuses = Set(dataset.backups.map(\.status))
            #expect(statuses == ["BUILDING", "COMPLETED", "FAILED"])
            let tableLevel = try await client.backups([("instance_id", id), ("type", "DatabaseTable"), ("limit", "100")])
            #expect(tableLevel.totalCount ?? 0 > 0)
            let tables = try #require(tableLevel.backupList.first?["database_tables"] as? [[String: Any]])
            #expect(tables.contains { $0["table_names"] is NSNull })
            #expect(tables.contains { ($0["table_names"] as? [String])?.contains("订单明细") == true })
            let instanceLevel = try await client.backups([("instance_id", id), ("type", "Instance"), ("limit", "100")])
            #expect(instanceLevel.backupList.allSatisfy { ($0["database_tables"] as? [Any])?.isEmpty == true })
            #expect((instanceLevel.totalCount ?? 0) + (tableLevel.totalCount ?? 0) == dataset.backups(of: id).count)
            let begin = try #require(building["begin_time"] as? String)
            #expect(begin.hasSuffix("+0000") && begin.count == 24)
            #expect(dataset.instances.contains { $0.name.contains("\u{1B}[") })
            #expect(dataset.backups.contains { $0.description.contains("\u{07}") })
            #expect(dataset.backups.contains { $0.name.contains("手动备份") })
            // Deterministic: the same options give the same dataset.
            let again = try await Emulator.start(testOptions())
            #expect(again.dataset.huawei.backups == dataset.backups)
            #expect(again.dataset.huawei.instances == dataset.instances)
            await again.stop()
        }
    }

    @Test func filtersAndTimeWindow() async throws {
        try await withHuawei { emulator, client in
            let id = emulator.dataset.huawei.bigInstanceID
            let all = emulator.dataset.huawei.backups(of: id)
            let manual = try await client.backups([("instance_id", id), ("backup_type", "Manual")])
            #expect(manual.totalCount == all.filter { $0.type == "Manual" }.count)
            let target = all[10]
            let window = try await client.backups([
                ("instance_id", id), ("begin_time", Self.time(target.beginTime)), ("end_time", Self.time(target.beginTime)),
            ])
            #expect(window.backupList.compactMap { $0["id"] as? String } == [target.id])
            let byID = try await client.backups([("backup_id", target.id)])
            #expect(byID.totalCount == 1)
            let projectWide = try await client.backups([("limit", "1")])
            #expect(projectWide.totalCount == emulator.dataset.huawei.backups.count)
            // The v4 list takes the same parameters and answers with the same model.
            let v4 = try await client.get("/v4/\(client.projectID)/backups", query: [("instance_id", id), ("limit", "5")])
            #expect(v4.status == 200)
            #expect(v4.backupList.compactMap { $0["id"] as? String } == all.prefix(5).map(\.id))
        }
    }

    static func time(_ unix: Int64) -> String {
        let (y, mo, d, h, mi, s) = UTCCalendar.fields(unixSeconds: Int(unix))
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d+0000", y, mo, d, h, mi, s)
    }

    @Test func parameterErrorsUseTheVendorsCodes() async throws {
        try await withHuawei { emulator, client in
            let id = emulator.dataset.huawei.bigInstanceID
            let cases: [([(String, String)], Int, String)] = [
                ([("limit", "0")], 400, "DBS.280439"),
                ([("limit", "101")], 400, "DBS.280439"),
                ([("limit", "ten")], 400, "DBS.280439"),
                ([("offset", "-1")], 400, "DBS.280440"),
                ([("instance_id", "nope")], 404, "DBS.200002"),
                ([("backup_type", "auto")], 400, "DBS.200001"),
                ([("type", "Table")], 400, "DBS.200001"),
                ([("datastore_type", "mysql")], 400, "DBS.200001"),
                ([("begin_time", "2026-01-01T00:00:00+0000")], 400, "DBS.200001"),
                ([("begin_time", "2026-01-01 00:00:00"), ("end_time", "2026-01-02 00:00:00")], 400, "DBS.200001"),
                ([("instance_id", id), ("begin_time", "2026-01-02T00:00:00+0000"), ("end_time", "2026-01-01T00:00:00+0000")], 400, "DBS.200001"),
            ]
            for (query, status, code) in cases {
                let response = try await client.backups(query)
                #expect(response.status == status, "\(query)")
                #expect(response.errorCode == code, "\(query)")
                #expect((response.json?["error_msg"] as? String)?.isEmpty == false)
                #expect(response.header("x-request-id") != nil)
            }
        }
    }

    @Test func authenticationIsEnforced() async throws {
        try await withHuawei { _, client in
            var wrong = client
            wrong.secret = "wrong"
            let badSignature = try await wrong.backups([("limit", "1")])
            #expect(badSignature.status == 401)
            #expect(badSignature.errorCode == "APIGW.0301")
            #expect(!badSignature.text.contains("testsecret"))
            var unknown = client
            unknown.accessKey = "other"
            #expect(try await unknown.backups([]).status == 401)
            #expect(try await client.backups([], auth: .none).status == 401)
            #expect(try await client.backups([], auth: .token("MIIforged")).errorCode == "APIGW.0301")
            var otherProject = client
            otherProject.projectID = "ffffffffffffffffffffffffffffffff"
            let forbidden = try await otherProject.backups([])
            #expect(forbidden.status == 403 && forbidden.errorCode == "APIGW.0302")
            let mismatched = try await client.get("/v3/\(client.projectID)/instances", projectHeader: "ffffffffffffffffffffffffffffffff")
            #expect(mismatched.status == 403)
            // A tampered query no longer matches the signature.
            let signedPath = "/v3.1/\(client.projectID)/backups"
            let authorization = HuaweiSigner.authorization(
                accessKey: "testid", secret: "testsecret", method: "GET", path: signedPath, query: [("limit", "1")],
                headers: [("Content-Type", "application/json"), ("X-Sdk-Date", "20260101T000000Z"), ("Host", client.host)],
                body: [])
            let tampered = try await AlibabaTestClient(port: client.port).send(
                method: "GET", pathAndQuery: signedPath + "?limit=2",
                headers: [("Content-Type", "application/json"), ("X-Sdk-Date", "20260101T000000Z"),
                          ("Authorization", authorization)])
            #expect(tampered.status == 401)
        }
    }

    @Test func iamPasswordLoginIssuesATokenTheAPIAccepts() async throws {
        try await withHuawei { _, client in
            let login = try await client.login()
            #expect(login.status == 201)
            let token = try #require(login.header("x-subject-token"))
            let expires = ((login.json?["token"] as? [String: Any])?["expires_at"] as? String) ?? ""
            #expect(expires.hasSuffix("Z"))
            let listed = try await client.backups([("limit", "3")], auth: .token(token))
            #expect(listed.status == 200)
            #expect(listed.backupList.count == 3)
            let byID = try await client.login(scope: #"{"project": {"id": "0123456789abcdef0123456789abcdef"}}"#)
            #expect(byID.status == 201)
            let wrong = try await client.login(password: "nope")
            #expect(wrong.status == 401)
            #expect(wrong.header("x-subject-token") == nil)
            #expect(((wrong.json?["error"] as? [String: Any])?["message"] as? String)?.isEmpty == false)
            let otherProject = try await client.login(scope: #"{"project": {"id": "ffffffffffffffffffffffffffffffff"}}"#)
            #expect(otherProject.status == 401)
        }
    }
}
