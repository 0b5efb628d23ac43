import BackupModel
import CloudAPI
import DeckUI
import Foundation
import TOMLKit

/// One `[[provider]]` of the config file.
public struct ProviderConfig: Sendable, Equatable {
    public var name: String
    public var service: ProviderKind
    public var region: String
    public var endpoint: URL?
    public var profile: String?
    /// When set, the instance pane lists exactly these IDs instead of discovering them.
    public var instances: [String]?
    /// HBR: which data sources' jobs to list (`ECS_FILE` unless configured).
    public var sourceType: String?
    /// Huawei: the project, else `HUAWEICLOUD_SDK_PROJECT_ID`.
    public var projectID: String?
    /// Huawei: AK/SK signing (the default) or an IAM token.
    public var auth: HuaweiAuthMode?
    /// Huawei token mode: where to log in with a password.
    public var iamEndpoint: URL?
    /// Backup pages of this provider fetched at once; else `[fetch] concurrency`.
    public var concurrency: Int?
    /// Backups asked for per page; else the largest the API allows.
    public var pageSize: Int?
    /// A badge (`PROD`) and an accent colour name for this provider's panes.
    public var label: String?
    public var accent: String?

    public init(name: String, service: ProviderKind, region: String, endpoint: URL? = nil, profile: String? = nil,
                instances: [String]? = nil, sourceType: String? = nil, projectID: String? = nil,
                auth: HuaweiAuthMode? = nil, iamEndpoint: URL? = nil, concurrency: Int? = nil, pageSize: Int? = nil) {
        self.name = name
        self.service = service
        self.region = region
        self.endpoint = endpoint
        self.profile = profile
        self.instances = instances
        self.sourceType = sourceType
        self.projectID = projectID
        self.auth = auth
        self.iamEndpoint = iamEndpoint
        self.concurrency = concurrency
        self.pageSize = pageSize
    }
}

/// How a Huawei provider authenticates (config `auth`).
public enum HuaweiAuthMode: String, Sendable, Equatable {
    case aksk
    case token
}

/// The whole config file.
public struct AppConfig: Sendable, Equatable {
    public var theme: String?
    public var providers: [ProviderConfig]
    public var fetch = FetchSettings()
    /// `[emulator]`: browse the built-in emulator with these faults, as the demo does.
    public var emulator: EmulatorSettings?
    /// The download prompt's default folder; else the current directory.
    public var downloadDir: String? = nil
    /// Largest OSC 52 copy, in bytes of base64 (default 100,000).
    public var copyLimit: Int? = nil
    /// The standard keymap with the `[keys]` table applied.
    public var keymap: Keymap = .standard
    /// `mouse = true`: clicks and the wheel; off by default so the terminal's text selection keeps working.
    public var mouse = false
    /// `read_only = true`: nothing is written (downloads are off, and say so).
    public var readOnly = false
}

/// A config problem, always with the file and (where known) the line, in a plain sentence.
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var problem: String

    public var description: String {
        if let line { return "\(file):\(line): \(problem)" }
        return "\(file): \(problem)"
    }
}

public enum ConfigLoader {
    /// `$XDG_CONFIG_HOME/backdeck/config.toml`, default `~/.config/backdeck/config.toml`.
    public static func defaultPath(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/backdeck/config.toml" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.config/backdeck/config.toml"
    }

    public static func load(path: String) throws(ConfigError) -> AppConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, line: nil, problem: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, line: nil, problem: "the file is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(ConfigError) -> AppConfig {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, line: error.source.begin.line, problem: "not valid TOML: \(error.description)")
        } catch {
            throw ConfigError(file: file, line: nil, problem: "not valid TOML")
        }
        let locator = LineLocator(text: text)

        for key in table.keys where !["theme", "provider", "fetch", "emulator", "download_dir", "copy_limit", "keys", "mouse", "read_only"].contains(key) {
            throw ConfigError(file: file, line: locator.line(ofKey: key, inProvider: nil), problem: "unknown setting \"\(key)\"")
        }
        var theme: String?
        if let value = table["theme"] {
            guard let name = value.string else {
                throw ConfigError(file: file, line: locator.line(ofKey: "theme", inProvider: nil), problem: "theme must be a string, e.g. theme = \"default\"")
            }
            theme = name
        }

        var providers: [ProviderConfig] = []
        if let value = table["provider"] {
            guard let array = value.array else {
                throw ConfigError(file: file, line: locator.line(ofKey: "provider", inProvider: nil), problem: "provider must be an array of tables: write [[provider]]")
            }
            for (index, element) in array.enumerated() {
                guard let entry = element.table else {
                    throw ConfigError(file: file, line: locator.providerHeaderLine(index), problem: "each provider must be a table")
                }
                providers.append(try parseProvider(entry, index: index, file: file, locator: locator))
            }
        }
        var seen: Set<String> = []
        for (index, provider) in providers.enumerated() where !seen.insert(provider.name).inserted {
            throw ConfigError(file: file, line: locator.line(ofKey: "name", inProvider: index), problem: "two providers are named \"\(provider.name)\"")
        }
        var config = AppConfig(theme: theme, providers: providers)
        config.fetch = try parseFetch(table["fetch"], file: file, locator: locator)
        config.emulator = try parseEmulator(table["emulator"], file: file, locator: locator)
        if config.emulator != nil, !providers.isEmpty {
            throw ConfigError(file: file, line: locator.line(ofTable: "emulator"),
                              problem: "[emulator] browses the built-in emulator with the demo providers; remove it or the [[provider]] entries")
        }
        if let value = table["download_dir"] {
            guard let folder = value.string, !folder.isEmpty else {
                throw ConfigError(file: file, line: locator.line(ofKey: "download_dir", inProvider: nil),
                                  problem: "download_dir must be a folder, e.g. download_dir = \"~/backups\"")
            }
            config.downloadDir = folder
        }
        if let value = table["copy_limit"] {
            guard let limit = value.int, limit > 0 else {
                throw ConfigError(file: file, line: locator.line(ofKey: "copy_limit", inProvider: nil),
                                  problem: "copy_limit must be a positive number of bytes, e.g. copy_limit = 100000")
            }
            config.copyLimit = limit
        }
        if let value = table["mouse"] {
            guard let enabled = value.bool else {
                throw ConfigError(file: file, line: locator.line(ofKey: "mouse", inProvider: nil), problem: "mouse must be true or false")
            }
            config.mouse = enabled
        }
        if let value = table["read_only"] {
            guard let readOnly = value.bool else {
                throw ConfigError(file: file, line: locator.line(ofKey: "read_only", inProvider: nil),
                                  problem: "read_only must be true or false")
            }
            config.readOnly = readOnly
        }
        if let value = table["keys"] {
            guard let keys = value.table else {
                throw ConfigError(file: file, line: locator.line(ofKey: "keys", inProvider: nil), problem: "keys must be a table: write [keys]")
            }
            config.keymap = try parseKeys(keys, file: file, locator: locator)
        }
        return config
    }

    /// `[keys]`: `COMMAND = "KEY"` or `COMMAND = ["KEY", …]` (`[]` disables). Unknown commands and key names, and two
    /// commands given one key, are errors on their line.
    private static func parseKeys(_ table: TOMLTable, file: String, locator: LineLocator) throws(ConfigError) -> Keymap {
        func line(_ key: String) -> Int? { locator.line(ofKey: key, inTable: "keys") }
        var overrides: [(command: Command, keys: [Key], line: Int?)] = []
        for name in table.keys {
            guard let command = Command(rawValue: name) else {
                let names = Command.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConfigError(file: file, line: line(name), problem: "unknown command \"\(name)\" in [keys] (one of: \(names))")
            }
            let value = table[name]
            let names: [String]
            if let single = value?.string {
                names = [single]
            } else if let array = value?.array {
                var collected: [String] = []
                for element in array {
                    guard let text = element.string else {
                        throw ConfigError(file: file, line: line(name), problem: "\(name) must be a key name or a list of key names")
                    }
                    collected.append(text)
                }
                names = collected
            } else {
                throw ConfigError(file: file, line: line(name), problem: "\(name) must be a key name or a list of key names")
            }
            var keys: [Key] = []
            for keyName in names {
                guard let key = Key(name: keyName) else {
                    throw ConfigError(file: file, line: line(name), problem: "unknown key \"\(keyName)\" for \(name) (a character, up, down, left, right, pgup, pgdn, home, end, enter, esc, tab, backtab, backspace, space or ctrl-X)")
                }
                keys.append(key)
            }
            overrides.append((command, keys, line(name)))
        }
        // In file order, so a conflict names the later line.
        overrides.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        do throws(KeyConflict) {
            return try Keymap.standard.rebinding(overrides.map { ($0.command, $0.keys) })
        } catch {
            let later = overrides.first { $0.command == error.second }?.line
            let earlier = overrides.first { $0.command == error.first }?.line
            let earlierLine = earlier.map { " (line \($0))" } ?? ""
            throw ConfigError(file: file, line: later, problem: "key \"\(error.key.label(.ascii))\" is bound to both \(error.first.rawValue)\(earlierLine) and \(error.second.rawValue)")
        }
    }

    private static func parseProvider(_ entry: TOMLTable, index: Int, file: String, locator: LineLocator) throws(ConfigError) -> ProviderConfig {
        func fail(_ key: String?, _ problem: String) -> ConfigError {
            let line = key.flatMap { locator.line(ofKey: $0, inProvider: index) } ?? locator.providerHeaderLine(index)
            return ConfigError(file: file, line: line, problem: problem)
        }
        func string(_ key: String, required: Bool) throws(ConfigError) -> String? {
            guard let value = entry[key] else {
                if required { throw fail(nil, "provider #\(index + 1) has no \(key)") }
                return nil
            }
            guard let text = value.string, !text.isEmpty else { throw fail(key, "\(key) must be a non-empty string") }
            return text
        }

        let known: Set<String> = ["name", "service", "region", "endpoint", "profile", "instances", "source_type",
                                  "project_id", "auth", "iam_endpoint", "concurrency", "page_size", "label", "accent"]
        for key in entry.keys where !known.contains(key) {
            throw fail(key, "unknown provider setting \"\(key)\"")
        }
        let name = try string("name", required: true) ?? ""
        let serviceName = try string("service", required: true) ?? ""
        guard let service = ProviderKind(rawValue: serviceName) else {
            let names = ProviderKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail("service", "unknown service \"\(serviceName)\" (one of: \(names))")
        }
        // Settings that only make sense for some services are an error elsewhere, not silently ignored.
        let isHuawei = service == .huaweiGaussDBNoSQL
        for key in ["project_id", "auth", "iam_endpoint"] where entry[key] != nil && !isHuawei {
            throw fail(key, "\(key) applies to huawei-gaussdb-nosql only")
        }
        if entry["profile"] != nil && isHuawei {
            throw fail("profile", "profile (of ~/.aliyun/config.json) applies to Alibaba services only")
        }
        if entry["source_type"] != nil && service != .alibabaHBR {
            throw fail("source_type", "source_type applies to alibaba-hbr only")
        }
        let region = try string("region", required: true) ?? ""
        func url(_ key: String) throws(ConfigError) -> URL? {
            guard let text = try string(key, required: false) else { return nil }
            guard let url = URL(string: text), url.host != nil, url.scheme != nil else {
                throw fail(key, "\(key) \"\(text)\" is not a URL such as https://rds.aliyuncs.com")
            }
            do throws(ServiceError) {
                try validateEndpoint(url)
            } catch {
                throw fail(key, error.message)
            }
            return url
        }
        let endpoint = try url("endpoint")
        var auth: HuaweiAuthMode?
        if let text = try string("auth", required: false) {
            guard let mode = HuaweiAuthMode(rawValue: text) else { throw fail("auth", "auth must be \"aksk\" or \"token\"") }
            auth = mode
        }
        var instances: [String]?
        if let value = entry["instances"] {
            guard let array = value.array else { throw fail("instances", "instances must be a list of instance IDs") }
            var ids: [String] = []
            for element in array {
                guard let id = element.string, !id.isEmpty else { throw fail("instances", "instances must be a list of instance IDs") }
                ids.append(id)
            }
            instances = ids
        }
        let label = try string("label", required: false)
        if let label, label.count > 12 {
            throw fail("label", "label must be at most 12 characters, e.g. label = \"PROD\"")
        }
        let accent = try string("accent", required: false)
        if let accent, StyleRole.providerAccent(named: accent) == nil {
            throw fail("accent", "unknown accent \"\(accent)\" (one of: \(StyleRole.accentNames.joined(separator: ", ")))")
        }
        var provider = ProviderConfig(
            name: name, service: service, region: region, endpoint: endpoint,
            profile: try string("profile", required: false), instances: instances,
            sourceType: try string("source_type", required: false), projectID: try string("project_id", required: false),
            auth: auth, iamEndpoint: try url("iam_endpoint"),
            concurrency: try positiveInteger(entry["concurrency"], "concurrency", limit: FetchSettings.maxConcurrency)
                { key, problem in fail(key, problem) },
            pageSize: try positiveInteger(entry["page_size"], "page_size", limit: 1_000) { key, problem in fail(key, problem) }
        )
        provider.label = label
        provider.accent = accent
        return provider
    }
}

/// Finds the line of a key in the raw text, since the TOML parser keeps no positions for values.
struct LineLocator {
    private let lines: [Substring]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// 1-based line of the `index`-th `[[provider]]` header.
    func providerHeaderLine(_ index: Int) -> Int? {
        var seen = -1
        for (number, line) in lines.enumerated() where line.trimmingCharacters(in: .whitespaces).hasPrefix("[[provider]]") {
            seen += 1
            if seen == index { return number + 1 }
        }
        return nil
    }

    /// 1-based line of a `[name]` table header.
    func line(ofTable name: String) -> Int? {
        lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "[\(name)]" }.map { $0 + 1 }
    }

    /// 1-based line of `key = …` inside the `[table]` section.
    func line(ofKey key: String, inTable table: String) -> Int? {
        guard let header = line(ofTable: table) else { return nil }
        var number = header
        while number < lines.count {
            let line = lines[number].trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") { break }
            if line.hasPrefix(key), line.dropFirst(key.count).trimmingCharacters(in: .whitespaces).hasPrefix("=") {
                return number + 1
            }
            number += 1
        }
        return header
    }

    /// 1-based line of `key = …` at the top level (provider nil) or inside the `index`-th provider.
    func line(ofKey key: String, inProvider index: Int?) -> Int? {
        var start = 0
        var end = lines.count
        if let index {
            guard let header = providerHeaderLine(index) else { return nil }
            start = header
            end = providerHeaderLine(index + 1).map { $0 - 1 } ?? lines.count
        } else if let first = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("[") }) {
            end = first
            if key == "provider" { return first + 1 }
        }
        for number in start..<max(start, end) {
            let line = lines[number].trimmingCharacters(in: .whitespaces)
            if line.hasPrefix(key), line.dropFirst(key.count).trimmingCharacters(in: .whitespaces).hasPrefix("=") {
                return number + 1
            }
        }
        return nil
    }
}
