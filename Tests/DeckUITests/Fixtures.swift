import BackupModel
import DeckUI
import Foundation
import ScreenDriver
import Testing

/// A small RDS world: two providers, three instances (one with a CJK name), four backups in every state, newest
/// first (the backup pane's default order, as the APIs send them).
enum Fixture {
    static let banner = "demo · built-in emulator on 127.0.0.1:40123"

    static let providers = [
        ProviderSummary(name: "rds-prod", kind: .alibabaRDS, region: "cn-beijing"),
        ProviderSummary(name: "rds-staging", kind: .alibabaRDS, region: "cn-hangzhou"),
    ]

    static let instances = [
        Instance(id: "rm-2ze8n7f3k1a9x", name: "订单库主实例", engine: "MySQL", engineVersion: "8.0",
                 region: "cn-beijing", status: "Running"),
        Instance(id: "rm-2zeb61q0w7c4y", name: "user-db", engine: "MySQL", engineVersion: "5.7",
                 region: "cn-beijing", status: "Running"),
        Instance(id: "pgm-2ze9k3m8v5", name: "", engine: "PostgreSQL", engineVersion: "14",
                 region: "cn-beijing", status: "Running"),
    ]

    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
    }

    static func rdsDetail(
        downloadURL: String? = nil, intranetURL: String? = nil, links: [DatabaseDownloadLink] = [],
        type: String = "FullBackup", mode: String = "Automated"
    ) -> RDSBackupDetail {
        RDSBackupDetail(
            mode: mode, type: type, method: "Physical", initiator: "System", engine: "MySQL", engineVersion: "8.0",
            consistentTime: utc(2024, 3, 1, 3, 15), checksum: "3f2a9c1d", downloadURL: downloadURL,
            intranetDownloadURL: intranetURL, databaseLinks: links, isAvailable: true, storeStatus: "Disabled",
            expectExpireTime: utc(2024, 3, 8, 3, 15), hostInstanceID: "4517791"
        )
    }

    static let publicURL = "https://rdsbak-bj.oss-cn-beijing.aliyuncs.com/custins123/hins4517791_data_20240301021305_qp.xb?Expires=1709270105&OSSAccessKeyId=LTAI-example&Signature=abc"
    static let internalURL = "https://rdsbak-bj.oss-cn-beijing-internal.aliyuncs.com/custins123/hins4517791_data_20240301021305_qp.xb?Expires=1709270105"

    static let backups: [Backup] = [
        Backup(
            id: "327329803", instanceID: "rm-2ze8n7f3k1a9x", status: .ok, statusText: "Success",
            start: utc(2024, 3, 4, 2, 13, 5), end: utc(2024, 3, 4, 3, 15, 12), size: ByteCount(bytes: 15_246_543_872),
            type: "Full", mode: "Automated",
            detail: .rds(rdsDetail(downloadURL: publicURL, intranetURL: internalURL, links: [
                DatabaseDownloadLink(database: "订单库", publicURL: "https://rdsbak-bj.oss-cn-beijing.aliyuncs.com/db/orders.xb?Signature=1",
                                     internalURL: "https://rdsbak-bj.oss-cn-beijing-internal.aliyuncs.com/db/orders.xb"),
                DatabaseDownloadLink(database: "users", publicURL: nil, internalURL: nil),
            ]))
        ),
        Backup(
            id: "327329804", instanceID: "rm-2ze8n7f3k1a9x", status: .running, statusText: "Running",
            start: utc(2024, 3, 3, 2, 10), end: nil, size: nil, type: "Incremental", mode: "Manual",
            detail: .rds(rdsDetail(type: "IncrementalBackup", mode: "Manual"))
        ),
        Backup(
            id: "327329805", instanceID: "rm-2ze8n7f3k1a9x", status: .failed, statusText: "Failed",
            start: utc(2024, 3, 2, 2, 10), end: utc(2024, 3, 2, 2, 14, 10), size: ByteCount(bytes: 512),
            type: "Full", mode: "Automated", detail: .rds(rdsDetail())
        ),
        Backup(
            id: "327329806", instanceID: "rm-2ze8n7f3k1a9x", status: .unknown, statusText: "Checking",
            start: utc(2024, 3, 1, 2, 10), end: utc(2024, 3, 1, 2, 10, 45), size: ByteCount(bytes: 2_170_000),
            type: "Full", mode: "Automated", detail: .rds(rdsDetail()),
            anomalies: ["unknown status \"Checking\""]
        ),
    ]

    static func finished(_ count: Int, pages: Int = 1) -> PageProgress {
        PageProgress(pagesLoaded: pages, totalPages: pages, itemsLoaded: count, totalItems: count, finished: true)
    }

    /// A state after start, with the first provider's instances and the first instance's backups loaded.
    static func loadedState(size: Size, backups: [Backup] = Fixture.backups) -> State {
        var state = State(providers: providers, size: size, banner: banner)
        let start = reduce(&state, .start)
        guard case .loadInstances(_, let instancesToken)? = start.first else {
            Issue.record("start did not load instances: \(start)")
            return state
        }
        let afterInstances = reduce(&state, .instancesLoaded(token: instancesToken, items: instances,
                                                             progress: finished(instances.count)))
        guard case .loadBackups(_, _, _, let backupsToken)? = afterInstances.first else {
            Issue.record("instances did not load backups: \(afterInstances)")
            return state
        }
        _ = reduce(&state, .backupsLoaded(token: backupsToken, items: backups, progress: finished(backups.count)))
        return state
    }

    /// A started state with the first provider's instances loaded, and the token its first instance's backups
    /// are awaited with.
    static func awaitingBackups(size: Size) throws -> (State, RequestToken) {
        var state = State(providers: providers, size: size, banner: banner)
        let instancesToken = try #require(loadToken(reduce(&state, .start)))
        let token = try #require(loadToken(reduce(&state, .instancesLoaded(
            token: instancesToken, items: instances, progress: finished(instances.count)))))
        return (state, token)
    }

    /// Presses the keys, then pauses as a person does: the preview catches up with the cursor (`.settled`).
    static func press(_ state: inout State, _ keys: Key...) -> [Effect] {
        var effects: [Effect] = []
        for key in keys { effects += reduce(&state, .key(key)) }
        effects += reduce(&state, .settled)
        return effects
    }
}

extension Fixture {
    /// Runs the commands with the keys the state's keymap binds to them where keys are read (the focused pane, or the
    /// overlay over it), then pauses (`.settled`):
    /// the test says what the operator does, not which key, so a rebinding does not break it.
    static func press(_ state: inout State, _ commands: Command...) -> [Effect] {
        var effects: [Effect] = []
        for command in commands {
            guard let key = state.keymap.key(for: command, at: state.keyPlace) else {
                Issue.record("no key for \(command) in \(state.keyPlace)")
                continue
            }
            effects += reduce(&state, .key(key))
        }
        effects += reduce(&state, .settled)
        return effects
    }

    /// The state as the operator sees it: its rendered grid, read by panes.
    static func screen(_ state: State) -> Screen {
        Screen(render(state))
    }
}

/// The token of the first load effect in `effects`, if any.
func loadToken(_ effects: [Effect]) -> RequestToken? {
    for effect in effects {
        switch effect {
        case .loadInstances(_, let token), .loadBackups(_, _, _, let token),
             .loadMissingInstances(_, _, let token), .loadMissingBackups(_, _, _, _, let token): return token
        default: continue
        }
    }
    return nil
}

extension Grid {
    /// The lines, for printing when a snapshot differs.
    var dump: String { lines.joined(separator: "\n") }
}
