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
            "┌─ backup cb-hyxdof5x9kqbtust ─────────────────────────────────────────────────────────────────────┐",
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
