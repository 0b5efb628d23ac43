import Foundation
import Testing

/// The operator's actions in the real binary in tmux: a verified download of a per-database backup, the copy menu
/// reaching tmux's clipboard through OSC 52, and the raw view.
@Suite(.serialized) struct OperatorActionsTests {
    /// The demo in `session.home`, drilled down to the first 用户中心 backup with per-database links; returns the
    /// backup's ID (from the breadcrumbs) with the full detail view open.
    private func openLogicalBackup(_ session: TmuxSession) throws -> String {
        try session.run("cd \(session.home.path) && \(TmuxSession.binary); echo EXIT=$?")
        try session.waitFor("demo-gaussdb")
        func depth(_ screen: [String]) -> Int { screen.first?.components(separatedBy: " › ").count ?? 0 }
        try session.press("Enter")
        try session.waitForScreen("the instances in focus") { depth($0) == 3 }
        try session.press("j")
        try session.waitForScreen("用户中心 selected") { $0.first?.contains("(用户中心)") == true }
        try session.press("Enter")
        // The list's crumb shows at once; a backup is selected once the preview shows one.
        try session.waitForScreen("the backups in focus, one selected") { screen in
            depth(screen) == 4 && screen.contains { $0.contains("┌─ backup ") }
        }
        for _ in 0..<12 {
            try session.press("Enter")
            let screen = try session.waitForScreen("a full detail view") { $0.count > 1 && $0[1].hasPrefix("┌─ backup ") }
            if screen.contains(where: { $0.contains("Databases (") && !$0.contains("Databases (0)") }) {
                // The last crumb is the backup's ID; the region follows at the right edge.
                return String(screen[0].components(separatedBy: " › ").last?.split(separator: " ").first ?? "")
            }
            try session.press("Escape", "j")
            try session.waitForScreen("the backup list") { $0.count > 1 && $0[1].contains("backups · ") }
        }
        Issue.record("no backup with per-database links")
        throw TmuxError.timeout("per-database links")
    }

    /// d, the `orders` database's public link, folder `dl`.
    private func downloadOrders(_ session: TmuxSession, expectedFolder: String = "") throws {
        try session.press("d")
        let menu = try session.waitFor("─ download ─")
        let entry = try #require(menu.first { $0.contains("database orders, public URL") }, "no orders link in the menu")
        let number = try #require(entry.firstMatch(of: /(\d) database orders, public URL/)?.1)
        try session.press(String(number))
        try session.waitFor("to folder: \(expectedFolder)")
        try session.press("C-u")
        try session.tmux(["send-keys", "-t", session.name, "-l", "dl"])
        try session.press("Enter")
    }

    @Test func downloadsAPerDatabaseBackupFromTheDetailView() throws {
        let session = try TmuxSession(columns: 120, rows: 40)
        let backupID = try openLogicalBackup(session)
        #expect(backupID.allSatisfy(\.isNumber) && !backupID.isEmpty, "breadcrumb: \(backupID)")

        // d: the links of the backup (the whole set first, then each database's); a folder that does not exist yet,
        // relative to the current directory, is created.
        try downloadOrders(session, expectedFolder: session.home.path)
        try session.waitFor("downloaded \(backupID)_orders.tar.gz")
        let file = session.home.appendingPathComponent("dl/\(backupID)_orders.tar.gz")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
        #expect(size >= 64 * 1_024)
        #expect(!FileManager.default.fileExists(atPath: file.path + ".part"))

        // D lists it as done.
        try session.press("D")
        // Waiting for the row itself: a capture can land between two frames.
        let list = try session.waitForScreen("the finished download listed") { screen in
            screen.contains { $0.contains("\(backupID)_orders.tar.gz") && $0.contains("✓ downloaded") }
        }
        #expect(list.contains { $0.contains("downloads (1)") })
        try session.press("Escape")

        // The same download again: backdeck asks before replacing the file, and n keeps it.
        try downloadOrders(session)
        try session.waitFor("exists. Overwrite? (y/N)")
        try session.press("n")
        try session.waitFor("kept the existing \(backupID)_orders.tar.gz")
        // y replaces it.
        try downloadOrders(session)
        try session.waitFor("exists. Overwrite? (y/N)")
        try session.press("y")
        try session.waitFor("downloaded \(backupID)_orders.tar.gz")
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int == size)

        try session.press("q")
        try session.waitFor("EXIT=0")
    }

    @Test func copiesTheBackupIDThroughOSC52AndShowsTheRawRecord() throws {
        let session = try TmuxSession(columns: 120, rows: 40)
        // tmux takes OSC 52 from the application into a paste buffer.
        try session.tmux(["set-option", "-g", "set-clipboard", "on"])
        let backupID = try openLogicalBackup(session)
        try session.press("y")
        try session.waitFor("─ copy to clipboard ─")
        try session.press("1")
        try session.waitFor("copied backup ID (\(backupID.count) bytes) to the clipboard")
        #expect(try session.tmux(["show-buffer"]) == backupID)

        // J: the vendor's record, pretty-printed; / finds a key.
        try session.press("J")
        let raw = try session.waitFor("raw record · backup \(backupID)")
        #expect(raw.contains { $0.contains("\"BackupId\": \"\(backupID)\"") })
        try session.press("/")
        try session.tmux(["send-keys", "-t", session.name, "-l", "DownloadLink\""])
        try session.press("Enter")
        let found = try session.waitFor("/DownloadLink\": line ")
        #expect(found[2].contains("\"DownloadLink\": \"http://127.0.0.1:"))
        try session.press("Escape")
        try session.waitForScreen("the detail view back") { $0.count > 1 && $0[1].hasPrefix("┌─ backup ") }
        try session.press("q")
        try session.waitFor("EXIT=0")
    }
}
