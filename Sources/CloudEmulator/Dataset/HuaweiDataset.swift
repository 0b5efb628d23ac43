import Foundation

/// One GeminiDB instance as `ListInstances` describes it.
public struct HuaweiInstanceRecord: Sendable, Hashable {
    public let id: String
    public let name: String
    public let status: String
    public let mode: String
    public let datastoreType: String
    public let datastoreVersion: String
    public let wholeVersion: String
    public let region: String
    public let port: String
    public let created: Int64
    public let updated: Int64
    public let nodeCount: Int
    public let volumeSizeGB: Int
    public let volumeUsedGB: Double
    public let keepDays: Int
    public let vpcID: String
    public let subnetID: String
    public let securityGroupID: String
}

/// One backup as `ShowAllInstancesBackupsNew` describes it.
public struct HuaweiBackupRecord: Sendable, Hashable {
    public let id: String
    public let name: String
    public let description: String
    public let instanceID: String
    public let instanceName: String
    public let datastoreType: String
    public let datastoreVersion: String
    /// `Auto` or `Manual`.
    public let type: String
    public let sizeKB: Int64
    /// `BUILDING`, `COMPLETED` or `FAILED`.
    public let status: String
    public let beginTime: Int64
    /// nil while `BUILDING`.
    public let endTime: Int64?
    /// Empty for an instance-level backup; a nil table list means the whole database.
    public let databaseTables: [HuaweiDatabaseTablesRecord]
}

public struct HuaweiDatabaseTablesRecord: Sendable, Hashable {
    public let database: String
    public let tables: [String]?
}

/// The Huawei GeminiDB part of the emulator's dataset, a pure function of the seed and `now`.
///
/// **Instances** (one project, region `cn-north-4`, listed newest-created first; ids are 32 hex characters plus
/// the engine's suffix `in06` Cassandra, `in02` Mongo, `in13` Influx, `in12` Redis):
///
/// | name | engine | backups |
/// |---|---|---|
/// | `新建实例-测试` (status `creating`) | cassandra 3.11 | none |
/// | `用户画像 Mongo` | mongodb 4.0 | 45 days: a daily `Auto`, a `Manual` every 10 days, and a database/table-level backup every 6 days (`user_profile` → `users`, `标签`; `行为日志` whole database) |
/// | `订单中心 Cassandra` | cassandra 3.11 | the **big** one: 130 days of daily `Auto` backups, a `Manual` every 9 days, a table-level backup every 7 days (`订单库` → `orders`, `订单明细`, `payments`; `analytics` whole database); the newest is still `BUILDING` (empty `end_time`, size 0); ~3 % `FAILED` |
/// | `时序监控 ESC[31m告警ESC[0m` (an ANSI escape in the name) | influxdb 1.8 | 30 days, instance-level only, one `FAILED` |
/// | `会话缓存 Redis` | redis 5.0 | 20 days, instance-level only; one backup's description holds a BEL control character |
/// | `基准测试 Cassandra`, only with `benchBackups` > 0 | cassandra 3.11 | exactly `benchBackups` `COMPLETED` instance-level backups, one an hour back from yesterday |
///
/// Backup times are `yyyy-MM-ddTHH:mm:ss+0000`; instance `created`/`updated` are zone-less (`yyyy-MM-ddTHH:mm:ss`),
/// as the vendor sends them. Sizes are KB (integers). Instance-level backups carry `database_tables: []`.
public struct HuaweiDataset: Sendable {
    public static let defaultProjectID = "0123456789abcdef0123456789abcdef"
    public static let region = "cn-north-4"

    public let projectID: String
    /// Newest-created first, the order `ListInstances` uses.
    public let instances: [HuaweiInstanceRecord]
    /// Every backup of the project, newest first.
    public let backups: [HuaweiBackupRecord]
    /// The instance with the long history (more than one page at `limit=100`).
    public let bigInstanceID: String
    /// The instance with exactly `EmulatorOptions.benchBackups` backups; nil when that option is 0.
    public let benchInstanceID: String?

    public func backups(of instanceID: String) -> [HuaweiBackupRecord] {
        backups.filter { $0.instanceID == instanceID }
    }

    private struct Plan {
        let name: String
        let status: String
        let mode: String
        let type: String
        let version: String
        let wholeVersion: String
        let suffix: String
        let createdDaysAgo: Int
        let days: Int
        let manualEvery: Int
        let tableLevelEvery: Int
        let databases: [HuaweiDatabaseTablesRecord]
        let failedPercent: Int
        let building: Bool
        /// When set, the history is exactly this many `Auto` backups an hour apart (`days` is then their span).
        var hourlyBackups: Int?
    }

    init(seed: UInt64, now: Date, projectID: String, benchBackups: Int = 0) {
        self.projectID = projectID
        let nowUnix = UTCTime.unix(now)
        var plans = [
            Plan(name: "新建实例-测试", status: "creating", mode: "Cluster", type: "cassandra", version: "3.11",
                 wholeVersion: "3.11.3.2", suffix: "in06", createdDaysAgo: 0, days: 0, manualEvery: 0,
                 tableLevelEvery: 0, databases: [], failedPercent: 0, building: false),
            Plan(name: "用户画像 Mongo", status: "normal", mode: "ReplicaSet", type: "mongodb", version: "4.0",
                 wholeVersion: "4.0.3", suffix: "in02", createdDaysAgo: 60, days: 45, manualEvery: 10,
                 tableLevelEvery: 6,
                 databases: [HuaweiDatabaseTablesRecord(database: "user_profile", tables: ["users", "标签"]),
                             HuaweiDatabaseTablesRecord(database: "行为日志", tables: nil)],
                 failedPercent: 0, building: false),
            Plan(name: "订单中心 Cassandra", status: "normal", mode: "Cluster", type: "cassandra", version: "3.11",
                 wholeVersion: "3.11.3.2", suffix: "in06", createdDaysAgo: 400, days: 130, manualEvery: 9,
                 tableLevelEvery: 7,
                 databases: [HuaweiDatabaseTablesRecord(database: "订单库", tables: ["orders", "订单明细", "payments"]),
                             HuaweiDatabaseTablesRecord(database: "analytics", tables: nil)],
                 failedPercent: 3, building: true),
            Plan(name: "时序监控 \u{1B}[31m告警\u{1B}[0m", status: "normal", mode: "Cluster", type: "influxdb",
                 version: "1.8", wholeVersion: "", suffix: "in13", createdDaysAgo: 500, days: 30, manualEvery: 0,
                 tableLevelEvery: 0, databases: [], failedPercent: 0, building: false),
            Plan(name: "会话缓存 Redis", status: "normal", mode: "Cluster", type: "redis", version: "5.0",
                 wholeVersion: "", suffix: "in12", createdDaysAgo: 600, days: 20, manualEvery: 0,
                 tableLevelEvery: 0, databases: [], failedPercent: 0, building: false),
        ]
        if benchBackups > 0 {
            plans.append(Plan(name: "基准测试 Cassandra", status: "normal", mode: "Cluster", type: "cassandra",
                              version: "3.11", wholeVersion: "3.11.3.2", suffix: "in06",
                              createdDaysAgo: max(700, benchBackups / 24 + 30), days: benchBackups / 24 + 1,
                              manualEvery: 0, tableLevelEvery: 0, databases: [], failedPercent: 0, building: false,
                              hourlyBackups: benchBackups))
        }
        var instances: [HuaweiInstanceRecord] = []
        var backups: [HuaweiBackupRecord] = []
        var usedIDs = Set<String>()
        for (index, plan) in plans.enumerated() {
            var rng = SplitMix64.stream(seed: seed, label: "huawei/instance/\(index)")
            var id = Self.hexID(&rng) + plan.suffix
            while usedIDs.contains(id) { id = Self.hexID(&rng) + plan.suffix }
            usedIDs.insert(id)
            let created = nowUnix - Int64(plan.createdDaysAgo) * 86_400 - Int64(rng.int(in: 600...3 * 3600))
            let nodes = plan.mode == "ReplicaSet" ? 3 : rng.int(in: 3...6)
            let volume = [100, 200, 500][rng.int(in: 0...2)]
            instances.append(HuaweiInstanceRecord(
                id: id, name: plan.name, status: plan.status, mode: plan.mode, datastoreType: plan.type,
                datastoreVersion: plan.version, wholeVersion: plan.wholeVersion, region: Self.region,
                port: ["cassandra": "8635", "mongodb": "8635", "influxdb": "8635", "redis": "6379"][plan.type] ?? "8635",
                created: created, updated: max(created, nowUnix - Int64(rng.int(in: 1...20)) * 86_400),
                nodeCount: nodes, volumeSizeGB: volume, volumeUsedGB: Double(rng.int(in: 1...(volume * 60))) / 100,
                keepDays: 7, vpcID: Self.uuid(&rng), subnetID: Self.uuid(&rng), securityGroupID: Self.uuid(&rng)))

            var history: [HuaweiBackupRecord] = []
            var backupRNG = SplitMix64.stream(seed: seed, label: "huawei/backups/\(index)")
            let baseKB = Int64(rng.int(in: 2_000_000...40_000_000))
            func add(day: Int, hour: Int, type: String, name: String, description: String,
                     tables: [HuaweiDatabaseTablesRecord]) {
                // Day 0 is today; automated backups start in the 16:00–17:00 UTC window.
                let dayStart = (nowUnix / 86_400 - Int64(day)) * 86_400
                let begin = dayStart + Int64(hour * 3600 + backupRNG.int(in: 0...1800))
                guard begin < nowUnix else { return }
                let status = backupRNG.chance(plan.failedPercent) ? "FAILED" : "COMPLETED"
                let growth = baseKB * Int64(plan.days - day) / Int64(max(plan.days, 1) * 4)
                let size = status == "COMPLETED"
                    ? (tables.isEmpty ? baseKB + growth : (baseKB + growth) / 8) + Int64(backupRNG.int(in: 0...99_999))
                    : 0
                let end = begin + Int64(60 + backupRNG.int(in: 0...5_400))
                var backupID = Self.hexID(&backupRNG) + "br02"
                while usedIDs.contains(backupID) { backupID = Self.hexID(&backupRNG) + "br02" }
                usedIDs.insert(backupID)
                history.append(HuaweiBackupRecord(
                    id: backupID, name: name, description: description, instanceID: id, instanceName: plan.name,
                    datastoreType: plan.type, datastoreVersion: plan.version, type: type, sizeKB: size,
                    status: status, beginTime: begin, endTime: end, databaseTables: tables))
            }
            if let count = plan.hourlyBackups {
                // From yesterday back, so every begin time is in the past and none is dropped.
                for index in 0..<count {
                    add(day: 1 + index / 24, hour: 23 - index % 24, type: "Auto", name: "\(plan.type)-hourly-\(index)",
                        description: "automated full backup", tables: [])
                }
            } else {
                for day in 0..<plan.days {
                    let date = UTCTime.seconds((nowUnix / 86_400 - Int64(day)) * 86_400).prefix(10)
                    let compact = date.replacingOccurrences(of: "-", with: "")
                    var description = "automated full backup"
                    if plan.type == "redis", day == 3 { description = "会话缓存\u{07}每日备份" }
                    add(day: day, hour: 16, type: "Auto", name: "\(plan.type)-auto-\(compact)", description: description,
                        tables: [])
                    if plan.manualEvery > 0, day % plan.manualEvery == 4 {
                        add(day: day, hour: 9, type: "Manual", name: "手动备份-\(compact)", description: "变更前手动备份",
                            tables: [])
                    }
                    if plan.tableLevelEvery > 0, day % plan.tableLevelEvery == 2 {
                        add(day: day, hour: 11, type: "Manual", name: "库表备份-\(compact)",
                            description: "database/table-level backup", tables: plan.databases)
                    }
                }
            }
            // The newest backup that has begun is still being written: no end, no size yet.
            if plan.building, let newest = history.indices.max(by: { history[$0].beginTime < history[$1].beginTime }) {
                let record = history[newest]
                history[newest] = HuaweiBackupRecord(
                    id: record.id, name: record.name, description: record.description, instanceID: record.instanceID,
                    instanceName: record.instanceName, datastoreType: record.datastoreType,
                    datastoreVersion: record.datastoreVersion, type: record.type, sizeKB: 0, status: "BUILDING",
                    beginTime: record.beginTime, endTime: nil, databaseTables: record.databaseTables)
            }
            backups += history
        }
        self.instances = instances
        // Newest first, as the API sorts by creation time; ties by id for a stable order.
        self.backups = backups.sorted { ($0.beginTime, $1.id) > ($1.beginTime, $0.id) }
        bigInstanceID = instances.count > 2 ? instances[2].id : ""
        benchInstanceID = benchBackups > 0 ? instances.last?.id : nil
    }

    static let hexAlphabet = Array("0123456789abcdef")

    private static func hexID(_ rng: inout SplitMix64) -> String { rng.string(count: 32, alphabet: hexAlphabet) }

    private static func uuid(_ rng: inout SplitMix64) -> String {
        let hex = Array(hexID(&rng))
        return [String(hex[0..<8]), String(hex[8..<12]), String(hex[12..<16]), String(hex[16..<20]),
                String(hex[20..<32])].joined(separator: "-")
    }
}
