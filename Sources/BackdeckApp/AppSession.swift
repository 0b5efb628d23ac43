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
        if configPath != nil || FileManager.default.fileExists(atPath: path) {
            let config = try ConfigLoader.load(path: path)
            let home = environment["HOME"] ?? NSHomeDirectory()
            return AppSession(config: config, emulator: nil,
                              banner: "config \(Launch.abbreviateHome(path, environment: environment))",
                              credentials: ProviderCredentials(source: .vendorConventions(environment: environment, homeDirectory: home)))
        }
        let demo = EmulatorOptions()
        let emulator = try await Emulator.start(demo)
        return AppSession(
            config: AppConfig(theme: nil, providers: Launch.demoProviders(region: demo.region, endpoint: emulator.baseURL)),
            emulator: emulator,
            banner: "demo · built-in emulator on \(emulator.baseURL.host ?? "127.0.0.1"):\(emulator.port)",
            credentials: ProviderCredentials(source: .demo(accessKeyID: demo.accessKeyID, secret: demo.accessKeySecret,
                                                           huaweiProjectID: demo.huaweiProjectID)))
    }
}
