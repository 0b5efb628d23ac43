import DeckUI
import Foundation
import ScreenDriver
import Testing

/// Drives the real `backdeck` binary in a real terminal: a private tmux server, a shell in one pane, send-keys to
/// type and capture-pane to read the screen.
final class TmuxSession {
    let socket: String
    let name = "e2e"
    let home: URL
    /// The keymap the binary runs with: `press(.open)` sends the key bound to the command, not a spelled-out key.
    var keymap = Keymap.standard
    private(set) var columns: Int

    /// Starts `sh` in a detached session of the given size, with HOME and XDG_CONFIG_HOME in a fresh folder so the
    /// user's own config and credentials are never read.
    init(columns: Int, rows: Int) throws {
        self.columns = columns
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

    /// Types text literally (no Enter).
    func send(_ text: String) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
    }

    /// Presses the keys the keymap binds to these commands (the first key of each, in `focus` when given).
    func press(_ commands: Command..., in focus: Focus? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for command in commands {
            let key = try #require(keymap.key(for: command, in: focus), "no key for \(command)", sourceLocation: sourceLocation)
            try press(key)
        }
    }

    /// Keys the keymap does not hold: a prompt's Enter or Esc, a menu's digit, Ctrl-U.
    func press(_ keys: Key...) throws {
        for key in keys { try tmux(["send-keys", "-t", name, key.tmuxName]) }
    }

    func resize(columns: Int, rows: Int) throws {
        self.columns = columns
        try tmux(["resize-window", "-t", name, "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// The visible screen, with the style that marks cursor rows.
    func screen() throws -> Screen {
        Screen(tmuxCapture: try screenWithEscapes(), columns: columns)
    }

    /// The visible screen with its SGR escape sequences (colours and attributes), as one string.
    func screenWithEscapes() throws -> String {
        try tmux(["capture-pane", "-p", "-e", "-t", name])
    }

    /// A tmux format value of the pane, e.g. `#{alternate_on}`.
    func paneValue(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", name, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits until `predicate` holds for a settled screen: two captures in a row, a poll apart, that are the same,
    /// so a frame still being drawn (or the next one on its way) is never read. Returns that screen; fails the test
    /// with the last screen when the deadline passes. The deadline is generous: a busy 2-core machine is slow, not
    /// wrong, and a condition that holds returns at once.
    ///
    /// It is async and sleeps with `Task.sleep`: a test blocked in `usleep` holds one of the few threads the
    /// concurrent tests share (two on a 2-core machine), and the in-process tests beside it starve.
    @discardableResult
    func waitForScreen(timeout: Double = TmuxSession.deadline, sourceLocation: SourceLocation = #_sourceLocation,
                       _ what: String, _ predicate: (Screen) -> Bool) async throws -> Screen {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        var previous: String?
        while Date() < deadline {
            last = try screenWithEscapes()
            if last == previous, predicate(Screen(tmuxCapture: last, columns: columns)) {
                return Screen(tmuxCapture: last, columns: columns)
            }
            previous = last
            try await Task.sleep(for: .milliseconds(100))
        }
        let lines = Screen(tmuxCapture: last, columns: columns).lines
        Issue.record("timed out waiting for \(what); screen was:\n\(lines.joined(separator: "\n"))", sourceLocation: sourceLocation)
        throw TmuxError.timeout(what)
    }

    /// How long a wait may take before the test fails: long enough for a debug build on a loaded machine while the
    /// whole suite runs beside it (a full run under load took 220 s instead of 67).
    static let deadline: Double = 120

    @discardableResult
    func waitFor(_ text: String, timeout: Double = TmuxSession.deadline, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Screen {
        try await waitForScreen(timeout: timeout, sourceLocation: sourceLocation, "\"\(text)\"") { $0.contains(text) }
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        if ProcessInfo.processInfo.environment["BACKDECK_E2E_TRACE"] != nil {
            FileHandle.standardError.write(Data("tmux \(arguments.joined(separator: " "))\n".utf8))
        }
        let outputFile = home.appendingPathComponent("tmux-output-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputFile) }
        let status = try spawnAndWait(["/usr/bin/tmux", "-L", socket] + arguments, outputPath: outputFile)
        let text = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
        guard status == 0 else { throw TmuxError.failed(arguments.joined(separator: " "), text) }
        return text
    }
}

/// A child process started with posix_spawn, its output going to a file. Foundation's Process is not used: under the
/// test runner it missed children's exits, and it passes on the runner thread's blocked signal mask, which leaves a
/// tmux server that SIGTERM and kill-server cannot stop.
struct Child {
    let pid: pid_t

    /// Starts `argv` with stdin from /dev/null, stdout and stderr into `outputPath`, default signal handling.
    init(_ argv: [String], outputPath: String) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, environ)
        guard spawned == 0 else { throw TmuxError.failed(argv.joined(separator: " "), "posix_spawn failed: \(spawned)") }
        self.pid = pid
    }

    /// Waits for the exit without holding a thread (polls every 20 ms); returns the exit status, or -1 when a
    /// signal ended it.
    func exit() async throws -> Int32 {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result == -1 && errno != EINTR { return -1 }
            try await Task.sleep(for: .milliseconds(20))
        }
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
    }

    /// Waits for the exit, blocking: only for what ends at once (a tmux command, a child just sent SIGTERM).
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS by hand: the macros are not imported.
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
    }
}

/// Runs a program that ends at once (a tmux command) with its output in a file; returns its exit status.
func spawnAndWait(_ argv: [String], outputPath: String) throws -> Int32 {
    try Child(argv, outputPath: outputPath).wait()
}

/// Runs a program that may take a while (the SDK check, `backdeck list`) to its end without holding a thread.
func run(_ argv: [String], outputPath: String) async throws -> Int32 {
    try await Child(argv, outputPath: outputPath).exit()
}

enum TmuxError: Error {
    case failed(String, String)
    case timeout(String)
}
