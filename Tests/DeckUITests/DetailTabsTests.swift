import BackupModel
@testable import DeckUI
import Testing

@Suite("Detail sections")
struct DetailTabsTests {
    /// The fixture's first backup (RDS, with per-database links) in the full detail view, on a short screen.
    func detail(rows: Int = 16) -> State {
        var state = Fixture.loadedState(size: Size(columns: 80, rows: rows))
        _ = Fixture.press(&state, .enter, .enter, .enter)
        return state
    }

    @Test func tabMovesToTheNextSectionAndShiftTabBack() {
        var state = detail()
        #expect(state.detailSections.map(\.title) == ["Summary", "Databases (2)"])
        #expect(render(state).lines[1].hasPrefix("┌─ backup 327329803 ─ [Summary] · Databases (2) ─"))
        _ = Fixture.press(&state, .tab)
        let lines = render(state).lines
        #expect(lines[1].hasPrefix("┌─ backup 327329803 ─ Summary · [Databases (2)] ─"), "\(lines[1])")
        #expect(render(state)[32, 1].role == .accent)
        // The section is short, so the view scrolls as far as it goes: to the end, with its table in view.
        #expect(state.detailScroll == state.maxDetailScroll)
        #expect(lines.contains { $0.hasPrefix("│DATABASE  PUBLIC URL") })
        // On a tall screen the section's heading comes to the top.
        var long = Fixture.loadedState(size: Size(columns: 80, rows: 16), backups: [Self.manyLinks])
        _ = Fixture.press(&long, .enter, .enter, .enter, .tab)
        #expect(render(long).lines[2] == "│Databases (40)                                                                │")
        #expect(render(long).lines[3].hasPrefix("│DATABASE  PUBLIC URL"))
        // Long tables scroll like lists.
        _ = Fixture.press(&long, Command.pageDown)
        #expect(render(long).lines.contains { $0.hasPrefix("│db-12 ") })
        _ = Fixture.press(&state, .backTab)
        #expect(state.detailSection == 0)
        #expect(render(state).lines[2].hasPrefix("│ID               327329803"))
        // Wrapping round: Shift-Tab from the first goes to the last.
        _ = Fixture.press(&state, .backTab)
        #expect(state.detailSection == 1)
    }

    @Test func scrollingByLineFollowsTheSection() {
        var state = detail()
        _ = Fixture.press(&state, .char("G"))
        #expect(state.detailSection == 1)
        _ = Fixture.press(&state, .char("g"))
        #expect(state.detailSection == 0)
    }

    /// An RDS backup with 40 per-database links: a section longer than the screen.
    static let manyLinks: Backup = {
        var backup = Fixture.backups[0]
        backup.detail = .rds(Fixture.rdsDetail(links: (0..<40).map {
            DatabaseDownloadLink(database: "db-\($0)", publicURL: "https://example.com/\($0)", internalURL: nil)
        }))
        return backup
    }()

    @Test func openingAnotherBackupStartsAtItsSummary() {
        var state = detail()
        _ = Fixture.press(&state, .tab, .escape, .char("G"), .enter)
        #expect(state.selectedBackupID == "327329806")
        #expect(state.detailSections.map(\.title) == ["Summary", "Databases (0)", "Anomalies"])
        #expect(state.detailSection == 0)
    }
}
