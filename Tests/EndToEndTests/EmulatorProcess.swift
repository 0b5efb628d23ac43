import Foundation

/// `backdeck emulator --port 0` as a child process, for the suites that point the binary (or the vendors' SDKs) at
/// an emulator of their own. Ready once it has announced its address; stopped (by its PID) when released.
final class EmulatorProcess {
    let child: Child
    /// `http://127.0.0.1:PORT`, from its first line: "backdeck emulator listening on http://127.0.0.1:PORT".
    let baseURL: String
    private let log: URL

    /// Starts it with its announcements in `folder`; waits for the first line up to the end-to-end deadline.
    init(in folder: URL) async throws {
        log = folder.appendingPathComponent("emulator-\(UUID().uuidString.prefix(8)).log")
        child = try Child([TmuxSession.binary, "emulator", "--port", "0"], outputPath: log.path)
        let deadline = Date().addingTimeInterval(TmuxSession.deadline)
        var firstLine: String?
        while firstLine == nil && Date() < deadline {
            if let text = try? String(contentsOf: log, encoding: .utf8), let end = text.firstIndex(of: "\n") {
                firstLine = String(text[..<end])
            } else {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        guard let firstLine, let url = firstLine.split(separator: " ").last, url.hasPrefix("http://127.0.0.1:") else {
            kill(child.pid, SIGTERM)
            _ = child.wait()
            throw TmuxError.timeout("the emulator's address (first line: \(firstLine ?? "none"))")
        }
        baseURL = String(url)
    }

    deinit {
        kill(child.pid, SIGTERM)
        _ = child.wait()
        try? FileManager.default.removeItem(at: log)
    }
}
