import BackupModel
@testable import DeckUI
import ScreenDriver
import Testing

@Suite("Filter")
struct FilterTests {
    let size = Size(columns: 120, rows: 30)

    /// The fixture with the backup pane focused.
    func backupsFocused() -> State {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .open, .open)
        return state
    }

    func type(_ state: inout State, _ text: String) {
        for character in text { _ = reduce(&state, .key(.char(character))) }
    }

    @Test func slashFiltersIncrementallyAndTheTitleCountsWhatShows() {
        var state = backupsFocused()
        _ = Fixture.press(&state, .filter)
        #expect(state.prompt?.kind == .filter(.backups))
        type(&state, "incr")
        #expect(state.shownBackups.map(\.id) == ["327329804"])
        #expect(state.selectedBackupID == "327329804", "the cursor moves to a row that shows")
        let screen = Fixture.screen(state)
        #expect(screen.pane("backups")?.title == "backups · /incr · 1 of 4", "\(screen.lines.joined(separator: "\n"))")
        #expect(screen.pane("backups")?.selectedRow?.contains("327329804") == true)
        #expect(screen.statusLine.hasPrefix("/incr"), "the prompt is in the status line: \(screen.statusLine)")
        // Backspace widens it again at once.
        _ = Fixture.press(&state, .backspace)
        #expect(state.filter(for: .backups)?.text == "inc")
        _ = Fixture.press(&state, .enter)
        #expect(state.prompt == nil)
        #expect(state.filter(for: .backups)?.text == "inc", "Enter keeps the filter")
        #expect(Fixture.screen(state).pane("backups")?.title == "backups · /inc · 1 of 4")
    }

    @Test func smartCaseMatchesAnyCaseUnlessTheTextHasACapital() {
        var state = backupsFocused()
        _ = Fixture.press(&state, .filter)
        type(&state, "full")
        #expect(state.shownBackups.map(\.id) == ["327329803", "327329805", "327329806"])
        _ = Fixture.press(&state, .ctrl("u"))
        type(&state, "FULL")
        #expect(state.shownBackups.isEmpty)
        #expect(state.selectedBackup == nil)
        #expect(Fixture.screen(state).pane("backups")?.contains("no backups match the filter (esc clears it)") == true)
        _ = Fixture.press(&state, .ctrl("u"))
        type(&state, "Full")
        #expect(state.shownBackups.count == 3)
    }

    @Test func bangInvertsTheFilter() {
        var state = backupsFocused()
        _ = Fixture.press(&state, .filter)
        type(&state, "!full")
        #expect(state.shownBackups.map(\.id) == ["327329804"])
        // A lone "!" filters nothing yet.
        _ = Fixture.press(&state, .ctrl("u"), .char("!"))
        #expect(state.shownBackups.count == 4)
    }

    @Test func matchesTheVisibleColumnsStatusWordsSizesAndDates() {
        var state = backupsFocused()
        _ = Fixture.press(&state, .filter)
        type(&state, "2024-03-02")
        #expect(state.shownBackups.map(\.id) == ["327329805"])
        _ = Fixture.press(&state, .ctrl("u"))
        type(&state, "checking")
        #expect(state.shownBackups.map(\.id) == ["327329806"])
        _ = Fixture.press(&state, .ctrl("u"))
        type(&state, "MiB")
        #expect(state.shownBackups.map(\.id) == ["327329806"])
    }

    @Test func escClearsTheFilterWhileTypingAndAfterward() {
        var state = backupsFocused()
        _ = Fixture.press(&state, .down, .down)
        #expect(state.selectedBackupID == "327329805")
        _ = Fixture.press(&state, .filter)
        type(&state, "auto")
        _ = Fixture.press(&state, .escape)
        #expect(state.prompt == nil)
        #expect(state.filter(for: .backups) == nil)
        #expect(state.shownBackups.count == 4)
        #expect(state.focus == .backups, "Esc while typing does not go back")
        #expect(state.selectedBackupID == "327329805", "the cursor stayed on its backup")

        _ = Fixture.press(&state, .filter)
        type(&state, "auto")
        _ = Fixture.press(&state, .enter)
        // Esc on a filtered list clears the filter first; the next Esc goes back.
        _ = Fixture.press(&state, .escape)
        #expect(state.filter(for: .backups) == nil)
        #expect(state.focus == .backups)
        #expect(state.statusMessage?.text == "filter cleared")
        _ = Fixture.press(&state, .escape)
        #expect(state.focus == .instances)
    }

    @Test func filteringInstancesMovesTheCursorAndThePreviewFollows() throws {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .open, .filter)
        var effects: [Effect] = []
        for character in "user" { effects += reduce(&state, .key(.char(character))) }
        #expect(state.shownInstances.map(\.id) == ["rm-2zeb61q0w7c4y"])
        #expect(state.selectedInstanceID == "rm-2zeb61q0w7c4y")
        #expect(effects.contains { if case .loadBackups(_, "rm-2zeb61q0w7c4y", _, _) = $0 { true } else { false } })
        let instances = try #require(Fixture.screen(state).pane("instances"))
        #expect(instances.title == "instances · /user · 1 of 3", "\(instances.title)")
        #expect(instances.selectedRow?.hasPrefix("user-db") == true)
    }

    @Test func aFilterOnNothingHidesTheSelectionAndClearingBringsItBack() {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .open, .filter)
        type(&state, "nothing-matches")
        #expect(state.selectedInstanceID == nil)
        #expect(state.selectedBackup == nil)
        _ = Fixture.press(&state, .escape)
        #expect(state.selectedInstanceID == "rm-2ze8n7f3k1a9x")
    }

    @Test func pagesArrivingWhileFilteredShowOnlyMatches() throws {
        var (state, backupsToken) = try Fixture.awaitingBackups(size: size)
        _ = Fixture.press(&state, .open, .open, .filter)
        type(&state, "automated")
        _ = Fixture.press(&state, .enter)
        let first = PageProgress(pagesLoaded: 1, totalPages: 2, itemsLoaded: 2, totalItems: 4, finished: false)
        _ = reduce(&state, .backupsLoaded(token: backupsToken, items: Array(Fixture.backups[0...1]), progress: first))
        #expect(state.shownBackups.map(\.id) == ["327329803"])
        #expect(Fixture.screen(state).pane("backups")?.title == "backups · /automated · 1 of 2/4")
        _ = reduce(&state, .backupsLoaded(token: backupsToken, items: Array(Fixture.backups[2...3]), progress: Fixture.finished(4, pages: 2)))
        #expect(state.shownBackups.map(\.id) == ["327329803", "327329805", "327329806"])
        #expect(Fixture.screen(state).pane("backups")?.title == "backups · /automated · 3 of 4")
    }

    @Test func fCyclesTheStatusFilter() {
        var state = backupsFocused()
        var seen: [[String]] = []
        for _ in 0..<4 {
            _ = Fixture.press(&state, .statusFilter)
            seen.append(state.shownBackups.map(\.id))
        }
        #expect(seen == [["327329805"], ["327329804"], ["327329803"], Fixture.backups.map(\.id)])
        _ = Fixture.press(&state, .statusFilter)
        #expect(state.statusFilter == .failed)
        #expect(state.statusMessage?.text == "showing failed backups only")
        #expect(Fixture.screen(state).pane("backups")?.title == "backups · failed · 1 of 4")
        _ = Fixture.press(&state, .escape)
        #expect(state.statusFilter == .all, "Esc clears the status filter too")
    }

    @Test func eachPaneHasItsOwnFilter() {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .filter)
        type(&state, "staging")
        _ = Fixture.press(&state, .enter)
        #expect(state.providers.count == 2)
        #expect(state.selectedProvider?.name == "rds-staging")
        // The providers pane is narrow: its title gives way to the filter.
        #expect(Fixture.screen(state).panes.first?.title.hasPrefix("/staging · 1") == true)
        #expect(state.filter(for: .instances) == nil)
    }
}

@Suite struct TextMatcherTests {
    func matches(_ filter: String, _ text: String) -> Bool {
        TextMatcher(ListFilter(filter))?.matches(Array(text.utf8)) ?? true
    }

    @Test func smartCaseByteSearch() {
        #expect(matches("incr", "327329804\u{0}Incremental"))
        #expect(!matches("Incr", "327329804\u{0}incremental"))
        #expect(matches("Incr", "327329804\u{0}Incremental"))
        #expect(matches("订单", "订单库主实例"))
        #expect(!matches("!订单", "订单库主实例"))
        #expect(matches("!full", "Incremental"))
        #expect(matches("", "anything") && TextMatcher(ListFilter("!")) == nil)
    }
}
