import CloudEmulator
import Foundation

/// What the TUI and `backdeck list` both start from: the config file, or with none the demo (the built-in emulator,
/// signed with its own key pair), and where the providers' credentials come from.
struct AppSession: Sendable {
    var config: AppConfig
    /// The built-in emulator when this is the demo; stop it when done.
    var emulator: Emulator?
    /// `config ~/.config/backdeck/config.toml` or `demo · built-in emulator on 127.0.0.1:PORT`.
    var banner: String
    var credentials: ProviderCredentials

    /// Throws `ConfigError` for a bad or unreadable config; anything else means the demo emulator could not start.
    static func open(configPath: String?, environment: [String: String]) async throws -> AppSession {
        let path = configPath ?? ConfigLoader.defaultPath(environment: environment)
        var loaded: AppConfig?
        if configPath != nil || FileManager.default.fileExists(atPath: path) {
            loaded = try ConfigLoader.load(path: path)
        }
        if let loaded, loaded.emulator == nil {
            let home = environment["HOME"] ?? NSHomeDirectory()
            return AppSession(config: loaded, emulator: nil,
                              banner: "config \(Launch.abbreviateHome(path, environment: environment))",
                              credentials: ProviderCredentials(source: .vendorConventions(environment: environment, homeDirectory: home)))
        }
        // No config file, or one asking for the built-in emulator (`[emulator]`, with its faults): the demo.
        var demo = EmulatorOptions()
        if let settings = loaded?.emulator {
            demo.faults = settings.faults
            demo.seed = settings.seed
            demo.scale = settings.scale
        }
        let emulator = try await Emulator.start(demo)
        var config = loaded ?? AppConfig(theme: nil, providers: [])
        config.providers = Launch.demoProviders(region: demo.region, endpoint: emulator.baseURL)
        return AppSession(
            config: config,
            emulator: emulator,
            banner: "demo · built-in emulator on \(emulator.baseURL.host ?? "127.0.0.1"):\(emulator.port)",
            credentials: ProviderCredentials(source: .demo(accessKeyID: demo.accessKeyID, secret: demo.accessKeySecret,
                                                           huaweiProjectID: demo.huaweiProjectID)))
    }
}
