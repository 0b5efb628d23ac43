import Foundation
import Glibc
import Synchronization

/// A child process on a fresh pseudo-terminal of a given size, as a terminal emulator would run it: the pty's slave
/// side is its stdin and stdout, in a session of its own. Everything it writes is read (and counted) from the master
/// side on a background thread, so the child never blocks on a full pty buffer.
final class PseudoterminalProcess: Sendable {
    let pid: pid_t
    private let master: Int32
    private let output = Mutex(Output())
    private let clock = ContinuousClock()

    private struct Output {
        var bytes = 0
        var lastAt: ContinuousClock.Instant?
        var capture: [UInt8] = []
        var ended = false
    }

    /// glibc's `POSIX_SPAWN_SETSID`, which Swift does not import without `_GNU_SOURCE`: the child gets its own
    /// session, so nothing in it can reach the bench's own terminal through /dev/tty.
    private static let spawnSetSID: Int16 = 0x80

    /// Starts `executable` on a new pty of `columns` × `rows`; its stderr goes to `stderrPath`.
    init(executable: String, arguments: [String], environment: [String: String], columns: Int, rows: Int,
         stderrPath: String) throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else {
            throw BenchError("openpty failed: \(String(cString: strerror(errno)))")
        }
        defer { close(slave) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, slave, 0)
        posix_spawn_file_actions_adddup2(&actions, slave, 1)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addclose(&actions, master)
        posix_spawn_file_actions_addclose(&actions, slave)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Self.spawnSetSID)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(master)
            throw BenchError("cannot start \(executable): \(String(cString: strerror(status)))")
        }
        self.pid = pid
        self.master = master
        let reader = Thread { [self] in readUntilClosed() }
        reader.start()
    }

    private func readUntilClosed() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            // EIO: every slave descriptor is closed, i.e. the child has exited.
            guard count > 0 else { break }
            let now = clock.now
            output.withLock { output in
                output.bytes += count
                output.lastAt = now
                output.capture.append(contentsOf: buffer[0..<count])
            }
        }
        output.withLock { $0.ended = true }
    }

    /// Bytes the child has written so far.
    var bytesRead: Int { output.withLock { $0.bytes } }

    /// Everything the child has written so far.
    var captured: [UInt8] { output.withLock { $0.capture } }

    /// Writes to the child's input, as keys typed in the terminal.
    func type(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(master, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                if written <= 0 { break }
                offset += written
            }
        }
    }

    /// Waits until the child has written something and then nothing for `quiet`; false on `timeout`.
    func waitUntilQuiet(after since: Int, quiet: Duration, timeout: Duration) -> Bool {
        let deadline = clock.now + timeout
        while clock.now < deadline {
            let (bytes, lastAt, ended) = output.withLock { ($0.bytes, $0.lastAt, $0.ended) }
            if ended { return false }
            if bytes > since, let lastAt, clock.now - lastAt >= quiet { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return false
    }

    /// Waits for the child to exit (killing it after `timeout`) and returns its wait status.
    @discardableResult
    func waitForExit(timeout: Duration) -> Int32 {
        let status = Self.reap(pid, timeout: timeout)
        // The reader sees EIO once the child is gone; then the master can be closed.
        let readerDeadline = clock.now + .seconds(2)
        while !output.withLock({ $0.ended }), clock.now < readerDeadline { Thread.sleep(forTimeInterval: 0.01) }
        close(master)
        return status
    }

    /// Waits for child `pid` to exit, killing it after `timeout`, and returns its wait status.
    @discardableResult
    static func reap(_ pid: pid_t, timeout: Duration) -> Int32 {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid || (result < 0 && errno != EINTR) { return status }
            if clock.now >= deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                return status
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    /// The environment a terminal would give a program: a fixed TERM and a UTF-8 locale; `extra` on top.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        var environment = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "PATH": inherited["PATH"] ?? "/usr/bin:/bin",
                           "HOME": inherited["HOME"] ?? "/tmp"]
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// The running executable's own path, to start it again with a hidden subcommand.
    static func ownExecutable() throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { throw BenchError("cannot read /proc/self/exe") }
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension Int32 {
    /// `WIFEXITED && WEXITSTATUS == 0` for a wait status.
    var exitedCleanly: Bool { self & 0x7f == 0 && (self >> 8) & 0xff == 0 }
}
