import BackupModel
import CloudAPI
import CloudEmulator
import CursesTerminal
import DeckUI
import Foundation
import Synchronization

/// Starting backdeck: config, credentials, the demo emulator, the theme, the terminal; and restoring it on every exit.
public enum Launch {
    public struct Options: Sendable {
        public var configPath: String?
        public var themeName: String?
        public init(configPath: String?, themeName: String?) {
            self.configPath = configPath
            self.themeName = themeName
        }
    }

    /// Runs the TUI; returns the process exit status. Config errors are printed before the terminal is touched.
    @MainActor
    public static func runTUI(_ options: Options) -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let session: AppSession
        do {
            session = try waitFor { try await AppSession.open(configPath: options.configPath, environment: environment) }
        } catch let error as ConfigError {
            FileHandle.standardError.write(Data("backdeck: \(error)\n".utf8))
            return 2
        } catch {
            FileHandle.standardError.write(Data("backdeck: cannot start the demo emulator: \(error)\n".utf8))
            return 1
        }
        let (config, emulator, banner) = (session.config, session.emulator, session.banner)
        defer { if let emulator { try? waitFor { await emulator.stop() } } }

        let (theme, themeMessage) = ThemeResolver.resolve(requested: options.themeName ?? config.theme, environment: environment)
        let useColor = (environment["NO_COLOR"] ?? "").isEmpty

        let transport = HTTPTransport()
        defer { try? waitFor { await transport.shutdown() } }
        let registry = ServiceRegistry(providers: config.providers, transport: transport, credentials: session.credentials,
                                       fetchSettings: config.fetch)

        let inbox = Inbox()
        SignalWatcher.unblockInheritedSignals()
        let signals = SignalWatcher(inbox: inbox)
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(theme: theme, useColor: useColor)
        } catch {
            FileHandle.standardError.write(Data("backdeck: \(error)\n".utf8))
            return 1
        }
        defer { terminal.stop() }
        if config.mouse { terminal.enableMouse() }

        var state = State(providers: registry.summaries, size: terminal.size, banner: banner, keymap: config.keymap)
        state.themeNames = ThemeResolver.available(environment: environment)
        state.refreshInterval = config.fetch.refreshInterval
        state.operatorSettings = OperatorSettings(downloadFolder: config.downloadDir ?? FileManager.default.currentDirectoryPath,
                                                  copyLimit: config.copyLimit ?? OperatorSettings().copyLimit,
                                                  readOnly: config.readOnly)
        if let themeMessage { inbox.post(.message(themeMessage)) }
        let runtime = Runtime(state: state, inbox: inbox, registry: registry, terminal: terminal,
                              loadTheme: { ThemeResolver.switchTo($0, environment: environment) })
        let loop = UILoop(runtime: runtime, terminal: terminal)
        let signal = loop.run()
        let downloads = runtime.downloads
        try? waitFor { await downloads.shutdown() }
        signals.stop()
        if let signal { return 128 + signal }
        return 0
    }

    /// One provider per service, all pointing at the built-in emulator.
    static func demoProviders(region: String, endpoint: URL) -> [ProviderConfig] {
        [
            ProviderConfig(name: "demo-rds", service: .alibabaRDS, region: region, endpoint: endpoint),
            ProviderConfig(name: "demo-redis", service: .alibabaRedis, region: region, endpoint: endpoint),
            ProviderConfig(name: "demo-starrocks", service: .alibabaStarRocks, region: region, endpoint: endpoint),
            ProviderConfig(name: "demo-hbr", service: .alibabaHBR, region: region, endpoint: endpoint),
            ProviderConfig(name: "demo-gaussdb", service: .huaweiGaussDBNoSQL, region: "cn-north-4", endpoint: endpoint),
        ]
    }

    static func abbreviateHome(_ path: String, environment: [String: String]) -> String {
        guard let home = environment["HOME"], !home.isEmpty, path.hasPrefix(home + "/") else { return path }
        return "~" + path.dropFirst(home.count)
    }
}

/// The terminal carries out the runtime's clipboard and theme effects. A theme is only switched to with colours on:
/// under `NO_COLOR` the switch is refused before it gets here.
extension CursesTerminal: TerminalEffects {
    func apply(theme: Theme) {
        apply(theme: theme, useColor: true)
    }

    func copyToClipboard(_ text: String) {
        copyToClipboard(text, environment: ProcessInfo.processInfo.environment)
    }
}

/// Turns SIGINT, SIGTERM and SIGHUP into an inbox message so the loop ends and the terminal is restored.
final class SignalWatcher {
    private let sources: [any DispatchSourceSignal]

    init(inbox: Inbox) {
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { inbox.post(.terminate(signal: number)) }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    func stop() {
        for source in sources { source.cancel() }
    }

    /// A launcher may hand its blocked signal mask down; then resizing (SIGWINCH) and quitting by signal would do
    /// nothing. Unblock what backdeck relies on, on the UI thread that curses runs on.
    static func unblockInheritedSignals() {
        var signals = sigset_t()
        sigemptyset(&signals)
        for number in [SIGWINCH, SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, number) }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }
}

/// Runs async work from synchronous code (the main thread before and after the UI loop).
func waitFor<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) throws -> T {
    let result = Mutex<Result<T, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
        let outcome: Result<T, any Error>
        do { outcome = .success(try await operation()) } catch { outcome = .failure(error) }
        result.withLock { $0 = outcome }
        done.signal()
    }
    done.wait()
    return try result.withLock { $0! }.get()
}
