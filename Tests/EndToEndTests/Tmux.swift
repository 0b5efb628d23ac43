import Foundation
import Testing

/// Drives the real `backdeck` binary in a real terminal: a private tmux server, a shell in one pane, send-keys to
/// type and capture-pane to read the screen.
final class TmuxSession {
    let socket: String
    let name = "e2e"
    let home: URL

    /// Starts `sh` in a detached session of the given size, with HOME and XDG_CONFIG_HOME in a fresh folder so the
    /// user's own config and credentials are never read.
    init(columns: Int, rows: Int) throws {
        socket = "backdeck-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        home = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let environment = "env -i PATH=/usr/bin:/bin HOME=\(home.path) XDG_CONFIG_HOME=\(home.path)/config TERM=tmux-256color LANG=C.UTF-8 PS1='$ ' sh"
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(columns)", "-y", "\(rows)", environment])
        try tmux(["set-option", "-t", name, "escape-time", "0"])
    }

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: home)
    }

    /// Repository root, from this file's path (Tests/EndToEndTests/Tmux.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary `swift build` made; BACKDECK_BINARY overrides it.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["BACKDECK_BINARY"] { return path }
        return repositoryRoot.appendingPathComponent(".build/debug/backdeck").path
    }

    /// Types a shell command line and presses Enter.
    func run(_ commandLine: String) throws {
        try tmux(["send-keys", "-t", name, "-l", commandLine])
        try tmux(["send-keys", "-t", name, "Enter"])
    }

    /// tmux key names: "j", "Enter", "Escape", "C-c", "NPage", "Down".
    func press(_ keys: String...) throws {
        for key in keys { try tmux(["send-keys", "-t", name, key]) }
    }

    func resize(columns: Int, rows: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// The visible screen, one string per row.
    func screen() throws -> [String] {
        try tmux(["capture-pane", "-p", "-t", name]).components(separatedBy: "\n")
    }

    /// A tmux format value of the pane, e.g. `#{alternate_on}`.
    func paneValue(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", name, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits until `predicate` holds for the screen; returns the screen. Fails the test with the last screen otherwise.
    @discardableResult
    func waitForScreen(timeout: Double = 20, sourceLocation: SourceLocation = #_sourceLocation,
                       _ what: String, _ predicate: ([String]) -> Bool) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var last: [String] = []
        while Date() < deadline {
            last = try screen()
            if predicate(last) { return last }
            usleep(100_000)
        }
        Issue.record("timed out waiting for \(what); screen was:\n\(last.joined(separator: "\n"))", sourceLocation: sourceLocation)
        throw TmuxError.timeout(what)
    }

    @discardableResult
    func waitFor(_ text: String, timeout: Double = 20, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        try waitForScreen(timeout: timeout, sourceLocation: sourceLocation, "\"\(text)\"") { lines in
            lines.contains { $0.contains(text) }
        }
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
        process.arguments = ["-L", socket] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else { throw TmuxError.failed(arguments.joined(separator: " "), text) }
        return text
    }
}

enum TmuxError: Error {
    case failed(String, String)
    case timeout(String)
}
