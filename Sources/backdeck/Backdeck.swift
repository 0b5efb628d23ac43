import ArgumentParser
import BackdeckApp
import BackupModel
import CloudEmulator
import Foundation

@main
struct Backdeck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backdeck",
        abstract: "Browse the backups of your cloud databases from a terminal.",
        discussion: "With no config file, backdeck starts its built-in emulator on a loopback port and browses it (the demo).",
        version: BackdeckVersion.current,
        subcommands: [Browse.self, EmulatorCommand.self],
        defaultSubcommand: Browse.self
    )
}

struct Browse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "browse", abstract: "Open the terminal UI (the default).")

    @Option(name: .long, help: "Config file (default: $XDG_CONFIG_HOME/backdeck/config.toml).")
    var config: String?

    @Option(name: .long, help: "Theme name, e.g. default or mono (NO_COLOR forces mono).")
    var theme: String?

    func run() async throws {
        // The UI loop owns the main thread (curses is @MainActor) until the user quits.
        let options = Launch.Options(configPath: config, themeName: theme)
        let status = await MainActor.run { Launch.runTUI(options) }
        if status != 0 { throw ExitCode(status) }
    }
}

struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "emulator", abstract: "Run the cloud emulator alone, over HTTP on loopback.")

    @Option(help: "Port to listen on (0: any free port).") var port: Int = 9000
    @Option(help: "Address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "The one AccessKeyId accepted.") var accessKeyId: String = "testid"
    @Option(help: "Its secret.") var accessKeySecret: String = "testsecret"
    @Option(help: "Region of the emulated resources.") var region: String = "cn-hangzhou"
    @Option(help: "Seed of the deterministic dataset.") var seed: UInt64 = 1
    @Option(help: "Multiplies the history of the large instance (1: ~1,200 backups; 10: ~12,000).") var scale: Int = 1
    @Option(help: "The Huawei project ID served under /v3…/{project_id}/.") var projectId: String = "0123456789abcdef0123456789abcdef"
    @Option(help: "Latency added to every API call, in milliseconds.") var latencyMs: Int = 0
    @Option(help: "Each call's latency varies by up to ± this many milliseconds.") var jitterMs: Int = 0
    @Option(help: "Share of API calls answered with the vendor's throttling response (0…1, evenly spread).") var throttleRate: Double = 0
    @Option(help: "Share of API calls answered with a server error (0…1, evenly spread).") var errorRate: Double = 0
    @Option(help: "Calls of one service in flight beyond this many are throttled, as the real gateways do.") var maxConcurrent: Int?
    @Option(help: "Alibaba throttling answers carry x-acs-retry-after with this many milliseconds.") var retryAfterMs: Int?
    @Option(help: "Adds one last instance to RDS, Redis and Huawei with exactly this many successful backups (0: none; for backdeck-bench).")
    var benchBackups: Int = 0

    func run() async throws {
        var options = EmulatorOptions()
        options.host = host
        options.port = port
        options.accessKeyID = accessKeyId
        options.accessKeySecret = accessKeySecret
        options.region = region
        options.seed = seed
        options.scale = scale
        options.huaweiProjectID = projectId
        options.faults = FaultOptions(
            latency: .milliseconds(max(0, latencyMs)), jitter: .milliseconds(max(0, jitterMs)),
            throttleRate: throttleRate, errorRate: errorRate, maxConcurrentPerService: maxConcurrent,
            retryAfterMilliseconds: retryAfterMs)
        options.benchBackups = benchBackups
        let emulator = try await Emulator.start(options)
        // Written unbuffered: scripts wait for this line to know the port is bound.
        FileHandle.standardOutput.write(Data("backdeck emulator listening on \(emulator.baseURL.absoluteString)\n".utf8))
        await Self.waitForTermination()
        await emulator.stop()
    }

    /// Sleeps until SIGINT or SIGTERM.
    private static func waitForTermination() async {
        let stream = AsyncStream<Void> { continuation in
            let sources = [SIGINT, SIGTERM].map { number in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { continuation.yield() }
                source.resume()
                return source
            }
            nonisolated(unsafe) let retained = sources
            continuation.onTermination = { _ in retained.forEach { $0.cancel() } }
        }
        for await _ in stream { return }
    }
}
