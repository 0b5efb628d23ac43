import DeckUI
import Foundation
import ScreenDriver
import Testing

// What the end-to-end suites do to the real binary, in the operator's words: start it, drill down, read the backup
// list, quit. One copy here, for every suite.

extension TmuxSession {
    /// Starts backdeck in the session's shell (in `directory`, if given); the shell prints EXIT=<status> when it ends.
    func launch(arguments: String = "", environment: String = "", in directory: String? = nil) throws {
        let cd = directory.map { "cd \($0) && " } ?? ""
        try run("\(cd)\(environment) \(TmuxSession.binary) \(arguments); echo EXIT=$?")
    }

    /// Starts the demo; returns its first screen, with the providers and the first provider's instances.
    @discardableResult
    func launchDemo(in directory: String? = nil) async throws -> Screen {
        try launch(in: directory)
        return try await waitForScreen("the demo's providers and instances") { screen in
            screen.contains("demo-gaussdb") && screen.contains("订单库主实例")
        }
    }

    /// From the demo's start: the `provider`-th provider, its `instance`-th instance, into its backups with one
    /// selected (the preview shows it). Returns that screen.
    @discardableResult
    func openBackups(provider: Int, instance: Int) async throws -> Screen {
        for _ in 0..<provider { try press(.moveDown) }
        try press(.open)
        try await waitForScreen("the instances in focus") { $0.depth == 3 }
        for _ in 0..<instance { try press(.moveDown) }
        try press(.open)
        return try await waitForScreen("the backups in focus, one selected") { screen in
            screen.depth == 4 && screen.pane("backup ") != nil && screen.pane("backups")?.selectedRow != nil
        }
    }

    /// Down the backup list, opening each backup in the full detail view until one satisfies `predicate`; returns
    /// that screen, the detail view open.
    func openDetail(showing what: String, _ predicate: (Screen) -> Bool) async throws -> Screen {
        for _ in 0..<12 {
            try press(.open)
            let screen = try await waitForScreen("a full detail view") { $0.isDetailView }
            if predicate(screen) { return screen }
            try press(.back)
            try await waitForScreen("the backup list") { $0.pane("backups") != nil }
            try press(.moveDown)
        }
        Issue.record("no backup showed \(what)")
        throw TmuxError.timeout(what)
    }

    /// `q`, and the shell says backdeck exited with 0.
    func quit() async throws {
        try press(.quit)
        try await waitFor("EXIT=0")
    }
}

extension Screen {
    /// Levels in the breadcrumbs: `backdeck › demo-rds › rm-… › backups` is 4. One more per level focus moves right.
    var depth: Int { breadcrumbs.components(separatedBy: " › ").count }

    /// The full detail view replaces the lists: a backup's frame and no backup list.
    var isDetailView: Bool { pane("backup ") != nil && pane("backups") == nil }

    /// The backup list's rows, as (status glyph, ID, start).
    var backupRows: [BackupRow] { pane("backups")?.rows.compactMap(BackupRow.init) ?? [] }

    /// The number in the backups pane's title (`backups · 8`, `backups · 90d · 133`, `backups · 700/1,208`).
    var backupCount: Int? {
        guard let title = pane("backups")?.title else { return nil }
        let digits = title.components(separatedBy: " · ").last(where: { $0.first?.isNumber == true })?.prefix { $0.isNumber || $0 == "," }
        return digits.flatMap { Int($0.replacingOccurrences(of: ",", with: "")) }
    }
}

/// One row of the backup list.
struct BackupRow {
    var status: Character
    var id: String
    var start: String

    /// A row starts with its status glyph; the header and the loading or error lines do not.
    init?(_ row: String) {
        guard let glyph = row.first, "✓●✗?".contains(glyph), row.dropFirst().first == " " else { return nil }
        let fields = row.dropFirst().split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 3 else { return nil }
        status = glyph
        id = String(fields[0])
        start = "\(fields[1]) \(fields[2])"
    }
}

/// Terminal cells a line takes: CJK and fullwidth forms take two.
func displayWidth(_ line: String) -> Int {
    DisplayWidth.of(line)
}
