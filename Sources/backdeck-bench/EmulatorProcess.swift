import Foundation
import Glibc

/// `backdeck emulator` as a process of its own, as a real cloud is: the bench's own CPU is then the client's alone.
/// It listens on a free loopback port with the bench instances and the given latency; `stop()` ends it by its PID.
final class EmulatorProcess: Sendable {
    let pid: pid_t
    let baseURL: URL
    let accessKeyID = "testid"
    let accessKeySecret = "testsecret"

    /// How long the emulator may take to generate its dataset and bind (a debug build on a busy machine is slow).
    static let startDeadline: Duration = .seconds(120)
    static let stopDeadline: Duration = .seconds(10)

    init(backups: Int, latency: Duration) throws {
        let binary = try TerminalBytesBenchmark.binaryPath()
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchError("no backdeck binary at \(binary): build it first (swift build -c release --product backdeck)")
        }
        let latencyMs = Int(Stats.milliseconds(latency).rounded())
        let arguments = ["emulator", "--port", "0", "--host", "127.0.0.1", "--bench-backups", String(backups),
                         "--latency-ms", String(latencyMs), "--access-key-id", accessKeyID,
                         "--access-key-secret", accessKeySecret]
        var output: [Int32] = [-1, -1]
        guard pipe(&output) == 0 else { throw BenchError("pipe failed: \(String(cString: strerror(errno)))") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, output[0])
        posix_spawn_file_actions_addclose(&actions, output[1])
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        let envp = PseudoterminalProcess.environment().map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, binary, &actions, nil, argv, envp)
        close(output[1])
        defer { close(output[0]) }
        guard status == 0 else { throw BenchError("cannot start \(binary): \(String(cString: strerror(status)))") }
        self.pid = pid
        // `backdeck emulator` writes one line once its port is bound: "backdeck emulator listening on http://…".
        guard let line = Self.readLine(output[0], deadline: ContinuousClock.now + Self.startDeadline),
              let urlText = line.split(separator: " ").last, let url = URL(string: String(urlText)),
              line.hasPrefix("backdeck emulator listening on ") else {
            Self.end(pid)
            throw BenchError("backdeck emulator did not say where it listens within \(Self.startDeadline)")
        }
        baseURL = url
    }

    /// Ends the emulator (SIGTERM, then SIGKILL after a deadline) and reaps it.
    func stop() {
        Self.end(pid)
    }

    private static func end(_ pid: pid_t) {
        kill(pid, SIGTERM)
        PseudoterminalProcess.reap(pid, timeout: stopDeadline)
    }

    /// The first line written to `fd`, or nil when it closes or the deadline passes first.
    private static func readLine(_ fd: Int32, deadline: ContinuousClock.Instant) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return nil }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(Stats.milliseconds(left), 1_000)))
            if ready < 0, errno == EINTR { continue }
            guard ready >= 0 else { return nil }
            if ready == 0 { continue }
            let count = read(fd, &byte, 1)
            if count < 0, errno == EINTR { continue }
            guard count == 1 else { return nil }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
    }
}
