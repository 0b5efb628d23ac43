import DeckUI
import Foundation
import ScreenDriver
import Testing

/// Filter, sort, help, time window, jump, themes and the 80- and 250-column layouts, in the real binary against the
/// demo's emulator.
@Suite(.serialized) struct NavigationTests {
    /// Types `:TEXT` and Enter.
    private func command(_ session: TmuxSession, _ text: String) async throws {
        try session.press(.commandLine)
        try session.send(text)
        try session.press(Key.enter)
    }

    /// The backups pane's title, or "" when it is not on screen.
    private func backupsTitle(_ screen: Screen) -> String {
        screen.pane("backups")?.title ?? ""
    }

    @Test func filterStatusSortAndHelpInTheBackupPane() async throws {
        let session = try TmuxSession(columns: 120, rows: 40)
        try await session.launchDemo()
        try session.press(.open, .open)
        let loaded = try await session.waitForScreen("the big instance's backups loaded, newest first") { screen in
            screen.pane("backups")?.rows.first?.contains("START (UTC) ▼") == true && (screen.backupCount ?? 0) >= 1200
        }
        let starts = loaded.backupRows.map(\.start)
        #expect(starts.count > 10)
        #expect(starts == starts.sorted(by: >), "newest first: \(starts)")
        #expect(loaded.pane("backups")?.selectedRow == loaded.pane("backups")?.rows[1], "the cursor on the newest")

        // The status filter: failed ones only; the title counts them.
        try session.press(.statusFilter)
        let failed = try await session.waitForScreen("only failed backups") { backupsTitle($0).contains("backups · failed · ") }
        #expect(backupsTitle(failed).contains(" of 1,2"), "\(backupsTitle(failed))")
        #expect(!failed.backupRows.isEmpty)
        #expect(failed.backupRows.allSatisfy { $0.status == "✗" })
        try session.press(.back)
        try await session.waitForScreen("the status filter cleared") { !backupsTitle($0).contains("failed") && $0.backupRows.count > 10 }

        // The filter as you type: `Incr` (a capital: case matters) keeps incrementals only; `!` inverts.
        try session.press(.filter)
        try session.run("Incr")
        let incremental = try await session.waitForScreen("the filter in the title") { backupsTitle($0).contains("/Incr · ") }
        let incrementalRows = try #require(incremental.pane("backups")?.rows.dropFirst())
        #expect(incremental.backupRows.count > 10)
        #expect(!incrementalRows.contains { $0.contains(" Full ") || $0.contains(" Full…") })
        try session.press(.filter)
        try session.press(Key.ctrl("u"))
        try session.run("!Incr")
        let inverted = try await session.waitForScreen("the inverted filter") { backupsTitle($0).contains("/!Incr · ") }
        #expect(!(inverted.pane("backups")?.rows.dropFirst().contains { $0.contains(" Incr ") } ?? true))
        try session.press(.back)
        try await session.waitForScreen("the filter cleared") { !backupsTitle($0).contains("/") }

        // Sort by the next column (duration), then reverse; the header shows which.
        try session.press(.sort)
        try await session.waitForScreen("sorted by duration") { $0.pane("backups")?.rows.first?.contains("DUR ▼") == true }
        try session.press(.reverseSort)
        try await session.waitForScreen("sorted by duration, ascending") { $0.pane("backups")?.rows.first?.contains("DUR ▲") == true }

        // Help: the keys of this pane, from the keymap.
        try session.press(.help)
        let help = try await session.waitForScreen("the help of the backups") { $0.pane("help · backups") != nil }
        let helpPane = try #require(help.pane("help · backups"))
        #expect(helpPane.contains("Reverse the backups' sort order."))
        #expect(helpPane.contains("Show backups by status: all, failed, running, ok."))
        try session.press(Key.escape)
        try await session.waitForScreen("help closed") { $0.pane("help") == nil }

        try await session.quit()
    }

    @Test func aTypedTimeWindowRefetchesAndShowsOnlyThatRange() async throws {
        let session = try TmuxSession(columns: 120, rows: 40)
        try await session.launchDemo()
        try session.press(.open, .open)
        try await session.waitForScreen("backups loaded") { ($0.backupCount ?? 0) >= 1200 }
        // Three whole days ending two days ago: the emulator's daily backups fall in it.
        let day = 86_400.0
        let today = floor(Date().timeIntervalSince1970 / day) * day
        let from = Self.date(today - 5 * day)
        let to = Self.date(today - 2 * day)
        try session.press(.typeTimeWindow)
        try await session.waitFor("window (24h 7d 30d 90d default, or FROM..TO):")
        try session.run("\(from)..\(to)")
        let screen = try await session.waitForScreen("the typed window loaded") { screen in
            backupsTitle(screen).contains("backups · \(from)..\(to) · ") && !screen.contains("loading")
        }
        let rows = screen.backupRows
        #expect(!rows.isEmpty)
        for row in rows {
            #expect(row.start >= from && row.start < to, "\(row.start) outside \(from)..\(to)")
        }
        // A mistake keeps the prompt open with the reason.
        try session.press(.typeTimeWindow)
        try session.press(Key.ctrl("u"))
        try session.run("yesterday")
        try await session.waitFor("\"yesterday\" is not a window")
        try session.press(Key.escape)
        try await session.quit()
    }

    static func date(_ seconds: TimeInterval) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: seconds))
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    @Test func jumpWithCompletionHistoryAndBackupIDs() async throws {
        let session = try TmuxSession(columns: 120, rows: 40)
        try await session.launchDemo()
        // A provider, completed with Tab.
        try session.press(.commandLine)
        try session.send("demo-h")
        try session.press(Key.tab)
        try await session.waitFor(":demo-hbr")
        try session.press(Key.enter)
        try await session.waitForScreen("demo-hbr selected, its instances in focus") { $0.breadcrumbs.hasPrefix("backdeck › demo-hbr › ") }

        // Unknown input: said in the command line, which stays open.
        try await command(session, "nosuch")
        try await session.waitFor("unknown: \"nosuch\" is not a provider")
        try session.press(Key.escape)

        // History: ↑ brings back earlier command lines, the mistyped one too (to fix it).
        try session.press(.commandLine)
        try session.press(Key.up)
        try await session.waitFor(":nosuch")
        try session.press(Key.up)
        try await session.waitFor(":demo-hbr")
        try session.press(Key.escape)

        // A backup by ID: read one from the RDS list, go elsewhere, jump back to it.
        try await command(session, "demo-rds")
        try await session.waitForScreen("demo-rds selected") { $0.breadcrumbs.hasPrefix("backdeck › demo-rds › ") }
        try session.press(.open)
        let list = try await session.waitForScreen("RDS backups in focus") { screen in
            screen.depth == 4 && screen.backupRows.count > 8 && screen.backupRows.allSatisfy { $0.id.allSatisfy(\.isNumber) }
        }
        let target = list.backupRows[6].id
        // Leaving a list half-loaded drops it (it is fetched whole on return): let it finish first.
        try await session.waitForScreen("all RDS backups loaded") { $0.statusLine.hasSuffix(" backups") }
        try await command(session, "demo-redis")
        try await session.waitForScreen("demo-redis selected") { $0.breadcrumbs.hasPrefix("backdeck › demo-redis") }
        try await command(session, "bk \(target)")
        // The cursor is on it, in the backup list: the breadcrumbs end at the list, the preview shows the backup.
        let jumped = try await session.waitForScreen("the backup selected in its list") { screen in
            screen.breadcrumbs.contains("› backups") && screen.pane("backup \(target)") != nil
        }
        #expect(jumped.breadcrumbs.hasPrefix("backdeck › demo-rds › "), "\(jumped.lines.joined(separator: "\n"))")
        #expect(jumped.pane("backups")?.selectedRow?.contains(target) == true, "the cursor is on it")

        try await command(session, "q")
        try await session.waitFor("EXIT=0")
    }

    @Test func themeSwitchesLive() async throws {
        let session = try TmuxSession(columns: 100, rows: 30)
        try await session.launchDemo()
        let before = try session.screenWithEscapes()
        try await command(session, "theme solarized-dark")
        try await session.waitFor("theme solarized-dark")
        // Same text, other colours: solarized paints a background on every cell the default left alone.
        let after = try session.screenWithEscapes()
        #expect(after != before)
        #expect(after.components(separatedBy: "\u{1b}[").count > before.components(separatedBy: "\u{1b}[").count)
        try await command(session, "theme nosuch")
        try await session.waitFor("no theme \"nosuch\"")
        try session.press(Key.escape)
        try await session.quit()
    }

    @Test func at80ColumnsTheProvidersHideBehindTheBreadcrumbs() async throws {
        let session = try TmuxSession(columns: 80, rows: 24)
        let start = try await session.launchDemo()
        #expect(start.pane("providers") != nil, "the providers pane shows while it has focus")
        try session.press(.open, .open)
        let screen = try await session.waitForScreen("the backups with the providers collapsed") { screen in
            screen.pane("instances") != nil && screen.pane("backups")?.rows.first?.contains("START (UTC)") == true
        }
        #expect(screen.breadcrumbs.hasPrefix("backdeck › demo-rds › "), "the provider is in the breadcrumbs")
        #expect(screen.pane("providers") == nil && !screen.contains("providers"))
        #expect(screen.lines.allSatisfy { displayWidth($0) <= 80 })
        let header = screen.pane("backups")?.rows.first ?? ""
        #expect(header.contains("SIZE"), "the backup list keeps its size column: \(header)")
        // Back on the providers pane, it comes back.
        try session.press(.back, .back)
        try await session.waitForScreen("providers back") { $0.pane("providers") != nil }
        try await session.quit()
    }

    @Test func at250ColumnsMoreColumnsAppear() async throws {
        let session = try TmuxSession(columns: 250, rows: 60)
        try await session.launchDemo()
        try session.press(.open, .open)
        let screen = try await session.waitForScreen("the wide backup list") { screen in
            screen.pane("backups")?.rows.first?.contains("START (UTC)") == true && screen.backupRows.count > 10
        }
        let header = screen.pane("backups")?.rows.first ?? ""
        #expect(header.contains("METHOD"), "\(header)")
        #expect(header.contains("EXPIRES"), "\(header)")
        #expect(screen.contains("Physical"))
        // The detail sits on the right: its frame starts on the same row as the lists'.
        #expect(screen.lines.dropFirst().first?.contains("┌─ backup ") == true)
        #expect(screen.lines.allSatisfy { displayWidth($0) <= 250 })
        try await session.quit()
    }

    @Test func aKeyBoundTwiceIsReportedAtStartUp() async throws {
        let session = try TmuxSession(columns: 100, rows: 30)
        let config = session.home.appendingPathComponent("keys.toml")
        try "[keys]\nreload = \"x\"\nsort = [\"s\", \"x\"]\n".write(to: config, atomically: true, encoding: .utf8)
        try session.launch(arguments: "--config \(config.path)")
        let screen = try await session.waitFor("EXIT=2")
        // The path is long: the message may wrap anywhere, so compare without the spaces.
        let text = screen.lines.joined().replacingOccurrences(of: " ", with: "")
        #expect(text.contains("keys.toml:3:key\"x\"isboundtobothreload(line2)andsort"))
    }

    /// With `mouse = true` a click selects and focuses, the wheel moves, and the provider's label and accent show.
    /// (The clicks are typed as the X10 mouse reports a terminal sends: ESC [ M, button, column, row, each + 32.)
    @Test func mouseWhenTheConfigEnablesItAndTheProvidersBadge() async throws {
        let session = try TmuxSession(columns: 120, rows: 40)
        let emulator = try await EmulatorProcess(in: session.home)
        let config = session.home.appendingPathComponent("mouse.toml")
        try """
        mouse = true
        [[provider]]
        name = "rds-prod"
        service = "alibaba-rds"
        region = "cn-hangzhou"
        endpoint = "\(emulator.baseURL)"
        label = "PROD"
        accent = "red"
        """.write(to: config, atomically: true, encoding: .utf8)
        try session.launch(arguments: "--config \(config.path)",
                           environment: "ALIBABA_CLOUD_ACCESS_KEY_ID=testid ALIBABA_CLOUD_ACCESS_KEY_SECRET=testsecret")
        let start = try await session.waitForScreen("the backups previewed") { $0.backupRows.count > 5 }
        #expect(start.breadcrumbs.hasPrefix("backdeck › rds-prod [PROD]"))
        #expect(start.pane("providers")?.rows.first?.hasPrefix("rds-prod    PROD") == true)
        let third = start.backupRows[2].id
        // Click on the third backup (screen column 71, row 6; 1-based in the report).
        func report(_ button: Int, _ column: Int, _ row: Int) -> String {
            "\u{1b}[M" + String(UnicodeScalar(UInt8(32 + button))) + String(UnicodeScalar(UInt8(32 + column)))
                + String(UnicodeScalar(UInt8(32 + row)))
        }
        try session.send(report(0, 71, 6) + report(3, 71, 6))
        try await session.waitForScreen("the third backup selected, the backups focused") { screen in
            screen.breadcrumbs.contains("› backups") && screen.pane("backup \(third)") != nil
                && screen.pane("backups")?.selectedRow?.contains(third) == true
        }
        // The wheel (button 65: down) moves three rows.
        let sixth = start.backupRows[5].id
        try session.send(report(65, 71, 10))
        try await session.waitForScreen("three rows further") { $0.pane("backup \(sixth)") != nil }
        try await session.quit()
    }
}
