import CloudAPI
import Foundation

/// The RDS part of the emulator's dataset: instances and their backup histories, all derived from
/// `EmulatorOptions.seed`, `.scale` and `.now` (same inputs ⇒ byte-identical responses).
///
/// **Instances** (listed by `DescribeDBInstances` in this order, ids `rm-` + 16 lower-case alphanumerics):
///
/// | region | description | engine | history |
/// |---|---|---|---|
/// | cn-hangzhou | `订单库主实例` | MySQL 8.0 | the **big** instance: 1,200 × `scale` automated physical backups (a full at ~02:00 local time, then an incremental every 3 hours), a manual full every 19 days, ~1 % failed, the newest still `Running` |
/// | cn-hangzhou | `用户中心` | MySQL 5.7 | 90 days: a daily physical full; a weekly automated **Logical** full and a manual logical every 11 days, each with `BackupDownloadLinkByDB` for `orders`, `订单库`, `user_center`, `库存`; one failed logical; the newest (a manual logical) still `Running`; one set whose `Encryption` holds an ANSI escape sequence |
/// | cn-hangzhou | `数据分析 ESC[33m只读ESC[0m` (an ANSI escape in the description) | PostgreSQL 16 | 60 days: a daily physical full, a manual **Snapshot** every 14 days (no download URL, `IsAvail` 1, counted in `TotalEcsSnapshotSize`), one failed |
/// | cn-hangzhou | `财务报表 SQL Server` | SQLServer 2019 | 40 days: a daily full and a daily differential (`IncrementalBackup`), both with per-database links (`finance`, `报表库`, `hr_系统`); a manual copy-only full (`CopyOnlyBackup` "1") every 10 days |
/// | cn-hangzhou | `测试环境 BEL 临时实例` (a BEL control character) | MySQL 8.0 | none: an instance with no backups |
/// | cn-shanghai | `上海灾备实例` | MySQL 8.0 | 30 days, like `用户中心` with `orders`, `user_center` |
/// | the options' region, if neither of the above | `<region> 主实例`, `<region> 报表库` | MySQL 8.0, PostgreSQL 16 | 45 and 30 days, like `用户中心` and `数据分析` |
/// | cn-hangzhou, last, only with `benchBackups` > 0 | `基准测试实例` | MySQL 8.0 | exactly `benchBackups` successful physical backups, one an hour back from `now` |
///
/// **Backups**, newest first per instance. Every record carries every field of the SDK model
/// (`reference/schemas/rds_DescribeBackups.txt`). Conventions:
/// - `BackupStatus` is `Success`, `Failed`, or `Running` for a set still being written (the API documents
///   only the first two; `Running` is this emulator's choice for an in-progress set). Failed and running sets have
///   size 0, `IsAvail` 0, empty download URLs and no per-database links; running ones have an empty `BackupEndTime`.
/// - About 3 % of successful physical sets have no download links (empty strings, `IsAvail` 0).
/// - Download links point at the emulator itself: `http://HOST:PORT/download/<instance>/<backup>.tar.gz?Expires=…&
///   OSSAccessKeyId=…&Signature=…` (public) and the same under `/download-internal/` (intranet); per-database links
///   add `&dbList=<percent-encoded name>`. `Expires` is `now` + 1 day. The OSS key and signature are fakes.
/// - Downloadable sets are served as small deterministic files (`DownloadContent`, 1–8 KiB): `BackupSize` is the
///   file's size and `Checksum` its CRC-64 (as OSS computes it, in decimal); other sets keep a realistic size and a
///   deterministic 20-digit `Checksum`; `ConsistentTime` is set for successful MySQL physical sets and
///   0 otherwise; sets older than 180 days have `StorageClass` "1" (archive).
/// - Times are whole seconds in UTC; "local" times are UTC+8 for `cn-*` regions.
public struct RDSDataset: Sendable {
    public let instances: [RDSInstanceRecord]
    /// The instance whose history `scale` multiplies.
    public let bigInstanceID: String
    /// The instance with exactly `EmulatorOptions.benchBackups` backups; nil when that option is 0.
    public let benchInstanceID: String?
    private let backupsByInstance: [String: [RDSBackupRecord]]

    /// Backups of one instance, newest first; nil for an unknown instance.
    public func backups(of instanceID: String) -> [RDSBackupRecord]? {
        backupsByInstance[instanceID]
    }

    public func instances(inRegion region: String) -> [RDSInstanceRecord] {
        instances.filter { $0.regionID == region }
    }

    /// Bytes of snapshot backups of one instance, `DescribeBackups`' `TotalEcsSnapshotSize`.
    public func snapshotBytes(of instanceID: String) -> Int64 {
        (backupsByInstance[instanceID] ?? []).filter { $0.method == "Snapshot" && $0.status == "Success" }
            .reduce(0) { $0 + $1.sizeBytes }
    }

    init(seed: UInt64, scale: Int, now: Date, extraRegion: String, benchBackups: Int = 0) {
        let nowUnix = UTCTime.unix(now)
        var plans: [InstancePlan] = [
            InstancePlan(region: "cn-hangzhou", zoneSuffix: "h", description: "订单库主实例", engine: "MySQL",
                         version: "8.0", instanceClass: "mysql.x4.xlarge.2c", category: "HighAvailability",
                         payType: "Prepaid", recipe: .big(backups: 1_200 * scale)),
            InstancePlan(region: "cn-hangzhou", zoneSuffix: "i", description: "用户中心", engine: "MySQL",
                         version: "5.7", instanceClass: "rds.mysql.s3.large", category: "HighAvailability",
                         payType: "Postpaid",
                         recipe: .logicalMix(days: 90, databases: ["orders", "订单库", "user_center", "库存"])),
            InstancePlan(region: "cn-hangzhou", zoneSuffix: "j", description: "数据分析 \u{1B}[33m只读\u{1B}[0m",
                         engine: "PostgreSQL", version: "16.0", instanceClass: "pg.n4.2c.1m",
                         category: "HighAvailability", payType: "Postpaid", recipe: .physicalDaily(days: 60)),
            InstancePlan(region: "cn-hangzhou", zoneSuffix: "h", description: "财务报表 SQL Server",
                         engine: "SQLServer", version: "2019_std_ha", instanceClass: "mssql.x4.medium.s2",
                         category: "HighAvailability", payType: "Prepaid",
                         recipe: .sqlServer(days: 40, databases: ["finance", "报表库", "hr_系统"])),
            InstancePlan(region: "cn-hangzhou", zoneSuffix: "k", description: "测试环境\u{07}临时实例", engine: "MySQL",
                         version: "8.0", instanceClass: "mysql.n2.medium.1", category: "Basic", payType: "Postpaid",
                         recipe: .none),
            InstancePlan(region: "cn-shanghai", zoneSuffix: "l", description: "上海灾备实例", engine: "MySQL",
                         version: "8.0", instanceClass: "mysql.x4.large.2c", category: "HighAvailability",
                         payType: "Postpaid", recipe: .logicalMix(days: 30, databases: ["orders", "user_center"])),
        ]
        if extraRegion != "cn-hangzhou", extraRegion != "cn-shanghai" {
            plans.append(InstancePlan(region: extraRegion, zoneSuffix: "a", description: "\(extraRegion) 主实例",
                                      engine: "MySQL", version: "8.0", instanceClass: "mysql.x4.large.2c",
                                      category: "HighAvailability", payType: "Postpaid",
                                      recipe: .logicalMix(days: 45, databases: ["orders", "库存"])))
            plans.append(InstancePlan(region: extraRegion, zoneSuffix: "b", description: "\(extraRegion) 报表库",
                                      engine: "PostgreSQL", version: "16.0", instanceClass: "pg.n2.2c.1m",
                                      category: "Basic", payType: "Postpaid", recipe: .physicalDaily(days: 30)))
        }
        if benchBackups > 0 {
            plans.append(InstancePlan(region: "cn-hangzhou", zoneSuffix: "h", description: "基准测试实例", engine: "MySQL",
                                      version: "8.0", instanceClass: "mysql.x4.large.2c", category: "HighAvailability",
                                      payType: "Postpaid", recipe: .hourly(backups: benchBackups)))
        }

        var instances: [RDSInstanceRecord] = []
        var backups: [String: [RDSBackupRecord]] = [:]
        var usedIDs = Set<String>()
        for (index, plan) in plans.enumerated() {
            var rng = SplitMix64.stream(seed: seed, label: "rds/instance/\(index)")
            var instanceID = "rm-" + rng.string(count: 16, alphabet: Self.idAlphabet)
            while usedIDs.contains(instanceID) { instanceID = "rm-" + rng.string(count: 16, alphabet: Self.idAlphabet) }
            usedIDs.insert(instanceID)
            var builder = HistoryBuilder(
                plan: plan, instanceID: instanceID, index: index, nowUnix: nowUnix,
                rng: SplitMix64.stream(seed: seed, label: "rds/backups/\(index)"))
            let history = builder.build()
            backups[instanceID] = history
            let oldest = history.last?.startTime ?? nowUnix - 2 * 86_400
            let created = oldest - Int64(rng.int(in: 86_400...30 * 86_400))
            instances.append(Self.instance(plan: plan, id: instanceID, created: created, nowUnix: nowUnix, rng: &rng))
        }
        self.instances = instances
        self.backupsByInstance = backups
        self.bigInstanceID = instances.first?.id ?? ""
        self.benchInstanceID = benchBackups > 0 ? instances.last?.id : nil
    }

    static let idAlphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")

    private static func instance(
        plan: InstancePlan, id: String, created: Int64, nowUnix: Int64, rng: inout SplitMix64
    ) -> RDSInstanceRecord {
        let (cpu, memory): (Int, Int) = plan.category == "Basic" ? (1, 2_048) : (4, 16_384)
        let domain = switch plan.engine {
        case "PostgreSQL": "pg.rds.aliyuncs.com"
        case "SQLServer": "sqlserver.rds.aliyuncs.com"
        default: "mysql.rds.aliyuncs.com"
        }
        return RDSInstanceRecord(
            id: id, description: plan.description, engine: plan.engine, engineVersion: plan.version,
            regionID: plan.region, zoneID: "\(plan.region)-\(plan.zoneSuffix)", status: "Running",
            instanceType: "Primary", instanceClass: plan.instanceClass, category: plan.category,
            payType: plan.payType, createTime: created,
            expireTime: plan.payType == "Prepaid" ? nowUnix + Int64(rng.int(in: 30...330)) * 86_400 : nil,
            lockMode: "Unlock", resourceGroupID: "rg-acfm" + rng.string(count: 11, alphabet: idAlphabet),
            storageType: plan.category == "Basic" ? "cloud_essd" : "local_ssd", memoryMiB: memory, cpuCount: cpu,
            vpcID: "vpc-bp1" + rng.string(count: 18, alphabet: idAlphabet),
            vSwitchID: "vsw-bp1" + rng.string(count: 18, alphabet: idAlphabet),
            connectionString: "\(id).\(domain)")
    }
}

/// What to generate for one instance.
struct InstancePlan {
    enum Recipe {
        case big(backups: Int)
        /// Exactly this many successful physical backups, one an hour (a full every sixth).
        case hourly(backups: Int)
        case logicalMix(days: Int, databases: [String])
        case physicalDaily(days: Int)
        case sqlServer(days: Int, databases: [String])
        case none
    }

    let region: String
    let zoneSuffix: String
    let description: String
    let engine: String
    let version: String
    let instanceClass: String
    let category: String
    let payType: String
    let recipe: Recipe
}

/// Builds one instance's history oldest-first (so ids grow with time), then returns it newest first.
private struct HistoryBuilder {
    let plan: InstancePlan
    let instanceID: String
    let nowUnix: Int64
    var rng: SplitMix64
    private var nextID: Int64
    private let hostIDs: [String]
    private let localOffset: Int64

    init(plan: InstancePlan, instanceID: String, index: Int, nowUnix: Int64, rng: SplitMix64) {
        self.plan = plan
        self.instanceID = instanceID
        self.nowUnix = nowUnix
        self.rng = rng
        // Disjoint id ranges per instance keep ids unique without a shared counter.
        self.nextID = Int64(index + 3) * 100_000_000 + Int64(self.rng.int(in: 1...9_999))
        self.hostIDs = [String(self.rng.int(in: 1_000_000...9_999_999)), String(self.rng.int(in: 1_000_000...9_999_999))]
        self.localOffset = plan.region.hasPrefix("cn-") ? 8 * 3600 : 0
    }

    /// A slot in the schedule before it becomes a record.
    struct Slot {
        enum Outcome { case success, failed, running }
        var start: Int64
        var mode = "Automated"
        var type = "FullBackup"
        var method = "Physical"
        var databases: [String] = []
        var copyOnly = false
        var outcome = Outcome.success
        var encryption = "{}"
    }

    /// Midnight, local time, `daysAgo` days before today, as Unix seconds.
    private func localMidnight(daysAgo: Int) -> Int64 {
        let localNow = nowUnix + localOffset
        let today = localNow - ((localNow % 86_400) + 86_400) % 86_400
        return today - Int64(daysAgo) * 86_400 - localOffset
    }

    private mutating func jitter(maxMinutes: Int) -> Int64 {
        Int64(rng.int(in: 0...maxMinutes * 60 - 1))
    }

    mutating func build() -> [RDSBackupRecord] {
        var slots: [Slot] = []
        switch plan.recipe {
        case .none:
            return []
        case .big(let count):
            slots = bigSchedule(count: count)
        case .hourly(let count):
            for hoursAgo in 1...max(count, 1) {
                var slot = Slot(start: nowUnix - Int64(hoursAgo) * 3600 + jitter(maxMinutes: 10))
                if hoursAgo % 6 != 0 { slot.type = "IncrementalBackup" }
                slots.append(slot)
            }
        case .logicalMix(let days, let databases):
            slots = logicalMixSchedule(days: days, databases: databases)
        case .physicalDaily(let days):
            slots = physicalDailySchedule(days: days)
        case .sqlServer(let days, let databases):
            slots = sqlServerSchedule(days: days, databases: databases)
        }
        slots = slots.filter { $0.start <= nowUnix }
        slots.sort { $0.start < $1.start }
        var records: [RDSBackupRecord] = []
        records.reserveCapacity(slots.count)
        for slot in slots {
            records.append(record(for: slot))
        }
        return records.reversed()
    }

    // MARK: - Schedules

    /// Newest `count` automated slots (a full at ~02:00 local, incrementals every 3 hours), plus manual fulls.
    private mutating func bigSchedule(count: Int) -> [Slot] {
        var automated: [Slot] = []
        var manual: [Slot] = []
        var daysAgo = 0
        while automated.count < count {
            let midnight = localMidnight(daysAgo: daysAgo)
            // Newest first within the day, so the cut at `count` drops the oldest.
            for hour in stride(from: 23, through: 2, by: -3) where automated.count < count {
                var slot = Slot(start: midnight + Int64(hour) * 3600 + jitter(maxMinutes: hour == 2 ? 25 : 10))
                if slot.start > nowUnix { continue }
                slot.type = hour == 2 ? "FullBackup" : "IncrementalBackup"
                if rng.chance(1) { slot.outcome = .failed }
                automated.append(slot)
            }
            if daysAgo % 19 == 4 {
                var slot = Slot(start: midnight + 10 * 3600 + 30 * 60 + jitter(maxMinutes: 20))
                slot.mode = "Manual"
                manual.append(slot)
            }
            daysAgo += 1
        }
        if let newest = automated.indices.first { automated[newest].outcome = .running }
        let oldest = automated.last?.start ?? nowUnix
        return automated + manual.filter { $0.start >= oldest }
    }

    private mutating func logicalMixSchedule(days: Int, databases: [String]) -> [Slot] {
        var slots: [Slot] = []
        for daysAgo in 0..<days {
            let midnight = localMidnight(daysAgo: daysAgo)
            var physical = Slot(start: midnight + 2 * 3600 + jitter(maxMinutes: 25))
            if daysAgo == 2 {
                // A value a terminal must not interpret: the UI's sanitiser has to show it escaped.
                physical.encryption = "{\"Algorithm\":\"AES-256\",\"KeyId\":\"\u{1B}[31mkms-key-rotated\u{1B}[0m\"}"
            }
            if rng.chance(2) { physical.outcome = .failed }
            slots.append(physical)
            if daysAgo % 7 == 3 {
                var logical = Slot(start: midnight + 3 * 3600 + 30 * 60 + jitter(maxMinutes: 10))
                logical.method = "Logical"
                logical.databases = databases
                if daysAgo == 17 { logical.outcome = .failed }
                slots.append(logical)
            }
            if daysAgo % 11 == 5 {
                var manual = Slot(start: midnight + 15 * 3600 + jitter(maxMinutes: 50))
                manual.mode = "Manual"
                manual.method = "Logical"
                manual.databases = Array(databases.prefix(max(1, databases.count - 1)))
                slots.append(manual)
            }
        }
        // An operator's manual logical backup started 20-ish minutes ago and still writing.
        var running = Slot(start: nowUnix - 20 * 60 - jitter(maxMinutes: 5))
        running.mode = "Manual"
        running.method = "Logical"
        running.databases = databases
        running.outcome = .running
        slots.append(running)
        return slots
    }

    private mutating func physicalDailySchedule(days: Int) -> [Slot] {
        var slots: [Slot] = []
        for daysAgo in 0..<days {
            let midnight = localMidnight(daysAgo: daysAgo)
            var full = Slot(start: midnight + 2 * 3600 + jitter(maxMinutes: 25))
            if daysAgo == 9 { full.outcome = .failed }
            slots.append(full)
            if daysAgo % 14 == 6 {
                var snapshot = Slot(start: midnight + 11 * 3600 + jitter(maxMinutes: 30))
                snapshot.mode = "Manual"
                snapshot.method = "Snapshot"
                slots.append(snapshot)
            }
        }
        return slots
    }

    private mutating func sqlServerSchedule(days: Int, databases: [String]) -> [Slot] {
        var slots: [Slot] = []
        for daysAgo in 0..<days {
            let midnight = localMidnight(daysAgo: daysAgo)
            var full = Slot(start: midnight + 1 * 3600 + jitter(maxMinutes: 20))
            full.databases = databases
            if rng.chance(2) { full.outcome = .failed }
            slots.append(full)
            var differential = Slot(start: midnight + 13 * 3600 + jitter(maxMinutes: 20))
            differential.type = "IncrementalBackup"
            differential.databases = databases
            slots.append(differential)
            if daysAgo % 10 == 7 {
                var copyOnly = Slot(start: midnight + 16 * 3600 + jitter(maxMinutes: 40))
                copyOnly.mode = "Manual"
                copyOnly.copyOnly = true
                copyOnly.databases = [databases.first ?? "master"]
                slots.append(copyOnly)
            }
        }
        return slots
    }

    // MARK: - Records

    private mutating func record(for slot: Slot) -> RDSBackupRecord {
        nextID += Int64(rng.int(in: 1...97))
        let id = String(nextID)
        let ageDays = (nowUnix - slot.start) / 86_400
        let succeeded = slot.outcome == .success
        let size: Int64 = succeeded ? sizeBytes(for: slot, ageDays: ageDays) : 0
        let duration = Int64(rng.int(in: 4 * 60...40 * 60)) + size / (400 * 1_048_576)
        let end: Int64? = slot.outcome == .running ? nil : slot.start + (succeeded ? duration : Int64(rng.int(in: 30...600)))
        let downloadable = succeeded && slot.method != "Snapshot" && !(slot.method == "Physical" && rng.chance(3))
        let isMySQL = plan.engine == "MySQL"
        let links: [RDSDatabaseLinkRecord] = downloadable
            ? slot.databases.map { database in
                RDSDatabaseLinkRecord(database: database,
                                      downloadPath: path("download", id, database: database),
                                      intranetDownloadPath: path("download-internal", id, database: database))
            }
            : []
        let metaStatus = switch slot.outcome {
        case .failed: "EMPTY"
        case .running: ""
        case .success: isMySQL && slot.method == "Physical" ? (rng.chance(2) ? "LARGE" : "OK") : ""
        }
        let retentionDays: Int64 = ageDays > 180 ? 1_095 : max(30, historyDays + 7)
        let status = switch slot.outcome {
        case .success: "Success"
        case .failed: "Failed"
        case .running: "Running"
        }
        // Downloadable sets are served as real, small files (`DownloadContent`): report their size and CRC-64.
        // The random draws above still happen, so the rest of the dataset does not shift.
        let randomChecksum = String(rng.int(in: 1...9)) + String(rng.next() % 10_000_000_000_000_000_000).leftPadded(to: 19)
        let contentKey = DownloadContent.rdsSetKey(instanceID: instanceID, backupID: id)
        let servedSize = downloadable ? Int64(DownloadContent.size(forKey: contentKey, in: DownloadContent.rdsSetSizes)) : size
        return RDSBackupRecord(
            id: id, instanceID: instanceID,
            hostInstanceID: hostIDs[slot.method == "Logical" || rng.chance(10) ? 0 : 1],
            status: status,
            mode: slot.mode, type: slot.type, method: slot.method,
            initiator: slot.mode == "Manual" ? "User" : "System",
            startTime: slot.start, endTime: end, sizeBytes: servedSize,
            consistentTime: succeeded && isMySQL && slot.method == "Physical" ? (end ?? slot.start) - Int64(rng.int(in: 1...30)) : 0,
            isAvailable: downloadable || (succeeded && slot.method == "Snapshot"),
            storageClass: ageDays > 180 ? "1" : "0",
            copyOnlyBackup: slot.copyOnly ? "1" : "0",
            storeStatus: slot.mode == "Manual" ? "Enabled" : "Disabled",
            metaStatus: metaStatus, encryption: slot.encryption,
            fixedChecksum: randomChecksum,
            engine: plan.engine, engineVersion: plan.version,
            expectExpireTime: slot.start + retentionDays * 86_400,
            downloadPath: downloadable ? path("download", id, database: nil) : nil,
            intranetDownloadPath: downloadable ? path("download-internal", id, database: nil) : nil,
            databaseLinks: links)
    }

    private var historyDays: Int64 {
        switch plan.recipe {
        case .big(let count): Int64(count / 8 + 1)
        case .hourly(let count): Int64(count / 24 + 1)
        case .logicalMix(let days, _), .physicalDaily(let days), .sqlServer(let days, _): Int64(days)
        case .none: 0
        }
    }

    /// Sizes grow slowly towards today; incrementals and differentials are a small fraction of a full.
    private mutating func sizeBytes(for slot: Slot, ageDays: Int64) -> Int64 {
        let gib: Int64 = 1 << 30
        let fullBase: Int64 = switch plan.recipe {
        case .big, .hourly: 48 * gib
        case .logicalMix: 6 * gib
        case .physicalDaily: 20 * gib
        case .sqlServer: 3 * gib
        case .none: gib
        }
        let shrink = max(0.4, 1.0 - Double(ageDays) * 0.0005)
        var size = Int64(Double(fullBase) * shrink)
        if slot.type == "IncrementalBackup" { size /= Int64(rng.int(in: 20...120)) }
        if slot.method == "Logical" { size /= 5 }
        if slot.copyOnly { size /= Int64(max(1, slot.databases.count)) }
        return size + Int64(rng.int(in: 0...64 * 1_048_576))
    }

    /// `/download/<instance>/<backup>.tar.gz?Expires=…&OSSAccessKeyId=…&Signature=…[&dbList=…]`.
    private func path(_ root: String, _ backupID: String, database: String?) -> String {
        let expires = nowUnix + 86_400
        var signer = SplitMix64(seed: StableHash.fnv1a64("\(root)/\(instanceID)/\(backupID)/\(database ?? "")"))
        let signatureBytes = (0..<20).map { _ in UInt8(truncatingIfNeeded: signer.next()) }
        let signature = Data(signatureBytes).base64EncodedString()
        var text = "/\(root)/\(instanceID)/\(backupID).tar.gz?Expires=\(expires)"
            + "&OSSAccessKeyId=LTAI5tEmuLatorOssKey&Signature=\(Percent.encode(signature))"
        if let database { text += "&dbList=\(Percent.encode(database))" }
        return text
    }
}
