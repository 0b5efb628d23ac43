import BackupModel
@testable import DeckUI
import Testing

@Suite struct TimeWindowTests {
    let size = Size(columns: 120, rows: 40)

    @Test func tStepsTheWindowAndFetchesTheSelectedInstancesBackupsAgain() throws {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .enter, .enter, .down)
        #expect(state.selectedBackupID == "327329804")
        let effects = Fixture.press(&state, .char("t"))
        guard case .loadBackups("rds-prod", "rm-2ze8n7f3k1a9x", .last24Hours, let token)? = effects.first, effects.count == 1 else {
            Issue.record("expected one loadBackups in the 24h window, got \(effects)")
            return
        }
        #expect(state.timeWindow == .last24Hours)
        #expect(state.statusMessage?.text == "window: last 24 hours")
        #expect(state.selectedBackupID == "327329804", "the cursor keeps its backup while the list comes back")
        _ = reduce(&state, .backupsLoaded(token: token, items: Array(Fixture.backups[1...2]), progress: Fixture.finished(2)))
        #expect(state.backups.map(\.id) == ["327329804", "327329805"])
        #expect(state.selectedBackup?.id == "327329804")
    }

    @Test func stepsThroughEveryWindowAndBackToTheDefault() {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .enter, .enter)
        var seen: [TimeWindow] = []
        for _ in 0..<5 {
            _ = Fixture.press(&state, .char("t"))
            seen.append(state.timeWindow)
        }
        #expect(seen == [.last24Hours, .last7Days, .last30Days, .last90Days, .serviceDefault])
    }

    @Test func aRequestInFlightIsCancelledAndCachedListsOfTheOldWindowDropped() throws {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .enter)
        // Another instance's backups start loading, then the window changes.
        let moved = Fixture.press(&state, .down)
        let inFlight = try #require(loadToken(moved))
        let effects = Fixture.press(&state, .char("t"))
        #expect(effects.first == .cancel(inFlight))
        #expect(effects.count == 2)
        // Going back to the first instance fetches it again, in the new window, instead of showing the cached list.
        let back = Fixture.press(&state, .up)
        #expect(back.contains { if case .loadBackups(_, "rm-2ze8n7f3k1a9x", .last24Hours, _) = $0 { true } else { false } })
    }

    @Test func thePaneTitleShowsAWindowOtherThanTheDefault() {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .enter, .enter)
        #expect(render(state).lines[1].contains("backups · 4"))
        _ = Fixture.press(&state, .char("t"), .char("t"), .char("t"))
        #expect(render(state).lines[1].contains("backups · 30d"))
        #expect(render(state).lines.last?.contains("t window") == true)
    }
}
