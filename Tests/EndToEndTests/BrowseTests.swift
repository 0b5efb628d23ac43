import DeckUI
import Foundation
import ScreenDriver
import Testing

/// The real binary in a real terminal against the emulator: what an operator sees and what the shell gets back.
@Suite(.serialized) struct BrowseTests {
    /// After backdeck ends: the shell's tty is back in cooked mode with echo, the alternate screen is off and the
    /// cursor is visible.
    private func expectTerminalRestored(_ session: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        #expect(try session.paneValue("#{alternate_on}") == "0", sourceLocation: sourceLocation)
        #expect(try session.paneValue("#{cursor_flag}") == "1", sourceLocation: sourceLocation)
        try session.run("echo STTY:$(stty -a | tr -s ' ;' '\\n\\n' | grep -E '^-?(icanon|echo|isig)$' | sort | tr '\\n' ,)")
        try await session.waitFor("STTY:echo,icanon,isig,", sourceLocation: sourceLocation)
    }

    @Test func drillsToPerDatabaseLinksGoesBackResizesAndQuits() async throws {
        let session = try TmuxSession(columns: 120, rows: 40)
        let start = try await session.launchDemo()
        #expect(start.statusLine.contains("demo · built-in emulator on 127.0.0.1:"))

        // providers → instances → the second instance (用户中心, with logical backups) → its backups; then down the
        // backups until one carries per-database links, in the full detail view.
        try await session.openBackups(provider: 0, instance: 1)
        #expect(try session.screen().breadcrumbs.contains("(用户中心)"))
        let detail = try await session.openDetail(showing: "per-database links") { screen in
            screen.lines.contains { $0.hasPrefix("│Databases (") && !$0.contains("Databases (0)") }
        }
        let rows = try #require(detail.pane("backup ")).rows
        let header = try #require(rows.firstIndex { $0.hasPrefix("Databases (") }, "no backup with per-database links")
        #expect(rows[header + 1].contains("DATABASE"))
        #expect(rows[header + 1].contains("PUBLIC URL"))
        #expect(rows[header + 1].contains("INTERNAL URL"))
        let cjkRow = try #require(rows.first { $0.hasPrefix("订单库 ") }, "no row for the database 订单库")
        #expect(cjkRow.contains("http://127.0.0.1:"))
        #expect(cjkRow.contains("/download"))
        #expect(rows.contains { $0.contains("Method") && $0.contains("Logical") })
        // CJK stays aligned: every framed row is exactly as wide as the terminal.
        for row in detail.lines.dropFirst().prefix(38) where row.hasPrefix("│") {
            #expect(displayWidth(row) == 120, "misaligned row: \(row)")
        }

        // Back to the list: the breadcrumb loses the backup and the backups pane is visible again.
        try session.press(.back)
        try await session.waitForScreen("the backup list") { $0.pane("backups")?.rows.first?.contains("DUR") == true }

        // Resize: the layout follows at once; too small shows a message instead of a broken layout.
        try session.resize(columns: 80, rows: 24)
        // A frame closing exactly at column 80 is a relayout, not the old frame cut off by tmux.
        let small = try await session.waitForScreen("an 80-column layout") { screen in
            screen.lines.contains { $0.hasPrefix("┌") && $0.hasSuffix("┐") && displayWidth($0) == 80 }
        }
        #expect(small.lines.allSatisfy { displayWidth($0) <= 80 })
        #expect(small.pane("backups") != nil)
        #expect(small.hints.contains("q quit"))
        try session.resize(columns: 59, rows: 15)
        try await session.waitFor("terminal too small")
        try session.resize(columns: 100, rows: 30)
        try await session.waitForScreen("the layout back at 100×30") { screen in
            !screen.contains("terminal too small")
                && screen.lines.contains { $0.hasPrefix("┌") && $0.hasSuffix("┐") && displayWidth($0) == 100 }
        }

        try await session.quit()
        try await expectTerminalRestored(session)
    }

    /// The demo's `provider`-th provider, its `instance`-th instance, then the first backup whose full detail view
    /// satisfies `predicate`: that detail's rows.
    private func detail(_ session: TmuxSession, provider: Int, instance: Int, showing what: String,
                        _ predicate: @escaping (Pane) -> Bool) async throws -> [String] {
        try await session.launchDemo()
        try await session.openBackups(provider: provider, instance: instance)
        let screen = try await session.openDetail(showing: what) { $0.pane("backup ").map(predicate) ?? false }
        return try #require(screen.pane("backup ")).rows
    }

    @Test func redisDrillsDownToNodeBackups() async throws {
        let session = try TmuxSession(columns: 120, rows: 45)
        let rows = try await detail(session, provider: 1, instance: 0, showing: "node backups") { $0.contains("Nodes (") }
        let heading = try #require(rows.firstIndex { $0.hasPrefix("Nodes (") })
        #expect(rows[heading + 1].hasPrefix("NODE BACKUP  STATUS"))
        #expect(rows[heading + 2].contains("redis "))
        #expect(rows.contains { $0.contains("Shard memory") })

        // Redis requires a window (7 days by default); widening it to 90 days reaches the API and lists more.
        try session.press(.back)
        let week = try await session.waitForScreen("the backup list") { $0.pane("backups") != nil }
        let weekCount = week.backupCount
        try session.press(.timeWindow, .timeWindow, .timeWindow, .timeWindow)
        let quarter = try await session.waitForScreen("the 90-day window loaded") { screen in
            screen.pane("backups")?.title.contains("backups · 90d · ") == true && (screen.backupCount ?? 0) > (weekCount ?? .max)
        }
        #expect(quarter.contains("window: last 90 days"))
        try await session.quit()
    }

    @Test func starRocksDrillsDownToSubtasksAndTheInstanceSnapshot() async throws {
        let session = try TmuxSession(columns: 140, rows: 60)
        let rows = try await detail(session, provider: 2, instance: 0, showing: "subtasks") { pane in
            pane.rows.contains { $0.hasPrefix("Subtasks (") && !$0.contains("(0)") }
        }
        let heading = try #require(rows.firstIndex { $0.hasPrefix("Subtasks (") })
        #expect(rows[heading + 1].hasPrefix("DATABASE"))
        #expect(rows[heading + 1].contains("TABLE") && rows[heading + 1].contains("SNAPSHOT"))
        try session.press(.last)
        try await session.waitFor("COMPONENT")
        try await session.quit()
    }

    @Test func hbrShowsAJobsProgress() async throws {
        let session = try TmuxSession(columns: 120, rows: 50)
        let rows = try await detail(session, provider: 3, instance: 0, showing: "a progress bar") { pane in
            pane.rows.contains { $0.hasPrefix("Progress ") && ($0.contains("█") || $0.contains("░")) }
        }
        #expect(rows.contains { $0.hasPrefix("Bytes ") && $0.contains(" of ") })
        #expect(rows.contains { $0.hasPrefix("Source type ") })
        try await session.quit()
    }

    @Test func huaweiDrillsDownToDatabasesAndTables() async throws {
        let session = try TmuxSession(columns: 120, rows: 45)
        let rows = try await detail(session, provider: 4, instance: 1, showing: "databases and tables") { pane in
            pane.rows.contains { $0.hasPrefix("DATABASE") && $0.contains("TABLES") }
        }
        let header = try #require(rows.firstIndex { $0.hasPrefix("DATABASE") })
        #expect(rows[header - 1].contains("Databases ("))
        #expect(rows.contains { $0.hasPrefix("Datastore ") && $0.contains("mongodb") })
        try await session.quit()
    }

    @Test func ctrlCQuitsCleanly() async throws {
        let session = try TmuxSession(columns: 100, rows: 30)
        try await session.launchDemo()
        try session.press(Key.ctrl("c"))
        try await session.waitFor("EXIT=0")
        try await expectTerminalRestored(session)
    }

    @Test func sigtermRestoresTheTerminal() async throws {
        let session = try TmuxSession(columns: 100, rows: 30)
        try await session.launchDemo()
        let shell = try session.paneValue("#{pane_pid}")
        let log = session.home.appendingPathComponent("pkill.log").path
        #expect(try spawnAndWait(["/usr/bin/pkill", "-TERM", "-P", shell, "-x", "backdeck"], outputPath: log) == 0)
        try await session.waitFor("EXIT=143")
        try await expectTerminalRestored(session)
    }

    @Test func aConfigErrorIsReportedWithoutTouchingTheTerminal() async throws {
        let session = try TmuxSession(columns: 100, rows: 30)
        let config = session.home.appendingPathComponent("bad.toml")
        try "[[provider]]\nname = \"x\"\nservice = \"oracle-cloud\"\nregion = \"r\"\n".write(to: config, atomically: true, encoding: .utf8)
        try session.launch(arguments: "--config \(config.path)")
        let screen = try await session.waitFor("EXIT=2")
        #expect(screen.contains("bad.toml:3: unknown service \"oracle-cloud\""))
        try await expectTerminalRestored(session)
    }

    @Test func aRefusedConnectionShowsInThePaneThatAsked() async throws {
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
        try session.launch(arguments: "--config \(config.path)",
                           environment: "ALIBABA_CLOUD_ACCESS_KEY_ID=testid ALIBABA_CLOUD_ACCESS_KEY_SECRET=testsecret")
        let screen = try await session.waitFor("connection refused by 127.0.0.1:1")
        #expect(screen.pane("instances")?.contains("✗ ConnectionRefused") == true, "in the pane that asked:\n\(screen.lines.joined(separator: "\n"))")
        #expect(screen.contains("rds-down"))
        #expect(!screen.contains("testsecret"))
        try await session.quit()
    }
}
