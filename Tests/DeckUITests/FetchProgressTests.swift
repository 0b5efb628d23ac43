import BackupModel
@testable import DeckUI
import Foundation
import Testing

/// How the UI shows a fetch that is retried, has holes, is completed by `r`, and refreshes itself.
@Suite struct FetchProgressTests {
    static let t0 = Date(timeIntervalSince1970: 1_767_225_600)

    static func backup(_ number: Int, status: BackupStatus = .ok) -> Backup {
        Backup(id: "bk\(number)", instanceID: Fixture.instances[0].id, status: status,
               statusText: status == .running ? "Running" : "Success",
               start: Fixture.utc(2024, 3, 1, 2, 0).addingTimeInterval(Double(-number * 3600)), end: nil,
               size: ByteCount(bytes: 1_000), type: "Full", mode: "Automated", detail: .rds(Fixture.rdsDetail()))
    }

    static func page(_ number: Int, of pages: Int, size: Int = 3) -> PageProgress {
        PageProgress(pagesLoaded: number, totalPages: pages, itemsLoaded: number * size, totalItems: pages * size,
                     finished: false, page: number, pageSize: size)
    }

    static let outage = ServiceError(kind: .http, httpStatus: 503, code: "ServiceUnavailable", message: "try later")

    /// Instances loaded, the first instance's backups requested: returns that request's token.
    static func awaitingBackups(_ state: inout State) throws -> RequestToken {
        _ = reduce(&state, .tick(t0))
        let start = reduce(&state, .start)
        let instancesToken = try #require(loadToken(start))
        let effects = reduce(&state, .instancesLoaded(token: instancesToken, items: Fixture.instances,
                                                      progress: Fixture.finished(Fixture.instances.count)))
        return try #require(loadToken(effects))
    }

    @Test func aFailedPageLeavesAGapThatRFillsInPlace() throws {
        var state = State(providers: Fixture.providers, size: Size(columns: 120, rows: 30), banner: Fixture.banner)
        let token = try Self.awaitingBackups(&state)
        _ = reduce(&state, .backupsLoaded(token: token, items: (1...3).map { Self.backup($0) }, progress: Self.page(1, of: 3)))
        let gap = PageProgress(pagesLoaded: 1, totalPages: 3, itemsLoaded: 3, totalItems: 9, finished: false, page: 2,
                               pageSize: 3, missingPages: [2])
        _ = reduce(&state, .pageFailed(token: token, error: Self.outage, progress: gap))
        let last = PageProgress(pagesLoaded: 2, totalPages: 3, itemsLoaded: 6, totalItems: 9, finished: true, page: 3,
                                pageSize: 3, missingPages: [2])
        _ = reduce(&state, .backupsLoaded(token: token, items: (7...9).map { Self.backup($0) }, progress: last))
        #expect(state.backups.map(\.id) == ["bk1", "bk2", "bk3", "bk7", "bk8", "bk9"])
        #expect(state.statusMessage?.text == "page 2 failed: HTTP 503 ServiceUnavailable: try later · r fetches what is missing")

        let screen = render(state).dump
        #expect(screen.contains("backups · 6/9 · ✗ page 2 missing"))
        #expect(screen.contains("✗ page 2 missing · r fetches it · HTTP 503 ServiceUnavailable"))

        _ = Fixture.press(&state, .enter, .enter, .char("j"), .char("j"), .char("j"))
        #expect(state.selectedBackupID == "bk7")
        let effects = Fixture.press(&state, .char("r"))
        guard case .loadMissingBackups(_, _, _, let remainder, let refill)? = effects.last else {
            Issue.record("r did not ask for the missing pages: \(effects)")
            return
        }
        #expect(remainder.pages == [2] && remainder.pageSize == 3 && remainder.itemsLoaded == 6)
        #expect(state.backups.count == 6)  // the rows stay while the gap is fetched

        let filled = PageProgress(pagesLoaded: 3, totalPages: 3, itemsLoaded: 9, totalItems: 9, finished: true, page: 2,
                                  pageSize: 3)
        _ = reduce(&state, .backupsLoaded(token: refill, items: (4...6).map { Self.backup($0) }, progress: filled))
        #expect(state.backups.map(\.id) == (1...9).map { "bk\($0)" })
        #expect(state.selectedBackupID == "bk7")
        #expect(!render(state).dump.contains("missing"))
    }

    @Test func aRetryIsAnnouncedAndALateAnnouncementIsDropped() throws {
        var state = State(providers: Fixture.providers, size: Size(columns: 120, rows: 30), banner: Fixture.banner)
        let token = try Self.awaitingBackups(&state)
        let notice = RetryNotice(reason: .throttled, page: 3, attempt: 2, maxAttempts: 5, delay: .seconds(2),
                                 error: ServiceError(kind: .http, httpStatus: 400, code: "Throttling.User", message: ""))
        _ = reduce(&state, .retrying(token: RequestToken(value: token.value + 100), notice: notice))
        #expect(state.statusMessage == nil)
        _ = reduce(&state, .retrying(token: token, notice: notice))
        #expect(state.statusMessage?.text == "throttled, retrying page 3 in 2 s (attempt 2 of 5)")
        #expect(render(state).dump.contains("throttled, retrying page 3 in 2 s"))
    }

    @Test func aListWithARunningBackupRefreshesItselfSilentlyWithoutOverlapping() throws {
        var state = State(providers: Fixture.providers, size: Size(columns: 120, rows: 30), banner: Fixture.banner)
        state.refreshInterval = 5
        let token = try Self.awaitingBackups(&state)
        let first = [Self.backup(1, status: .running), Self.backup(2), Self.backup(3)]
        _ = reduce(&state, .backupsLoaded(token: token, items: first, progress: Fixture.finished(3)))
        _ = Fixture.press(&state, .enter, .enter, .char("j"))
        #expect(state.selectedBackupID == "bk2")

        #expect(reduce(&state, .tick(Self.t0.addingTimeInterval(4))).isEmpty)
        let effects = reduce(&state, .tick(Self.t0.addingTimeInterval(5)))
        guard case .loadBackups(_, let instanceID, _, let refresh)? = effects.first, effects.count == 1 else {
            Issue.record("no refresh after the interval: \(effects)")
            return
        }
        #expect(instanceID == Fixture.instances[0].id)
        // In flight: no second refresh, and the rows stay while the new list arrives.
        #expect(reduce(&state, .tick(Self.t0.addingTimeInterval(11))).isEmpty)
        _ = reduce(&state, .backupsLoaded(token: refresh, items: [Self.backup(0, status: .running)],
                                          progress: PageProgress(pagesLoaded: 1, totalPages: 2, itemsLoaded: 1,
                                                                 totalItems: 4, finished: false, page: 1, pageSize: 1)))
        #expect(state.backups.map(\.id) == ["bk1", "bk2", "bk3"])
        _ = reduce(&state, .backupsLoaded(token: refresh, items: [Self.backup(1), Self.backup(2), Self.backup(3)],
                                          progress: PageProgress(pagesLoaded: 2, totalPages: 2, itemsLoaded: 4,
                                                                 totalItems: 4, finished: true, page: 2, pageSize: 3)))
        #expect(state.backups.map(\.id) == ["bk0", "bk1", "bk2", "bk3"])
        #expect(state.selectedBackupID == "bk2")
        #expect(state.backups.first { $0.id == "bk1" }?.status == .ok)

        // bk0 still runs: the next refresh counts from this answer (t0 + 11).
        #expect(reduce(&state, .tick(Self.t0.addingTimeInterval(15))).isEmpty)
        let again = reduce(&state, .tick(Self.t0.addingTimeInterval(16)))
        let second = try #require(loadToken(again))
        _ = reduce(&state, .backupsLoaded(token: second, items: (0...3).map { Self.backup($0) }, progress: Fixture.finished(4)))
        // Nothing runs any more: no further refresh.
        #expect(reduce(&state, .tick(Self.t0.addingTimeInterval(60))).isEmpty)
    }

    @Test func aFailedRefreshKeepsTheRowsOnScreen() throws {
        var state = State(providers: Fixture.providers, size: Size(columns: 120, rows: 30), banner: Fixture.banner)
        let token = try Self.awaitingBackups(&state)
        _ = reduce(&state, .backupsLoaded(token: token, items: [Self.backup(1, status: .running), Self.backup(2)],
                                          progress: Fixture.finished(2)))
        let refresh = try #require(loadToken(reduce(&state, .tick(Self.t0.addingTimeInterval(5)))))
        _ = reduce(&state, .loadFailed(token: refresh, error: Self.outage))
        #expect(state.backups.map(\.id) == ["bk1", "bk2"])
        #expect(state.statusMessage?.text == "refresh failed: HTTP 503 ServiceUnavailable: try later")
        #expect(!render(state).dump.contains("✗ HTTP 503"))
    }
}

@Suite struct PreviewLagTests {
    @Test func whileKeysComeThePreviewStaysAndCatchesUpWhenTheyPause() {
        var state = Fixture.loadedState(size: Size(columns: 120, rows: 40))
        _ = Fixture.press(&state, .enter, .enter)
        #expect(render(state).lines.contains { $0.hasPrefix("┌─ backup 327329803 ") })
        _ = reduce(&state, .key(.char("j")))
        _ = reduce(&state, .key(.char("j")))
        #expect(state.selectedBackupID == "327329805")
        #expect(state.previewIsSettling)
        let moving = render(state).lines
        #expect(moving.contains { $0.hasPrefix("┌─ backup 327329803 ") }, "the preview waits while the cursor runs")
        #expect(moving.contains { $0.contains("✗ 327329805") })
        _ = reduce(&state, .settled)
        #expect(!state.previewIsSettling)
        #expect(render(state).lines.contains { $0.hasPrefix("┌─ backup 327329805 ") })
    }

    @Test func theFullDetailViewAlwaysShowsTheSelectedBackup() {
        var state = Fixture.loadedState(size: Size(columns: 120, rows: 40))
        _ = Fixture.press(&state, .enter, .enter)
        _ = reduce(&state, .key(.char("j")))
        _ = reduce(&state, .key(.enter))
        #expect(state.focus == .detail)
        #expect(render(state).lines[1].hasPrefix("┌─ backup 327329804 "))
    }
}

@Suite struct PartialStatusTests {
    @Test func aPartlyCompletedJobIsFailedButColouredApart() throws {
        var partial = Fixture.backups[2]
        partial.id = "job-partial"
        partial.statusText = "PARTIAL_COMPLETE"
        var failed = Fixture.backups[2]
        failed.id = "job-failed"
        failed.statusText = "FAILED"
        // The first row holds the cursor (its own colour): the two to compare come after it.
        let state = Fixture.loadedState(size: Size(columns: 120, rows: 30), backups: [Fixture.backups[0], partial, failed])
        let grid = render(state)
        func glyphRole(_ id: String) throws -> StyleRole {
            let y = try #require(grid.lines.firstIndex { $0.contains(id) })
            let prefix = try #require(grid.lines[y].range(of: id)).lowerBound
            // The glyph sits two cells left of the ID; CJK names in the other panes take two cells each.
            let x = DisplayWidth.of(String(grid.lines[y][..<prefix])) - 2
            return grid[x, y].role
        }
        #expect(partial.status == .failed)
        #expect(try glyphRole("job-partial") == .statusPartial)
        #expect(try glyphRole("job-failed") == .statusFailed)
    }
}
