import Foundation

/// The StarRocks part of the emulator's dataset: instances and their backup tasks, all derived from
/// `EmulatorOptions.seed` and `.now` (same inputs ⇒ byte-identical responses).
///
/// **Instances** (listed by `DescribeInstances` in this order, ids `c-` + 16 lower-case hex digits):
///
/// | region | name | run mode | tasks |
/// |---|---|---|---|
/// | cn-hangzhou | `实时数仓 生产` | shared_data (FE + CN) | 37 daily tasks, 4 databases × 6–12 tables each (24–48 subtasks); the newest `RUNNING` with subtasks part done, one `FAILED` |
/// | cn-hangzhou | `离线分析集群` | shared_nothing (FE + BE, local SSD) | 14 tasks every other day, 3 databases; one task's `Description` holds an ANSI escape |
/// | cn-hangzhou | `测试␇集群` (a BEL in the name) | shared_data, trial | 12 tasks, 2 databases; one `FAILED` |
/// | cn-hangzhou | `空集群` | shared_nothing | none |
/// | cn-shanghai | `上海灾备` | shared_nothing | 8 tasks |
/// | the options' region, if neither of the above | `<region> 数仓` | shared_data | 11 tasks |
/// | cn-hangzhou, last, only with `benchBackups` > 0 | `基准测试 StarRocks` | shared_data | exactly `benchBackups` `COMPLETED` tasks, one an hour back from `now`, 6–12 subtasks each |
///
/// **Tasks**, newest first per instance, every field of the SDK model
/// (`reference/schemas/starrocks_DescribeBackups.txt`). Conventions, following the vendor's page:
/// - task times (`BackupStartTime`, `BackupFinishedTime`, `ExpireTime`) are Unix **milliseconds**; subtask times
///   are Unix **seconds**; unfinished times are 0;
/// - sizes are whole GiB; a task's `Size` is the sum of its subtasks';
/// - task `Status` is `COMPLETED`, `RUNNING` or `FAILED`; subtask `Status` is `success`, `running`, `pending`,
///   `failed` or `cancelled`;
/// - `BackupType` is the documented code `"1"` (consistent) or `"0"` (fast, the manual tasks), and on every
///   fifth task the word `"FullBackup"` as in the vendor's example;
/// - `DiskNumber` and `ResidentNodeNumber` are strings; `LocalStorageInstanceType` is the text `"null"` unless the
///   spec is local SSD.
public struct StarRocksDataset: Sendable {
    public let instances: [StarRocksDatasetInstance]
    private let tasksByInstance: [String: [StarRocksDatasetTask]]
    /// The instance with exactly `EmulatorOptions.benchBackups` tasks; nil when that option is 0.
    public let benchInstanceID: String?

    /// Tasks of one instance, newest first; nil for an unknown instance.
    public func tasks(of instanceID: String) -> [StarRocksDatasetTask]? {
        tasksByInstance[instanceID]
    }

    public func instances(inRegion region: String) -> [StarRocksDatasetInstance] {
        instances.filter { $0.regionID == region }
    }

    /// The instance with the most tasks (the one worth paging through).
    public var busiestInstanceID: String {
        instances.max { (tasksByInstance[$0.id]?.count ?? 0) < (tasksByInstance[$1.id]?.count ?? 0) }?.id ?? ""
    }

    init(seed: UInt64, now: Date, extraRegion: String, benchBackups: Int = 0) {
        let nowUnix = UTCTime.unix(now)
        var plans: [Plan] = [
            Plan(region: "cn-hangzhou", name: "实时数仓 生产", runMode: "shared_data", specType: "standard",
                 version: ("3.3", "3.3.13-1.0-1.7.2"), packageType: "official", payType: "prePaid",
                 tasks: 37, everyDays: 1, databases: ["ods_订单", "dwd_用户行为", "ads_报表", "dim_维度"],
                 failedAt: [9]),
            Plan(region: "cn-hangzhou", name: "离线分析集群", runMode: "shared_nothing", specType: "localSSD",
                 version: ("3.2", "3.2.11-1.0-1.6.4"), packageType: "official", payType: "postPaid",
                 tasks: 14, everyDays: 2, databases: ["warehouse", "日志库", "user_profile"], failedAt: [],
                 escapeInDescriptionAt: 3),
            Plan(region: "cn-hangzhou", name: "测试\u{07}集群", runMode: "shared_data", specType: "ramEnhanced",
                 version: ("3.3", "3.3.9-1.0-1.7.0"), packageType: "trial", payType: "postPaid",
                 tasks: 12, everyDays: 1, databases: ["test_db", "临时库"], failedAt: [4]),
            Plan(region: "cn-hangzhou", name: "空集群", runMode: "shared_nothing", specType: "standard",
                 version: ("3.3", "3.3.13-1.0-1.7.2"), packageType: "official", payType: "postPaid",
                 tasks: 0, everyDays: 1, databases: [], failedAt: []),
            Plan(region: "cn-shanghai", name: "上海灾备", runMode: "shared_nothing", specType: "standard",
                 version: ("3.2", "3.2.11-1.0-1.6.4"), packageType: "official", payType: "prePaid",
                 tasks: 8, everyDays: 3, databases: ["orders", "财务"], failedAt: []),
        ]
        if extraRegion != "cn-hangzhou", extraRegion != "cn-shanghai" {
            plans.append(Plan(region: extraRegion, name: "\(extraRegion) 数仓", runMode: "shared_data",
                              specType: "standard", version: ("3.3", "3.3.13-1.0-1.7.2"), packageType: "official",
                              payType: "postPaid", tasks: 11, everyDays: 1, databases: ["ods", "报表"],
                              failedAt: [5]))
        }
        if benchBackups > 0 {
            plans.append(Plan(region: "cn-hangzhou", name: "基准测试 StarRocks", runMode: "shared_data",
                              specType: "standard", version: ("3.3", "3.3.13-1.0-1.7.2"), packageType: "official",
                              payType: "postPaid", tasks: benchBackups, everyDays: 1, databases: ["基准库"],
                              failedAt: [], hourlyCompleted: true))
        }
        var instances: [StarRocksDatasetInstance] = []
        var tasks: [String: [StarRocksDatasetTask]] = [:]
        var usedIDs = Set<String>()
        for (index, plan) in plans.enumerated() {
            var rng = SplitMix64.stream(seed: seed, label: "starrocks/instance/\(index)")
            var id = "c-" + rng.string(count: 16, alphabet: Self.hexAlphabet)
            while usedIDs.contains(id) { id = "c-" + rng.string(count: 16, alphabet: Self.hexAlphabet) }
            usedIDs.insert(id)
            let instance = Self.instance(plan: plan, id: id, nowUnix: nowUnix, rng: &rng)
            instances.append(instance)
            var taskRNG = SplitMix64.stream(seed: seed, label: "starrocks/tasks/\(index)")
            tasks[id] = Self.tasks(plan: plan, instance: instance, nowUnix: nowUnix, rng: &taskRNG)
        }
        self.instances = instances
        tasksByInstance = tasks
        benchInstanceID = benchBackups > 0 ? instances.last?.id : nil
    }

    static let hexAlphabet = Array("0123456789abcdef")

    /// What to generate for one instance.
    struct Plan {
        let region: String
        let name: String
        let runMode: String
        let specType: String
        let version: (major: String, minor: String)
        let packageType: String
        let payType: String
        let tasks: Int
        let everyDays: Int
        let databases: [String]
        /// Positions (0 = newest) of tasks that failed.
        let failedAt: Set<Int>
        var escapeInDescriptionAt: Int?
        /// Every task `COMPLETED`, one an hour back from now (the bench instance); `everyDays` is then unused.
        var hourlyCompleted = false
    }

    private static func instance(
        plan: Plan, id: String, nowUnix: Int64, rng: inout SplitMix64
    ) -> StarRocksDatasetInstance {
        let created = nowUnix - Int64(plan.tasks * plan.everyDays + rng.int(in: 20...200)) * 86_400
        let groups: [StarRocksDatasetNodeGroup]
        if plan.runMode == "shared_data" {
            groups = [
                StarRocksDatasetNodeGroup(component: "FE", cu: 8, storageGiB: 100, performanceLevel: "pl1",
                                          disks: 1, nodes: 3, specType: "standard", localStorageType: nil),
                StarRocksDatasetNodeGroup(component: "CN", cu: 16 * rng.int(in: 1...4), storageGiB: 400,
                                          performanceLevel: "pl1", disks: 1, nodes: rng.int(in: 2...6),
                                          specType: plan.specType, localStorageType: nil),
            ]
        } else {
            let local = plan.specType == "localSSD"
            groups = [
                StarRocksDatasetNodeGroup(component: "FE", cu: 8, storageGiB: 100, performanceLevel: "pl1",
                                          disks: 1, nodes: 3, specType: "standard", localStorageType: nil),
                StarRocksDatasetNodeGroup(component: "BE", cu: 32, storageGiB: local ? 1_788 : 800,
                                          performanceLevel: local ? "" : "pl2", disks: local ? 2 : 4,
                                          nodes: rng.int(in: 3...5), specType: plan.specType,
                                          localStorageType: local ? "ecs.i4.8xlarge" : nil),
            ]
        }
        return StarRocksDatasetInstance(
            id: id, name: plan.name, status: "running", regionID: plan.region, zoneID: "\(plan.region)-h",
            version: plan.version.major, minorVersion: plan.version.minor, runMode: plan.runMode,
            specType: plan.specType, packageType: plan.packageType, payType: plan.payType,
            resourceGroupID: "rg-aek" + rng.string(count: 12, alphabet: hexAlphabet),
            vpcID: "vpc-bp1" + rng.string(count: 18, alphabet: hexAlphabet),
            vSwitchID: "vsw-bp1" + rng.string(count: 18, alphabet: hexAlphabet),
            createdMillis: created * 1000,
            expireMillis: plan.payType == "prePaid" ? (nowUnix + Int64(rng.int(in: 30...300)) * 86_400) * 1000 : 0,
            runningSeconds: nowUnix - created, nodeGroups: groups,
            tags: [("env", plan.packageType == "trial" ? "测试" : "生产"), ("team", "数据平台")])
    }

    /// Newest first: task `position` 0 started today at ~02:00 UTC+8 and is still running.
    private static func tasks(
        plan: Plan, instance: StarRocksDatasetInstance, nowUnix: Int64, rng: inout SplitMix64
    ) -> [StarRocksDatasetTask] {
        guard plan.tasks > 0 else { return [] }
        let tablesPerDatabase = plan.databases.map { _ in rng.int(in: 6...12) }
        let localOffset: Int64 = 8 * 3600
        let localNow = nowUnix + localOffset
        let todayMidnight = localNow - ((localNow % 86_400) + 86_400) % 86_400 - localOffset
        var result: [StarRocksDatasetTask] = []
        for position in 0..<plan.tasks {
            var start = todayMidnight - Int64(position * plan.everyDays) * 86_400 + 2 * 3600
                + Int64(rng.int(in: 0...1_500))
            if start > nowUnix { start = nowUnix - Int64(rng.int(in: 600...3_000)) }
            if plan.hourlyCompleted { start = nowUnix - Int64(position + 1) * 3_600 - Int64(rng.int(in: 0...600)) }
            let manual = position % 6 == 5
            let outcome: TaskOutcome = plan.hourlyCompleted ? .completed
                : position == 0 ? .running : (plan.failedAt.contains(position) ? .failed : .completed)
            let taskID = "bt-" + rng.string(count: 12, alphabet: Array("abcdefghijklmnopqrstuvwxyz0123456789"))
            let snapshotName = UTCTime.seconds(start + localOffset).prefix(10) + (manual ? "_manual" : "_backup")
            var subtasks: [StarRocksDatasetSubtask] = []
            var clock = start + Int64(rng.int(in: 5...30))
            var failureIndex: Int?
            let subtaskCount = tablesPerDatabase.reduce(0, +)
            if outcome == .failed { failureIndex = rng.int(in: 1...max(subtaskCount - 2, 1)) }
            let runningIndex = outcome == .running ? subtaskCount / 2 : nil
            var ordinal = 0
            for (databaseIndex, database) in plan.databases.enumerated() {
                for table in 0..<tablesPerDatabase[databaseIndex] {
                    let duration = Int64(rng.int(in: 20...900))
                    let size = rng.int(in: 0...40)
                    let state: String
                    if let failureIndex, ordinal >= failureIndex {
                        state = ordinal == failureIndex ? "failed" : "cancelled"
                    } else if let runningIndex, ordinal >= runningIndex {
                        state = ordinal == runningIndex ? "running" : "pending"
                    } else {
                        state = "success"
                    }
                    let started = state == "pending" || state == "cancelled" ? 0 : clock
                    let finished = state == "success" || state == "failed" ? clock + duration : 0
                    let detail: String
                    switch state {
                    case "success": detail = "[\"\(started)\(String(ordinal).leftPadded(to: 3))\"]"
                    case "failed": detail = "backup failed: tablet \(rng.int(in: 10_000...99_999)) has no healthy replica (副本不可用)"
                    default: detail = "[]"
                    }
                    subtasks.append(StarRocksDatasetSubtask(
                        database: database, table: Self.tableName(database: database, index: table),
                        snapshotName: String(snapshotName), status: state,
                        sizeGiB: state == "success" ? size : 0, startSeconds: started, finishedSeconds: finished,
                        detail: detail))
                    if finished > 0 { clock = finished + Int64(rng.int(in: 1...20)) }
                    ordinal += 1
                }
            }
            let finishedMillis: Int64 = outcome == .running ? 0 : (clock + Int64(rng.int(in: 5...60))) * 1000
            var description = manual ? "手动备份 before release \(position)" : "每日自动备份"
            if plan.escapeInDescriptionAt == position {
                // A value a terminal must not interpret: the UI's sanitiser has to show it escaped.
                description = "\u{1B}[31m紧急\u{1B}[0m manual backup\tbefore 扩容"
            }
            let backupType = position % 5 == 4 ? "FullBackup" : (manual ? "0" : "1")
            let retentionDays = Int64(manual ? 30 : 7)
            result.append(StarRocksDatasetTask(
                id: taskID, instanceID: instance.id, regionID: instance.regionID, backupType: backupType,
                status: outcome.rawValue, description: description,
                sizeGiB: subtasks.reduce(0) { $0 + $1.sizeGiB }, startMillis: start * 1000,
                finishedMillis: finishedMillis, expireMillis: (start + retentionDays * 86_400) * 1000,
                subtasks: subtasks))
        }
        return result
    }

    private enum TaskOutcome: String { case completed = "COMPLETED", running = "RUNNING", failed = "FAILED" }

    private static let tableStems = ["orders", "订单明细", "user_events", "用户画像", "payments", "库存快照",
                                     "sessions", "商品", "refunds", "日志", "coupons", "地址"]

    static func tableName(database: String, index: Int) -> String {
        let stem = tableStems[index % tableStems.count]
        return index < tableStems.count ? "t_\(stem)" : "t_\(stem)_\(index)"
    }
}

/// One StarRocks instance as `DescribeInstances` lists it (and as task snapshots copy it).
public struct StarRocksDatasetInstance: Sendable {
    public let id: String
    public let name: String
    public let status: String
    public let regionID: String
    public let zoneID: String
    public let version: String
    public let minorVersion: String
    public let runMode: String
    public let specType: String
    public let packageType: String
    public let payType: String
    public let resourceGroupID: String
    public let vpcID: String
    public let vSwitchID: String
    /// Unix milliseconds.
    public let createdMillis: Int64
    /// Unix milliseconds; 0 for pay-as-you-go.
    public let expireMillis: Int64
    public let runningSeconds: Int64
    public let nodeGroups: [StarRocksDatasetNodeGroup]
    public let tags: [(key: String, value: String)]
}

/// One compute group of an instance.
public struct StarRocksDatasetNodeGroup: Sendable {
    public let component: String
    public let cu: Int
    public let storageGiB: Int
    public let performanceLevel: String
    public let disks: Int
    public let nodes: Int
    public let specType: String
    public let localStorageType: String?
}

/// One backup task.
public struct StarRocksDatasetTask: Sendable {
    public let id: String
    public let instanceID: String
    public let regionID: String
    public let backupType: String
    /// `COMPLETED`, `RUNNING` or `FAILED`.
    public let status: String
    public let description: String
    public let sizeGiB: Int
    public let startMillis: Int64
    /// 0 while running.
    public let finishedMillis: Int64
    public let expireMillis: Int64
    public let subtasks: [StarRocksDatasetSubtask]
}

/// One subtask: the backup of one table.
public struct StarRocksDatasetSubtask: Sendable {
    public let database: String
    public let table: String
    public let snapshotName: String
    public let status: String
    public let sizeGiB: Int
    /// Unix seconds; 0 when not started / not finished.
    public let startSeconds: Int64
    public let finishedSeconds: Int64
    public let detail: String
}
