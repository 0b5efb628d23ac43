import DeckUI
import Foundation
import ScreenDriver
import Testing

/// The operator's actions in the real binary in tmux: a verified download of a per-database backup, the copy menu
/// reaching tmux's clipboard through OSC 52, and the raw view.
@Suite(.serialized) struct OperatorActionsTests {
    /// The demo in `session.home`, drilled down to the first 用户中心 backup with per-database links; returns the
    /// backup's ID (from the breadcrumbs) with the full detail view open.
    private func openLogicalBackup(_ session: TmuxSession) async throws -> String {
        try await session.launchDemo(in: session.home.path)
        try await session.openBackups(provider: 0, instance: 1)
        let screen = try await session.openDetail(showing: "per-database links") { screen in
            screen.pane("backup ")?.rows.contains { $0.hasPrefix("Databases (") && !$0.contains("Databases (0)") } == true
        }
        // The last crumb is the backup's ID; the region follows at the right edge.
        return String(screen.breadcrumbs.components(separatedBy: " › ").last?.split(separator: " ").first ?? "")
    }

    /// d, the `orders` database's public link, folder `dl`.
    private func downloadOrders(_ session: TmuxSession, expectedFolder: String = "") async throws {
        try session.press(.download)
        let menu = try await session.waitForScreen("the download menu") { $0.pane("download") != nil }
        let entry = try #require(menu.pane("download")?.rows.first { $0.contains("database orders, public URL") },
                                 "no orders link in the menu")
        let number = try #require(entry.firstMatch(of: /(\d) database orders, public URL/)?.1)
        try session.send(String(number))
        try await session.waitFor("to folder: \(expectedFolder)")
        try session.press(Key.ctrl("u"))
        try session.send("dl")
        try session.press(Key.enter)
    }

    @Test func downloadsAPerDatabaseBackupFromTheDetailView() async throws {
        let session = try TmuxSession(columns: 120, rows: 40)
        let backupID = try await openLogicalBackup(session)
        #expect(backupID.allSatisfy(\.isNumber) && !backupID.isEmpty, "breadcrumb: \(backupID)")

        // d: the links of the backup (the whole set first, then each database's); a folder that does not exist yet,
        // relative to the current directory, is created.
        try await downloadOrders(session, expectedFolder: session.home.path)
        try await session.waitFor("downloaded \(backupID)_orders.tar.gz")
        let file = session.home.appendingPathComponent("dl/\(backupID)_orders.tar.gz")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
        #expect(size >= 64 * 1_024)
        #expect(!FileManager.default.fileExists(atPath: file.path + ".part"))

        // D lists it as done.
        try session.press(.downloads)
        let list = try await session.waitForScreen("the finished download listed") { $0.pane("downloads") != nil }
        let downloads = try #require(list.pane("downloads"))
        #expect(downloads.title.hasPrefix("downloads (1)"))
        #expect(downloads.rows.contains { $0.contains("\(backupID)_orders.tar.gz") && $0.contains("✓ downloaded") })
        try session.press(Key.escape)

        // The same download again: backdeck asks before replacing the file, and n keeps it.
        try await downloadOrders(session)
        try await session.waitFor("exists. Overwrite? (y/N)")
        try session.press(Key.char("n"))
        try await session.waitFor("kept the existing \(backupID)_orders.tar.gz")
        // y replaces it.
        try await downloadOrders(session)
        try await session.waitFor("exists. Overwrite? (y/N)")
        try session.press(Key.char("y"))
        try await session.waitFor("downloaded \(backupID)_orders.tar.gz")
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int == size)

        try await session.quit()
    }

    @Test func copiesTheBackupIDThroughOSC52AndShowsTheRawRecord() async throws {
        let session = try TmuxSession(columns: 120, rows: 40)
        // tmux takes OSC 52 from the application into a paste buffer.
        try session.tmux(["set-option", "-g", "set-clipboard", "on"])
        let backupID = try await openLogicalBackup(session)
        try session.press(.copy)
        try await session.waitForScreen("the copy menu") { $0.pane("copy to clipboard") != nil }
        try session.send("1")
        try await session.waitFor("copied backup ID (\(backupID.count) bytes) to the clipboard")
        #expect(try session.tmux(["show-buffer"]) == backupID)

        // J: the vendor's record, pretty-printed; / finds a key.
        try session.press(.rawView)
        let raw = try await session.waitForScreen("the raw record") { $0.pane("raw record · backup \(backupID)") != nil }
        #expect(raw.pane("raw record")?.contains("\"BackupId\": \"\(backupID)\"") == true)
        try session.send("/")
        try session.send("DownloadLink\"")
        try session.press(Key.enter)
        let found = try await session.waitFor("/DownloadLink\": line ")
        // The match is brought to the top of the view.
        #expect(found.pane("raw record")?.rows.first?.contains("\"DownloadLink\": \"http://127.0.0.1:") == true)
        try session.press(Key.escape)
        try await session.waitForScreen("the detail view back") { $0.isDetailView }
        try await session.quit()
    }
}
