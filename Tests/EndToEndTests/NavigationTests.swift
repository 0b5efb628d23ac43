import Foundation
import Testing

/// Filter, sort, help, time window, jump, themes and the 80- and 250-column layouts, in the real binary against the
/// demo's emulator.
@Suite(.serialized) struct NavigationTests {
    /// Starts the demo; returns its first screen with the providers and the first provider's instances.
    @discardableResult
    private func launch(_ session: TmuxSession) throws -> [String] {
        try session.run("\(TmuxSession.binary); echo EXIT=$?")
        return try session.waitForScreen("the demo's providers and instances") { screen in
            screen.contains { $0.contains("demo-gaussdb") } && screen.contains { $0.contains("订单库主实例") }
        }
    }

    /// Types `:TEXT` and Enter.
    private func command(_ session: TmuxSession, _ text: String) throws {
        try session.press(":")
        try session.send(text)
        try session.press("Enter")
    }

    /// The title of the backups pane (its top frame, on row 1).
    private func backupsTitle(_ screen: [String]) -> String {
        guard screen.count > 1, let range = screen[1].range(of: "backups ") else { return "" }
        return String(screen[1][range.lowerBound...])
    }

    /// The backups pane's rows: the framed segments of a line that start with a status glyph, as (glyph, ID, start).
    private func backupRows(_ screen: [String]) -> [(status: Character, id: String, start: String)] {
        screen.compactMap { line in
            for segment in line.split(separator: "│") {
                guard let glyph = segment.first, "✓●✗?".contains(glyph), segment.dropFirst().first == " " else { continue }
                let fields = segment.dropFirst().split(separator: " ", omittingEmptySubsequences: true)
                guard fields.count >= 3 else { continue }
                return (glyph, String(fields[0]), "\(fields[1]) \(fields[2])")
            }
            return nil
        }
    }

    @Test func filterStatusSortAndHelpInTheBackupPane() throws {
        let session = try TmuxSession(columns: 120, rows: 40)
        try launch(session)
        try session.press("Enter", "Enter")
        let loaded = try session.waitForScreen("the big instance's backups loaded, newest first") { screen in
            screen.count > 2 && screen[2].contains("START (UTC) ▼") && backupCount(screen[1]).map { $0 >= 1200 } == true
        }
        let starts = backupRows(loaded).map(\.start)
        #expect(starts.count > 10)
        #expect(starts == starts.sorted(by: >), "newest first: \(starts)")

        // `f`: failed ones only; the title counts them.
        try session.press("f")
        let failed = try session.waitForScreen("only failed backups") { backupsTitle($0).contains("backups · failed · ") }
        #expect(backupsTitle(failed).contains(" of 1,2"), "\(backupsTitle(failed))")
        #expect(!backupRows(failed).isEmpty)
        #expect(backupRows(failed).allSatisfy { $0.status == "✗" })
        try session.press("Escape")
        try session.waitForScreen("the status filter cleared") { !backupsTitle($0).contains("failed") && backupRows($0).count > 10 }

        // `/` filters as you type: `Incr` (a capital: case matters) keeps incrementals only; `!` inverts.
        try session.press("/")
        try session.run("Incr")
        let incremental = try session.waitForScreen("the filter in the title") { backupsTitle($0).contains("/Incr · ") }
        #expect(backupRows(incremental).count > 10)
        #expect(incremental.filter { $0.contains("││") && ($0.contains(" Full ") || $0.contains(" Full…")) }.isEmpty)
        try session.press("/", "C-u")
        try session.run("!Incr")
        let inverted = try session.waitForScreen("the inverted filter") { backupsTitle($0).contains("/!Incr · ") }
        #expect(!inverted.contains { $0.contains(" Incr ") && $0.contains("││") })
        try session.press("Escape")
        try session.waitForScreen("the filter cleared") { !backupsTitle($0).contains("/") }

        // `s` sorts by the next column (duration), `S` reverses; the header shows which.
        try session.press("s")
        try session.waitForScreen("sorted by duration") { $0.count > 2 && $0[2].contains("DUR ▼") }
        try session.press("S")
        try session.waitForScreen("sorted by duration, ascending") { $0.count > 2 && $0[2].contains("DUR ▲") }

        // `?`: the keys of this pane, from the keymap.
        try session.press("?")
        let help = try session.waitFor("help · backups")
        #expect(help.contains { $0.contains("Reverse the backups' sort order.") })
        #expect(help.contains { $0.contains("Show backups by status: all, failed, running, ok.") })
        try session.press("Escape")
        try session.waitForScreen("help closed") { !$0.contains { $0.contains("help · backups") } }

        try session.press("q")
        try session.waitFor("EXIT=0")
    }

    @Test func aTypedTimeWindowRefetchesAndShowsOnlyThatRange() throws {
        let session = try TmuxSession(columns: 120, rows: 40)
        try launch(session)
        try session.press("Enter", "Enter")
        try session.waitForScreen("backups loaded") { backupCount($0[1]).map { $0 >= 1200 } == true }
        // Three whole days ending two days ago: the emulator's daily backups fall in it.
        let day = 86_400.0
        let today = floor(Date().timeIntervalSince1970 / day) * day
        let from = Self.date(today - 5 * day)
        let to = Self.date(today - 2 * day)
        try session.press("T")
        try session.waitFor("window (24h 7d 30d 90d default, or FROM..TO):")
        try session.run("\(from)..\(to)")
        let screen = try session.waitForScreen("the typed window loaded") { screen in
            backupsTitle(screen).contains("backups · \(from)..\(to) · ") && !screen.contains { $0.contains("loading") }
        }
        let rows = backupRows(screen)
        #expect(!rows.isEmpty)
        for row in rows {
            #expect(row.start >= from && row.start < to, "\(row.start) outside \(from)..\(to)")
        }
        // A mistake keeps the prompt open with the reason.
        try session.press("T", "C-u")
        try session.run("yesterday")
        try session.waitFor("\"yesterday\" is not a window")
        try session.press("Escape", "q")
        try session.waitFor("EXIT=0")
    }

    static func date(_ seconds: TimeInterval) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: seconds))
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    @Test func jumpWithCompletionHistoryAndBackupIDs() throws {
        let session = try TmuxSession(columns: 120, rows: 40)
        try launch(session)
        // A provider, completed with Tab.
        try session.press(":")
        try session.send("demo-h")
        try session.press("Tab")
        try session.waitFor(":demo-hbr")
        try session.press("Enter")
        try session.waitForScreen("demo-hbr selected, its instances in focus") { $0.first?.hasPrefix("backdeck › demo-hbr › ") == true }

        // Unknown input: said in the command line, which stays open.
        try command(session, "nosuch")
        try session.waitFor("unknown: \"nosuch\" is not a provider")
        try session.press("Escape")

        // History: ↑ brings back earlier command lines, the mistyped one too (to fix it).
        try session.press(":", "Up")
        try session.waitFor(":nosuch")
        try session.press("Up")
        try session.waitFor(":demo-hbr")
        try session.press("Escape")

        // A backup by ID: read one from the RDS list, go elsewhere, jump back to it.
        try command(session, "demo-rds")
        try session.waitForScreen("demo-rds selected") { $0.first?.hasPrefix("backdeck › demo-rds › ") == true }
        try session.press("Enter")
        let list = try session.waitForScreen("RDS backups in focus") { screen in
            (screen.first?.components(separatedBy: " › ").count ?? 0) == 4 && backupRows(screen).count > 8
                && backupRows(screen).allSatisfy { $0.id.allSatisfy(\.isNumber) }
        }
        let target = backupRows(list)[6].id
        // Leaving a list half-loaded drops it (it is fetched whole on return): let it finish first.
        try session.waitForScreen("all RDS backups loaded") { $0.count > 2 && $0[$0.count - 2].hasSuffix(" backups") }
        try command(session, "demo-redis")
        try session.waitForScreen("demo-redis selected") { $0.first?.hasPrefix("backdeck › demo-redis") == true }
        try command(session, "bk \(target)")
        // The cursor is on it, in the backup list: the breadcrumbs end at the list, the preview shows the backup.
        let jumped = try session.waitForScreen("the backup selected in its list") { screen in
            screen.first?.contains("› backups") == true && screen.contains { $0.contains("┌─ backup \(target) ") }
        }
        #expect(jumped.first?.hasPrefix("backdeck › demo-rds › ") == true, "\(jumped.joined(separator: "\n"))")
        #expect(jumped.contains { $0.contains("┌─ backup \(target) ") }, "its preview shows")

        try command(session, "q")
        try session.waitFor("EXIT=0")
    }

    @Test func themeSwitchesLive() throws {
        let session = try TmuxSession(columns: 100, rows: 30)
        try launch(session)
        let before = try session.screenWithEscapes()
        try command(session, "theme solarized-dark")
        try session.waitFor("theme solarized-dark")
        // Same text, other colours: solarized paints a background on every cell the default left alone.
        let after = try session.screenWithEscapes()
        #expect(after != before)
        #expect(after.components(separatedBy: "\u{1b}[").count > before.components(separatedBy: "\u{1b}[").count)
        try command(session, "theme nosuch")
        try session.waitFor("no theme \"nosuch\"")
        try session.press("Escape", "q")
        try session.waitFor("EXIT=0")
    }

    @Test func at80ColumnsTheProvidersHideBehindTheBreadcrumbs() throws {
        let session = try TmuxSession(columns: 80, rows: 24)
        let start = try launch(session)
        #expect(start[1].hasPrefix("┌─ providers"), "the providers pane shows while it has focus")
        try session.press("Enter", "Enter")
        let screen = try session.waitForScreen("the backups with the providers collapsed") { screen in
            screen.count > 2 && screen[1].hasPrefix("┌─ instances") && screen[2].contains("START (UTC)")
        }
        #expect(screen[0].hasPrefix("backdeck › demo-rds › "), "the provider is in the breadcrumbs")
        #expect(!screen.contains { $0.contains("providers") })
        #expect(screen.allSatisfy { displayWidth($0) <= 80 })
        #expect(screen[2].contains("SIZE"), "the backup list keeps its size column: \(screen[2])")
        // Back on the providers pane, it comes back.
        try session.press("Escape", "Escape")
        try session.waitForScreen("providers back") { $0.count > 1 && $0[1].hasPrefix("┌─ providers") }
        try session.press("q")
        try session.waitFor("EXIT=0")
    }

    @Test func at250ColumnsMoreColumnsAppear() throws {
        let session = try TmuxSession(columns: 250, rows: 60)
        try launch(session)
        try session.press("Enter", "Enter")
        let screen = try session.waitForScreen("the wide backup list") { screen in
            screen.count > 2 && screen[2].contains("START (UTC)") && backupRows(screen).count > 10
        }
        #expect(screen[2].contains("METHOD"), "\(screen[2])")
        #expect(screen[2].contains("EXPIRES"), "\(screen[2])")
        #expect(screen.contains { $0.contains("Physical") })
        #expect(screen[1].contains("┌─ backup "), "the detail sits on the right")
        #expect(screen.allSatisfy { displayWidth($0) <= 250 })
        try session.press("q")
        try session.waitFor("EXIT=0")
    }

    @Test func aKeyBoundTwiceIsReportedAtStartUp() throws {
        let session = try TmuxSession(columns: 100, rows: 30)
        let config = session.home.appendingPathComponent("keys.toml")
        try "[keys]\nreload = \"x\"\nsort = [\"s\", \"x\"]\n".write(to: config, atomically: true, encoding: .utf8)
        try session.run("\(TmuxSession.binary) --config \(config.path); echo EXIT=$?")
        let screen = try session.waitFor("EXIT=2")
        // The path is long: the message may wrap anywhere, so compare without the spaces.
        let text = screen.joined().replacingOccurrences(of: " ", with: "")
        #expect(text.contains("keys.toml:3:key\"x\"isboundtobothreload(line2)andsort"))
    }


    /// With `mouse = true` a click selects and focuses, the wheel moves, and the provider's label and accent show.
    /// (The clicks are typed as the X10 mouse reports a terminal sends: ESC [ M, button, column, row, each + 32.)
    @Test func mouseWhenTheConfigEnablesItAndTheProvidersBadge() throws {
        let session = try TmuxSession(columns: 120, rows: 40)
        let emulator = try EmulatorProcess(in: session.home)
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
        try session.run("ALIBABA_CLOUD_ACCESS_KEY_ID=testid ALIBABA_CLOUD_ACCESS_KEY_SECRET=testsecret "
                        + "\(TmuxSession.binary) --config \(config.path); echo EXIT=$?")
        let start = try session.waitForScreen("the backups previewed") { backupRows($0).count > 5 }
        #expect(start[0].hasPrefix("backdeck › rds-prod [PROD]"))
        #expect(start[2].hasPrefix("│rds-prod    PROD│"))
        let third = backupRows(start)[2].id
        // Click on the third backup (screen column 71, row 6; 1-based in the report).
        func report(_ button: Int, _ column: Int, _ row: Int) -> String {
            "\u{1b}[M" + String(UnicodeScalar(UInt8(32 + button))) + String(UnicodeScalar(UInt8(32 + column)))
                + String(UnicodeScalar(UInt8(32 + row)))
        }
        try session.send(report(0, 71, 6) + report(3, 71, 6))
        try session.waitForScreen("the third backup selected, the backups focused") { screen in
            screen.first?.contains("› backups") == true && screen.contains { $0.contains("┌─ backup \(third) ") }
        }
        // The wheel (button 65: down) moves three rows.
        let sixth = backupRows(start)[5].id
        try session.send(report(65, 71, 10))
        try session.waitForScreen("three rows further") { $0.contains { $0.contains("┌─ backup \(sixth) ") } }
        try session.press("q")
        try session.waitFor("EXIT=0")
    }

}
