import BackupModel
@testable import DeckUI
import Foundation
import Testing

/// The detail views of Redis and Huawei backups, compared as text.
@Suite struct ServiceDetailTests {
    private func fullDetail(of backup: Backup, size: Size = Size(columns: 100, rows: 30)) -> Grid {
        var state = Fixture.loadedState(size: size, backups: [backup])
        _ = Fixture.press(&state, .enter, .enter, .enter)
        return render(state)
    }

    private static func node(_ id: String, _ status: BackupStatus, _ word: String, url: String?) -> RedisNodeBackup {
        RedisNodeBackup(backupID: id, fileName: "hins20_data_\(id).rdb", backupName: "b-\(id)", status: status,
                        statusText: word, size: ByteCount(bytes: 3_221_225_472), start: Fixture.utc(2026, 11, 20, 2, 0),
                        end: Fixture.utc(2026, 11, 20, 2, 9), isAvailable: status == .ok, engine: "redis",
                        engineVersion: "7.0", downloadURL: url, intranetDownloadURL: url.map { $0 + "&internal" })
    }

    @Test func redisShowsProgressAndEveryNodeBackupWithItsLinks() {
        let detail = RedisBackupDetail(
            clusterBackupID: "cb-hyxdof5x9kqbtust", mode: "Manual", shardMemoryMB: 4096, progressText: "37%",
            progress: 0.37, expectExpireTime: Fixture.utc(2026, 11, 27, 2, 0), isAvailable: false,
            nodeBackups: [
                Self.node("514645788", .ok, "OK", url: "http://127.0.0.1:9/download/514645788.rdb?Expires=1"),
                Self.node("514645789", .running, "RUNNING", url: nil),
            ])
        let backup = Backup(id: "cb-hyxdof5x9kqbtust", instanceID: "r-bp1", status: .running, statusText: "RUNNING",
                            start: Fixture.utc(2026, 11, 20, 2, 0), end: nil, size: ByteCount(bytes: 6_442_450_944),
                            type: "Full", mode: "Manual", detail: .redis(detail))
        let lines = fullDetail(of: backup).lines
        let expected = [
            "┌─ backup cb-hyxdof5x9kqbtust ─ [Summary] · Nodes (2) ─────────────────────────────────────────────┐",
            "│ID               cb-hyxdof5x9kqbtust                                                              │",
            "│Status           ● RUNNING                                                                        │",
            "│Mode             Manual                                                                           │",
            "│Start            2026-11-20 02:00:00 UTC                                                          │",
            "│End              —                                                                                │",
            "│Duration         —                                                                                │",
            "│Size             6.00 GiB (6,442,450,944 bytes)                                                   │",
            "│Shard memory     4,096 MB                                                                         │",
            "│Progress         ███████░░░░░░░░░░░░░ 37%                                                         │",
            "│Available        no                                                                               │",
            "│Expires          2026-11-27 02:00:00 UTC                                                          │",
            "│                                                                                                  │",
            "│Nodes (2)                                                                                         │",
            "│NODE BACKUP  STATUS         SIZE  START             END               AVAIL  VERSION    FILE      │",
            "│514645788    ✓ OK       3.00 GiB  2026-11-20 02:00  2026-11-20 02:09  yes    redis 7.0  hins20_da…│",
            "│514645789    ● RUNNING  3.00 GiB  2026-11-20 02:00  2026-11-20 02:09  no     redis 7.0  hins20_da…│",
            "│                                                                                                  │",
            "│NODE BACKUP  PUBLIC URL                                  INTERNAL URL                             │",
            "│514645788    http://127.0.0.1:9/download/514645788.rdb…  http://127.0.0.1:9/download/514645788.rd…│",
            "│514645789    not downloadable                            not downloadable                         │",
        ]
        #expect(Array(lines[1...21]) == expected, "\n\(lines.joined(separator: "\n"))")
        for line in lines.dropFirst().prefix(27) where line.hasPrefix("│") {
            #expect(DisplayWidth.of(line) == 100, "misaligned: \(line)")
        }
    }

    @Test func huaweiListsDatabasesWithTheirTablesOrWholeDatabase() {
        let detail = HuaweiBackupDetail(
            name: "每日备份-01", backupType: "Auto", datastoreType: "cassandra", datastoreVersion: "3.11",
            instanceName: "订单集群", description: "nightly", sizeKB: 2048,
            databases: [HuaweiDatabaseTables(database: "orders", tables: ["items", "payments"]),
                        HuaweiDatabaseTables(database: "用户库", tables: nil)])
        let backup = Backup(id: "2f5c4a0e6b2d4c3a8e1f0a9b8c7d6e5fbr13", instanceID: "i-1", status: .ok,
                            statusText: "COMPLETED", start: Fixture.utc(2026, 11, 21, 1, 0), end: Fixture.utc(2026, 11, 21, 1, 4),
                            size: ByteCount(bytes: 2_097_152), type: "Auto", mode: "Auto", detail: .huawei(detail))
        let lines = fullDetail(of: backup).lines
        #expect(lines.contains { $0.hasPrefix("│Name             每日备份-01") })
        #expect(lines.contains { $0.hasPrefix("│Datastore        cassandra 3.11") })
        #expect(lines.contains { $0.hasPrefix("│Databases (2)") })
        #expect(lines.contains { $0.hasPrefix("│DATABASE  TABLES") })
        #expect(lines.contains { $0.hasPrefix("│orders    items, payments") })
        #expect(lines.contains { $0.hasPrefix("│用户库    whole database") })
        for line in lines.dropFirst().prefix(27) where line.hasPrefix("│") {
            #expect(DisplayWidth.of(line) == 100, "misaligned: \(line)")
        }
    }

    @Test func anInstanceLevelHuaweiBackupSaysSo() {
        let detail = HuaweiBackupDetail(name: "full", backupType: "Manual", datastoreType: "mongodb", datastoreVersion: "4.0",
                                        instanceName: "x", description: "", sizeKB: nil, databases: [])
        let backup = Backup(id: "b1", instanceID: "i-1", status: .ok, statusText: "COMPLETED", start: nil, end: nil,
                            size: nil, type: "Manual", mode: "Manual", detail: .huawei(detail))
        #expect(fullDetail(of: backup).lines.contains { $0.hasPrefix("│instance-level backup: every database") })
    }
}

@Suite struct ProviderPaneTests {
    @Test func longNamesWinOverTheKindColumn() {
        let providers = [
            ProviderSummary(name: "demo-rds", kind: .alibabaRDS, region: "cn-hangzhou"),
            ProviderSummary(name: "demo-gaussdb", kind: .huaweiGaussDBNoSQL, region: "cn-north-4"),
        ]
        let grid = render(State(providers: providers, size: Size(columns: 100, rows: 30), banner: ""))
        #expect(grid.lines[2].hasPrefix("│demo-rds        │"))
        #expect(grid.lines[3].hasPrefix("│demo-gaussdb    │"))
    }

    @Test func shortNamesKeepTheKind() {
        let providers = [ProviderSummary(name: "rds-prod", kind: .alibabaRDS, region: "cn-hangzhou")]
        let grid = render(State(providers: providers, size: Size(columns: 100, rows: 30), banner: ""))
        #expect(grid.lines[2].hasPrefix("│rds-prod") && grid.lines[2].contains("RDS│"))
    }
}

/// The detail views of StarRocks tasks and HBR jobs, compared as text.
@Suite struct TaskAndJobDetailTests {
    private func fullDetail(of backup: Backup) -> [String] {
        var state = Fixture.loadedState(size: Size(columns: 100, rows: 50), backups: [backup])
        _ = Fixture.press(&state, .enter, .enter, .enter)
        return render(state).lines
    }

    @Test func starRocksShowsSubtasksTheirSummaryAndTheInstanceSnapshot() {
        let subtasks = [
            StarRocksSubtask(database: "订单库", table: "orders", snapshotName: "snap_1", status: .ok, statusText: "success",
                             size: ByteCount(bytes: 1_073_741_824), start: Fixture.utc(2026, 11, 20, 1, 0),
                             finish: Fixture.utc(2026, 11, 20, 1, 5), detail: "[]"),
            StarRocksSubtask(database: "订单库", table: "payments", snapshotName: "snap_2", status: .failed, statusText: "failed",
                             size: nil, start: Fixture.utc(2026, 11, 20, 1, 0), finish: nil, detail: "disk full"),
        ]
        let snapshot = StarRocksInstanceSnapshot(
            instanceName: "sr-prod", version: "3.3", minorVersion: "3.3.13-1.0", runMode: "shared_data", specType: "standard",
            vpcID: "vpc-1", resourceGroupID: "rg-1", region: "cn-hangzhou",
            nodeGroups: [StarRocksNodeGroup(componentType: "BE", cu: 16, storageSize: ByteCount(bytes: 500 * 1_073_741_824),
                                            storagePerformanceLevel: "pl1", diskCount: 2, nodeCount: 3, specType: "standard",
                                            localStorageInstanceType: nil)],
            tags: [StarRocksTag(key: "env", value: "prod")])
        let detail = StarRocksBackupDetail(taskID: "bt-1", backupTypeText: "1", backupType: "Consistent", taskDescription: "nightly",
                                           region: "cn-hangzhou", sizeGiB: 1, expireTime: nil, subtasks: subtasks,
                                           instanceSnapshot: snapshot)
        let backup = Backup(id: "bt-1", instanceID: "c-1", status: .failed, statusText: "FAILED", start: Fixture.utc(2026, 11, 20, 1, 0),
                            end: Fixture.utc(2026, 11, 20, 1, 6), size: ByteCount(bytes: 1_073_741_824), type: "Consistent", mode: "",
                            detail: .starRocks(detail))
        let lines = fullDetail(of: backup)
        #expect(lines.contains { $0.hasPrefix("│Type             Consistent (1)") })
        #expect(lines.contains { $0.hasPrefix("│Subtasks         1 ok · 1 failed") })
        let header = lines.firstIndex { $0.hasPrefix("│DATABASE  TABLE ") }
        #expect(header != nil)
        #expect(lines.contains { $0.hasPrefix("│订单库    orders    ✓ success") && $0.contains("1.00 GiB") && $0.contains("snap_1") })
        #expect(lines.contains { $0.hasPrefix("│订单库    payments  ✗ failed") && $0.contains("disk full") })
        #expect(lines.contains { $0.hasPrefix("│Version          3.3 · 3.3.13-1.0") })
        #expect(lines.contains { $0.hasPrefix("│Tags             env=prod") })
        #expect(lines.contains { $0.hasPrefix("│COMPONENT  CU  STORAGE") })
        #expect(lines.contains { $0.hasPrefix("│BE         16  500 GiB") })
        for line in lines.dropFirst().prefix(47) where line.hasPrefix("│") {
            #expect(DisplayWidth.of(line) == 100, "misaligned: \(line)")
        }
    }

    @Test func hbrShowsProgressAmountsSourceAndSnapshot() {
        let job = HBRBackupDetail(
            jobID: "job-1", jobName: "每日文件", sourceType: "ECS_FILE", backupType: "INCREMENTAL", vaultID: "v-1", planID: "po-1",
            clientID: "c-1", triggerMode: "Plan", instanceID: "i-1", instanceName: "web-01", paths: ["/home", "/etc"],
            progress: 4_000, bytesDone: ByteCount(bytes: 1_073_741_824), bytesTotal: ByteCount(bytes: 4 * 1_073_741_824),
            itemsDone: 1_200, itemsTotal: 3_000, speedBytesPerSecond: 10 * 1_048_576,
            speedLimits: [HBRSpeedLimit(startHour: 0, endHour: 8, kilobytesPerSecond: 10_240)],
            errorMessage: "partly unreadable", otsTableNames: [])
        let backup = Backup(id: "job-1", instanceID: "v-1", status: .running, statusText: "RUNNING",
                            start: Fixture.utc(2026, 11, 20, 1, 0), end: nil, size: ByteCount(bytes: 4 * 1_073_741_824),
                            type: "Incremental", mode: "Plan", detail: .hbr(job))
        let lines = fullDetail(of: backup)
        #expect(lines.contains { $0.hasPrefix("│Progress         ████████░░░░░░░░░░░░ 40%") })
        #expect(lines.contains { $0.hasPrefix("│Bytes            1.00 GiB of 4.00 GiB") })
        #expect(lines.contains { $0.hasPrefix("│Items            1,200 of 3,000") })
        #expect(lines.contains { $0.hasPrefix("│Speed            10.0 MiB/s") })
        #expect(lines.contains { $0.hasPrefix("│Speed limit      0–8 h: 10.0 MiB/s") })
        #expect(lines.contains { $0.hasPrefix("│Instance         i-1 · web-01") })
        #expect(lines.contains { $0.hasPrefix("│Paths            /home, /etc") })
        #expect(lines.contains { $0.hasPrefix("│Error            partly unreadable") })
        #expect(lines.contains { $0.hasPrefix("│Plan             po-1") })
    }
}
