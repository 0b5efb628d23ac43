import CloudEmulator
import FetchEngine
import Foundation
import TOMLKit

/// `[fetch]`: how every provider's listings are paged and kept fresh.
public struct FetchSettings: Sendable, Equatable {
    /// Pages of one listing in flight at once (a provider's `concurrency` overrides it).
    public var concurrency = FetchPolicy.defaultConcurrency
    /// Attempts per request, the first included, before a page counts as failed (`retries` is this minus one).
    public var attempts = RetryPolicy.standard.maxAttempts
    /// Seconds between refreshes of a backup list that holds a running backup; 0 turns auto-refresh off.
    public var refreshInterval: TimeInterval = 5

    public static let maxConcurrency = 32

    public init() {}
}

/// `[emulator]`: the built-in emulator's dataset and faults, for trying backdeck against a slow or flaky "cloud".
public struct EmulatorSettings: Sendable, Equatable {
    public var faults = FaultOptions()
    public var seed: UInt64 = 1
    public var scale = 1

    public init() {}
}

extension ConfigLoader {
    static func parseFetch(_ value: (any TOMLValueConvertible)?, file: String, locator: LineLocator) throws(ConfigError) -> FetchSettings {
        var settings = FetchSettings()
        guard let value else { return settings }
        guard let table = value.table else {
            throw ConfigError(file: file, line: locator.line(ofTable: "fetch") ?? locator.line(ofKey: "fetch", inProvider: nil), problem: "fetch must be a table: write [fetch]")
        }
        let fail = { (key: String, problem: String) in
            ConfigError(file: file, line: locator.line(ofKey: key, inTable: "fetch"), problem: problem)
        }
        for key in table.keys where !["concurrency", "retries", "refresh_interval"].contains(key) {
            throw fail(key, "unknown [fetch] setting \"\(key)\" (concurrency, retries, refresh_interval)")
        }
        if let concurrency = try positiveInteger(table["concurrency"], "concurrency", limit: FetchSettings.maxConcurrency, fail: fail) {
            settings.concurrency = concurrency
        }
        if let retries = try integer(table["retries"], "retries", range: 0...10, fail: fail) {
            settings.attempts = retries + 1
        }
        if let interval = try integer(table["refresh_interval"], "refresh_interval", range: 0...3_600, fail: fail) {
            settings.refreshInterval = TimeInterval(interval)
        }
        return settings
    }

    static func parseEmulator(_ value: (any TOMLValueConvertible)?, file: String, locator: LineLocator) throws(ConfigError) -> EmulatorSettings? {
        guard let value else { return nil }
        guard let table = value.table else {
            throw ConfigError(file: file, line: locator.line(ofKey: "emulator", inProvider: nil), problem: "emulator must be a table: write [emulator]")
        }
        let fail = { (key: String, problem: String) in
            ConfigError(file: file, line: locator.line(ofKey: key, inTable: "emulator"), problem: problem)
        }
        let known = ["latency_ms", "jitter_ms", "throttle_rate", "error_rate", "max_concurrent", "retry_after_ms", "seed", "scale"]
        for key in table.keys where !known.contains(key) {
            throw fail(key, "unknown [emulator] setting \"\(key)\" (\(known.joined(separator: ", ")))")
        }
        func rate(_ key: String) throws(ConfigError) -> Double {
            guard let raw = table[key] else { return 0 }
            guard let number = raw.double ?? raw.int.map(Double.init), (0...1).contains(number) else {
                throw fail(key, "\(key) must be a number from 0 to 1, e.g. \(key) = 0.1")
            }
            return number
        }
        var settings = EmulatorSettings()
        settings.faults = FaultOptions(
            latency: .milliseconds(try integer(table["latency_ms"], "latency_ms", range: 0...60_000, fail: fail) ?? 0),
            jitter: .milliseconds(try integer(table["jitter_ms"], "jitter_ms", range: 0...60_000, fail: fail) ?? 0),
            throttleRate: try rate("throttle_rate"), errorRate: try rate("error_rate"),
            maxConcurrentPerService: try positiveInteger(table["max_concurrent"], "max_concurrent", limit: 1_000, fail: fail),
            retryAfterMilliseconds: try positiveInteger(table["retry_after_ms"], "retry_after_ms", limit: 60_000, fail: fail))
        settings.seed = UInt64(try integer(table["seed"], "seed", range: 0...Int.max, fail: fail) ?? 1)
        settings.scale = try integer(table["scale"], "scale", range: 1...100, fail: fail) ?? 1
        return settings
    }

    static func positiveInteger(
        _ value: (any TOMLValueConvertible)?, _ key: String, limit: Int, fail: (String, String) -> ConfigError
    ) throws(ConfigError) -> Int? {
        try integer(value, key, range: 1...limit, fail: fail)
    }

    static func integer(
        _ value: (any TOMLValueConvertible)?, _ key: String, range: ClosedRange<Int>, fail: (String, String) -> ConfigError
    ) throws(ConfigError) -> Int? {
        guard let value else { return nil }
        guard let number = value.int, range.contains(number) else {
            throw fail(key, "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }
}
