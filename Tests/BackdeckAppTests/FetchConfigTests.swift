@testable import BackdeckApp
import CloudEmulator
import Foundation
import Testing

@Suite struct FetchConfigTests {
    @Test func fetchSettingsAndPerProviderOverrides() throws {
        let text = """
        [fetch]
        concurrency = 8
        retries = 2
        refresh_interval = 0

        [[provider]]
        name = "rds"
        service = "alibaba-rds"
        region = "cn-hangzhou"
        concurrency = 2
        page_size = 50
        """
        let config = try ConfigLoader.parse(text, file: "c.toml")
        #expect(config.fetch.concurrency == 8 && config.fetch.attempts == 3 && config.fetch.refreshInterval == 0)
        #expect(config.providers.first?.concurrency == 2 && config.providers.first?.pageSize == 50)
    }

    @Test func defaultsWhenAbsent() throws {
        let config = try ConfigLoader.parse("theme = \"mono\"\n", file: "c.toml")
        #expect(config.fetch == FetchSettings())
        #expect(config.fetch.concurrency == 4 && config.fetch.refreshInterval == 5)
        #expect(config.emulator == nil)
    }

    @Test func badFetchValuesNameTheirLine() {
        #expect(throws: ConfigError(file: "c.toml", line: 3, problem: "concurrency must be a whole number from 1 to 32")) {
            try ConfigLoader.parse("[fetch]\nretries = 1\nconcurrency = 0\n", file: "c.toml")
        }
        #expect(throws: ConfigError(file: "c.toml", line: 2, problem: "unknown [fetch] setting \"speed\" (concurrency, retries, refresh_interval)")) {
            try ConfigLoader.parse("[fetch]\nspeed = 3\n", file: "c.toml")
        }
        let provider = "[[provider]]\nname = \"a\"\nservice = \"alibaba-rds\"\nregion = \"cn-hangzhou\"\npage_size = \"big\"\n"
        #expect(throws: ConfigError(file: "c.toml", line: 5, problem: "page_size must be a whole number from 1 to 1000")) {
            try ConfigLoader.parse(provider, file: "c.toml")
        }
    }

    @Test func emulatorTableSetsTheDemosFaults() throws {
        let text = "[emulator]\nlatency_ms = 40\njitter_ms = 10\nthrottle_rate = 0.2\nerror_rate = 0\nmax_concurrent = 4\nscale = 2\n"
        let settings = try #require(try ConfigLoader.parse(text, file: "c.toml").emulator)
        #expect(settings.faults == FaultOptions(latency: .milliseconds(40), jitter: .milliseconds(10), throttleRate: 0.2,
                                                maxConcurrentPerService: 4))
        #expect(settings.scale == 2)
        #expect(throws: ConfigError(file: "c.toml", line: 2, problem: "throttle_rate must be a number from 0 to 1, e.g. throttle_rate = 0.1")) {
            try ConfigLoader.parse("[emulator]\nthrottle_rate = 2\n", file: "c.toml")
        }
    }

    @Test func emulatorAndProvidersDoNotMix() {
        let text = "[[provider]]\nname = \"a\"\nservice = \"alibaba-rds\"\nregion = \"cn-hangzhou\"\n\n[emulator]\nlatency_ms = 5\n"
        #expect(throws: ConfigError(file: "c.toml", line: 6, problem: "[emulator] browses the built-in emulator with the demo providers; remove it or the [[provider]] entries")) {
            try ConfigLoader.parse(text, file: "c.toml")
        }
    }
}
