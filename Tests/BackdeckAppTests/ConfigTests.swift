@testable import BackdeckApp
import BackupModel
import Foundation
import Testing

@Suite struct ConfigTests {
    @Test func parsesTheDocumentedExample() throws {
        let text = """
        theme = "default"
        [[provider]]
        name = "rds-prod"                 # shown in the provider pane
        service = "alibaba-rds"
        region = "cn-hangzhou"
        endpoint = "http://127.0.0.1:9000"
        profile = "prod"
        instances = ["rm-2ze8abc", "rm-2ze8def"]
        """
        let config = try ConfigLoader.parse(text, file: "config.toml")
        #expect(config.theme == "default")
        #expect(config.providers == [ProviderConfig(
            name: "rds-prod", service: .alibabaRDS, region: "cn-hangzhou", endpoint: URL(string: "http://127.0.0.1:9000"),
            profile: "prod", instances: ["rm-2ze8abc", "rm-2ze8def"])])
    }

    @Test func badTOMLNamesFileAndLine() {
        let text = "theme = \"default\"\n[[provider]]\nname = \"x\nservice = \"alibaba-rds\"\n"
        #expect(throws: ConfigError.self) { try ConfigLoader.parse(text, file: "c.toml") }
        do {
            _ = try ConfigLoader.parse(text, file: "c.toml")
        } catch {
            #expect(error.file == "c.toml")
            #expect(error.line == 3)
            #expect(error.description.hasPrefix("c.toml:3: not valid TOML"))
        }
    }

    @Test func unknownServiceIsReportedOnItsLine() {
        let text = """
        [[provider]]
        name = "a"
        service = "alibaba-rds"
        region = "cn-hangzhou"

        [[provider]]
        name = "b"
        service = "aws-rds"
        region = "us-east-1"
        """
        #expect(throws: ConfigError(file: "c.toml", line: 8, problem: "unknown service \"aws-rds\" (one of: alibaba-rds, alibaba-redis, alibaba-starrocks, alibaba-hbr, huawei-gaussdb-nosql)")) {
            try ConfigLoader.parse(text, file: "c.toml")
        }
    }

    @Test func missingRegionNamesTheProvider() {
        let text = "[[provider]]\nname = \"a\"\nservice = \"alibaba-rds\"\n"
        #expect(throws: ConfigError(file: "c.toml", line: 1, problem: "provider #1 has no region")) {
            try ConfigLoader.parse(text, file: "c.toml")
        }
    }

    @Test func plainHTTPIsOnlyForLoopback() throws {
        for endpoint in ["http://127.0.0.1:9000", "http://localhost:9000", "http://[::1]:9000", "https://rds.aliyuncs.com"] {
            let text = "[[provider]]\nname = \"a\"\nservice = \"alibaba-rds\"\nregion = \"cn-hangzhou\"\nendpoint = \"\(endpoint)\"\n"
            #expect(try ConfigLoader.parse(text, file: "c.toml").providers.first?.endpoint == URL(string: endpoint))
        }
        let remote = "[[provider]]\nname = \"a\"\nservice = \"alibaba-rds\"\nregion = \"cn-hangzhou\"\nendpoint = \"http://10.0.0.5:9000\"\n"
        do {
            _ = try ConfigLoader.parse(remote, file: "c.toml")
            Issue.record("a plain-http remote endpoint was accepted")
        } catch {
            #expect(error.line == 5)
        }
    }

    @Test func unknownKeysAndDuplicateNamesAreErrors() {
        let typo = "[[provider]]\nname = \"a\"\nservice = \"alibaba-rds\"\nregion = \"cn-hangzhou\"\nregoin = \"x\"\n"
        #expect(throws: ConfigError(file: "c.toml", line: 5, problem: "unknown provider setting \"regoin\"")) {
            try ConfigLoader.parse(typo, file: "c.toml")
        }
        let twice = "[[provider]]\nname = \"a\"\nservice = \"alibaba-rds\"\nregion = \"r\"\n[[provider]]\nname = \"a\"\nservice = \"alibaba-rds\"\nregion = \"r\"\n"
        #expect(throws: ConfigError(file: "c.toml", line: 6, problem: "two providers are named \"a\"")) {
            try ConfigLoader.parse(twice, file: "c.toml")
        }
    }

    @Test func defaultPathFollowsXDG() {
        #expect(ConfigLoader.defaultPath(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/backdeck/config.toml")
        #expect(ConfigLoader.defaultPath(environment: ["HOME": "/h"]) == "/h/.config/backdeck/config.toml")
    }

    @Test func unreadableFileIsAnError() {
        #expect(throws: ConfigError(file: "/nonexistent/backdeck.toml", line: nil, problem: "cannot read the file")) {
            try ConfigLoader.load(path: "/nonexistent/backdeck.toml")
        }
    }
}

@Suite struct ServiceSettingsTests {
    private func provider(_ service: String, _ extra: String) -> String {
        "[[provider]]\nname = \"p\"\nservice = \"\(service)\"\nregion = \"r\"\n\(extra)\n"
    }

    @Test func settingsOfAnotherServiceAreErrorsOnTheirLine() {
        #expect(throws: ConfigError(file: "c.toml", line: 5, problem: "project_id applies to huawei-gaussdb-nosql only")) {
            try ConfigLoader.parse(provider("alibaba-rds", "project_id = \"abc\""), file: "c.toml")
        }
        #expect(throws: ConfigError(file: "c.toml", line: 5, problem: "source_type applies to alibaba-hbr only")) {
            try ConfigLoader.parse(provider("alibaba-rds", "source_type = \"OSS\""), file: "c.toml")
        }
    }
}
