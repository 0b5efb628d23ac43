import BackupModel
@testable import DeckUI
import ScreenDriver
import Testing

/// Copy (`y`), download (`d`, `D`) and the raw view (`J`) in the reducer and on the grid.
@Suite("Operator actions")
struct OperatorActionsTests {
    let size = Size(columns: 100, rows: 30)

    /// The fixture's first backup (RDS, with a whole-set link and one database with links) selected in the list.
    func backupsFocused(raw: String? = nil) -> State {
        var backups = Fixture.backups
        backups[0].raw = raw
        var state = Fixture.loadedState(size: size, backups: backups)
        _ = Fixture.press(&state, .open, .open)
        #expect(state.focus == .backups)
        return state
    }

    @Test func copyMenuOffersTheIDTheLinksAndTheRecord() throws {
        var state = backupsFocused(raw: #"{"BackupId":"327329803"}"#)
        _ = Fixture.press(&state, .copy)
        let screen = Fixture.screen(state)
        let menu = try #require(screen.pane("copy to clipboard"))
        #expect(menu.rows.contains { $0.contains("1 backup ID") && $0.contains("327329803") })
        #expect(menu.rows.contains { $0.contains("2 whole backup, public URL") && $0.contains("https://rdsbak-bj.oss-cn-beijing.aliyuncs.com") })
        #expect(menu.rows.contains { $0.contains("4 database 订单库, public URL") })
        #expect(menu.rows.contains { $0.contains("6 record as JSON") })
        #expect(menu.selectedRow?.contains("1 backup ID") == true, "the cursor starts on the first entry")
        #expect(screen.hints.contains("esc close"))
        let effects = Fixture.press(&state, .char("1"))
        #expect(effects == [.copyToClipboard(text: "327329803")])
        #expect(state.statusMessage?.text == "copied backup ID (9 bytes) to the clipboard")
        #expect(Fixture.screen(state).pane("copy to clipboard") == nil)
    }

    @Test func copyOverTheLimitIsRefusedWhole() {
        var state = backupsFocused()
        state.operatorSettings.copyLimit = 100
        _ = Fixture.press(&state, .copy)
        _ = Fixture.press(&state, .char("j"))
        // The public URL is 155 bytes: 208 of base64.
        let effects = Fixture.press(&state, .enter)
        #expect(effects.isEmpty)
        #expect(state.statusMessage?.isError == true)
        #expect(state.statusMessage?.text == "not copied: whole backup, public URL is 208 bytes of base64, over the 100-byte limit (copy_limit)")
    }

    @Test func downloadAsksForTheFolderAndStartsWithTheReportedSizeAndChecksum() {
        var state = backupsFocused()
        state.operatorSettings.downloadFolder = "/srv/backups"
        _ = Fixture.press(&state, .download)
        #expect(Fixture.screen(state).pane("download")?.rows.contains { $0.contains("1 whole backup, public URL") && $0.contains("14.2 GiB") } == true)
        _ = Fixture.press(&state, .enter)
        #expect(Fixture.screen(state).contains("to folder: /srv/backups█"))
        _ = Fixture.press(&state, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace)
        let effects = Fixture.press(&state, .char("t"), .char("m"), .char("p"), .enter)
        #expect(effects == [.startDownload(DownloadRequest(
            id: 1, url: Fixture.publicURL, folder: "/srv/tmp", fileName: "hins4517791_data_20240301021305_qp.xb",
            expectedSize: 15_246_543_872, checksum: "3f2a9c1d", overwrite: false))])
        #expect(state.downloads.count == 1)
        #expect(state.downloads[0].phase == .running)
    }

    @Test func progressShowsInTheStatusLineAndInTheDownloadsList() {
        var state = backupsFocused()
        _ = Fixture.press(&state, .download)
        _ = Fixture.press(&state, .char("1"), .enter)
        _ = reduce(&state, .downloadProgress(id: 1, progress: TransferProgress(
            bytesDone: 6_098_617_549, totalBytes: 15_246_543_872, bytesPerSecond: 104_857_600)))
        let status = Fixture.screen(state).statusLine
        #expect(status.hasSuffix("↓ hins4517791_dat… ▕███░░░░░▏ 40% 5.68 GiB/14.2 GiB 100 MiB/s ETA 1:28"), "\(status)")
        _ = Fixture.press(&state, .downloads)
        #expect(Fixture.screen(state).pane("downloads (1)") != nil)
        #expect(Fixture.press(&state, .char("x")) == [.cancelDownload(id: 1)])
        _ = reduce(&state, .downloadFinished(id: 1, outcome: .cancelled(message: "cancelled; x.part kept for a resume")))
        #expect(state.downloads[0].phase == .cancelled)
        #expect(!Fixture.screen(state).statusLine.contains("▕"))
    }

    @Test func quittingWhileDownloadsRunAsksFirst() {
        var state = backupsFocused()
        _ = Fixture.press(&state, .download)
        _ = Fixture.press(&state, .char("1"), .enter)
        #expect(Fixture.press(&state, .quit).isEmpty)
        #expect(Fixture.screen(state).contains("1 download is running (their .part files stay for a resume). Quit? (y/N)"))
        #expect(Fixture.press(&state, .char("n")).isEmpty)
        #expect(Fixture.press(&state, .char("q"), .char("q")) == [.quit])
        _ = reduce(&state, .downloadFinished(id: 1, outcome: .completed(path: "/w/x.xb", bytes: 10, checksumVerified: true)))
        #expect(Fixture.press(&state, .quit) == [.quit])
    }

    @Test func anExistingFileIsReplacedOnlyAfterYes() {
        var state = backupsFocused()
        _ = Fixture.press(&state, .download)
        _ = Fixture.press(&state, .char("1"), .enter)
        _ = reduce(&state, .downloadFinished(id: 1, outcome: .exists(path: "/w/hins.xb")))
        #expect(Fixture.screen(state).contains("exists. Overwrite? (y/N)"))
        let effects = Fixture.press(&state, .char("y"))
        guard case .startDownload(let request)? = effects.first else {
            Issue.record("no download after yes: \(effects)")
            return
        }
        #expect(request.overwrite && request.id == 1)
        _ = reduce(&state, .downloadFinished(id: 1, outcome: .exists(path: "/w/hins.xb")))
        #expect(Fixture.press(&state, .char("n")).isEmpty)
        #expect(state.statusMessage?.text.hasPrefix("kept the existing") == true)
    }

    @Test func anExpiredLinkSaysHowToRefreshAndRReloadsFromTheDetailView() {
        var state = backupsFocused()
        _ = Fixture.press(&state, .open)
        #expect(state.focus == .detail)
        _ = Fixture.press(&state, .download)
        _ = Fixture.press(&state, .char("1"), .enter)
        _ = reduce(&state, .downloadFinished(id: 1, outcome: .expired(message: "the download link has expired; press r to refresh the backup for a fresh link")))
        #expect(state.statusMessage?.isError == true)
        #expect(state.statusMessage?.text.contains("press r to refresh") == true)
        let effects = Fixture.press(&state, .reload)
        #expect(effects.contains { if case .loadBackups = $0 { true } else { false } })
        #expect(state.selectedBackupID == "327329803")
    }

    @Test func rawViewPrettyPrintsScrollsAndSearches() throws {
        var state = backupsFocused(raw: #"{"BackupId":"327329803","Items":{"A":[1,2.5,"x,y"],"E":[]},"Z":"end"}"#)
        _ = Fixture.press(&state, .rawView)
        let raw = try #require(Fixture.screen(state).pane("raw record · backup 327329803"))
        #expect(raw.rows.prefix(10).map { String($0.prefix(30)).trimmingCharacters(in: .whitespaces) } == [
            "{", "\"BackupId\": \"327329803\",", "\"Items\": {", "\"A\": [", "1,", "2.5,", "\"x,y\"", "],", "\"E\": []", "},",
        ])
        _ = Fixture.press(&state, .char("/"), .char("e"), .char("n"), .char("d"))
        #expect(Fixture.screen(state).hints.hasPrefix("/end█"))
        _ = Fixture.press(&state, .enter)
        #expect(state.statusMessage?.text == "/end: line 11 of 12")
        _ = Fixture.press(&state, .escape)
        #expect(state.focus == .backups)
        #expect(Fixture.screen(state).pane("raw record") == nil)
    }

    @Test func readOnlySaysTheDownloadIsOffInsteadOfRunningIt() {
        var state = backupsFocused()
        state.operatorSettings.readOnly = true
        #expect(Fixture.press(&state, .download).isEmpty)
        #expect(Fixture.screen(state).pane("download") == nil, "no menu opens")
        #expect(state.statusMessage == StatusMessage(text: "download is off: read_only = true in the config", isError: true))
        #expect(state.downloads.isEmpty)
        // Reading still works: the copy menu opens.
        _ = Fixture.press(&state, .copy)
        #expect(Fixture.screen(state).pane("copy to clipboard") != nil)
    }

    @Test func fileNamesComeFromTheLinkAndPerDatabaseLinksNameTheDatabase() {
        #expect(DownloadFileName.forLink("http://h/download/rm-1/3273.tar.gz?Expires=1&dbList=%E8%AE%A2%E5%8D%95%E5%BA%93") == "3273_订单库.tar.gz")
        #expect(DownloadFileName.forLink("https://h/x/hins_data.xb?Expires=1") == "hins_data.xb")
        #expect(DownloadFileName.forLink("https://h/a/..%2F..%2Fetc?x=1") == ".._.._etc")
        #expect(DownloadFileName.forLink("https://h/") == "download")
    }
}
