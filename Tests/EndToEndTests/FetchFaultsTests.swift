import Foundation
import ScreenDriver
import Testing

/// The real binary against its built-in emulator set to fail: gaps are shown and `r` fills them.
@Suite(.serialized) struct FetchFaultsTests {
    @Test func failedPagesShowAsMissingAndRFetchesThemUntilTheListIsWhole() async throws {
        let session = try TmuxSession(columns: 120, rows: 40)
        let config = session.home.appendingPathComponent("faulty.toml")
        // Every third call fails and nothing is retried, so the big RDS instance's 13 pages come back with holes.
        try "[fetch]\nretries = 0\nrefresh_interval = 0\n\n[emulator]\nerror_rate = 0.34\n".write(to: config, atomically: true, encoding: .utf8)
        try session.launch(arguments: "--config \(config.path)")
        try await session.waitFor("订单库主实例")
        try session.press(.open, .open)
        let gapped = try await session.waitForScreen("pages missing") { $0.pane("backups")?.contains("missing · r fetches") == true }
        let backups = try #require(gapped.pane("backups"))
        #expect(backups.rows.contains { $0.contains("missing · r fetches") && $0.contains("· HTTP 503") })
        #expect(backups.title.contains("missing"))

        // Each `r` fetches the pages still missing. A key clears the status line's message first, so the screen
        // that answers this `r` is either whole (a plain count in the title, nothing missing) or says again which
        // page failed: never the screen from before the key.
        var whole = false
        for _ in 0..<10 {
            try session.press(.moveDown)
            try await session.waitForScreen("the last failure's message cleared") { !$0.statusLine.contains(" failed: ") }
            try session.press(.reload)
            let screen = try await session.waitForScreen("the missing pages fetched again") { screen in
                (screen.statusLine.contains(" failed: ") && screen.pane("backups")?.contains("missing · r fetches") == true)
                    || screen.holdsTheWholeList
            }
            if screen.holdsTheWholeList {
                whole = true
                #expect(try #require(screen.backupCount) >= 1_200)
                break
            }
        }
        #expect(whole, "r never completed the list")
        try await session.quit()
    }
}

extension Screen {
    /// The backups pane holds the whole list: its title ends in a plain count (no `loaded/total`, no `✗ … missing`).
    fileprivate var holdsTheWholeList: Bool {
        guard let pane = pane("backups"), !contains("missing"),
              let count = pane.title.components(separatedBy: " · ").last else { return false }
        return !count.isEmpty && count.allSatisfy { $0.isNumber || $0 == "," }
    }
}
