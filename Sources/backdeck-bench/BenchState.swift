import BackupModel
import DeckUI
import Foundation

/// UI states built the way the runtime builds them — `State` + `reduce` with the actions a fetch sends — so the
/// figures cover the real reducer, list and renderer.
enum BenchState {
    /// One provider with one instance selected, its backup list waiting for pages: the state and the token its
    /// pages must carry.
    static func waitingForBackups(kind: ProviderKind, instanceID: String, size: Size) throws -> (State, RequestToken) {
        var state = State(providers: [ProviderSummary(name: "bench", kind: kind, region: "cn-hangzhou")], size: size,
                          banner: "backdeck-bench")
        guard let instancesToken = loadToken(reduce(&state, .start)) else {
            throw BenchError("the reducer asked for no instances on start")
        }
        let instance = Instance(id: instanceID, name: "基准测试实例", engine: "MySQL", engineVersion: "8.0",
                                region: "cn-hangzhou", status: "Running")
        let done = PageProgress(pagesLoaded: 1, totalPages: 1, itemsLoaded: 1, totalItems: 1, finished: true)
        guard let backupsToken = loadToken(reduce(&state, .instancesLoaded(token: instancesToken, items: [instance],
                                                                            progress: done))) else {
            throw BenchError("the reducer asked for no backups once the instance arrived")
        }
        return (state, backupsToken)
    }

    /// `count` synthetic RDS backups loaded in pages of 100, the backup pane focused.
    static func loaded(backups count: Int, size: Size) throws -> State {
        let (waiting, token) = try waitingForBackups(kind: .alibabaRDS, instanceID: "rm-bench0000000000", size: size)
        var state = waiting
        let pageSize = 100
        let pages = max(1, (count + pageSize - 1) / pageSize)
        for page in 0..<pages {
            let range = (page * pageSize)..<min(count, (page + 1) * pageSize)
            let progress = PageProgress(pagesLoaded: page + 1, totalPages: pages, itemsLoaded: range.upperBound,
                                        totalItems: count, finished: page == pages - 1)
            _ = reduce(&state, .backupsLoaded(token: token, items: range.map(backup), progress: progress))
        }
        _ = reduce(&state, .key(.char("l")))  // providers → instances
        _ = reduce(&state, .key(.char("l")))  // instances → backups
        return state
    }

    static func loadToken(_ effects: [Effect]) -> RequestToken? {
        for effect in effects {
            if case .loadInstances(_, let token) = effect { return token }
            if case .loadBackups(_, _, _, let token) = effect { return token }
        }
        return nil
    }

    /// Backup `index` of a synthetic RDS history: one an hour back from 2026-12-01, a full every sixth, every
    /// fiftieth failed, with download links and the raw vendor record like the real client's.
    static func backup(_ index: Int) -> Backup {
        let start = Date(timeIntervalSince1970: 1_795_996_800 - Double(index) * 3_600)
        let failed = index % 50 == 7
        let full = index % 6 == 0
        let id = String(700_000_000 + index * 37)
        let url = "https://rdsbak-hz.oss-cn-hangzhou.aliyuncs.com/custins1234/hins5678/\(id).tar.gz?Expires=1796083200"
            + "&OSSAccessKeyId=LTAI5tBench&Signature=c2lnbmF0dXJl"
        let detail = RDSBackupDetail(
            mode: "Automated", type: full ? "FullBackup" : "IncrementalBackup", method: "Physical",
            initiator: "System", engine: "MySQL", engineVersion: "8.0", consistentTime: start.addingTimeInterval(900),
            checksum: String(10_000_000_000_000 + index), downloadURL: failed ? nil : url,
            intranetDownloadURL: failed ? nil : url.replacingOccurrences(of: "oss-cn-hangzhou", with: "oss-cn-hangzhou-internal"),
            databaseLinks: [], isAvailable: !failed, storeStatus: "Disabled",
            expectExpireTime: start.addingTimeInterval(7 * 86_400), hostInstanceID: "5678")
        let end = start.addingTimeInterval(failed ? 120 : Double(300 + index % 1_200))
        let size: Int64 = failed ? 0 : Int64(full ? 51_539_607_552 : 536_870_912) + Int64(index)
        var backup = Backup(
            id: id, instanceID: "rm-bench0000000000", status: failed ? .failed : .ok,
            statusText: failed ? "Failed" : "Success", start: start, end: end, size: ByteCount(bytes: size),
            type: detail.type, mode: detail.mode, detail: .rds(detail))
        backup.raw = rawRecord(backup, detail: detail, size: size)
        return backup
    }

    /// The vendor's record as the clients keep it (`Backup.raw`: compact JSON, keys sorted), about 1 KB like the
    /// emulator's `DescribeBackups` items.
    private static func rawRecord(_ backup: Backup, detail: RDSBackupDetail, size: Int64) -> String {
        func time(_ date: Date?) -> String {
            guard let date else { return "" }
            let (year, month, day, hour, minute, second) = UTCCalendar.fields(unixSeconds: Int(date.timeIntervalSince1970))
            return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, hour, minute, second)
        }
        // Built by concatenation, then copied to exact-size storage, as the clients' (serialised) text is.
        let text = "{\"BackupDBNames\":\"\",\"BackupDownloadLinkByDB\":{\"BackupDownloadLinkByDB\":[]},"
            + "\"BackupDownloadURL\":\"\(detail.downloadURL ?? "")\",\"BackupEndTime\":\"\(time(backup.end))\","
            + "\"BackupExtractionStatus\":\"\",\"BackupId\":\"\(backup.id)\",\"BackupInitiator\":\"\(detail.initiator)\","
            + "\"BackupIntranetDownloadURL\":\"\(detail.intranetDownloadURL ?? "")\",\"BackupLocation\":\"\","
            + "\"BackupMethod\":\"\(detail.method)\",\"BackupMode\":\"\(detail.mode)\",\"BackupScale\":\"DBInstance\","
            + "\"BackupSize\":\(size),\"BackupStartTime\":\"\(time(backup.start))\",\"BackupStatus\":\"\(backup.statusText)\","
            + "\"BackupType\":\"\(detail.type)\",\"Checksum\":\"\(detail.checksum)\","
            + "\"ConsistentTime\":\(Int(detail.consistentTime?.timeIntervalSince1970 ?? 0)),\"CopyOnlyBackup\":\"0\","
            + "\"DBInstanceId\":\"\(backup.instanceID)\",\"Encryption\":\"{}\",\"Engine\":\"\(detail.engine)\","
            + "\"EngineVersion\":\"\(detail.engineVersion)\",\"ExpectExpireTime\":\"\(time(detail.expectExpireTime))\","
            + "\"HostInstanceID\":\"\(detail.hostInstanceID)\",\"IsAvail\":\(detail.isAvailable == true ? 1 : 0),"
            + "\"MetaStatus\":\"OK\",\"StorageClass\":\"0\",\"StoreStatus\":\"\(detail.storeStatus)\","
            + "\"TotalBackupSize\":\(size)}"
        return String(decoding: Array(text.utf8), as: UTF8.self)
    }
}
