import Foundation

/// Benchmark 7: bytes the real `backdeck` binary sends to a 120×40 terminal for one cursor step and one page-down in
/// the demo's big RDS instance, read from the master side of a real pty.
enum TerminalBytesBenchmark {
    static let columns = 120
    static let rows = 40
    /// Output is over once the pty has been silent this long.
    static let quiet: Duration = .milliseconds(300)
    /// Steps of the held-key run: fewer than the list's visible rows, so none of them scrolls the list.
    static let heldKeySteps = 15

    /// `backdeck` built in the same configuration, next to this binary (`BACKDECK_BINARY` overrides).
    static func binaryPath() throws -> String {
        if let path = ProcessInfo.processInfo.environment["BACKDECK_BINARY"] { return path }
        let folder = URL(fileURLWithPath: try PseudoterminalProcess.ownExecutable()).deletingLastPathComponent()
        return folder.appendingPathComponent("backdeck").path
    }

    static func rows(runs: Int) throws -> [Row] {
        let binary = try binaryPath()
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchError("no backdeck binary at \(binary): build it first (swift build -c release --product backdeck)")
        }
        // No config file: the demo, with its built-in emulator.
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("backdeck-bench-home-\(getpid())")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let child = try PseudoterminalProcess(
            executable: binary, arguments: [],
            environment: PseudoterminalProcess.environment(["HOME": home.path, "XDG_CONFIG_HOME": home.path]),
            columns: columns, rows: rows, stderrPath: home.appendingPathComponent("stderr.txt").path)
        defer {
            child.type("q")
            child.waitForExit(timeout: .seconds(5))
        }

        func press(_ key: String) throws -> Int {
            let before = child.bytesRead
            child.type(key)
            guard child.waitUntilQuiet(after: before, quiet: quiet, timeout: .seconds(10)) else {
                throw BenchError("backdeck did not answer \(key.debugDescription) on the pty")
            }
            return child.bytesRead - before
        }

        guard child.waitUntilQuiet(after: 0, quiet: quiet, timeout: .seconds(15)) else {
            throw BenchError("backdeck drew nothing on the pty")
        }
        _ = try press("l")  // providers → demo-rds's instances; the big instance is first
        _ = try press("l")  // → its backups
        let bigInstance = Array("订单库主实例".utf8)
        guard child.captured.firstRange(of: bigInstance) != nil else {
            throw BenchError("the demo's big RDS instance never appeared on screen")
        }
        let steps = max(runs, 5)
        // A held key (30 steps a second, as key repeat sends them): the preview waits for a pause, so each step is
        // the cursor rows alone; what the preview then costs once is counted apart. The cursor is on the first row.
        var heldSteps: [Double] = []
        for _ in 0..<heldKeySteps {
            let before = child.bytesRead
            child.type("j")
            Thread.sleep(forTimeInterval: 1.0 / 30)
            heldSteps.append(Double(child.bytesRead - before))
        }
        let settleStart = child.bytesRead
        guard child.waitUntilQuiet(after: settleStart, quiet: quiet, timeout: .seconds(10)) else {
            throw BenchError("backdeck did not settle after the held key")
        }
        let preview = Double(child.bytesRead - settleStart)
        var cursorSteps: [Double] = []
        for _ in 0..<steps { cursorSteps.append(Double(try press("j"))) }
        var pageDowns: [Double] = []
        for _ in 0..<steps { pageDowns.append(Double(try press("\u{1B}[6~"))) }

        let held = Stats.median(heldSteps)
        return [
            Row(benchmark: "7 bytes to the terminal", label: "cursor step, key held (j at 30/s), \(columns)×\(rows)",
                unit: "B", samples: heldSteps,
                detail: "\(heldKeySteps) steps; then the preview catches up once: \(Int(preview)) B",
                goal: "< 250 B", met: held < 250),
            Row(benchmark: "7 bytes to the terminal", label: "cursor step and pause (j), \(columns)×\(rows)", unit: "B",
                samples: cursorSteps, detail: "the step, then the preview of the newly selected backup"),
            Row(benchmark: "7 bytes to the terminal", label: "page down (PgDn), \(columns)×\(rows)", unit: "B",
                samples: pageDowns, detail: "\(steps) steps each"),
        ]
    }
}
