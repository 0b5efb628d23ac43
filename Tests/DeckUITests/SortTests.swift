import BackupModel
@testable import DeckUI
import Foundation
import Testing

@Suite("Sort")
struct SortTests {
    let size = Size(columns: 120, rows: 30)

    func backupsFocused(_ backups: [Backup] = Fixture.backups) -> State {
        var state = Fixture.loadedState(size: size, backups: backups)
        _ = Fixture.press(&state, .enter, .enter)
        return state
    }

    @Test func startTimeNewestFirstByDefaultWhateverTheArrivalOrder() {
        let state = backupsFocused(Fixture.backups.reversed())
        #expect(state.backups.map(\.id) == Fixture.backups.reversed().map(\.id), "arrival order is kept underneath")
        #expect(state.shownBackups.map(\.id) == ["327329803", "327329804", "327329805", "327329806"])
        #expect(state.selectedBackupID == "327329803", "the top row is selected")
        let header = render(state).lines[2]
        #expect(header.contains("START (UTC) ▼"), "\(header)")
    }

    @Test func sCyclesColumnsAndSReversesWithTheMarkerInTheHeader() {
        var state = backupsFocused()
        _ = Fixture.press(&state, .char("s"))
        #expect(state.backupSort == BackupSort(column: .duration, descending: true))
        // Longest first; the running backup has no duration and goes last.
        #expect(state.shownBackups.map(\.id) == ["327329803", "327329805", "327329806", "327329804"])
        #expect(render(state).lines[2].contains("DUR ▼"))
        #expect(state.statusMessage?.text == "sorted by duration, descending")
        _ = Fixture.press(&state, .char("S"))
        #expect(state.shownBackups.map(\.id) == ["327329806", "327329805", "327329803", "327329804"],
                "reversed, and the missing value still last")
        #expect(render(state).lines[2].contains("DUR ▲"))
        _ = Fixture.press(&state, .char("s"))
        #expect(state.backupSort == BackupSort(column: .size, descending: true))
        #expect(state.shownBackups.map(\.id) == ["327329803", "327329806", "327329805", "327329804"])
        _ = Fixture.press(&state, .char("s"), .char("s"), .char("s"))
        #expect(state.backupSort == BackupSort(column: .status, descending: false))
        #expect(state.shownBackups.map(\.id) == ["327329805", "327329804", "327329806", "327329803"], "failed first")
        _ = Fixture.press(&state, .char("s"), .char("s"))
        #expect(state.backupSort == .standard, "back to start time")
    }

    @Test func theCursorStaysOnItsBackupWhenTheOrderChanges() {
        var state = backupsFocused()
        _ = Fixture.press(&state, .down, .down)
        #expect(state.selectedBackupID == "327329805")
        _ = Fixture.press(&state, .char("S"))
        #expect(state.selectedBackupID == "327329805")
        #expect(render(state).lines.contains { $0.contains("2 of 4") })
        _ = Fixture.press(&state, .char("s"))
        #expect(state.selectedBackupID == "327329805")
        #expect(render(state).lines.contains { $0.contains("2 of 4") })
    }

    @Test func tiesBreakByIDNumericallyInTheSameDirection() {
        let start = Fixture.utc(2024, 5, 1, 0, 0)
        let same = ["9", "10", "100", "11"].map { id in
            Backup(id: id, instanceID: "i", status: .ok, statusText: "OK", start: start, end: nil, size: nil,
                   type: "Full", mode: "Auto", detail: .rds(Fixture.rdsDetail()))
        }
        var state = backupsFocused(same)
        #expect(state.shownBackups.map(\.id) == ["100", "11", "10", "9"])
        _ = Fixture.press(&state, .char("S"))
        #expect(state.shownBackups.map(\.id) == ["9", "10", "11", "100"])
    }

    @Test func pagesArrivingOutOfOrderAreMergedIntoPlace() throws {
        var (state, token) = try Fixture.awaitingBackups(size: size)
        let first = PageProgress(pagesLoaded: 1, totalPages: 2, itemsLoaded: 2, totalItems: 4, finished: false)
        _ = reduce(&state, .backupsLoaded(token: token, items: [Fixture.backups[1], Fixture.backups[3]], progress: first))
        #expect(state.shownBackups.map(\.id) == ["327329804", "327329806"])
        _ = reduce(&state, .backupsLoaded(token: token, items: [Fixture.backups[2], Fixture.backups[0]], progress: Fixture.finished(4, pages: 2)))
        #expect(state.shownBackups.map(\.id) == ["327329803", "327329804", "327329805", "327329806"])
        #expect(state.selectedBackupID == "327329804", "the first backup shown stays selected as others arrive above it")
    }

    @Test func theSortAppliesToEveryInstancesBackups() throws {
        var state = backupsFocused()
        _ = Fixture.press(&state, .char("S"), .char("h"))
        let effects = Fixture.press(&state, .down)
        let token = try #require(loadToken(effects))
        _ = reduce(&state, .backupsLoaded(token: token, items: Fixture.backups, progress: Fixture.finished(4)))
        #expect(state.shownBackups.map(\.id) == ["327329806", "327329805", "327329804", "327329803"])
    }
}
