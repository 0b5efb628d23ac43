import Foundation
import Testing

/// The real binary in a real terminal against the emulator: what an operator sees and what the shell gets back.
@Suite(.serialized) struct BrowseTests {
    /// Starts backdeck in the session's shell; the shell prints EXIT=<status> when it ends.
    private func launch(_ session: TmuxSession, arguments: String = "", environment: String = "") throws {
        try session.run("\(environment) \(TmuxSession.binary) \(arguments); echo EXIT=$?")
    }

    /// After backdeck ends: the shell's tty is back in cooked mode with echo, the alternate screen is off and the
    /// cursor is visible.
    private func expectTerminalRestored(_ session: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try session.paneValue("#{alternate_on}") == "0", sourceLocation: sourceLocation)
        #expect(try session.paneValue("#{cursor_flag}") == "1", sourceLocation: sourceLocation)
        try session.run("echo STTY:$(stty -a | tr -s ' ;' '\\n\\n' | grep -E '^-?(icanon|echo|isig)$' | sort | tr '\\n' ,)")
        try session.waitFor("STTY:echo,icanon,isig,", sourceLocation: sourceLocation)
    }

    @Test func drillsToPerDatabaseLinksGoesBackResizesAndQuits() throws {
        let session = try TmuxSession(columns: 120, rows: 40)
        try launch(session)
        try session.waitFor("demo · built-in emulator on 127.0.0.1:")
        try session.waitFor("demo-rds")
        try session.waitFor("订单库主实例")

        // providers → instances → the second instance (用户中心, with logical backups) → its backups.
        try session.press("Enter")
        try session.press("j")
        try session.waitFor("› rm-")
        try session.waitForScreen("the 用户中心 instance selected in the breadcrumbs") { $0.first?.contains("(用户中心)") == true }
        try session.press("Enter")
        try session.waitFor("backups · ")

        // Walk down the backups until one carries per-database links, then look at them in the full detail view.
        var detail: [String] = []
        for _ in 0..<12 {
            try session.press("Enter")
            // The full detail view replaces the lists: its frame starts right under the breadcrumbs.
            detail = try session.waitForScreen("the full detail view") { $0.count > 1 && $0[1].hasPrefix("┌─ backup") }
            if detail.contains(where: { $0.hasPrefix("│Databases (") && !$0.contains("Databases (0)") }) { break }
            try session.press("Escape", "j")
            try session.waitForScreen("the backup list") { $0.count > 1 && $0[1].contains("backups · ") }
        }
        let header = try #require(detail.firstIndex { $0.hasPrefix("│Databases (") }, "no backup with per-database links")
        #expect(detail[header + 1].contains("DATABASE"))
        #expect(detail[header + 1].contains("PUBLIC URL"))
        #expect(detail[header + 1].contains("INTERNAL URL"))
        let cjkRow = try #require(detail.first { $0.contains("│订单库 ") }, "no row for the database 订单库")
        #expect(cjkRow.contains("http://127.0.0.1:"))
        #expect(cjkRow.contains("/download"))
        #expect(detail.contains { $0.contains("Method") && $0.contains("Logical") })
        // CJK stays aligned: every framed row is exactly as wide as the terminal.
        for row in detail.dropFirst().prefix(38) where row.hasPrefix("│") {
            #expect(displayWidth(row) == 120, "misaligned row: \(row)")
        }

        // Back to the list: the breadcrumb loses the backup and the backups pane is visible again.
        try session.press("Escape")
        try session.waitFor("DUR")

        // Resize: the layout follows at once; too small shows a message instead of a broken layout.
        try session.resize(columns: 80, rows: 24)
        // A frame closing exactly at column 80 is a relayout, not the old frame cut off by tmux.
        let small = try session.waitForScreen("an 80-column layout") { lines in
            lines.contains { $0.hasPrefix("┌") && $0.hasSuffix("┐") && displayWidth($0) == 80 }
        }
        #expect(small.allSatisfy { displayWidth($0) <= 80 })
        #expect(small.contains { $0.contains("backups · ") })
        #expect(small.last?.contains("q quit") == true)
        try session.resize(columns: 59, rows: 15)
        try session.waitFor("terminal too small")
        try session.resize(columns: 100, rows: 30)
        try session.waitForScreen("the layout back at 100×30") { lines in
            !lines.contains { $0.contains("terminal too small") }
                && lines.contains { $0.hasPrefix("┌") && $0.hasSuffix("┐") && displayWidth($0) == 100 }
        }

        try session.press("q")
        try session.waitFor("EXIT=0")
        try expectTerminalRestored(session)
    }

    /// From the demo's start: the `provider`-th provider, its `instance`-th instance, then down the backups until
    /// the full detail view satisfies `predicate`. Returns that screen.
    private func drill(_ session: TmuxSession, provider: Int, instance: Int, what: String,
                       until predicate: ([String]) -> Bool) throws -> [String] {
        try launch(session)
        try session.waitFor("demo-gaussdb")
        // The breadcrumbs grow one `›` per level as focus moves right.
        func depth(_ screen: [String]) -> Int { screen.first?.components(separatedBy: " › ").count ?? 0 }
        for _ in 0..<provider { try session.press("j") }
        try session.press("Enter")
        try session.waitForScreen("the instances in focus") { depth($0) == 3 }
        for _ in 0..<instance { try session.press("j") }
        try session.press("Enter")
        // The list's crumb shows at once; a backup is selected once the preview shows one.
        try session.waitForScreen("the backups in focus, one selected") { screen in
            depth(screen) == 4 && screen.contains { $0.contains("┌─ backup ") }
        }
        for _ in 0..<12 {
            try session.press("Enter")
            let screen = try session.waitForScreen("a full detail view") { $0.count > 1 && $0[1].hasPrefix("┌─ backup ") }
            if predicate(screen) { return screen }
            try session.press("Escape", "j")
            try session.waitForScreen("the backup list") { $0.count > 1 && $0[1].contains("backups · ") }
        }
        Issue.record("no backup showed \(what)")
        throw TmuxError.timeout(what)
    }

    @Test func redisDrillsDownToNodeBackups() throws {
        let session = try TmuxSession(columns: 120, rows: 45)
        let detail = try drill(session, provider: 1, instance: 0, what: "node backups") { $0.contains { $0.contains("│Nodes (") } }
        let heading = try #require(detail.firstIndex { $0.contains("│Nodes (") })
        #expect(detail[heading + 1].hasPrefix("│NODE BACKUP  STATUS"))
        #expect(detail[heading + 2].contains("redis "))
        #expect(detail.contains { $0.contains("Shard memory") })

        // Redis requires a window (7 days by default); widening it to 90 days reaches the API and lists more.
        try session.press("Escape")
        let week = try session.waitForScreen("the backup list") { $0.count > 1 && $0[1].contains("backups · ") }
        let weekCount = backupCount(week[1])
        try session.press("t", "t", "t", "t")
        let quarter = try session.waitForScreen("the 90-day window loaded") { screen in
            screen.count > 1 && screen[1].contains("backups · 90d · ") && (backupCount(screen[1]) ?? 0) > (weekCount ?? .max)
        }
        #expect(quarter.contains { $0.contains("window: last 90 days") })
        try session.press("q")
        try session.waitFor("EXIT=0")
    }

    @Test func starRocksDrillsDownToSubtasksAndTheInstanceSnapshot() throws {
        let session = try TmuxSession(columns: 140, rows: 60)
        let detail = try drill(session, provider: 2, instance: 0, what: "subtasks") { screen in
            screen.contains { $0.contains("│Subtasks (") && !$0.contains("(0)") }
        }
        let heading = try #require(detail.firstIndex { $0.contains("│Subtasks (") })
        #expect(detail[heading + 1].hasPrefix("│DATABASE"))
        #expect(detail[heading + 1].contains("TABLE") && detail[heading + 1].contains("SNAPSHOT"))
        try session.press("G")
        try session.waitFor("COMPONENT")
        try session.press("q")
        try session.waitFor("EXIT=0")
    }

    @Test func hbrShowsAJobsProgress() throws {
        let session = try TmuxSession(columns: 120, rows: 50)
        let detail = try drill(session, provider: 3, instance: 0, what: "a progress bar") { screen in
            screen.contains { $0.hasPrefix("│Progress ") && ($0.contains("█") || $0.contains("░")) }
        }
        #expect(detail.contains { $0.hasPrefix("│Bytes ") && $0.contains(" of ") })
        #expect(detail.contains { $0.hasPrefix("│Source type ") })
        try session.press("q")
        try session.waitFor("EXIT=0")
    }

    @Test func huaweiDrillsDownToDatabasesAndTables() throws {
        let session = try TmuxSession(columns: 120, rows: 45)
        let detail = try drill(session, provider: 4, instance: 1, what: "databases and tables") { screen in
            screen.contains { $0.hasPrefix("│DATABASE") && $0.contains("TABLES") }
        }
        let header = try #require(detail.firstIndex { $0.hasPrefix("│DATABASE") })
        #expect(detail[header - 1].contains("Databases ("))
        #expect(detail.contains { $0.hasPrefix("│Datastore ") && $0.contains("mongodb") })
        try session.press("q")
        try session.waitFor("EXIT=0")
    }

    @Test func ctrlCQuitsCleanly() throws {
        let session = try TmuxSession(columns: 100, rows: 30)
        try launch(session)
        try session.waitFor("订单库主实例")
        try session.press("C-c")
        try session.waitFor("EXIT=0")
        try expectTerminalRestored(session)
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let session = try TmuxSession(columns: 100, rows: 30)
        try launch(session)
        try session.waitFor("订单库主实例")
        let shell = try session.paneValue("#{pane_pid}")
        let log = session.home.appendingPathComponent("pkill.log").path
        #expect(try spawnAndWait(["/usr/bin/pkill", "-TERM", "-P", shell, "-x", "backdeck"], outputPath: log) == 0)
        try session.waitFor("EXIT=143")
        try expectTerminalRestored(session)
    }

    @Test func aConfigErrorIsReportedWithoutTouchingTheTerminal() throws {
        let session = try TmuxSession(columns: 100, rows: 30)
        let config = session.home.appendingPathComponent("bad.toml")
        try "[[provider]]\nname = \"x\"\nservice = \"oracle-cloud\"\nregion = \"r\"\n".write(to: config, atomically: true, encoding: .utf8)
        try launch(session, arguments: "--config \(config.path)")
        let screen = try session.waitFor("EXIT=2")
        #expect(screen.contains { $0.contains("bad.toml:3: unknown service \"oracle-cloud\"") })
        try expectTerminalRestored(session)
    }

    @Test func aRefusedConnectionShowsInThePaneThatAsked() throws {
        let session = try TmuxSession(columns: 120, rows: 30)
        let config = session.home.appendingPathComponent("down.toml")
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        try """
        [[provider]]
        name = "rds-down"
        service = "alibaba-rds"
        region = "cn-hangzhou"
        endpoint = "http://127.0.0.1:1"
        """.write(to: config, atomically: true, encoding: .utf8)
        try launch(session, arguments: "--config \(config.path)",
                   environment: "ALIBABA_CLOUD_ACCESS_KEY_ID=testid ALIBABA_CLOUD_ACCESS_KEY_SECRET=testsecret")
        let screen = try session.waitFor("connection refused by 127.0.0.1:1")
        #expect(screen.contains { $0.contains("rds-down") })
        #expect(!screen.contains { $0.contains("testsecret") })
        try session.press("q")
        try session.waitFor("EXIT=0")
    }
}

/// The number in a backups pane title (`backups · 8` or `backups · 90d · 133`), from the second frame line.
func backupCount(_ line: String) -> Int? {
    guard let title = line.components(separatedBy: "┐┌").last(where: { $0.contains("backups · ") }) else { return nil }
    let digits = title.components(separatedBy: " · ").last?.prefix { $0.isNumber || $0 == "," }
    return digits.flatMap { Int($0.replacingOccurrences(of: ",", with: "")) }
}

/// Terminal cells a line takes: CJK and fullwidth forms take two.
func displayWidth(_ line: String) -> Int {
    line.unicodeScalars.reduce(0) { width, scalar in
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6:
            width + 2
        case 0x0300...0x036F:
            width
        default:
            width + 1
        }
    }
}
