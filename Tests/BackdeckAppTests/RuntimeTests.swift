@testable import BackdeckApp
import BackupModel
import CloudAPI
import CloudEmulator
import DeckUI
import Foundation
import Testing

/// The runtime without a terminal: real fetches over loopback HTTP against an in-process emulator, every answer
/// through the inbox, the state read back as the screen would draw it.
@MainActor
@Suite struct RuntimeTests {
    @Test func loadsTheFirstProvidersInstancesAndTheFirstInstancesBackups() async throws {
        try await RuntimeHarness.with { harness in
            harness.send(.start)
            try await harness.waitUntil("every backup of the big RDS instance, and every task ended") { runtime in
                runtime.state.backups.count >= 1_200 && runtime.tasks.isEmpty
            }
            let state = harness.runtime.state
            #expect(state.selectedProvider?.name == "demo-rds")
            #expect(state.instances.count > 1)
            #expect(Set(state.backups.map(\.id)).count == state.backups.count, "no page twice")
            #expect(state.backups.allSatisfy { $0.instanceID == state.selectedInstanceID })
        }
    }

    @Test func movingOffAnInstanceCancelsItsLoadAndItsLatePagesAreDropped() async throws {
        // One page at a time, each 50 ms: the big instance's 13 pages are still coming when the cursor moves on.
        try await RuntimeHarness.with(faults: FaultOptions(latency: .milliseconds(50)), concurrency: 1) { harness in
            harness.send(.start)
            try await harness.waitUntil("the big instance's first page") { !$0.state.backups.isEmpty }
            let big = try #require(harness.runtime.state.selectedInstanceID)
            let loading = Set(harness.runtime.tasks.keys)
            #expect(!loading.isEmpty, "its load is still running")

            // Into the instances, one down: the reducer cancels the big instance's request and asks for the next one's.
            harness.send(.key(.enter), .key(.char("j")))
            #expect(loading.isDisjoint(with: harness.runtime.tasks.keys), "the cancelled task is gone at once")
            let next = try #require(harness.runtime.state.selectedInstanceID)
            #expect(next != big)
            try await harness.waitUntil("the next instance loaded and every task ended") { runtime in
                !runtime.state.backups.isEmpty && runtime.tasks.isEmpty
            }
            #expect(harness.runtime.state.backups.allSatisfy { $0.instanceID == next }, "no late page of the big instance")

            // Back on the big instance: its half list was dropped, not kept with late pages in it; it loads afresh.
            harness.send(.key(.char("k")))
            #expect(harness.runtime.state.backups.isEmpty)
            #expect(!harness.runtime.tasks.isEmpty)
        }
    }

    @Test func aThrottledRequestSaysItIsRetrying() async throws {
        // Every call throttled, the next try in 8 s (the cap): the notice stays on the status line meanwhile.
        try await RuntimeHarness.with(faults: FaultOptions(throttleRate: 1, retryAfterMilliseconds: 8_000)) { harness in
            harness.send(.start)
            try await harness.waitUntil("a retry notice") { runtime in
                runtime.state.statusMessage?.text.hasPrefix("throttled, retrying page 1 in 8 s (attempt 2 of") == true
            }
            #expect(harness.runtime.state.statusMessage?.isError == false)
            #expect(!harness.runtime.tasks.isEmpty, "the request waits to try again")
        }
    }

    @Test func downloadsTheSelectedBackupIntoTheFolderAndTheTaskEnds() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backdeck-runtime-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await RuntimeHarness.with(downloadFolder: folder.path) { harness in
            harness.send(.start)
            try await harness.waitUntil("the big instance's backups") { $0.state.backups.count >= 1_200 && $0.tasks.isEmpty }

            // Into the backups, down to the first one with a whole-set link; d, the first link, Enter on the folder.
            harness.send(.key(.enter), .key(.enter))
            let shown = harness.runtime.state.shownBackups
            let index = try #require(shown.firstIndex { backup in
                if case .rds(let detail) = backup.detail { return detail.downloadURL != nil }
                return false
            })
            for _ in 0..<index { harness.send(.key(.char("j"))) }
            let backup = shown[index]
            #expect(harness.runtime.state.selectedBackupID == backup.id)
            harness.send(.key(.char("d")), .key(.char("1")), .key(.enter))
            #expect(harness.runtime.tasks.keys.contains(.download(1)))

            try await harness.waitUntil("the download finished and its task ended") { runtime in
                runtime.state.downloads.first?.phase == .completed && runtime.tasks.isEmpty
            }
            let file = try #require(harness.runtime.state.downloads.first?.request.fileName)
            let size = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(file).path)[.size] as? Int
            #expect(size.map(Int64.init) == backup.size?.bytes)
        }
    }

    @Test func aThemeSwitchReachesTheTerminalAndItsMessageComesBackThroughTheInbox() async throws {
        try await RuntimeHarness.with { harness in
            harness.send(.key(.char(":")))
            for character in "theme mono" { harness.send(.key(.char(character))) }
            harness.send(.key(.enter))
            #expect(harness.terminal.themes.map(\.name) == ["mono"])
            try await harness.waitUntil("the theme's message") { $0.state.statusMessage?.text == "theme mono" }

            // A theme that does not exist keeps the current one and says why.
            harness.send(.key(.char(":")))
            for character in "theme nosuch" { harness.send(.key(.char(character))) }
            harness.send(.key(.enter))
            try await harness.waitUntil("the theme error") { $0.state.statusMessage?.text.contains("keeping the current theme") == true }
            #expect(harness.terminal.themes.map(\.name) == ["mono"])
        }
    }
}

/// Stands in for the terminal: records what the runtime asks of it.
@MainActor
final class RecordingTerminal: TerminalEffects {
    var copied: [String] = []
    var themes: [Theme] = []
    func copyToClipboard(_ text: String) { copied.append(text) }
    func apply(theme: Theme) { themes.append(theme) }
}

/// An emulator, the demo's providers pointed at it, and a runtime over them.
@MainActor
final class RuntimeHarness {
    let emulator: Emulator
    let transport: HTTPTransport
    let terminal = RecordingTerminal()
    let runtime: Runtime

    private init(emulator: Emulator, transport: HTTPTransport, runtime: (RecordingTerminal) -> Runtime) {
        self.emulator = emulator
        self.transport = transport
        self.runtime = runtime(terminal)
    }

    static func start(faults: FaultOptions = FaultOptions(), concurrency: Int? = nil,
                      downloadFolder: String = FileManager.default.temporaryDirectory.path) async throws -> RuntimeHarness {
        var options = EmulatorOptions()
        options.faults = faults
        let emulator = try await Emulator.start(options)
        let transport = HTTPTransport()
        var providers = Launch.demoProviders(region: options.region, endpoint: emulator.baseURL)
        for index in providers.indices { providers[index].concurrency = concurrency }
        let registry = ServiceRegistry(
            providers: providers, transport: transport,
            credentials: ProviderCredentials(source: .demo(accessKeyID: options.accessKeyID, secret: options.accessKeySecret,
                                                           huaweiProjectID: options.huaweiProjectID)))
        var state = State(providers: registry.summaries, size: Size(columns: 120, rows: 40), banner: "test")
        state.operatorSettings.downloadFolder = downloadFolder
        // The shipped themes, from the repository (the test runs from the clone, not from the binary's folder).
        let themes = RepositoryThemes.directory
        return RuntimeHarness(emulator: emulator, transport: transport) { terminal in
            Runtime(state: state, inbox: Inbox(), registry: registry, terminal: terminal, loadTheme: { name in
                ThemeResolver.switchTo(name, environment: ["BACKDECK_THEMES_DIR": themes, "HOME": "/nonexistent"])
            })
        }
    }

    func send(_ actions: Action...) {
        for action in actions { _ = runtime.send(action) }
    }

    /// Drains the inbox into the runtime until `condition` holds; the keys' pause (`.settled`) is sent as the UI loop
    /// would. Fails after a deadline generous enough for a loaded machine running the whole suite beside it (a
    /// condition that holds returns at once).
    func waitUntil(_ what: String, sourceLocation: SourceLocation = #_sourceLocation,
                   _ condition: (Runtime) -> Bool) async throws {
        let deadline = Date().addingTimeInterval(Self.deadline)
        while Date() < deadline {
            _ = runtime.drainInbox()
            if runtime.state.previewIsSettling { _ = runtime.send(.settled) }
            if condition(runtime) { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("timed out waiting for \(what)", sourceLocation: sourceLocation)
        throw CancellationError()
    }

    static let deadline: TimeInterval = 180

    /// Cancels the runtime's tasks and closes everything, awaited: blocking the main actor here would stall the
    /// other runtime tests.
    func stop() async {
        runtime.stop()
        await runtime.downloads.shutdown()
        await transport.shutdown()
        await emulator.stop()
    }

    /// Runs `body` with a started harness and stops it afterwards, also when `body` fails.
    static func with(faults: FaultOptions = FaultOptions(), concurrency: Int? = nil,
                     downloadFolder: String = FileManager.default.temporaryDirectory.path,
                     _ body: (RuntimeHarness) async throws -> Void) async throws {
        let harness = try await start(faults: faults, concurrency: concurrency, downloadFolder: downloadFolder)
        do {
            try await body(harness)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }
}

/// The repository's `themes/` folder, from this file's path (Tests/BackdeckAppTests/RuntimeTests.swift).
enum RepositoryThemes {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes").path
}
