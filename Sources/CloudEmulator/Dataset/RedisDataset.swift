import BackupModel
import CloudAPI
import Foundation

/// One Redis/Tair instance as `DescribeInstances` lists it.
public struct RedisInstanceRecord: Sendable, Hashable {
    public let id: String
    public let name: String
    public let regionID: String
    public let zoneID: String
    public let status: String
    /// `Redis` or `Tair`.
    public let instanceType: String
    public let engineVersion: String
    /// `cluster` or `standard`.
    public let architectureType: String
    /// `Community` or `Enterprise`.
    public let editionType: String
    public let instanceClass: String
    public let shardCount: Int
    /// Memory of one shard, MB; `Capacity` is this × `shardCount`.
    public let shardMemoryMB: Int
    public let chargeType: String
    /// Unix seconds.
    public let createTime: Int64
    /// Unix seconds; nil for pay-as-you-go (the wire shows an empty string).
    public let endTime: Int64?
    public let vpcID: String
    public let vSwitchID: String
    public let resourceGroupID: String

    public var capacityMB: Int { shardMemoryMB * shardCount }
}

/// One cluster backup as `DescribeClusterBackupList` returns it.
public struct RedisClusterBackupRecord: Sendable, Hashable {
    /// `cb-` + 16 lower-case alphanumerics.
    public let id: String
    public let instanceID: String
    /// `OK`, `RUNNING` or `Failed`.
    public let status: String
    /// `Automated` or `Manual`.
    public let mode: String
    /// Unix seconds.
    public let startTime: Int64
    /// Unix seconds; nil while running (the wire shows an empty string).
    public let endTime: Int64?
    public let isAvailable: Bool
    public let shardMemoryMB: Int
    /// Unix seconds; sent in the minute form.
    public let expectExpireTime: Int64
    /// `"37%"` while running, else nil (the field is left out).
    public let progress: String?
    public let nodes: [RedisNodeBackupRecord]

    /// The cluster backup's size: the sum of its node files, in bytes.
    public var sizeBytes: Int64 { nodes.reduce(0) { $0 + $1.sizeBytes } }
}

/// One node (shard) backup file inside a cluster backup.
public struct RedisNodeBackupRecord: Sendable, Hashable {
    /// Nine digits, as the vendor's (`514645788`).
    public let id: String
    /// `hins<node>_data_<yyyyMMddHHmmss>.rdb`; sent as both `InstanceName` and `BackupName`.
    public let fileName: String
    /// `OK`, `ERROR`, or `RUNNING` for a node still being written (this emulator's word; the API documents OK/ERROR).
    public let status: String
    /// Unix seconds.
    public let startTime: Int64
    /// Unix seconds; nil while running.
    public let endTime: Int64?
    public let sizeBytes: Int64
    public let isAvailable: Bool
    public let engineVersion: String
    /// Path and query of the public download link (prefixed with the emulator's base URL when served); nil when
    /// the file cannot be downloaded (the wire shows "").
    public let downloadPath: String?
    public let intranetDownloadPath: String?
}

/// The Redis/Tair part of the emulator's dataset, derived from `EmulatorOptions.seed` and `.now` only.
///
/// **Instances** (listed by `DescribeInstances` in this order, ids `r-` + 18 lower-case alphanumerics):
///
/// | region | name | type | history (one cluster backup a day at ~03:00 local time) |
/// |---|---|---|---|
/// | cn-hangzhou | `订单缓存集群` | Redis 7.0 cluster, 8 shards × 4 GB | 120 days, plus a manual backup every 9 days; one failed (a node `ERROR`); the newest `RUNNING` at 37 % |
/// | cn-hangzhou | `会话存储 Tair 集群` | Tair 7.0 cluster (Enterprise), 16 shards × 2 GB | 30 days |
/// | cn-hangzhou | `风控特征 ESC]0;pwned BEL 缓存` (an OSC escape and a BEL in the name) | Redis 6.0 cluster, 2 shards × 1 GB | 45 days; one failed; the newest `RUNNING` at 80 % |
/// | cn-hangzhou | `配置中心 标准版` | Redis 5.0 standard, 1 shard × 2 GB | 20 days, one node per backup |
/// | cn-hangzhou | `新建集群（无备份）` | Redis 7.0 cluster, 4 shards × 1 GB, `Creating` | none |
/// | cn-shanghai | `上海 排行榜集群` | Redis 7.0 cluster, 4 shards × 8 GB | 14 days |
/// | the options' region, if neither of the above | `<region> 缓存集群`, `<region> 标准版` | cluster of 4 shards, standard | 30 and 10 days |
/// | cn-hangzhou, last, only with `benchBackups` > 0 | `基准测试集群` | Redis 7.0 cluster, 2 shards × 2 GB | exactly `benchBackups` successful backups, one an hour back from `now` |
///
/// Wire conventions copied from the vendor's example: sizes and node `IsAvail` are strings, cluster `IsAvail` an
/// int, node `BackupEndTime` has no zone (`2024-01-09T17:21:57`), `ExpectExpireTime` is in the minute form,
/// `Progress` is sent only while running. Failed nodes have size 0, `IsAvail` "0" and no download URLs. Node files
/// are served at their links as small deterministic files (`DownloadContent`, 8–64 KiB) whose size is the one reported.
public struct RedisDataset: Sendable {
    public let instances: [RedisInstanceRecord]
    /// The instance with the longest history (more than four pages of 30).
    public let bigInstanceID: String
    /// The instance with exactly `EmulatorOptions.benchBackups` backups; nil when that option is 0.
    public let benchInstanceID: String?
    private let backupsByInstance: [String: [RedisClusterBackupRecord]]

    /// Cluster backups of one instance, newest first; nil for an unknown instance.
    public func backups(of instanceID: String) -> [RedisClusterBackupRecord]? {
        backupsByInstance[instanceID]
    }

    public func instances(inRegion region: String) -> [RedisInstanceRecord] {
        instances.filter { $0.regionID == region }
    }

    struct Plan {
        let region: String
        let zoneSuffix: String
        let name: String
        let type: String
        let version: String
        let architecture: String
        let edition: String
        let shards: Int
        let shardMemoryMB: Int
        let status: String
        let chargeType: String
        let days: Int
        let manualEveryDays: Int?
        let failedDaysAgo: Int?
        let runningProgress: String?
        /// When set, the history is exactly this many successful automated backups an hour apart (not `days`).
        var hourlyBackups: Int?
    }

    init(seed: UInt64, now: Date, extraRegion: String, benchBackups: Int = 0) {
        let nowUnix = UTCTime.unix(now)
        var plans: [Plan] = [
            Plan(region: "cn-hangzhou", zoneSuffix: "h", name: "订单缓存集群", type: "Redis", version: "7.0",
                 architecture: "cluster", edition: "Community", shards: 8, shardMemoryMB: 4_096, status: "Normal",
                 chargeType: "PrePaid", days: 120, manualEveryDays: 9, failedDaysAgo: 17, runningProgress: "37%"),
            Plan(region: "cn-hangzhou", zoneSuffix: "i", name: "会话存储 Tair 集群", type: "Tair", version: "7.0",
                 architecture: "cluster", edition: "Enterprise", shards: 16, shardMemoryMB: 2_048, status: "Normal",
                 chargeType: "PostPaid", days: 30, manualEveryDays: nil, failedDaysAgo: nil, runningProgress: nil),
            Plan(region: "cn-hangzhou", zoneSuffix: "j", name: "风控特征\u{1B}]0;pwned\u{07}缓存", type: "Redis",
                 version: "6.0", architecture: "cluster", edition: "Community", shards: 2, shardMemoryMB: 1_024,
                 status: "Normal", chargeType: "PostPaid", days: 45, manualEveryDays: nil, failedDaysAgo: 5,
                 runningProgress: "80%"),
            Plan(region: "cn-hangzhou", zoneSuffix: "h", name: "配置中心 标准版", type: "Redis", version: "5.0",
                 architecture: "standard", edition: "Community", shards: 1, shardMemoryMB: 2_048, status: "Normal",
                 chargeType: "PostPaid", days: 20, manualEveryDays: nil, failedDaysAgo: nil, runningProgress: nil),
            Plan(region: "cn-hangzhou", zoneSuffix: "k", name: "新建集群（无备份）", type: "Redis", version: "7.0",
                 architecture: "cluster", edition: "Community", shards: 4, shardMemoryMB: 1_024, status: "Creating",
                 chargeType: "PostPaid", days: 0, manualEveryDays: nil, failedDaysAgo: nil, runningProgress: nil),
            Plan(region: "cn-shanghai", zoneSuffix: "l", name: "上海 排行榜集群", type: "Redis", version: "7.0",
                 architecture: "cluster", edition: "Community", shards: 4, shardMemoryMB: 8_192, status: "Normal",
                 chargeType: "PrePaid", days: 14, manualEveryDays: nil, failedDaysAgo: nil, runningProgress: nil),
        ]
        if extraRegion != "cn-hangzhou", extraRegion != "cn-shanghai" {
            plans.append(Plan(region: extraRegion, zoneSuffix: "a", name: "\(extraRegion) 缓存集群", type: "Redis",
                              version: "7.0", architecture: "cluster", edition: "Community", shards: 4,
                              shardMemoryMB: 2_048, status: "Normal", chargeType: "PostPaid", days: 30,
                              manualEveryDays: 7, failedDaysAgo: nil, runningProgress: nil))
            plans.append(Plan(region: extraRegion, zoneSuffix: "b", name: "\(extraRegion) 标准版", type: "Redis",
                              version: "6.0", architecture: "standard", edition: "Community", shards: 1,
                              shardMemoryMB: 1_024, status: "Normal", chargeType: "PostPaid", days: 10,
                              manualEveryDays: nil, failedDaysAgo: nil, runningProgress: nil))
        }
        if benchBackups > 0 {
            plans.append(Plan(region: "cn-hangzhou", zoneSuffix: "h", name: "基准测试集群", type: "Redis", version: "7.0",
                              architecture: "cluster", edition: "Community", shards: 2, shardMemoryMB: 2_048,
                              status: "Normal", chargeType: "PostPaid", days: benchBackups / 24 + 1,
                              manualEveryDays: nil, failedDaysAgo: nil, runningProgress: nil,
                              hourlyBackups: benchBackups))
        }

        var instances: [RedisInstanceRecord] = []
        var backups: [String: [RedisClusterBackupRecord]] = [:]
        var usedIDs = Set<String>()
        for (index, plan) in plans.enumerated() {
            var rng = SplitMix64.stream(seed: seed, label: "redis/instance/\(index)")
            var id = "r-" + rng.string(count: 18, alphabet: RDSDataset.idAlphabet)
            while usedIDs.contains(id) { id = "r-" + rng.string(count: 18, alphabet: RDSDataset.idAlphabet) }
            usedIDs.insert(id)
            var builder = RedisHistoryBuilder(
                plan: plan, instanceID: id, index: index, nowUnix: nowUnix,
                rng: SplitMix64.stream(seed: seed, label: "redis/backups/\(index)"))
            let history = builder.build(usedClusterIDs: &usedIDs)
            backups[id] = history
            let oldest = history.last?.startTime ?? nowUnix - 86_400
            let created = oldest - Int64(rng.int(in: 86_400...20 * 86_400))
            instances.append(RedisInstanceRecord(
                id: id, name: plan.name, regionID: plan.region, zoneID: "\(plan.region)-\(plan.zoneSuffix)",
                status: plan.status, instanceType: plan.type, engineVersion: plan.version,
                architectureType: plan.architecture, editionType: plan.edition,
                instanceClass: Self.instanceClass(plan), shardCount: plan.shards, shardMemoryMB: plan.shardMemoryMB,
                chargeType: plan.chargeType, createTime: created,
                endTime: plan.chargeType == "PrePaid" ? nowUnix + Int64(rng.int(in: 30...330)) * 86_400 : nil,
                vpcID: "vpc-bp1" + rng.string(count: 18, alphabet: RDSDataset.idAlphabet),
                vSwitchID: "vsw-bp1" + rng.string(count: 18, alphabet: RDSDataset.idAlphabet),
                resourceGroupID: "rg-acfm" + rng.string(count: 11, alphabet: RDSDataset.idAlphabet)))
        }
        self.instances = instances
        self.backupsByInstance = backups
        self.bigInstanceID = instances.first?.id ?? ""
        self.benchInstanceID = benchBackups > 0 ? instances.last?.id : nil
    }

    private static func instanceClass(_ plan: Plan) -> String {
        let gigabytes = plan.shardMemoryMB / 1_024
        let family = plan.type == "Tair" ? "tair.rdb" : "redis"
        return plan.architecture == "cluster"
            ? "\(family).shard.with.proxy.\(gigabytes)g.\(plan.shards)s.ce"
            : "\(family).master.\(gigabytes)g.ce"
    }
}

/// Builds one instance's cluster backups oldest-first (so node ids grow with time), returned newest first.
private struct RedisHistoryBuilder {
    let plan: RedisDataset.Plan
    let instanceID: String
    let nowUnix: Int64
    var rng: SplitMix64
    private var nextNodeID: Int64
    /// One `hins…` number per shard, stable across backups (the file names carry it).
    private let nodeNumbers: [Int]
    private let localOffset: Int64

    init(plan: RedisDataset.Plan, instanceID: String, index: Int, nowUnix: Int64, rng: SplitMix64) {
        self.plan = plan
        self.instanceID = instanceID
        self.nowUnix = nowUnix
        self.rng = rng
        // Disjoint id ranges per instance keep node ids unique without a shared counter.
        self.nextNodeID = 500_000_000 + Int64(index) * 20_000_000 + Int64(self.rng.int(in: 1...9_999))
        let firstNode = self.rng.int(in: 100_000_000...109_999_000)
        self.nodeNumbers = (0..<max(plan.shards, 1)).map { firstNode + $0 * 7 }
        self.localOffset = plan.region.hasPrefix("cn-") ? 8 * 3600 : 0
    }

    struct Slot {
        var start: Int64
        var mode = "Automated"
        var failed = false
        var runningProgress: String?
    }

    mutating func build(usedClusterIDs: inout Set<String>) -> [RedisClusterBackupRecord] {
        guard plan.days > 0 else { return [] }
        var slots: [Slot]
        if let count = plan.hourlyBackups {
            slots = hourlySlots(count: count)
        } else {
            slots = dailySlots()
        }
        slots.sort { $0.start < $1.start }
        if let progress = plan.runningProgress, let newest = slots.indices.last {
            slots[newest].runningProgress = progress
            slots[newest].failed = false
        }
        var records: [RedisClusterBackupRecord] = []
        for slot in slots {
            var id = "cb-" + rng.string(count: 16, alphabet: RDSDataset.idAlphabet)
            while usedClusterIDs.contains(id) { id = "cb-" + rng.string(count: 16, alphabet: RDSDataset.idAlphabet) }
            usedClusterIDs.insert(id)
            records.append(record(id: id, slot: slot))
        }
        return records.reversed()
    }

    /// One automated backup a day at ~03:00 local time, plus the plan's manual ones.
    private mutating func dailySlots() -> [Slot] {
        var slots: [Slot] = []
        for daysAgo in 0..<plan.days {
            let midnight = localMidnight(daysAgo: daysAgo)
            var slot = Slot(start: midnight + 3 * 3600 + Int64(rng.int(in: 0...20 * 60 - 1)))
            if daysAgo == plan.failedDaysAgo { slot.failed = true }
            if slot.start <= nowUnix { slots.append(slot) }
            if let every = plan.manualEveryDays, daysAgo % every == 4 {
                var manual = Slot(start: midnight + 15 * 3600 + Int64(rng.int(in: 0...40 * 60 - 1)))
                manual.mode = "Manual"
                if manual.start <= nowUnix { slots.append(manual) }
            }
        }
        return slots
    }

    /// Exactly `count` automated backups, one an hour back from now.
    private mutating func hourlySlots(count: Int) -> [Slot] {
        (1...max(count, 1)).map { hoursAgo in
            Slot(start: nowUnix - Int64(hoursAgo) * 3600 + Int64(rng.int(in: 0...10 * 60 - 1)))
        }
    }

    private func localMidnight(daysAgo: Int) -> Int64 {
        let localNow = nowUnix + localOffset
        let today = localNow - ((localNow % 86_400) + 86_400) % 86_400
        return today - Int64(daysAgo) * 86_400 - localOffset
    }

    private mutating func record(id: String, slot: Slot) -> RedisClusterBackupRecord {
        let running = slot.runningProgress != nil
        // In a running backup the first nodes are done; in a failed one a single node failed.
        let doneNodes = running ? max(1, plan.shards / 3) : plan.shards
        let failedNode = slot.failed ? rng.int(in: 0...max(plan.shards - 1, 0)) : -1
        var nodes: [RedisNodeBackupRecord] = []
        var latestEnd = slot.start
        for shard in 0..<max(plan.shards, 1) {
            let nodeID = String(nextNodeID)
            nextNodeID += Int64(rng.int(in: 1...3))
            let nodeStart = slot.start + Int64(rng.int(in: 1...8))
            let fileName = "hins\(nodeNumbers[shard])_data_\(Self.compactTime(nodeStart)).rdb"
            let status: String
            if shard == failedNode {
                status = "ERROR"
            } else if shard >= doneNodes {
                status = "RUNNING"
            } else {
                status = "OK"
            }
            let ok = status == "OK"
            let duration = Int64(plan.shardMemoryMB / 64) + Int64(rng.int(in: 5...60))
            let end: Int64? = status == "RUNNING" ? nil : nodeStart + (ok ? duration : Int64(rng.int(in: 3...30)))
            if let end { latestEnd = max(latestEnd, end) }
            // Node files are served as real, small files (`DownloadContent`): report the served size. The random
            // draws a memory-based size once took still happen, so the rest of the dataset does not shift.
            _ = rng.int(in: 0...50)
            if ok { _ = rng.int(in: 0...65_535) }
            let contentKey = DownloadContent.redisNodeKey(instanceID: instanceID, fileName: fileName)
            let size = ok ? Int64(DownloadContent.size(forKey: contentKey, in: DownloadContent.redisNodeSizes)) : 0
            nodes.append(RedisNodeBackupRecord(
                id: nodeID, fileName: fileName, status: status, startTime: nodeStart, endTime: end, sizeBytes: size,
                isAvailable: ok, engineVersion: plan.version,
                downloadPath: ok ? path("download", fileName) : nil,
                intranetDownloadPath: ok ? path("download-internal", fileName) : nil))
        }
        let clusterStatus = running ? "RUNNING" : (slot.failed ? "Failed" : "OK")
        let retentionDays = Int64(max(plan.days + 30, 7))
        return RedisClusterBackupRecord(
            id: id, instanceID: instanceID, status: clusterStatus, mode: slot.mode, startTime: slot.start,
            endTime: running ? nil : latestEnd + Int64(rng.int(in: 1...5)),
            isAvailable: clusterStatus == "OK", shardMemoryMB: plan.shardMemoryMB,
            expectExpireTime: slot.start + retentionDays * 86_400, progress: slot.runningProgress, nodes: nodes)
    }

    /// `/download/redis/<instance>/<file>?Expires=…&OSSAccessKeyId=…&Signature=…` (the key and signature are fakes).
    private func path(_ root: String, _ fileName: String) -> String {
        var signer = SplitMix64(seed: StableHash.fnv1a64("redis/\(root)/\(instanceID)/\(fileName)"))
        let signature = Data((0..<20).map { _ in UInt8(truncatingIfNeeded: signer.next()) }).base64EncodedString()
        return "/\(root)/redis/\(instanceID)/\(fileName)?Expires=\(nowUnix + 86_400)"
            + "&OSSAccessKeyId=LTAI5tEmuLatorOssKey&Signature=\(Percent.encode(signature))"
    }

    /// `yyyyMMddHHmmss` in UTC, for file names.
    private static func compactTime(_ unix: Int64) -> String {
        let (year, month, day, hour, minute, second) = UTCCalendar.fields(unixSeconds: Int(unix))
        return [year, month, day, hour, minute, second].enumerated()
            .map { String($0.element).leftPadded(to: $0.offset == 0 ? 4 : 2) }.joined()
    }
}
