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

        var whole = false
        for _ in 0..<10 {
            try session.press("r")
            // Loopback answers in milliseconds; then the pane shows the pages still missing, or none.
            Thread.sleep(forTimeInterval: 1.5)
            let screen = try session.screen()
            if !screen.contains(where: { $0.contains("missing") }) {
                whole = true
                let count = try #require(backupCount(screen[1]))
                #expect(count >= 1_200)
                break
            }
        }
        #expect(whole, "r never completed the list")
        try session.press("q")
        try session.waitFor("EXIT=0")
    }
}
