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
        subcommands: [Browse.self, ListBackups.self, EmulatorCommand.self],
        defaultSubcommand: Browse.self
    )

    /// ArgumentParser's own main, except that usage errors exit with 2 (as config errors do) instead of 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
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
    @Option(help: "Adds one last instance (an HBR vault) to each service with exactly this many successful backups (0: none; for backdeck-bench).")
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

struct ListBackups: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print backups without the TUI, for scripts and cron jobs.",
        discussion: """
            Uses the TUI's config, credentials and fetch code. Exit status: 0 when everything was fetched; 1 on a \
            partial result (what was fetched is printed, stderr says what is missing); 2 on a usage or config error.
            Fields: \(ListCommand.Field.allCases.map(\.rawValue).joined(separator: ", ")) (raw: json and csv only; \
            size and duration are bytes and seconds in json and csv).
            """
    )

    @Option(name: .long, help: "Config file (default: $XDG_CONFIG_HOME/backdeck/config.toml).")
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Only this provider (repeatable).", valueName: "name"))
    var provider: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only this instance or vault ID (repeatable).", valueName: "id"))
    var instance: [String] = []

    @Option(name: .long, help: ArgumentHelp("Backups started within this long before now: 90m, 12h, 7d, 2w.", valueName: "age"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Window start: 2026-11-01, 2026-11-01T02:00Z (UTC unless a zone is given).", valueName: "time"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Window end (default: now); needs --from.", valueName: "time"))
    var to: String?

    @Option(name: .long, help: "Only backups with this status.")
    var status: ListCommand.StatusFilter?

    @Option(name: .long, help: "Output format.")
    var format: ListCommand.OutputFormat = .table

    @Option(name: .long, help: ArgumentHelp("Columns, comma-separated, in order.", valueName: "a,b,c"))
    var fields: String?

    func options() throws -> ListCommand.Options {
        var options = ListCommand.Options()
        options.configPath = config
        options.providers = provider
        options.instances = instance
        options.format = format
        options.status = status
        if let fields {
            do { options.fields = try ListCommand.parseFields(fields) } catch { throw ValidationError(error.description) }
        }
        if since != nil && (from != nil || to != nil) {
            throw ValidationError("--since and --from/--to cannot be used together")
        }
        if let since {
            guard let seconds = ListCommand.parseDuration(since) else {
                throw ValidationError("--since: \"\(since)\" is not an age such as 90m, 12h, 7d or 2w")
            }
            options.window = DateInterval(start: Date().addingTimeInterval(-seconds), end: Date())
        } else if to != nil && from == nil {
            throw ValidationError("--to needs --from")
        } else if let from {
            guard let start = ListCommand.parseTime(from) else { throw ValidationError("--from: \"\(from)\" is not a time such as 2026-11-01 or 2026-11-01T02:00Z") }
            let end = try to.map { text in
                guard let end = ListCommand.parseTime(text) else { throw ValidationError("--to: \"\(text)\" is not a time such as 2026-11-01 or 2026-11-01T02:00Z") }
                return end
            } ?? Date()
            guard start < end else { throw ValidationError("--from must be before --to") }
            options.window = DateInterval(start: start, end: end)
        }
        return options
    }

    func validate() throws { _ = try options() }

    func run() async throws {
        let status = await ListCommand.run(try options())
        if status != 0 { throw ExitCode(status) }
    }
}

extension ListCommand.OutputFormat: ExpressibleByArgument {}
extension ListCommand.StatusFilter: ExpressibleByArgument {}
