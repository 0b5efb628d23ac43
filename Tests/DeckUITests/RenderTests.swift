import BackupModel
import DeckUI
import Testing

@Suite("Render")
struct RenderTests {
    // MARK: - Snapshots

    @Test func threePanesAndPreviewAt80x24() {
        var state = Fixture.loadedState(size: Size(columns: 80, rows: 24))
        _ = Fixture.press(&state, .enter, .enter)
        let grid = render(state)
        let expected = [
            "backdeck › rds-prod › rm-2ze8… (订单库主实例) › backups               cn-beijing",
            "┌─ instances · 3 ────┐┌─ backups · 4 ──────────────────────────────────────────┐",
            "│订单库主实例        ││  ID         START (UTC) ▼        DUR      SIZE  TYPE   │",
            "│user-db             ││✓ 327329803  2024-03-04 02:13   1h02m  14.2 GiB  Full   │",
            "│pgm-2ze9k3m8v5      ││● 327329804  2024-03-03 02:10       —         —  Increm…│",
            "│                    ││✗ 327329805  2024-03-02 02:10   4m10s     512 B  Full   │",
            "│                    ││? 327329806  2024-03-01 02:10     45s  2.07 MiB  Full   │",
            "│                    ││                                                        │",
            "│                    ││                                                        │",
            "│                    ││                                                        │",
            "│                    ││                                                        │",
            "│                    ││                                                        │",
            "│                    ││                                                        │",
            "└─────────── 1 of 3 ─┘└─────────────────────────────────────────────── 1 of 4 ─┘",
            "┌─ backup 327329803 ───────────────────────────────────────────────────────────┐",
            "│ID               327329803                                                    │",
            "│Status           ✓ Success                                                    │",
            "│Mode             Automated                                                    │",
            "│Type             FullBackup                                                   │",
            "│Method           Physical                                                     │",
            "│Start            2024-03-04 02:13:05 UTC                                      │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "demo · built-in emulator on 127.0.0.1:40123                            4 backups",
            "↓/j down  ↑/k up  ⏎ open  esc back  t window  / filter  s sort  q quit  ? help",
        ]
        #expect(grid.lines == expected, "\n\(grid.dump)")
        // Below 100 columns the providers pane folds away once focus has moved on: the breadcrumbs name the provider.
        expectRightFramesAligned(grid, paneRightEdges: [21, 79], rows: 1...13)
        expectRightFramesAligned(grid, paneRightEdges: [79], rows: 14...21)
    }

    @Test func threePanesAndPreviewAt120x40() {
        var state = Fixture.loadedState(size: Size(columns: 120, rows: 40))
        _ = Fixture.press(&state, .enter, .enter, .down)
        let grid = render(state)
        let empty = "│                ││                                  ││                                                                │"
        let expected = [
            "backdeck › rds-prod › rm-2ze8… (订单库主实例) › backups                                                       cn-beijing",
            "┌─ providers ────┐┌─ instances · 3 ──────────────────┐┌─ backups · 4 ──────────────────────────────────────────────────┐",
            "│rds-prod     RDS││订单库主实例         MySQL 8.0    ││  ID        START (UTC) ▼       DUR     SIZE TYPE        MODE   │",
            "│rds-staging  RDS││user-db              MySQL 5.7    ││✓ 327329803 2024-03-04 02:13  1h02m 14.2 GiB Full        Automa…│",
            "│                ││pgm-2ze9k3m8v5       PostgreSQL 14││● 327329804 2024-03-03 02:10      —        — Incremental Manual │",
            "│                ││                                  ││✗ 327329805 2024-03-02 02:10  4m10s    512 B Full        Automa…│",
            "│                ││                                  ││? 327329806 2024-03-01 02:10    45s 2.07 MiB Full        Automa…│",
        ] + Array(repeating: empty, count: 16) + [
            "└─────── 1 of 2 ─┘└───────────────────────── 1 of 3 ─┘└─────────────────────────────────────────────────────── 2 of 4 ─┘",
            "┌─ backup 327329804 ───────────────────────────────────────────────────────────────────────────────────────────────────┐",
            "│ID               327329804                                                                                            │",
            "│Status           ● Running                                                                                            │",
            "│Mode             Manual                                                                                               │",
            "│Type             IncrementalBackup                                                                                    │",
            "│Method           Physical                                                                                             │",
            "│Start            2024-03-03 02:10:00 UTC                                                                              │",
            "│End              —                                                                                                    │",
            "│Duration         —                                                                                                    │",
            "│Size             —                                                                                                    │",
            "│Engine           MySQL 8.0                                                                                            │",
            "│Consistent time  2024-03-01 03:15:00 UTC                                                                              │",
            "│Checksum         3f2a9c1d                                                                                             │",
            "└──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘",
            "demo · built-in emulator on 127.0.0.1:40123                                                                    4 backups",
            "↓/j down  ↑/k up  ⏎ open  esc back  t window  / filter  s sort  r reload  q quit  ? help",
        ]
        #expect(grid.lines == expected, "\n\(grid.dump)")
        expectRightFramesAligned(grid, paneRightEdges: [17, 53, 119], rows: 1...23)
        expectRightFramesAligned(grid, paneRightEdges: [119], rows: 24...37)
    }

    @Test func fullDetailWithPerDatabaseLinks() {
        var state = Fixture.loadedState(size: Size(columns: 80, rows: 24))
        _ = Fixture.press(&state, .enter, .enter, .enter)
        let top = render(state)
        let expected = [
            "backdeck › rds-prod › rm-2ze8… (订单库主实例) › 327329803             cn-beijing",
            "┌─ backup 327329803 ─ [Summary] · Databases (2) ───────────────────────────────┐",
            "│ID               327329803                                                    │",
            "│Status           ✓ Success                                                    │",
            "│Mode             Automated                                                    │",
            "│Type             FullBackup                                                   │",
            "│Method           Physical                                                     │",
            "│Start            2024-03-04 02:13:05 UTC                                      │",
            "│End              2024-03-04 03:15:12 UTC                                      │",
            "│Duration         1h02m                                                        │",
            "│Size             14.2 GiB (15,246,543,872 bytes)                              │",
            "│Engine           MySQL 8.0                                                    │",
            "│Consistent time  2024-03-01 03:15:00 UTC                                      │",
            "│Checksum         3f2a9c1d                                                     │",
            "│Public URL       https://rdsbak-bj.oss-cn-beijing.aliyuncs.com/custins123/hin…│",
            "│Internal URL     https://rdsbak-bj.oss-cn-beijing-internal.aliyuncs.com/custi…│",
            "│Expires          2024-03-08 03:15:00 UTC                                      │",
            "│                                                                              │",
            "│Databases (2)                                                                 │",
            "│DATABASE  PUBLIC URL                         INTERNAL URL                     │",
            "│订单库    https://rdsbak-bj.oss-cn-beijing…  https://rdsbak-bj.oss-cn-beijing…│",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "demo · built-in emulator on 127.0.0.1:40123                     lines 1–19 of 20",
            "↓/j down  ↑/k up  tab section  esc back  q quit  ? help",
        ]
        #expect(top.lines == expected, "\n\(top.dump)")
        expectRightFramesAligned(top, paneRightEdges: [79], rows: 1...21)

        _ = Fixture.press(&state, .char("G"))
        let bottom = render(state)
        #expect(bottom.lines[19] == "│订单库    https://rdsbak-bj.oss-cn-beijing…  https://rdsbak-bj.oss-cn-beijing…│")
        #expect(bottom.lines[20] == "│users     not downloadable                   not downloadable                 │")
        #expect(bottom.lines[22].hasSuffix("lines 2–20 of 20"))
        // The links are cut on screen; the state keeps them whole for copying.
        guard case .rds(let detail)? = state.selectedBackup?.detail else {
            Issue.record("no RDS detail")
            return
        }
        #expect(detail.downloadURL == Fixture.publicURL)
    }

    @Test func theDetailPaneMovesRightOnVeryWideTerminals() {
        let state = Fixture.loadedState(size: Size(columns: 210, rows: 30))
        let grid = render(state)
        // 210 columns: the detail takes the right 35% (73 columns) at full body height.
        #expect(grid.lines[1].hasSuffix("┐┌─ backup 327329803 ────────────────────────────────────────────────────┐"))
        #expect(grid.lines[16].hasSuffix("││Expires          2024-03-08 03:15:00 UTC                               │"))
        #expect(grid.lines[21].hasSuffix("││users     not downloadable                not downloadable             │"))
        expectRightFramesAligned(grid, paneRightEdges: [17, 58, 136, 209], rows: 1...26)
    }

    @Test func terminalTooSmall() {
        for size in [Size(columns: 59, rows: 15), Size(columns: 60, rows: 14)] {
            let state = Fixture.loadedState(size: size)
            let grid = render(state)
            let message = "terminal too small: \(size.columns)×\(size.rows) (need 60×15)"
            let nonEmpty = grid.lines.filter { !$0.isEmpty }
            #expect(nonEmpty.count == 1, "\n\(grid.dump)")
            let line = grid.lines[size.rows / 2]
            #expect(line.trimmingCharacters(in: .whitespaces) == message)
            let indent = line.prefix { $0 == " " }.count
            #expect(indent == (size.columns - message.count) / 2, "centred")
        }
        let fits = render(Fixture.loadedState(size: Size(columns: 60, rows: 15)))
        #expect(fits.lines[0].hasPrefix("backdeck › rds-prod"))
        #expect(fits.lines[14].hasPrefix("↓/j down"))
        expectRightFramesAligned(fits, paneRightEdges: [11, 29, 59], rows: 1...6)
    }

    @Test func smallestLayout() {
        let grid = render(Fixture.loadedState(size: Size(columns: 60, rows: 15)))
        let expected = [
            "backdeck › rds-prod                               cn-beijing",
            "┌─ provid…─┐┌─ instances ────┐┌─ backups · 4 ──────────────┐",
            "│rds-prod  ││订单库主实例    ││  ID        START (UTC) ▼   │",
            "│rds-stagi…││user-db         ││✓ 327329803 2024-03-04 02:13│",
            "│          ││pgm-2ze9k3m8v5  ││● 327329804 2024-03-03 02:10│",
            "│          ││                ││✗ 327329805 2024-03-02 02:10│",
            "│          ││                ││? 327329806 2024-03-01 02:10│",
            "└─ 1 of 2 ─┘└─────── 1 of 3 ─┘└─────────────────── 1 of 4 ─┘",
            "┌─ backup 327329803 ───────────────────────────────────────┐",
            "│ID               327329803                                │",
            "│Status           ✓ Success                                │",
            "│Mode             Automated                                │",
            "└──────────────────────────────────────────────────────────┘",
            "demo · built-in emulator on 127.0.0.1:40123      2 providers",
            "↓/j down  ↑/k up  ⏎ open  / filter  r reload  q quit  ? help",
        ]
        #expect(grid.lines == expected, "\n\(grid.dump)")
    }

    // MARK: - Loading, empty, errors

    @Test func loadingShowsInThePaneThatAsked() throws {
        var state = State(providers: Fixture.providers, size: Size(columns: 80, rows: 24), banner: Fixture.banner)
        _ = reduce(&state, .start)
        let grid = render(state)
        #expect(grid.lines[2] == "│rds-prod     RDS││loading…              ││                                    │")
        _ = Fixture.press(&state, .enter)
        #expect(render(state).lines[22].hasSuffix("loading…"), "status line: the focused pane is loading")
    }

    @Test func progressWhilePagesStreamIn() throws {
        var state = State(providers: Fixture.providers, size: Size(columns: 80, rows: 24), banner: Fixture.banner)
        let instancesToken = try #require(loadToken(reduce(&state, .start)))
        let token = try #require(loadToken(reduce(&state, .instancesLoaded(
            token: instancesToken, items: Fixture.instances, progress: Fixture.finished(3)))))
        let progress = PageProgress(pagesLoaded: 3, totalPages: 12, itemsLoaded: 290, totalItems: 1150, finished: false)
        _ = reduce(&state, .backupsLoaded(token: token, items: Fixture.backups, progress: progress))
        _ = Fixture.press(&state, .enter, .enter)
        let grid = render(state)
        #expect(grid.lines[1].contains("─ backups · 4/1,150 ─"))
        #expect(grid.lines[22].hasSuffix("page 3/12 · 4 of 1,150"))
    }

    @Test func anEmptyListSaysSo() throws {
        let state = Fixture.loadedState(size: Size(columns: 80, rows: 24), backups: [])
        let grid = render(state)
        #expect(grid.lines[3] == "│rds-staging  RDS││user-db               ││no backups                          │")
        #expect(grid.lines[14] == "┌─ detail ─────────────────────────────────────────────────────────────────────┐")
        #expect(grid.lines[15] == "│                                                                              │", "no backup, no detail")
    }

    @Test func anErrorShowsAtTheBottomOfItsPaneWhileLoadedRowsStay() throws {
        var state = State(providers: Fixture.providers, size: Size(columns: 80, rows: 24), banner: Fixture.banner)
        let instancesToken = try #require(loadToken(reduce(&state, .start)))
        let token = try #require(loadToken(reduce(&state, .instancesLoaded(
            token: instancesToken, items: Fixture.instances, progress: Fixture.finished(3)))))
        let pageOne = PageProgress(pagesLoaded: 1, totalPages: 3, itemsLoaded: 2, totalItems: 6, finished: false)
        _ = reduce(&state, .backupsLoaded(token: token, items: Array(Fixture.backups[0..<2]), progress: pageOne))
        let error = ServiceError(kind: .http, httpStatus: 403, code: "SignatureDoesNotMatch",
                                 message: "The request signature we calculated does not match the signature you provided.")
        _ = reduce(&state, .loadFailed(token: token, error: error))
        let grid = render(state)
        #expect(grid.lines[3] == "│rds-staging  RDS││user-db               ││✓ 327329803 2024-03-04 02:13  1h02m │")
        #expect(grid.lines[4] == "│                ││pgm-2ze9k3m8v5        ││● 327329804 2024-03-03 02:10      — │")
        #expect(grid.lines[11] == "│                ││                      ││                                    │")
        #expect(grid.lines[12] == "│                ││                      ││✗ HTTP 403 SignatureDoesNotMatch: T…│")
        #expect(grid[44, 12].role == .error)
        #expect(grid.lines[22].hasPrefix("✗ HTTP 403 SignatureDoesNotMatch: The request signature"))
        #expect(grid[0, 22].role == .error)
    }

    @Test func notDownloadableWhenABackupHasNoLinks() {
        var state = Fixture.loadedState(size: Size(columns: 80, rows: 24))
        _ = Fixture.press(&state, .enter, .enter, .down, .enter)
        let grid = render(state)
        #expect(grid.lines[14] == "│Public URL       not downloadable                                             │")
        #expect(grid.lines[15] == "│Internal URL     not downloadable                                             │")
        #expect(grid.lines[19] == "│no per-database links                                                         │")
        #expect(grid[18, 14].role == .muted)
    }

    @Test func anomaliesAreListedWithWarnings() {
        var state = Fixture.loadedState(size: Size(columns: 80, rows: 40))
        _ = Fixture.press(&state, .enter, .enter, .char("G"), .enter)
        let grid = render(state)
        #expect(grid.lines[21] == "│Anomalies                                                                     │")
        #expect(grid.lines[22] == "│⚠ unknown status \"Checking\"                                                   │")
        #expect(grid[1, 22].role == .warning)
    }

    // MARK: - Roles

    @Test func theFocusedPaneHasTheFocusFrameAndTheCursorRow() {
        var state = Fixture.loadedState(size: Size(columns: 120, rows: 24))
        _ = Fixture.press(&state, .enter, .enter)
        let grid = render(state)
        #expect(grid[54, 1].role == .frameFocus)
        #expect(grid[18, 1].role == .frame)
        #expect(grid[0, 1].role == .frame)
        // The selected backup's row (focused pane) and the selected instance's row (not focused).
        #expect((55...118).allSatisfy { grid[$0, 3].role == .cursor })
        #expect((19...52).allSatisfy { grid[$0, 2].role == .cursorInactive })
        #expect(grid[55, 4].role == .statusRunning)
        #expect(grid[55, 5].role == .statusFailed)
        #expect(grid[55, 6].role == .statusUnknown)
        #expect(grid[57, 2].role == .header)
        #expect(grid[67, 2].role == .headerSorted, "START (UTC) ▼")
        #expect(grid[0, 23].role == .hintKey)
        #expect(grid[4, 23].role == .hint)
    }

    @Test func wideGlyphsTakeTwoCells() {
        let grid = render(Fixture.loadedState(size: Size(columns: 80, rows: 24)))
        #expect(grid[19, 2] == Cell(text: "订", width: 2, role: .cursorInactive))
        #expect(grid[20, 2].width == 0)
        #expect(grid[20, 2].text == "")
        #expect(grid[21, 2].text == "单")
    }

    @Test func asciiGlyphsForTerminalsWithoutUTF8() {
        var state = Fixture.loadedState(size: Size(columns: 80, rows: 24))
        state.glyphs = .ascii
        _ = Fixture.press(&state, .enter, .enter)
        let grid = render(state)
        #expect(grid.lines[1].hasPrefix("+- instances - 3 ----++- backups - 4"))
        #expect(grid.lines[2].contains("START (UTC) v "), "the ASCII sort marker")
        #expect(grid.lines[3].hasSuffix("|+ 327329803  2024-03-04 02:13   1h02m  14.2 GiB  Full   |"))
        #expect(grid.lines[23] == "Dn/j down  Up/k up  Enter open  esc back  t window  / filter  q quit  ? help")
    }

    // MARK: - Hostile text

    @Test func controlCharactersAndBidiOverridesAreShownAsVisibleEscapes() throws {
        let hostile = "\u{1b}[2J\u{202e}evil\u{07}"
        var instance = Fixture.instances[0]
        instance.name = hostile
        var backup = Fixture.backups[0]
        backup.statusText = hostile
        backup.detail = .rds(Fixture.rdsDetail(links: [DatabaseDownloadLink(database: hostile, publicURL: hostile, internalURL: nil)]))
        var state = State(providers: Fixture.providers, size: Size(columns: 120, rows: 40), banner: hostile)
        let instancesToken = try #require(loadToken(reduce(&state, .start)))
        let token = try #require(loadToken(reduce(&state, .instancesLoaded(
            token: instancesToken, items: [instance], progress: Fixture.finished(1)))))
        _ = reduce(&state, .backupsLoaded(token: token, items: [backup], progress: Fixture.finished(1)))
        _ = Fixture.press(&state, .enter, .enter, .enter)

        let visible = #"\e[2J<U+202E>evil\x07"#
        for grid in [render(state), render({ var s = state; _ = Fixture.press(&s, .escape); return s }())] {
            #expect(grid.lines.contains { $0.contains(visible) }, "\n\(grid.dump)")
            expectNoRawControls(grid)
        }
        let detail = render(state)
        #expect(detail.lines[0].contains("(\(visible))"), "breadcrumb")
        #expect(detail.lines[3] == "│Status           ✓ \(visible)".padding(toLength: 119, withPad: " ", startingAt: 0) + "│")
        #expect(detail.lines[38].hasPrefix(visible), "banner")
    }

    @Test func hostileErrorMessagesAreSanitisedToo() throws {
        var state = State(providers: Fixture.providers, size: Size(columns: 80, rows: 24), banner: Fixture.banner)
        let token = try #require(loadToken(reduce(&state, .start)))
        _ = reduce(&state, .loadFailed(token: token, error: ServiceError(kind: .http, httpStatus: 500, code: "X\u{1b}]52;c;aGk=\u{07}",
                                                                          message: "\u{9b}31m\u{2066}")))
        let grid = render(state)
        expectNoRawControls(grid)
        #expect(grid.lines[22].contains(#"X\e]52;c;aGk=\x07: <U+009B>31m<U+2066>"#))
    }
}

/// Every listed right-edge column holds a vertical frame glyph (or a corner) on every listed row, both in the cells
/// and in the text lines measured by display width.
func expectRightFramesAligned(_ grid: Grid, paneRightEdges: [Int], rows: ClosedRange<Int>,
                              sourceLocation: SourceLocation = #_sourceLocation) {
    let frameGlyphs: Set<String> = ["│", "┐", "┘"]
    for y in rows {
        for x in paneRightEdges {
            #expect(frameGlyphs.contains(grid[x, y].text), "row \(y), column \(x): \(grid[x, y].text)",
                    sourceLocation: sourceLocation)
        }
        // The text line, measured by display width: the last frame glyph ends exactly at the grid's right edge.
        let line = grid.lines[y]
        #expect(DisplayWidth.of(line) == grid.size.columns, "row \(y) is \(DisplayWidth.of(line)) cells: \(line)",
                sourceLocation: sourceLocation)
    }
}

/// No cell holds a C0/C1 control, DEL or a bidi control.
func expectNoRawControls(_ grid: Grid, sourceLocation: SourceLocation = #_sourceLocation) {
    for y in 0..<grid.size.rows {
        for x in 0..<grid.size.columns {
            let bad = grid[x, y].text.unicodeScalars.filter { Sanitize.needsEscape($0) }
            #expect(bad.isEmpty, "raw control at \(x),\(y): \(bad.map { String($0.value, radix: 16) })",
                    sourceLocation: sourceLocation)
        }
    }
}
