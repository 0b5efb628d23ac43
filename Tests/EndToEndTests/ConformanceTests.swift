import Foundation
import Testing

/// The vendors' own Python SDKs against `backdeck emulator`: if they are happy, the emulator speaks the clouds'
/// wire format. The SDKs live in a virtual environment `.venv/` inside the clone (git ignores it), which this test
/// creates from the check's pinned requirements when it is missing or they changed; it needs `python3` with `venv`
/// (`.ci/run` installs that on a fresh Debian machine) and, that first time, PyPI.
@Suite struct ConformanceTests {
    static var sharedFolder: URL {
        if let path = ProcessInfo.processInfo.environment["BACKDECK_SHARED"] { return URL(fileURLWithPath: path) }
        return TmuxSession.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    @Test func officialSDKsOfAllFiveServicesAcceptTheEmulator() async throws {
        let script = Self.sharedFolder.appendingPathComponent("conformance/sdk_conformance.py").path
        try #require(FileManager.default.fileExists(atPath: script), "no conformance check at \(script)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backdeck-conformance-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let python = try await Self.virtualEnvironment(log: folder.appendingPathComponent("venv.log"))
        let emulator = try await EmulatorProcess(in: folder)

        let report = folder.appendingPathComponent("conformance.log").path
        let status = try await run([python, script, "--base-url", emulator.baseURL], outputPath: report)
        let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""

        let lines = text.split(separator: "\n").map(String.init)
        let failures = lines.filter { $0.hasPrefix("FAIL") }
        #expect(failures.isEmpty, "conformance failures:\n\(failures.joined(separator: "\n"))")
        let summary = try #require(lines.last)
        #expect(summary.range(of: #"^[1-9][0-9]* passed, 0 failed$"#, options: .regularExpression) != nil, "summary: \(summary)")
        #expect(status == 0)
        // Every service was checked, not just the first.
        for service in ["rds", "redis", "hbr", "starrocks", "huawei"] {
            #expect(lines.contains { $0.hasPrefix("PASS \(service).") }, "no check of \(service) ran")
        }
    }

    /// `.venv/bin/python`, with the pinned SDKs installed: the venv is made when missing, and pip runs when the
    /// requirements differ from those it last installed (a copy kept in the venv).
    static func virtualEnvironment(log: URL) async throws -> String {
        let venv = TmuxSession.repositoryRoot.appendingPathComponent(".venv")
        let python = venv.appendingPathComponent("bin/python").path
        let requirements = sharedFolder.appendingPathComponent("conformance/requirements.txt")
        let installed = venv.appendingPathComponent("backdeck-requirements.txt")
        let wanted = try String(contentsOf: requirements, encoding: .utf8)
        if FileManager.default.isExecutableFile(atPath: python), (try? String(contentsOf: installed, encoding: .utf8)) == wanted {
            return python
        }
        func step(_ argv: [String]) async throws {
            let status = try await run(argv, outputPath: log.path)
            let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            try #require(status == 0, "\(argv.joined(separator: " ")) failed (python3 with venv is needed; .ci/run installs it):\n\(output)")
        }
        if !FileManager.default.isExecutableFile(atPath: python) {
            try await step(["/usr/bin/env", "python3", "-m", "venv", venv.path])
        }
        try await step([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", requirements.path])
        try wanted.write(to: installed, atomically: true, encoding: .utf8)
        return python
    }
}
