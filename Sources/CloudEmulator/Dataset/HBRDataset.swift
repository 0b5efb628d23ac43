import Foundation

/// One HBR backup vault as `DescribeVaults` lists it.
public struct HBRVaultFixture: Sendable, Hashable {
    /// `v-000` + 19 lower-case alphanumerics.
    public let id: String
    public let name: String
    public let regionID: String
    /// `STANDARD` or `OTS_BACKUP`.
    public let vaultType: String
    /// `STANDARD` or `ARCHIVE`.
    public let storageClass: String
    /// `CREATED`, `INITIALIZING`, …
    public let status: String
    public let description: String
    public let createdTime: Int64
    public let updatedTime: Int64
    public let sourceTypes: [String]
    public let tags: [HBRTag]
    public let resourceGroupID: String
    /// Sum of the vault's finished jobs' `ActualBytes`.
    public let storageSize: Int64
    public let bytesDone: Int64
}

public struct HBRTag: Sendable, Hashable {
    public let key: String
    public let value: String
}

/// One backup job as `DescribeBackupJobs2` returns it. Times are Unix seconds, 0 for "not yet".
public struct HBRJobFixture: Sendable, Hashable {
    /// `job-000` + 17 lower-case alphanumerics.
    public let id: String
    public let name: String
    public let vaultID: String
    public let regionID: String
    public let sourceType: String
    public let status: String
    public let planID: String
    public let clientID: String
    public let instanceID: String
    public let instanceName: String
    public let bucket: String
    public let prefix: String
    public let fileSystemID: String
    public let fileSystemCreated: Int64
    public let paths: [String]
    /// JSON text, as the API sends it.
    public let include: String
    public let exclude: String
    public let options: String
    public let speedLimit: String
    public let createdTime: Int64
    public let startTime: Int64
    public let completeTime: Int64
    public let updatedTime: Int64
    public let bytesTotal: Int64
    public let bytesDone: Int64
    public let actualBytes: Int64
    /// KB/s.
    public let speed: Int64
    public let itemsTotal: Int64
    public let itemsDone: Int64
    public let actualItems: Int64
    /// 0–10000.
    public let progress: Int64
    public let errorMessage: String
    /// Tablestore tables (OTS).
    public let tableNames: [String]
    /// ECS instance backup (UDM_ECS).
    public let snapshot: HBRSnapshotFixture?
    /// The UDM_ECS job a UDM_ECS_DISK sub-job belongs to (the `ParentId` filter); not sent in the record.
    public let parentID: String
    /// `SELF_ACCOUNT` or `CROSS_ACCOUNT`.
    public let crossAccountType: String
    public let crossAccountUserID: Int64
    public let crossAccountRoleName: String
    /// Data synchronisation (SYNC) destination.
    public let destSourceType: String
    public let destDataSourceID: String
    public let destDataSourceDetail: String
    public let changeListPath: String
}

public struct HBRSnapshotFixture: Sendable, Hashable {
    public let nativeSnapshotID: String
    public let doCopy: Bool
    public let destinationSnapshotID: String
    public let destinationNativeSnapshotID: String
    public let destinationNativeSnapshotStatus: String
    public let destinationNativeSnapshotProgress: Int64
    public let destinationNativeSnapshotErrorMessage: String
    public let destinationRetention: Int64
    public let diskSnapshotIDs: [String]
}

/// The HBR part of the emulator's dataset, derived from `EmulatorOptions.seed` and `.now` only.
///
/// **Vaults** (listed by `DescribeVaults` in this order):
///
/// | region | name | jobs |
/// |---|---|---|
/// | cn-hangzhou | `生产文件备份库` | the **big** vault: 260 ECS_FILE jobs from three ECS clients, every job status (the two newest `RUNNING` with partial progress, then `QUEUED`, `CREATED`, `CANCELING`, `CANCELED`, `EXPIRED`, `PARTIAL_COMPLETE`, `FAILED`; then ~90 % `COMPLETE`) |
/// | cn-hangzhou | `对象存储归档库` | 60 OSS jobs (bucket + prefix) and 25 ECS_FILE jobs |
/// | cn-hangzhou | `NAS 共享盘备份` | 40 NAS jobs (file system, `CreateTime`) and 14 ECS_FILE jobs |
/// | cn-hangzhou | `表格存储 OTS 库` (OTS_BACKUP) | 30 OTS jobs with `OtsDetail.TableNames` |
/// | cn-hangzhou | `整机备份 UDM` | 30 UDM_ECS jobs with the ECS snapshot `Detail`, each with two UDM_ECS_DISK sub-jobs (`ParentId`) |
/// | cn-hangzhou | `测试ESC[31m红色ESC[0m库` (an ANSI escape in the name) | 5 ECS_FILE jobs, one whose `ErrorMessage` holds an escape and a BEL |
/// | cn-hangzhou | `跨账号备份库` | 12 ECS_FILE jobs backed up `CROSS_ACCOUNT` |
/// | cn-hangzhou | `数据同步库` | 8 SYNC jobs (`DestSourceType`, `DestDataSourceDetail`, `ChangeListPath`) |
/// | cn-hangzhou | `空库（无任务）` | none |
/// | cn-hangzhou | `日志归档库` | 20 ECS_FILE jobs |
/// | cn-hangzhou | `初始化中的库` (status `INITIALIZING`) | none |
/// | cn-hangzhou | `冷备份 Archive` (storage class ARCHIVE) | 3 ECS_FILE jobs |
/// | cn-shanghai | `上海异地复制库` | 10 ECS_FILE jobs |
/// | the options' region, if neither of the above | `<region> 文件备份库` | 30 ECS_FILE jobs |
/// | cn-hangzhou, last, only with `benchBackups` > 0 | `基准测试库` | exactly `benchBackups` `COMPLETE` ECS_FILE jobs, one an hour back from `now` |
///
/// Jobs are laid out backwards from `now`; the newest job of each vault and source type is `RUNNING` with partial
/// progress, the rest mostly `COMPLETE`. Sizes are bytes, `Speed` KB/s, `Progress` 0–10000.
public struct HBRDataset: Sendable {
    public let vaults: [HBRVaultFixture]
    /// Every job, newest first within each vault.
    public let jobs: [HBRJobFixture]
    /// The vault with the most jobs (apart from the bench vault).
    public let bigVaultID: String
    /// The vault with exactly `EmulatorOptions.benchBackups` jobs; nil when that option is 0.
    public let benchVaultID: String?

    public func vaults(inRegion region: String) -> [HBRVaultFixture] { vaults.filter { $0.regionID == region } }

    public func jobs(inVault vaultID: String, sourceType: String) -> [HBRJobFixture] {
        jobs.filter { $0.vaultID == vaultID && $0.sourceType == sourceType }
    }

    struct VaultPlan {
        let region: String
        let name: String
        var vaultType = "STANDARD"
        var storageClass = "STANDARD"
        var status = "CREATED"
        var description = ""
        /// (source type, number of jobs, hours between jobs)
        var jobs: [(String, Int, Int)] = []
        var crossAccount = false
        var everyStatus = false
        /// Every job `COMPLETE` (the bench vault).
        var allComplete = false
        /// A job position that always fails (so its `ErrorMessage` is sent).
        var failedAt: Int?
    }

    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")

    init(seed: UInt64, now: Date, extraRegion: String, benchBackups: Int = 0) {
        let nowUnix = Int64(now.timeIntervalSince1970.rounded(.down))
        var plans: [VaultPlan] = [
            VaultPlan(region: "cn-hangzhou", name: "生产文件备份库", description: "生产 ECS 文件备份",
                      jobs: [("ECS_FILE", 260, 8)], everyStatus: true),
            VaultPlan(region: "cn-hangzhou", name: "对象存储归档库", description: "OSS 与 ECS 文件",
                      jobs: [("OSS", 60, 12), ("ECS_FILE", 25, 24)]),
            VaultPlan(region: "cn-hangzhou", name: "NAS 共享盘备份", jobs: [("NAS", 40, 24), ("ECS_FILE", 14, 48)]),
            VaultPlan(region: "cn-hangzhou", name: "表格存储 OTS 库", vaultType: "OTS_BACKUP", jobs: [("OTS", 30, 24)]),
            VaultPlan(region: "cn-hangzhou", name: "整机备份 UDM", jobs: [("UDM_ECS", 30, 24)]),
            VaultPlan(region: "cn-hangzhou", name: "测试\u{1B}[31m红色\u{1B}[0m库", description: "escape in the name",
                      jobs: [("ECS_FILE", 5, 24)], failedAt: 1),
            VaultPlan(region: "cn-hangzhou", name: "跨账号备份库", jobs: [("ECS_FILE", 12, 24)], crossAccount: true),
            VaultPlan(region: "cn-hangzhou", name: "数据同步库", jobs: [("SYNC", 8, 24)]),
            VaultPlan(region: "cn-hangzhou", name: "空库（无任务）"),
            VaultPlan(region: "cn-hangzhou", name: "日志归档库", jobs: [("ECS_FILE", 20, 24)]),
            VaultPlan(region: "cn-hangzhou", name: "初始化中的库", status: "INITIALIZING"),
            VaultPlan(region: "cn-hangzhou", name: "冷备份 Archive", storageClass: "ARCHIVE", jobs: [("ECS_FILE", 3, 168)]),
            VaultPlan(region: "cn-shanghai", name: "上海异地复制库", jobs: [("ECS_FILE", 10, 24)]),
        ]
        if extraRegion != "cn-hangzhou", extraRegion != "cn-shanghai" {
            plans.append(VaultPlan(region: extraRegion, name: "\(extraRegion) 文件备份库", jobs: [("ECS_FILE", 30, 24)]))
        }
        if benchBackups > 0 {
            plans.append(VaultPlan(region: "cn-hangzhou", name: "基准测试库", description: "backdeck-bench",
                                   jobs: [("ECS_FILE", benchBackups, 1)], allComplete: true))
        }

        var vaults: [HBRVaultFixture] = []
        var jobs: [HBRJobFixture] = []
        var usedIDs = Set<String>()
        func uniqueID(_ prefix: String, _ count: Int, _ rng: inout SplitMix64) -> String {
            var id = prefix + rng.string(count: count, alphabet: Self.alphabet)
            while usedIDs.contains(id) { id = prefix + rng.string(count: count, alphabet: Self.alphabet) }
            usedIDs.insert(id)
            return id
        }
        for (index, plan) in plans.enumerated() {
            var rng = SplitMix64.stream(seed: seed, label: "hbr/vault/\(index)")
            let vaultID = uniqueID("v-000", 19, &rng)
            var vaultJobs: [HBRJobFixture] = []
            for (sourceIndex, (sourceType, count, hours)) in plan.jobs.enumerated() {
                var jobRNG = SplitMix64.stream(seed: seed, label: "hbr/jobs/\(index)/\(sourceIndex)")
                let clients = (0..<3).map { _ in
                    (client: "c-000" + jobRNG.string(count: 17, alphabet: Self.alphabet),
                     instance: "i-bp1" + jobRNG.string(count: 17, alphabet: Self.alphabet))
                }
                let planID = "plan-" + String(20_240_101_000_000 + jobRNG.int(in: 0...99_999))
                for position in 0..<count {
                    let status = plan.allComplete ? "COMPLETE" : position == plan.failedAt ? "FAILED"
                        : Self.status(position: position, everyStatus: plan.everyStatus, rng: &jobRNG)
                    let created = nowUnix - Int64(position * hours * 3600) - Int64(jobRNG.int(in: 60...3000))
                    var context = JobContext(
                        vaultID: vaultID, region: plan.region, sourceType: sourceType, status: status,
                        created: created, nowUnix: nowUnix, planID: planID,
                        client: clients[position % clients.count], crossAccount: plan.crossAccount,
                        vaultIndex: index, position: position)
                    let job = context.make(id: uniqueID("job-000", 17, &jobRNG), rng: &jobRNG)
                    vaultJobs.append(job)
                    if sourceType == "UDM_ECS" {
                        for disk in 0..<2 {
                            context.sourceType = "UDM_ECS_DISK"
                            context.parentID = job.id
                            context.diskIndex = disk
                            vaultJobs.append(context.make(id: uniqueID("job-000", 17, &jobRNG), rng: &jobRNG))
                        }
                    }
                }
            }
            vaultJobs.sort { ($0.createdTime, $0.id) > ($1.createdTime, $1.id) }
            let finished = vaultJobs.filter { $0.completeTime > 0 }
            let created = (vaultJobs.last?.createdTime ?? nowUnix - 86_400) - Int64(rng.int(in: 86_400...60 * 86_400))
            var sourceTypes: [String] = []
            for (sourceType, _, _) in plan.jobs where !sourceTypes.contains(sourceType) { sourceTypes.append(sourceType) }
            vaults.append(HBRVaultFixture(
                id: vaultID, name: plan.name, regionID: plan.region, vaultType: plan.vaultType,
                storageClass: plan.storageClass, status: plan.status, description: plan.description,
                createdTime: created, updatedTime: vaultJobs.first?.updatedTime ?? created,
                sourceTypes: sourceTypes,
                tags: [HBRTag(key: "env", value: index % 3 == 0 ? "prod" : "dev"), HBRTag(key: "团队", value: "数据平台")],
                resourceGroupID: "rg-acfm" + rng.string(count: 11, alphabet: Self.alphabet),
                storageSize: finished.reduce(0) { $0 + $1.actualBytes },
                bytesDone: finished.reduce(0) { $0 + $1.bytesDone }))
            jobs += vaultJobs
        }
        self.vaults = vaults
        self.jobs = jobs
        bigVaultID = vaults.first?.id ?? ""
        benchVaultID = benchBackups > 0 ? vaults.last?.id : nil
    }

    /// Fixed positions in the big vault make every status appear; elsewhere the newest job runs.
    static func status(position: Int, everyStatus: Bool, rng: inout SplitMix64) -> String {
        if everyStatus {
            switch position {
            case 0, 1: return "RUNNING"
            case 2: return "QUEUED"
            case 3: return "CREATED"
            case 7: return "CANCELING"
            case 11: return "CANCELED"
            case 17: return "EXPIRED"
            case 23: return "PARTIAL_COMPLETE"
            case 29: return "FAILED"
            default: break
            }
        } else if position == 0 {
            return "RUNNING"
        }
        let roll = rng.int(in: 0...99)
        switch roll {
        case 0..<4: return "PARTIAL_COMPLETE"
        case 4..<9: return "FAILED"
        case 9: return "CANCELED"
        default: return "COMPLETE"
        }
    }
}

/// What one job is made from.
private struct JobContext {
    let vaultID: String
    let region: String
    var sourceType: String
    let status: String
    let created: Int64
    let nowUnix: Int64
    let planID: String
    let client: (client: String, instance: String)
    let crossAccount: Bool
    let vaultIndex: Int
    let position: Int
    var parentID = ""
    var diskIndex = 0

    func make(id: String, rng: inout SplitMix64) -> HBRJobFixture {
        let gib: Int64 = 1 << 30
        let total: Int64 = sourceType == "UDM_ECS_DISK" ? Int64(rng.int(in: 20...200)) * gib
            : Int64(rng.int(in: 1...400)) * gib + Int64(rng.int(in: 0...(1 << 20)))
        let progress: Int64 = switch status {
        case "COMPLETE", "PARTIAL_COMPLETE": 10_000
        case "QUEUED", "CREATED", "EXPIRED": 0
        default: Int64(rng.int(in: 150...9_850))
        }
        let done = total / 10_000 * progress
        let started = ["QUEUED", "CREATED", "EXPIRED"].contains(status) ? Int64(0) : created + Int64(rng.int(in: 5...120))
        let finished = ["COMPLETE", "PARTIAL_COMPLETE", "FAILED", "CANCELED"].contains(status)
        let duration = Int64(rng.int(in: 300...14_400))
        let completed = finished ? started + duration : 0
        let elapsed = max((completed > 0 ? completed : nowUnix) - max(started, created), 1)
        let speed = started > 0 ? done / 1024 / elapsed : 0
        let items: Int64 = ["ECS_FILE", "NAS", "OSS", "SYNC"].contains(sourceType) ? Int64(rng.int(in: 500...2_000_000)) : 0
        let itemsDone = items / 10_000 * progress
        let dedup = Int64(rng.int(in: 5...60))

        var errorMessage = ""
        switch status {
        case "FAILED":
            errorMessage = vaultIndex == 5
                ? "客户端返回错误 \u{1B}[31mE_IO\u{1B}[0m\u{07} on /data"
                : ["ECS.AgentNotRunning: the backup client is offline", "OSS.AccessDenied: 没有访问权限",
                   "QuotaExceeded: vault storage is full"][rng.int(in: 0...2)]
        case "PARTIAL_COMPLETE":
            errorMessage = "PARTIAL_COMPLETE: \(rng.int(in: 1...40)) files could not be read"
        case "CANCELED", "CANCELING":
            errorMessage = "canceled by user"
        case "EXPIRED":
            errorMessage = "the job expired before a client picked it up"
        default: break
        }

        var paths: [String] = []
        var include = "", exclude = "", options = "", speedLimit = ""
        var clientID = "", instanceID = "", instanceName = "", bucket = "", prefix = "", fileSystemID = ""
        var fileSystemCreated: Int64 = 0
        var tables: [String] = []
        var snapshot: HBRSnapshotFixture?
        var destSourceType = "", destDataSourceID = "", destDataSourceDetail = "", changeListPath = ""
        switch sourceType {
        case "ECS_FILE":
            clientID = client.client
            instanceID = client.instance
            paths = [["/home", "/data/订单"], ["/var/www"], ["/opt/app", "/etc"]][position % 3]
            include = #"["/home/alice/*.pdf", "/home/bob/*.txt"]"#
            exclude = #"["/var/tmp", "/proc"]"#
            options = #"{"UseVSS":false}"#
            speedLimit = position % 4 == 0 ? "0:8:10240|8:24:5120" : "0:24:5120"
        case "OSS":
            bucket = "hbr-backup-oss-\(vaultIndex)"
            prefix = ["orders/", "images/2024/", "日志/"][position % 3]
        case "NAS":
            fileSystemID = "0054\(94 + vaultIndex)"
            fileSystemCreated = created - 400 * 86_400
            paths = ["/"]
            instanceID = client.instance
        case "OTS":
            instanceName = "ots-orders"
            tables = ["orders", "order_items", "用户画像"].prefix(1 + position % 3).map { $0 }
        case "UDM_ECS":
            instanceID = client.instance
            snapshot = HBRSnapshotFixture(
                nativeSnapshotID: finished ? "s-bp1" + rng.string(count: 17, alphabet: HBRDataset.alphabet) : "",
                doCopy: position % 2 == 0,
                destinationSnapshotID: position % 2 == 0 ? "s-000" + rng.string(count: 17, alphabet: HBRDataset.alphabet) : "",
                destinationNativeSnapshotID: position % 2 == 0 ? "s-gw8" + rng.string(count: 17, alphabet: HBRDataset.alphabet) : "",
                destinationNativeSnapshotStatus: position % 2 == 0 ? (status == "COMPLETE" ? "COMPLETE" : "RUNNING") : "",
                destinationNativeSnapshotProgress: position % 2 == 0 ? (status == "COMPLETE" ? 100 : 85) : 0,
                destinationNativeSnapshotErrorMessage: "",
                destinationRetention: position % 2 == 0 ? 30 : 0,
                diskSnapshotIDs: (0..<2).map { _ in "s-bp1" + rng.string(count: 17, alphabet: HBRDataset.alphabet) })
        case "UDM_ECS_DISK":
            instanceID = client.instance + "/d-bp1disk\(diskIndex)"
        case "SYNC":
            bucket = "sync-source"
            prefix = "exports/"
            destSourceType = "OSS"
            destDataSourceID = "ds-000" + rng.string(count: 15, alphabet: HBRDataset.alphabet)
            destDataSourceDetail = #"{"prefix":"/"}"#
            changeListPath = #"{"dataSourceId": "ds-123456789", "path": "/changelist"}"#
        default: break
        }

        let jobName = switch sourceType {
        case "ECS_FILE": "每日文件备份-\(position)"
        case "UDM_ECS_DISK": "disk-\(diskIndex)-of-\(parentID)"
        default: "\(sourceType.lowercased())-job-\(position)"
        }
        return HBRJobFixture(
            id: id, name: jobName, vaultID: vaultID, regionID: region, sourceType: sourceType, status: status,
            planID: position % 9 == 4 ? "" : planID, clientID: clientID, instanceID: instanceID,
            instanceName: instanceName, bucket: bucket, prefix: prefix, fileSystemID: fileSystemID,
            fileSystemCreated: fileSystemCreated, paths: paths, include: include, exclude: exclude, options: options,
            speedLimit: speedLimit, createdTime: created, startTime: started, completeTime: completed,
            updatedTime: completed > 0 ? completed : max(started, created),
            bytesTotal: total, bytesDone: done, actualBytes: done / 100 * dedup, speed: speed,
            itemsTotal: items, itemsDone: itemsDone, actualItems: itemsDone / 100 * dedup, progress: progress,
            errorMessage: errorMessage, tableNames: tables, snapshot: snapshot, parentID: parentID,
            crossAccountType: crossAccount ? "CROSS_ACCOUNT" : "SELF_ACCOUNT",
            crossAccountUserID: crossAccount ? 1_589_750_000_004_625 : 0,
            crossAccountRoleName: crossAccount ? "BackupRole" : "",
            destSourceType: destSourceType, destDataSourceID: destDataSourceID,
            destDataSourceDetail: destDataSourceDetail, changeListPath: changeListPath)
    }
}
