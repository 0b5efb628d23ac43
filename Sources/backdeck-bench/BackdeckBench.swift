import ArgumentParser
import BackupModel
import CloudAPI
import Foundation

@main
struct BackdeckBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backdeck-bench",
        abstract: "Measure backdeck: fetching, first rows, decoding, the vendor SDK, frames, memory, bytes to the terminal.",
        discussion: "Run it in release: swift build -c release && swift run -c release backdeck-bench",
        subcommands: [RunBenchmarks.self, FrameChild.self],
        defaultSubcommand: RunBenchmarks.self
    )
}

/// The benchmarks of issue 4, by the names `--only` takes.
enum Benchmark: String, CaseIterable, ExpressibleByArgument {
    case fetch, firstRows = "first-rows", decode, peer, frame, filter, memory, bytes
}

struct RunBenchmarks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run the benchmarks (the default).")

    @Flag(help: "Print the figures as JSON on stdout (the table then goes to stderr).")
    var json = false

    @Option(help: "Runs behind each median.")
    var runs = 5

    @Option(help: "Run only this benchmark (repeatable): \(Benchmark.allCases.map(\.rawValue).joined(separator: ", ")).")
    var only: [Benchmark] = []

    func run() async throws {
        let selected = Set(only.isEmpty ? Benchmark.allCases : only)
        let runs = max(1, self.runs)
        let machine = Machine.current
        let clock = ContinuousClock()
        let start = clock.now
        var rows: [Row] = []
        var failures: [String] = []
        func attempt(_ name: String, _ body: () async throws -> [Row]) async {
            progress("\(name)…")
            do {
                rows += try await body()
            } catch {
                failures.append("\(name): \(error)")
                progress("\(name) failed: \(error)")
            }
        }

        if !selected.isDisjoint(with: [.fetch, .firstRows, .decode, .peer]) {
            await attempt("fetch, decode and the vendor SDK") {
                try await fetchAndDecode(runs: runs, fetch: !selected.isDisjoint(with: [.fetch, .firstRows]),
                                         decode: selected.contains(.decode), peer: selected.contains(.peer))
            }
        }
        if !selected.isDisjoint(with: [.frame, .filter, .memory]) {
            await attempt("frame, filter and memory") {
                try FrameBenchmark.rows(frame: selected.contains(.frame), filter: selected.contains(.filter),
                                        memory: selected.contains(.memory))
            }
        }
        if selected.contains(.bytes) {
            await attempt("bytes to the terminal") { try TerminalBytesBenchmark.rows(runs: runs) }
        }

        rows = rows.enumerated().sorted { ($0.element.benchmark.prefix(1), $0.offset) < ($1.element.benchmark.prefix(1), $1.offset) }
            .map(\.element)
        let report = Report(machine: machine, runs: runs, seconds: Stats.milliseconds(clock.now - start) / 1_000,
                            rows: rows)
        if report.machine.build == "debug" {
            progress("note: a debug build; take figures with swift run -c release backdeck-bench")
        }
        if json {
            FileHandle.standardError.write(Data((report.table() + "\n").utf8))
            FileHandle.standardOutput.write(Data((report.json() + "\n").utf8))
        } else {
            FileHandle.standardOutput.write(Data((report.table() + "\n").utf8))
        }
        if !failures.isEmpty {
            failures.forEach { progress("failed: \($0)") }
            throw ExitCode(1)
        }
    }

    private func fetchAndDecode(runs: Int, fetch: Bool, decode: Bool, peer: Bool) async throws -> [Row] {
        let benchmark = FetchBenchmark(runs: runs)
        var rows = try await withSubjects(latency: FetchBenchmark.latency) { emulator, subjects, transport in
            var rows: [Row] = []
            if fetch { rows += try await benchmark.fetchRows(subjects) }
            if decode { rows += try await benchmark.decodeRows(subjects, transport: transport) }
            if peer { rows += try PeerBenchmark(runs: runs).rows(emulator: emulator, subjects: subjects) }
            return rows
        }
        if fetch {
            rows += try await withSubjects(latency: .zero) { _, subjects, _ in
                try await benchmark.cpuFloorRows(subjects)
            }
        }
        return rows
    }

    /// Runs `body` against a fresh `backdeck emulator` process with `latency` and one transport, both always ended.
    private func withSubjects(
        latency: Duration, _ body: (EmulatorProcess, [FetchBenchmark.Subject], HTTPTransport) async throws -> [Row]
    ) async throws -> [Row] {
        let emulator = try FetchBenchmark.startEmulator(latency: latency)
        let transport = HTTPTransport()
        do {
            let rows = try await body(emulator, try await FetchBenchmark.subjects(emulator, transport: transport),
                                      transport)
            await transport.shutdown()
            emulator.stop()
            return rows
        } catch {
            await transport.shutdown()
            emulator.stop()
            throw error
        }
    }

    private func progress(_ line: String) {
        FileHandle.standardError.write(Data("backdeck-bench: \(line)\n".utf8))
    }
}

/// Benchmarks 4 and 6 inside the child the bench starts on a pty (curses needs a terminal).
struct FrameChild: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "frame-child", shouldDisplay: false)

    @Option var backups: Int
    @Option var frames: Int
    @Option var report: String

    func run() async throws {
        let (backups, frames, report) = (self.backups, self.frames, self.report)
        try await MainActor.run { try FrameBenchmark.runInChild(backups: backups, frames: frames, reportPath: report) }
    }
}
