import Foundation
import Testing

/// The vendors' own Python SDKs against `backdeck emulator`: if they are happy, the emulator speaks the clouds'
/// wire format. Needs the virtual environment `.venv/` that `.ci/run` creates from the check's requirements.
@Suite struct ConformanceTests {
    static var sharedFolder: URL {
        if let path = ProcessInfo.processInfo.environment["BACKDECK_SHARED"] { return URL(fileURLWithPath: path) }
        return TmuxSession.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    @Test func officialSDKsOfAllFiveServicesAcceptTheEmulator() throws {
        let python = TmuxSession.repositoryRoot.appendingPathComponent(".venv/bin/python").path
        let script = Self.sharedFolder.appendingPathComponent("conformance/sdk_conformance.py").path
        try #require(FileManager.default.isExecutableFile(atPath: python), "no \(python): run .ci/run (it creates the venv)")
        try #require(FileManager.default.fileExists(atPath: script), "no conformance check at \(script)")

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backdeck-conformance-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let announcements = folder.appendingPathComponent("emulator.log").path
        let emulator = try Child([TmuxSession.binary, "emulator", "--port", "0"], outputPath: announcements)
        defer {
            kill(emulator.pid, SIGTERM)
            _ = emulator.wait()
        }

        // The first line says where it listens: "backdeck emulator listening on http://127.0.0.1:PORT".
        let firstLine = try #require(waitForFirstLine(of: announcements), "the emulator did not announce its port")
        let baseURL = try #require(firstLine.components(separatedBy: " ").last, "unexpected first line: \(firstLine)")
        #expect(baseURL.hasPrefix("http://127.0.0.1:"))

        let report = folder.appendingPathComponent("conformance.log").path
        let status = try spawnAndWait([python, script, "--base-url", baseURL], outputPath: report)
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

    private func waitForFirstLine(of path: String) -> String? {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: path, encoding: .utf8), let end = text.firstIndex(of: "\n") {
                return String(text[..<end])
            }
            usleep(50_000)
        }
        return nil
    }
}
