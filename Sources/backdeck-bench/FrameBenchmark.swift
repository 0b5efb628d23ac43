import BackupModel
import CursesTerminal
import DeckUI
import Foundation

/// Benchmarks 4–6: frames of a 200×60 screen whose backup pane holds 100,000 backups, drawn through curses on a
/// real pty by a child process (curses needs a terminal, and the child's peak memory is then its own): moving the
/// cursor, typing into the pane's filter, and the child's peak memory.
enum FrameBenchmark {
    static let backups = 100_000
    static let columns = 200
    static let rows = 60
    static let frames = 400
    /// Typed into the backup pane's filter and deleted again, each keystroke timed, `filterRounds` times.
    static let filterText = "7000"
    static let filterRounds = 3

    /// What the child reports back through a file.
    struct ChildReport: Codable {
        var columns: Int
        var rows: Int
        var backups: Int
        var renderMilliseconds: [Double]
        var presentMilliseconds: [Double]
        /// reduce + render + present of each filter keystroke.
        var filterMilliseconds: [Double]
        /// `VmHWM`: the peak resident memory of the child's own address space. Not getrusage's `ru_maxrss`, which
        /// on Linux starts from the spawning parent's peak (exec keeps the old address space's high-water mark).
        var peakResidentKiB: Int
    }

    // MARK: - In the bench

    static func rows(frame: Bool, filter: Bool, memory: Bool) throws -> [Row] {
        let full = try runChild(backups: backups, frames: frames)
        var rows: [Row] = []
        if frame {
            let frame = zip(full.renderMilliseconds, full.presentMilliseconds).map { $0 + $1 }
            let median = Stats.median(frame)
            rows.append(Row(benchmark: "4 frame", label: "render + present, \(columns)×\(self.rows), "
                                + "\(Format.number(Double(backups))) backups",
                            unit: "ms", samples: frame,
                            detail: "render \(Format.milliseconds(Stats.median(full.renderMilliseconds))) · "
                                + "present \(Format.milliseconds(Stats.median(full.presentMilliseconds))) · "
                                + "\(frame.count) cursor steps",
                            goal: "< 2 ms", met: median < 2))
        }
        if filter {
            let median = Stats.median(full.filterMilliseconds)
            rows.append(Row(benchmark: "5 filter", label: "one keystroke, \(Format.number(Double(backups))) backups",
                            unit: "ms", samples: full.filterMilliseconds,
                            detail: "reduce + render + present; typing `\(filterText)` and deleting it, "
                                + "\(filterRounds) times",
                            goal: "< 20 ms", met: median < 20))
        }
        guard memory else { return rows }
        // The same process with nothing loaded: what the 100,000 backups add to it.
        let empty = try runChild(backups: 0, frames: 1)
        let megabytes = Double(full.peakResidentKiB) * 1_024 / 1_000_000
        let emptyMegabytes = Double(empty.peakResidentKiB) * 1_024 / 1_000_000
        rows.append(Row(benchmark: "6 memory", label: "peak RSS, \(Format.number(Double(backups))) backups loaded",
                        unit: "MB", samples: [megabytes],
                        detail: "the same process with none: \(Format.number(emptyMegabytes, decimals: 1)) MB",
                        goal: "< 200 MB", met: megabytes < 200))
        return rows
    }

    private static func runChild(backups: Int, frames: Int) throws -> ChildReport {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backdeck-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let reportPath = folder.appendingPathComponent("frame.json").path
        let stderrPath = folder.appendingPathComponent("stderr.txt").path
        let child = try PseudoterminalProcess(
            executable: try PseudoterminalProcess.ownExecutable(),
            arguments: ["frame-child", "--backups", String(backups), "--frames", String(frames), "--report", reportPath],
            environment: PseudoterminalProcess.environment(), columns: columns, rows: rows, stderrPath: stderrPath)
        let status = child.waitForExit(timeout: .seconds(120))
        guard status.exitedCleanly, let data = FileManager.default.contents(atPath: reportPath) else {
            let errors = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
            throw BenchError("the frame child failed (wait status \(status)): \(errors)")
        }
        let report = try JSONDecoder().decode(ChildReport.self, from: data)
        guard report.columns == columns, report.rows == rows else {
            throw BenchError("the frame child saw a \(report.columns)×\(report.rows) terminal, not \(columns)×\(rows)")
        }
        guard report.backups == backups else {
            throw BenchError("the frame child's list held \(report.backups) backups, not \(backups)")
        }
        return report
    }

    // MARK: - In the child, on the pty

    /// Loads the backups, then moves the cursor down `frames` times, timing `render` and `present` of each frame, and
    /// types into the filter, timing each keystroke.
    @MainActor
    static func runInChild(backups: Int, frames: Int, reportPath: String) throws {
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(theme: .builtIn, useColor: true)
        } catch {
            throw BenchError(error.description)
        }
        defer { terminal.stop() }
        var state = try BenchState.loaded(backups: backups, size: terminal.size)
        terminal.present(render(state))
        let clock = ContinuousClock()
        var renderTimes: [Double] = []
        var presentTimes: [Double] = []
        for _ in 0..<frames {
            _ = reduce(&state, .key(.down))
            let start = clock.now
            let grid = render(state)
            let rendered = clock.now
            terminal.present(grid)
            let presented = clock.now
            renderTimes.append(Stats.milliseconds(rendered - start))
            presentTimes.append(Stats.milliseconds(presented - rendered))
        }
        // Taken before filtering, whose own allocations come and go: the memory of the loaded list on screen.
        let peakResident = peakResidentKiB()
        // `/` opens the pane's filter; every keystroke after it filters the whole list again.
        var filterTimes: [Double] = []
        for _ in 0..<(backups > 0 ? filterRounds : 0) {
            _ = reduce(&state, .key(.char("/")))
            terminal.present(render(state))
            let keys = filterText.map { Key.char($0) } + Array(repeating: Key.backspace, count: filterText.count)
            for key in keys {
                let start = clock.now
                _ = reduce(&state, .key(key))
                terminal.present(render(state))
                filterTimes.append(Stats.milliseconds(clock.now - start))
            }
            _ = reduce(&state, .key(.escape))
        }
        let size = terminal.size
        terminal.stop()
        let report = ChildReport(columns: size.columns, rows: size.rows, backups: state.backups.count,
                                 renderMilliseconds: renderTimes, presentMilliseconds: presentTimes,
                                 filterMilliseconds: filterTimes, peakResidentKiB: peakResident)
        try JSONEncoder().encode(report).write(to: URL(fileURLWithPath: reportPath))
    }

    /// `VmHWM` of /proc/self/status, in KiB; 0 when it cannot be read.
    static func peakResidentKiB() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        return Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "") ?? 0
    }
}
