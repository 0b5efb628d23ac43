import BackupModel
@testable import DeckUI
import Foundation
import Testing

@Suite("Typed time window")
struct WindowRangeTests {
    let size = Size(columns: 120, rows: 30)

    @Test func parsesPresetsDatesAndTimes() throws {
        #expect(try TimeWindow(parsing: "7d") == .last7Days)
        #expect(try TimeWindow(parsing: " Default ") == .serviceDefault)
        #expect(try TimeWindow(parsing: "2026-01-01..2026-02-01")
                == .range(DateInterval(start: Fixture.utc(2026, 1, 1, 0, 0), end: Fixture.utc(2026, 2, 1, 0, 0))))
        #expect(try TimeWindow(parsing: "2026-01-01 06:30..2026-01-01T18:00")
                == .range(DateInterval(start: Fixture.utc(2026, 1, 1, 6, 30), end: Fixture.utc(2026, 1, 1, 18, 0))))
        #expect(try TimeWindow(parsing: "2024-02-29..2024-03-01").label == "2024-02-29..2024-03-01")
        #expect(try TimeWindow(parsing: "2026-01-01 06:30..2026-01-02").label == "2026-01-01 06:30..2026-01-02 00:00")
    }

    @Test func badRangesSayWhatIsWrong() {
        #expect(throws: TimeWindowError.self) { try TimeWindow(parsing: "last week") }
        #expect(throws: TimeWindowError(message: "\"2026-02-30\" is not a date: use YYYY-MM-DD or YYYY-MM-DD HH:MM (UTC)")) {
            try TimeWindow(parsing: "2026-01-01..2026-02-30")
        }
        #expect(throws: TimeWindowError(message: "the window ends before it starts: 2026-02-01..2026-01-01")) {
            try TimeWindow(parsing: "2026-02-01..2026-01-01")
        }
        #expect(throws: TimeWindowError.self) { try TimeWindow(parsing: "2026-1-1..2026-02-01") }
        #expect(throws: TimeWindowError.self) { try TimeWindow(parsing: "2026-01-01 25:00..2026-02-01") }
    }

    @Test func typedWindowFetchesAgainAndShowsInTheTitle() throws {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .enter, .enter, .down, .char("T"))
        #expect(state.prompt?.kind == .window)
        for character in "2024-03-01..2024-03-03" { _ = reduce(&state, .key(.char(character))) }
        let effects = Fixture.press(&state, .enter)
        let interval = DateInterval(start: Fixture.utc(2024, 3, 1, 0, 0), end: Fixture.utc(2024, 3, 3, 0, 0))
        guard case .loadBackups("rds-prod", "rm-2ze8n7f3k1a9x", .range(interval), let token)? = effects.first else {
            Issue.record("expected a reload in the typed window, got \(effects)")
            return
        }
        #expect(state.prompt == nil)
        #expect(state.statusMessage?.text == "window: 2024-03-01..2024-03-03")
        _ = reduce(&state, .backupsLoaded(token: token, items: Array(Fixture.backups[2...3]), progress: Fixture.finished(2)))
        #expect(render(state).lines[1].contains("backups · 2024-03-01..2024-03-03 · 2"), "\(render(state).lines[1])")
        // t from a typed range starts the presets again.
        _ = Fixture.press(&state, .char("t"))
        #expect(state.timeWindow == .serviceDefault)
    }

    @Test func aBadTypedWindowKeepsThePromptOpenWithTheReason() {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .enter, .char("T"))
        for character in "yesterday" { _ = reduce(&state, .key(.char(character))) }
        #expect(Fixture.press(&state, .enter).isEmpty)
        #expect(state.prompt?.error?.contains("is not a window") == true)
        let status = render(state).lines[size.rows - 2]
        #expect(status.hasPrefix("window (24h 7d 30d 90d default, or FROM..TO): yesterday"), "\(status)")
        #expect(state.timeWindow == .serviceDefault)
    }

    @Test func theRuntimeSendsATypedRangeAsIsAndPresetsEndingNow() {
        let now = Fixture.utc(2026, 6, 1, 12, 0)
        let range = DateInterval(start: Fixture.utc(2026, 1, 1, 0, 0), end: Fixture.utc(2026, 2, 1, 0, 0))
        #expect(TimeWindow.range(range).interval(now: now) == range)
        #expect(TimeWindow.last24Hours.interval(now: now) == DateInterval(start: now.addingTimeInterval(-86_400), end: now))
        #expect(TimeWindow.serviceDefault.interval(now: now) == nil)
    }
}
