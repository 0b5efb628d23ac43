import CloudAPI
import Foundation
import Hummingbird

/// Huawei GeminiDB (GaussDB NoSQL): `ListInstances` and `ShowAllInstancesBackupsNew` as
/// reference/cloud-apis.md §4 describes them — `offset` counts records skipped (≥ 0), `limit` is 1–100
/// (default 100), `total_count` counts every match.
struct HuaweiGaussDBNoSQLService: Sendable {
    let dataset: HuaweiDataset

    static let datastoreTypes: Set<String> = ["cassandra", "mongodb", "influxdb", "redis"]
    static let instanceDatastoreTypes: Set<String> = datastoreTypes.union(["dynamodb", "hbase"])

    // MARK: - ListInstances

    /// Filters `id` and `name` (a leading `*` matches a substring), `datastore_type`, `mode`, `vpc_id`,
    /// `subnet_id`; newest-created first.
    func listInstances(projectID: String, query: [String: String]) throws(HuaweiError) -> JSONValue {
        let (offset, limit) = try Self.paging(query)
        var matches = dataset.instances
        func value(_ name: String) -> String? { query[name].flatMap { $0.isEmpty ? nil : $0 } }
        func matchesPattern(_ pattern: String, _ text: String) -> Bool {
            pattern.hasPrefix("*") ? (pattern.count == 1 || text.contains(pattern.dropFirst())) : text == pattern
        }
        if let id = value("id") { matches = matches.filter { matchesPattern(id, $0.id) } }
        if let name = value("name") { matches = matches.filter { matchesPattern(name, $0.name) } }
        if let type = value("datastore_type") {
            guard Self.instanceDatastoreTypes.contains(type) else {
                throw .parameter("datastore_type must be one of \(Self.instanceDatastoreTypes.sorted().joined(separator: ", ")).")
            }
            matches = matches.filter { $0.datastoreType == type }
            if let mode = value("mode") { matches = matches.filter { $0.mode == mode } }
        }
        if let vpc = value("vpc_id") { matches = matches.filter { $0.vpcID == vpc } }
        if let subnet = value("subnet_id") { matches = matches.filter { $0.subnetID == subnet } }
        let page = Self.slice(matches, offset: offset, limit: limit)
        return .object([
            ("instances", .array(page.map(instanceJSON))),
            ("total_count", .int(matches.count)),
        ])
    }

    private func instanceJSON(_ instance: HuaweiInstanceRecord) -> JSONValue {
        let nodes = (0..<instance.nodeCount).map { index in
            JSONValue.object([
                ("id", .string(String(instance.id.prefix(32)) + "no0\(index + 1)")),
                ("name", .string("\(instance.datastoreType)_node_\(index + 1)")),
                ("status", .string(instance.status == "normal" ? "normal" : instance.status)),
                ("role", .string(instance.mode == "ReplicaSet" ? (index == 0 ? "Primary" : "Secondary") : "")),
                ("subnet_id", .string(instance.subnetID)),
                ("private_ip", .string("192.168.0.\(10 + index)")),
                ("public_ip", .string("")),
                ("spec_code", .string("geminidb.\(instance.datastoreType).xlarge.4")),
                ("availability_zone", .string("\(HuaweiDataset.region)a")),
                ("support_reduce", .bool(instance.nodeCount > 3)),
            ])
        }
        return .object([
            ("id", .string(instance.id)),
            ("name", .string(instance.name)),
            ("status", .string(instance.status)),
            ("port", .string(instance.port)),
            ("region", .string(instance.region)),
            ("datastore", .object([
                ("type", .string(instance.datastoreType)),
                ("version", .string(instance.datastoreVersion)),
                ("patch_available", .bool(false)),
                ("whole_version", .string(instance.wholeVersion)),
            ])),
            ("mode", .string(instance.mode)),
            ("engine", .string("rocksDB")),
            ("created", .string(Self.zoneless(instance.created))),
            ("updated", .string(Self.zoneless(instance.updated))),
            ("db_user_name", .string("rwuser")),
            ("vpc_id", .string(instance.vpcID)),
            ("subnet_id", .string(instance.subnetID)),
            ("security_group_id", .string(instance.securityGroupID)),
            ("backup_strategy", .object([("start_time", .string("16:00-17:00")), ("keep_days", .int(instance.keepDays))])),
            ("pay_mode", .string("0")),
            ("maintenance_window", .string("02:00-06:00")),
            ("groups", .array([.object([
                ("id", .string(String(instance.id.prefix(32)) + "gr06")),
                ("status", .string(instance.status)),
                ("volume", .object([
                    ("size", .string(String(instance.volumeSizeGB))),
                    ("used", .string(String(format: "%.2f", instance.volumeUsedGB))),
                ])),
                ("nodes", .array(nodes)),
            ])])),
            ("enterprise_project_id", .string("0")),
            ("time_zone", .string("")),
            ("actions", .array(instance.status == "creating" ? [.string("CREATE")] : [])),
            ("disk_encryption_id", .string("")),
        ])
    }

    // MARK: - ShowAllInstancesBackupsNew

    /// `instance_id` (unknown → 404 `DBS.200002`), `datastore_type`, `backup_id`, `backup_type` (`Auto`|`Manual`,
    /// case-sensitive), `type` (`Instance` → instance-level only, `DatabaseTable` → table-level only; absent → all
    /// full backups, table-level included), `begin_time`/`end_time` (both or neither, `yyyy-MM-ddTHH:mm:ss±hhmm`,
    /// keeping `begin_time ≤ backup begin ≤ end_time`). Newest first.
    func listBackups(projectID: String, query: [String: String]) throws(HuaweiError) -> JSONValue {
        let (offset, limit) = try Self.paging(query)
        func value(_ name: String) -> String? { query[name].flatMap { $0.isEmpty ? nil : $0 } }
        var matches = dataset.backups
        if let instanceID = value("instance_id") {
            guard dataset.instances.contains(where: { $0.id == instanceID }) else {
                throw HuaweiError(status: .notFound, code: "DBS.200002", message: "The instance does not exist.")
            }
            matches = matches.filter { $0.instanceID == instanceID }
        }
        if let type = value("datastore_type") {
            guard Self.datastoreTypes.contains(type) else {
                throw .parameter("datastore_type must be one of \(Self.datastoreTypes.sorted().joined(separator: ", ")).")
            }
            matches = matches.filter { $0.datastoreType == type }
        }
        if let backupID = value("backup_id") { matches = matches.filter { $0.id == backupID } }
        if let backupType = value("backup_type") {
            guard backupType == "Auto" || backupType == "Manual" else {
                throw .parameter("backup_type must be Auto or Manual.")
            }
            matches = matches.filter { $0.type == backupType }
        }
        switch value("type") {
        case nil: break
        case "Instance": matches = matches.filter { $0.databaseTables.isEmpty }
        case "DatabaseTable": matches = matches.filter { !$0.databaseTables.isEmpty }
        default: throw .parameter("type must be Instance or DatabaseTable.")
        }
        switch (value("begin_time"), value("end_time")) {
        case (nil, nil):
            break
        case let (begin?, end?):
            guard let from = Self.parseQueryTime(begin) else { throw .parameter("begin_time must be yyyy-mm-ddThh:mm:ssZ, e.g. 2019-05-27T03:38:51+0000.") }
            guard let to = Self.parseQueryTime(end) else { throw .parameter("end_time must be yyyy-mm-ddThh:mm:ssZ, e.g. 2019-05-27T03:38:51+0000.") }
            guard from <= to else { throw .parameter("begin_time must not be later than end_time.") }
            matches = matches.filter { $0.beginTime >= from && $0.beginTime <= to }
        default:
            throw .parameter("begin_time and end_time must be given together.")
        }
        let page = Self.slice(matches, offset: offset, limit: limit)
        return .object([
            ("total_count", .int(matches.count)),
            ("backups", .array(page.map(backupJSON))),
        ])
    }

    private func backupJSON(_ backup: HuaweiBackupRecord) -> JSONValue {
        .object([
            ("id", .string(backup.id)),
            ("name", .string(backup.name)),
            ("instance_id", .string(backup.instanceID)),
            ("instance_name", .string(backup.instanceName)),
            ("datastore", .object([("type", .string(backup.datastoreType)), ("version", .string(backup.datastoreVersion))])),
            ("type", .string(backup.type)),
            ("begin_time", .string(Self.offsetTime(backup.beginTime))),
            ("end_time", .string(backup.endTime.map(Self.offsetTime) ?? "")),
            ("status", .string(backup.status)),
            ("size", .int(backup.sizeKB)),
            ("description", .string(backup.description)),
            ("database_tables", .array(backup.databaseTables.map { entry in
                .object([
                    ("database_name", .string(entry.database)),
                    ("table_names", entry.tables.map { .array($0.map(JSONValue.string)) } ?? .null),
                ])
            })),
        ])
    }

    // MARK: - Helpers

    /// `offset` ≥ 0 (default 0; `DBS.280440` otherwise), `limit` 1–100 (default 100; `DBS.280439` otherwise).
    static func paging(_ query: [String: String]) throws(HuaweiError) -> (offset: Int, limit: Int) {
        var offset = 0
        if let text = query["offset"], !text.isEmpty {
            guard let value = Int(text), value >= 0 else {
                throw HuaweiError(status: .badRequest, code: "DBS.280440", message: "Invalid offset: it must be an integer of at least 0.")
            }
            offset = value
        }
        var limit = 100
        if let text = query["limit"], !text.isEmpty {
            guard let value = Int(text), (1...100).contains(value) else {
                throw HuaweiError(status: .badRequest, code: "DBS.280439", message: "Invalid limit: it must be an integer from 1 to 100.")
            }
            limit = value
        }
        return (offset, limit)
    }

    static func slice<T>(_ items: [T], offset: Int, limit: Int) -> [T] {
        guard offset < items.count else { return [] }
        return Array(items[offset..<min(offset + limit, items.count)])
    }

    /// `2019-05-27T03:38:51+0000`, the backup times' form.
    static func offsetTime(_ unix: Int64) -> String {
        String(UTCTime.seconds(unix).dropLast()) + "+0000"
    }

    /// `2019-05-27T03:38:51`, the zone-less form of instance times.
    static func zoneless(_ unix: Int64) -> String {
        String(UTCTime.seconds(unix).dropLast())
    }

    /// Exactly `yyyy-MM-ddTHH:mm:ss±hhmm` (a `Z` is accepted too); anything else is nil.
    static func parseQueryTime(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 24 || bytes.count == 20 else { return nil }
        let minuteForm = String(decoding: bytes[0..<16], as: UTF8.self) + "Z"
        guard bytes[16] == UInt8(ascii: ":"), let minutes = UTCTime.parseMinuteForm(minuteForm) else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            }
            return value
        }
        guard let seconds = digits(17..<19), seconds < 60 else { return nil }
        if bytes.count == 20 { return bytes[19] == UInt8(ascii: "Z") ? minutes + Int64(seconds) : nil }
        guard bytes[19] == UInt8(ascii: "+") || bytes[19] == UInt8(ascii: "-"),
              let hours = digits(20..<22), let mins = digits(22..<24), hours <= 23, mins <= 59 else { return nil }
        let offset = Int64(hours * 3600 + mins * 60) * (bytes[19] == UInt8(ascii: "+") ? 1 : -1)
        return minutes + Int64(seconds) - offset
    }
}

/// IAM password login, `POST /v3/auth/tokens`: the demo user `backdeck` with password `backdeck-demo` (any
/// account/domain name) gets a token in `X-Subject-Token` (HTTP 201), valid 24 hours, for the emulator's project
/// (scope by project `id` = the project ID, or by project `name` = the region, or by domain).
struct HuaweiIAMService: Sendable {
    static let userName = "backdeck"
    static let password = "backdeck-demo"

    let projectID: String
    let region: String
    let tokens: HuaweiTokenStore

    func respond(to request: Request) async -> Response {
        let requestID = StableHash.uuidLike("iam " + request.uri.string + " \(Date().timeIntervalSince1970)")
            .lowercased().replacingOccurrences(of: "-", with: "")
        guard let buffer = try? await request.body.collect(upTo: EmulatorRoutes.maximumBodyBytes),
              let json = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any],
              let auth = json["auth"] as? [String: Any],
              let identity = auth["identity"] as? [String: Any]
        else {
            return keystoneError(400, "Bad Request", "The request body is not a valid auth request.", requestID)
        }
        let methods = identity["methods"] as? [String] ?? []
        guard methods.contains("password"),
              let user = (identity["password"] as? [String: Any])?["user"] as? [String: Any],
              let name = user["name"] as? String, let password = user["password"] as? String
        else {
            return keystoneError(400, "Bad Request", "Only password authentication is supported.", requestID)
        }
        guard constantTimeEquals(name, Self.userName), constantTimeEquals(password, Self.password) else {
            return keystoneError(401, "Unauthorized", "The username or password is wrong.", requestID)
        }
        if let project = (auth["scope"] as? [String: Any])?["project"] as? [String: Any] {
            let id = project["id"] as? String
            let projectName = project["name"] as? String
            guard id == projectID || (id == nil && projectName == region) else {
                return keystoneError(401, "Unauthorized", "The project in the scope does not exist.", requestID)
            }
        }
        let domain = ((user["domain"] as? [String: Any])?["name"] as? String) ?? Self.userName
        let issued = Date()
        let (token, expires) = tokens.issue(now: issued)
        let body = JSONValue.object([("token", .object([
            ("expires_at", .string(Self.iamTime(expires))),
            ("issued_at", .string(Self.iamTime(issued))),
            ("methods", .array([.string("password")])),
            ("project", .object([
                ("id", .string(projectID)), ("name", .string(region)),
                ("domain", .object([("id", .string("d0000000000000000000000000000001")), ("name", .string(domain))])),
            ])),
            ("user", .object([
                ("id", .string("u0000000000000000000000000000001")), ("name", .string(name)),
                ("domain", .object([("id", .string("d0000000000000000000000000000001")), ("name", .string(domain))])),
                ("password_expires_at", .string("")),
            ])),
            ("roles", .array([.object([("id", .string("0")), ("name", .string("te_admin"))])])),
            ("catalog", .array([])),
        ]))])
        var extra: [(HTTPFields.Element.Name, String)] = []
        if let header = HTTPFields.Element.Name("X-Subject-Token") { extra.append((header, token)) }
        return HuaweiResponse.json(body, status: .created, requestID: requestID, extraHeaders: extra)
    }

    private func keystoneError(_ code: Int, _ title: String, _ message: String, _ requestID: String) -> Response {
        HuaweiResponse.json(
            .object([("error", .object([("code", .int(code)), ("message", .string(message)), ("title", .string(title))]))]),
            status: HTTPResponse.Status(code: code), requestID: requestID)
    }

    /// `2026-11-23T15:00:00.000000Z`, IAM's form.
    static func iamTime(_ date: Date) -> String {
        String(UTCTime.seconds(UTCTime.unix(date)).dropLast()) + ".000000Z"
    }
}
