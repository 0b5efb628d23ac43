import Foundation
import Testing

/// The real binary against its built-in emulator set to fail: gaps are shown and `r` fills them.
@Suite(.serialized) struct FetchFaultsTests {
    @Test func failedPagesShowAsMissingAndRFetchesThemUntilTheListIsWhole() throws {
        let session = try TmuxSession(columns: 120, rows: 40)
        let config = session.home.appendingPathComponent("faulty.toml")
        // Every third call fails and nothing is retried, so the big RDS instance's 13 pages come back with holes.
        try "[fetch]\nretries = 0\nrefresh_interval = 0\n\n[emulator]\nerror_rate = 0.34\n".write(to: config, atomically: true, encoding: .utf8)
        try session.run("\(TmuxSession.binary) --config \(config.path); echo EXIT=$?")
        try session.waitFor("订单库主实例")
        try session.press("Enter")
        try session.press("Enter")
        let gapped = try session.waitFor("missing · r fetches")
        #expect(gapped.contains { $0.contains("missing · r fetches") && $0.contains("· HTTP 503") })
        #expect(gapped.contains { $0.contains("backups · ") && $0.contains("missing") })

        // Each `r` fetches the pages still missing. A key clears the status line's message first, so the screen
        // that answers this `r` is either whole (a plain count in the title, nothing missing) or says again which
        // page failed: never the screen from before the key.
        var whole = false
        for _ in 0..<10 {
            try session.press("j")
            try session.waitForScreen("the last failure's message cleared") { !statusLine($0).contains(" failed: ") }
            try session.press("r")
            let screen = try session.waitForScreen("the missing pages fetched again") { screen in
                (statusLine(screen).contains(" failed: ") && screen.contains { $0.contains("missing · r fetches") }) || isWhole(screen)
            }
            if isWhole(screen) {
                whole = true
                #expect(try #require(backupCount(screen[1])) >= 1_200)
                break
            }
        }
        #expect(whole, "r never completed the list")
        try session.press("q")
        try session.waitFor("EXIT=0")
    }
}

/// The status line: the second-to-last row.
private func statusLine(_ screen: [String]) -> String {
    screen.count > 1 ? screen[screen.count - 2] : ""
}

/// The backups pane holds the whole list: its title ends in a plain count (no `loaded/total`, no `✗ … missing`).
private func isWhole(_ screen: [String]) -> Bool {
    guard screen.count > 1, !screen.contains(where: { $0.contains("missing") }),
          let title = screen[1].components(separatedBy: "┐┌").last(where: { $0.contains("backups · ") }),
          let count = title.components(separatedBy: " · ").last?.prefix(while: { $0 != " " && $0 != "─" }) else { return false }
    return !count.isEmpty && count.allSatisfy { $0.isNumber || $0 == "," }
}
