import BackupModel
import CloudAPI
import DeckUI
import FetchEngine
import Foundation
import Synchronization

/// `backdeck list`: backups printed without the TUI, for scripts and cron jobs, with the TUI's config, credentials,
/// clients and paged fetch.
public enum ListCommand {
    public enum OutputFormat: String, CaseIterable, Sendable {
        case table, json, csv
    }

    /// `--status`: the statuses a script can ask for (unknown ones are never selected by it).
    public enum StatusFilter: String, CaseIterable, Sendable {
        case ok, failed, running

        var status: BackupStatus { BackupStatus(rawValue: rawValue)! }
    }

    /// The columns `--fields` chooses from. `size` and `duration` are bytes and seconds in json and csv, human
    /// units in the table.
    public enum Field: String, CaseIterable, Sendable {
        case provider, service, region, instance, id, status
        case vendorStatus = "vendor_status"
        case start, end, duration, size, type, mode
        case downloadURL = "download_url"
        case raw

        static let tableDefault: [Field] = [.provider, .instance, .id, .status, .start, .duration, .size, .type, .mode]
        static let csvDefault: [Field] = allCases.filter { $0 != .raw }
    }

    public struct Options: Sendable {
        public var configPath: String?
        public var providers: [String] = []
        public var instances: [String] = []
        /// nil: each service's default window (the TUI's, too).
        public var window: DateInterval?
        public var status: StatusFilter?
        public var format: OutputFormat = .table
        /// nil: the format's default columns.
        public var fields: [Field]?

        public init() {}
    }

    /// Where output goes, and how wide a table may be; the process's own streams in the executable.
    public struct Output: Sendable {
        public var standardOutput: @Sendable (String) -> Void
        public var standardError: @Sendable (String) -> Void
        public var tableWidth: Int

        public init(standardOutput: @escaping @Sendable (String) -> Void, standardError: @escaping @Sendable (String) -> Void,
                    tableWidth: Int) {
            self.standardOutput = standardOutput
            self.standardError = standardError
            self.tableWidth = tableWidth
        }

        /// stdout and stderr of this process; the table fits the terminal, or 120 columns when stdout is not one.
        public static var process: Output {
            Output(standardOutput: { FileHandle.standardOutput.write(Data($0.utf8)) },
                   standardError: { FileHandle.standardError.write(Data($0.utf8)) },
                   tableWidth: terminalColumns() ?? 120)
        }

        static func terminalColumns() -> Int? {
            guard isatty(STDOUT_FILENO) == 1 else { return nil }
            var size = winsize()
            guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
            return Int(size.ws_col)
        }
    }

    /// A usage mistake found after parsing (an unknown provider, `raw` in a table): exit status 2.
    public struct UsageError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Prints the backups; returns the exit status: 0 all fetched, 1 partial (stderr says what is missing),
    /// 2 usage or config error.
    public static func run(_ options: Options, output: Output = .process) async -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let session: AppSession
        do {
            session = try await AppSession.open(configPath: options.configPath, environment: environment)
        } catch let error as ConfigError {
            output.standardError("backdeck: \(error)\n")
            return 2
        } catch {
            output.standardError("backdeck: cannot start the demo emulator: \(error)\n")
            return 1
        }
        if session.emulator != nil {
            output.standardError("backdeck: no config file; listing the built-in demo emulator\n")
        }
        let transport = HTTPTransport()
        let status: Int32
        do throws(UsageError) {
            let fields = try columns(for: options)
            let providers = try selectedProviders(options.providers, in: session.config)
            let registry = ServiceRegistry(providers: providers, transport: transport, credentials: session.credentials)
            let result = await fetch(providers: providers, registry: registry, options: options)
            var rows = result.rows
            if let wanted = options.status { rows = rows.filter { $0.backup.status == wanted.status } }
            output.standardOutput(render(rows, fields: fields, format: options.format, width: output.tableWidth))
            for problem in result.problems { output.standardError("backdeck: \(problem)\n") }
            status = result.problems.isEmpty ? 0 : 1
        } catch {
            output.standardError("backdeck: \(error.description)\n")
            status = 2
        }
        await transport.shutdown()
        await session.emulator?.stop()
        return status
    }

    // MARK: - Arguments

    /// `7d`, `12h`, `90m`, `2w` → seconds.
    public static func parseDuration(_ text: String) -> TimeInterval? {
        guard let match = text.wholeMatch(of: /(\d{1,6})([mhdw])/), let count = Double(match.1), count > 0 else { return nil }
        let unit: TimeInterval = switch match.2 {
        case "m": 60
        case "h": 3600
        case "d": 86_400
        default: 7 * 86_400
        }
        return count * unit
    }

    /// `2026-11-01`, `2026-11-01T02:00`, `2026-11-01 02:00:30`, each with an optional `Z` or `±HH:MM`; UTC when no
    /// zone is given (the zone the APIs and the TUI speak).
    public static func parseTime(_ text: String) -> Date? {
        let pattern = /(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:?\d{2})?/
        guard let match = text.trimmingCharacters(in: .whitespaces).wholeMatch(of: pattern),
              let year = Int(match.1), let month = Int(match.2), let day = Int(match.3),
              (1...12).contains(month), (1...UTCCalendar.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        let hour = match.4.flatMap { Int($0) } ?? 0
        let minute = match.5.flatMap { Int($0) } ?? 0
        let second = match.6.flatMap { Int($0) } ?? 0
        guard hour < 24, minute < 60, second < 60 else { return nil }
        var offset = 0
        if let zone = match.7, zone != "Z" {
            let digits = zone.dropFirst().filter(\.isNumber)
            guard let hours = Int(digits.prefix(2)), let minutes = Int(digits.suffix(2)), hours < 24, minutes < 60 else { return nil }
            offset = (hours * 3600 + minutes * 60) * (zone.hasPrefix("-") ? -1 : 1)
        }
        let days = UTCCalendar.daysFromCivil(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3600 + minute * 60 + second - offset))
    }

    /// `a,b,c` → fields, in the order given.
    public static func parseFields(_ text: String) throws(UsageError) -> [Field] {
        var fields: [Field] = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let field = Field(rawValue: trimmed) else {
                throw UsageError(description: "--fields: unknown field \"\(trimmed)\"; known: "
                    + Field.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if !fields.contains(field) { fields.append(field) }
        }
        return fields
    }

    static func columns(for options: Options) throws(UsageError) -> [Field] {
        let fields = options.fields ?? (options.format == .table ? Field.tableDefault
            : options.format == .csv ? Field.csvDefault : Field.allCases)
        if options.format == .table && fields.contains(.raw) {
            throw UsageError(description: "--fields: raw is for --format json or csv, not a table")
        }
        return fields
    }

    static func selectedProviders(_ names: [String], in config: AppConfig) throws(UsageError) -> [ProviderConfig] {
        guard !names.isEmpty else { return config.providers }
        let known = config.providers.map(\.name)
        for name in names where !known.contains(name) {
            throw UsageError(description: "--provider: no provider named \"\(name)\" in the config; configured: "
                + (known.isEmpty ? "none" : known.joined(separator: ", ")))
        }
        return config.providers.filter { names.contains($0.name) }
    }

    // MARK: - Fetching

    struct Row: Sendable {
        var provider: ProviderConfig
        var backup: Backup
    }

    struct FetchResult: Sendable {
        var rows: [Row] = []
        /// What could not be fetched, one sentence each, with the vendor's code and message.
        var problems: [String] = []
        /// Instance IDs a provider holds that `--instance` asked for (found even when they have no backups).
        var matchedInstances: [String] = []
    }

    /// Providers are fetched concurrently, each one's instances in turn; output keeps the config's order.
    static func fetch(providers: [ProviderConfig], registry: ServiceRegistry, options: Options) async -> FetchResult {
        let results = await withTaskGroup(of: (Int, FetchResult).self) { group in
            for (index, provider) in providers.enumerated() {
                group.addTask { (index, await fetch(provider: provider, registry: registry, options: options)) }
            }
            var results: [Int: FetchResult] = [:]
            for await (index, result) in group { results[index] = result }
            return results
        }
        var combined = FetchResult()
        for index in providers.indices {
            combined.rows += results[index]?.rows ?? []
            combined.problems += results[index]?.problems ?? []
        }
        // An --instance that no selected provider holds is missing too.
        if !options.instances.isEmpty {
            let found = Set(combined.rows.map(\.backup.instanceID)).union(results.values.flatMap(\.matchedInstances))
            for id in options.instances where !found.contains(id) {
                combined.problems.append("instance \(id): not found under "
                    + (providers.count == 1 ? "provider \(providers[0].name)" : "the selected providers"))
            }
        }
        return combined
    }

    private static func fetch(provider: ProviderConfig, registry: ServiceRegistry, options: Options) async -> FetchResult {
        var result = FetchResult()
        guard let entry = registry.entries[provider.name], let service = entry.service else {
            let reason = registry.entries[provider.name]?.setupError?.summary ?? "provider is not available"
            result.problems.append("provider \(provider.name): \(reason)")
            return result
        }
        var instanceIDs: [String]
        if let configured = provider.instances {
            instanceIDs = configured
        } else {
            var listed: [Instance] = []
            do throws(ServiceError) {
                let (instances, missing) = try await allInstances(service, policy: registry.instancePolicy(for: entry))
                listed = instances
                result.problems += missing.map { "provider \(provider.name): \($0)" }
            } catch {
                result.problems.append("provider \(provider.name): cannot list instances: \(error.summary)")
                return result
            }
            instanceIDs = listed.map(\.id)
        }
        if !options.instances.isEmpty { instanceIDs = instanceIDs.filter { options.instances.contains($0) } }
        result.matchedInstances = instanceIDs

        let policy = registry.backupPolicy(for: entry)
        for instanceID in instanceIDs {
            let collected = Collector<Backup>()
            let where_ = "provider \(provider.name), instance \(instanceID)"
            do throws(ServiceError) {
                try await PagedFetch.run(policy: policy, fetchPage: { page throws(ServiceError) in
                    try await service.listBackups(instanceID: instanceID, page: page, window: options.window)
                }, onEvent: { event in
                    switch event {
                    case .rows(let items, _): collected.append(items)
                    case .pageFailed(let error, let progress):
                        // The other pages still come: say which one is missing (retries are spent by now).
                        collected.note("\(where_): page \(progress.page ?? 0) missing: \(error.summary)")
                    case .retrying: break
                    }
                })
            } catch {
                result.problems.append("\(where_): " + error.summary)
            }
            result.problems += collected.notes
            result.rows += collected.items.map { Row(provider: provider, backup: $0) }
        }
        return result
    }

    /// The provider's instances, and the pages of them that could not be fetched.
    private static func allInstances(
        _ service: any BackupService, policy: FetchPolicy
    ) async throws(ServiceError) -> (instances: [Instance], missing: [String]) {
        let collected = Collector<Instance>()
        try await PagedFetch.run(policy: policy, fetchPage: { page throws(ServiceError) in
            try await service.listInstances(page)
        }, onEvent: { event in
            switch event {
            case .rows(let items, _): collected.append(items)
            case .pageFailed(let error, let progress):
                collected.note("instances page \(progress.page ?? 0) missing: \(error.summary)")
            case .retrying: break
            }
        })
        return (collected.items, collected.notes)
    }

    // MARK: - Output

    static func render(_ rows: [Row], fields: [Field], format: OutputFormat, width: Int) -> String {
        switch format {
        case .table: table(rows, fields: fields, width: width)
        case .json: json(rows, fields: fields)
        case .csv: csv(rows, fields: fields)
        }
    }

    /// Columns two spaces apart; when they do not fit, columns drop from the right, then the last one is cut.
    static func table(_ rows: [Row], fields: [Field], width: Int) -> String {
        let header = fields.map { $0.rawValue.uppercased().replacingOccurrences(of: "_", with: " ") }
        let cells = rows.map { row in fields.map { Sanitize.forDisplay(tableText(row, $0)) } }
        var widths = fields.indices.map { column in
            cells.reduce(DisplayWidth.of(header[column])) { max($0, DisplayWidth.of($1[column])) }
        }
        let gap = 2
        func total(_ count: Int) -> Int { widths.prefix(count).reduce(0, +) + gap * max(0, count - 1) }
        var count = fields.count
        while count > 1 && total(count) > width { count -= 1 }
        if count > 0 && total(count) > width { widths[count - 1] = max(1, width - total(count - 1) - (count > 1 ? gap : 0)) }
        let rightAligned: Set<Field> = [.size, .duration]
        func line(_ values: [String]) -> String {
            (0..<count).map { column in
                let last = column == count - 1
                let alignment: TextFit.Alignment = rightAligned.contains(fields[column]) ? .right : .left
                let text = TextFit.pad(values[column], to: widths[column], alignment: alignment)
                return last && alignment == .left ? text.trimmingTrailingSpaces() : text
            }.joined(separator: String(repeating: " ", count: gap))
        }
        return ([line(header)] + cells.map(line)).map { $0 + "\n" }.joined()
    }

    static func tableText(_ row: Row, _ field: Field) -> String {
        let backup = row.backup
        switch field {
        case .start: return backup.start.map(Format.minute) ?? ""
        case .end: return backup.end.map(Format.minute) ?? ""
        case .duration: return backup.duration.map(Format.duration) ?? ""
        case .size: return backup.size?.formatted ?? ""
        default: return plainText(row, field) ?? ""
        }
    }

    /// The value as text for csv (and json strings); nil when there is none.
    static func plainText(_ row: Row, _ field: Field) -> String? {
        let backup = row.backup
        switch field {
        case .provider: return row.provider.name
        case .service: return row.provider.service.rawValue
        case .region: return row.provider.region
        case .instance: return backup.instanceID
        case .id: return backup.id
        case .status: return backup.status.rawValue
        case .vendorStatus: return backup.statusText
        case .start: return backup.start.map(isoTime)
        case .end: return backup.end.map(isoTime)
        case .duration: return backup.duration.map { String(Int64($0.rounded(.down))) }
        case .size: return backup.size.map { String($0.bytes) }
        case .type: return backup.type
        case .mode: return backup.mode
        case .downloadURL:
            if case .rds(let detail) = backup.detail { return detail.downloadURL }
            return nil
        case .raw: return backup.raw
        }
    }

    /// One array of objects, keys in the order of `fields`; `raw` is the vendor's record itself, not a string.
    static func json(_ rows: [Row], fields: [Field]) -> String {
        let numeric: Set<Field> = [.size, .duration]
        var output = "["
        for (index, row) in rows.enumerated() {
            output += index == 0 ? "\n  {" : ",\n  {"
            for (position, field) in fields.enumerated() {
                output += (position == 0 ? "" : ", ") + jsonString(field.rawValue) + ": "
                guard let value = plainText(row, field) else { output += "null"; continue }
                output += field == .raw || numeric.contains(field) ? value : jsonString(value)
            }
            output += "}"
        }
        return output + (rows.isEmpty ? "]\n" : "\n]\n")
    }

    /// RFC 4180 quoting (a field with a comma, quote or line break is quoted, quotes doubled); lines end in LF.
    static func csv(_ rows: [Row], fields: [Field]) -> String {
        func quoted(_ value: String) -> String {
            guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var lines = [fields.map(\.rawValue).joined(separator: ",")]
        for row in rows { lines.append(fields.map { quoted(plainText(row, $0) ?? "") }.joined(separator: ",")) }
        return lines.map { $0 + "\n" }.joined()
    }

    /// `2026-11-20T02:13:05Z`.
    static func isoTime(_ date: Date) -> String {
        let (year, month, day, hour, minute, second) = UTCCalendar.fields(unixSeconds: Int(date.timeIntervalSince1970.rounded(.down)))
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))Z"
    }

    static func jsonString(_ text: String) -> String { JSONText.quoted(text) }
}

/// Items delivered from a fetch's background pages, gathered in order.
final class Collector<Item: Sendable>: Sendable {
    private let storage = Mutex<(items: [Item], notes: [String])>(([], []))

    func append(_ items: [Item]) { storage.withLock { $0.items += items } }

    /// A page that failed even after retries, for stderr.
    func note(_ problem: String) { storage.withLock { $0.notes.append(problem) } }

    var items: [Item] { storage.withLock { $0.items } }
    var notes: [String] { storage.withLock { $0.notes } }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
