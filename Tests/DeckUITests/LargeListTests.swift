import BackupModel
import Testing
@testable import DeckUI

@Suite("Large lists")
struct LargeListTests {
    static func backups(_ count: Int) -> [Backup] {
        let newest = Fixture.utc(2024, 3, 1, 2, 0)
        // Newest first, a minute apart, as the APIs page them (and as the pane sorts them).
        return (0..<count).map { index in
            let start = newest.addingTimeInterval(-60 * Double(index))
            return Backup(id: "\(400_000_000 + index)", instanceID: "rm-2ze8n7f3k1a9x", status: .ok,
                          statusText: "Success", start: start, end: start.addingTimeInterval(3600),
                          size: ByteCount(bytes: Int64(index) * 1024), type: "Full", mode: "Automated",
                          detail: .rds(Fixture.rdsDetail()))
        }
    }

    /// Loads `count` backups in pages of 1,000, as the runtime would stream them.
    static func state(backups count: Int, size: Size) throws -> State {
        var state = State(providers: Fixture.providers, size: size, banner: Fixture.banner)
        let instancesToken = try #require(loadToken(reduce(&state, .start)))
        let token = try #require(loadToken(reduce(&state, .instancesLoaded(
            token: instancesToken, items: Fixture.instances, progress: Fixture.finished(3)))))
        let all = backups(count)
        let pages = stride(from: 0, to: count, by: 1000).map { Array(all[$0..<min(count, $0 + 1000)]) }
        for (number, page) in pages.enumerated() {
            let progress = PageProgress(pagesLoaded: number + 1, totalPages: pages.count, itemsLoaded: (number + 1) * 1000,
                                        totalItems: count, finished: number == pages.count - 1)
            _ = reduce(&state, .backupsLoaded(token: token, items: page, progress: progress))
        }
        _ = reduce(&state, .key(.enter))
        _ = reduce(&state, .key(.enter))
        return state
    }

    @Test func onlyVisibleRowsAreFormatted() throws {
        let size = Size(columns: 120, rows: 40)
        let huge = try Self.state(backups: 100_000, size: size)
        let small = try Self.state(backups: 100, size: size)
        #expect(huge.backups.count == 100_000)

        var hugeRenderer = Renderer(state: huge)
        hugeRenderer.draw()
        var smallRenderer = Renderer(state: small)
        smallRenderer.draw()

        let layout = Layout(size: size, focus: .backups)
        let visible = 2 + 3 + layout.viewport(.backups)  // providers + instances + one screen of backups
        #expect(hugeRenderer.formattedRows == visible)
        #expect(smallRenderer.formattedRows == visible)
        #expect(hugeRenderer.grid.size == smallRenderer.grid.size)
        #expect(hugeRenderer.grid.lines[1].contains("backups · 100,000"))
    }

    @Test func theEndOfAHugeListRendersTheLastRows() throws {
        var state = try Self.state(backups: 100_000, size: Size(columns: 120, rows: 40))
        _ = reduce(&state, .key(.char("G")))
        #expect(state.selectedBackupID == "400099999")
        var renderer = Renderer(state: state)
        renderer.draw()
        let lines = renderer.grid.lines
        #expect(lines.contains { $0.contains("400099999") })
        #expect(lines.contains { $0.contains("100,000 of 100,000") })
        #expect(renderer.formattedRows == 2 + 3 + Layout(size: state.size, focus: .backups).viewport(.backups))
        _ = reduce(&state, .key(.pageUp))
        let viewport = Layout(size: state.size, focus: .backups).viewport(.backups)
        #expect(state.selectedBackupID == "\(400_099_999 - viewport)")
    }
}
