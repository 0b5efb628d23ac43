import Foundation
import Testing

/// `backdeck list`, the real binary against `backdeck emulator`: its three formats and its exit statuses.
@Suite(.serialized) final class ListCommandTests {
    let folder: URL
    let emulator: EmulatorProcess

    init() async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("backdeck-list-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        emulator = try await EmulatorProcess(in: folder)
        let baseURL = emulator.baseURL
        // rds and redis are served; ghost names an instance the emulator does not have; down refuses connections.
        let config = """
            [[provider]]
            name = "rds"
            service = "alibaba-rds"
            region = "cn-hangzhou"
            endpoint = "\(baseURL)"

            [[provider]]
            name = "redis"
            service = "alibaba-redis"
            region = "cn-hangzhou"
            endpoint = "\(baseURL)"

            [[provider]]
            name = "ghost"
            service = "alibaba-rds"
            region = "cn-hangzhou"
            endpoint = "\(baseURL)"
            instances = ["rm-doesnotexist000000"]

            [[provider]]
            name = "down"
            service = "alibaba-rds"
            region = "cn-hangzhou"
            endpoint = "http://127.0.0.1:1"
            instances = ["rm-anything"]
            """
        try config.write(to: folder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
    }

    /// Runs `backdeck ARGS` (with the test config unless `config` is false) in a clean environment holding the
    /// emulator's key pair, stdout and stderr apart.
    func list(_ arguments: String, config: Bool = true) async throws -> Run {
        let out = folder.appendingPathComponent("out-\(UUID().uuidString)").path
        let err = folder.appendingPathComponent("err-\(UUID().uuidString)").path
        let configArgument = config ? "--config \(folder.path)/config.toml" : ""
        let command = "env -i PATH=/usr/bin:/bin HOME=\(folder.path) LANG=C.UTF-8 ALIBABA_CLOUD_ACCESS_KEY_ID=testid "
            + "ALIBABA_CLOUD_ACCESS_KEY_SECRET=testsecret \(TmuxSession.binary) \(arguments) \(configArgument) >\(out) 2>\(err)"
        let status = try await run(["/bin/sh", "-c", command], outputPath: folder.appendingPathComponent("sh.log").path)
        return Run(status: status, stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                   stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    @Test func csvHasAHeaderAndOneQuotedRowPerBackup() async throws {
        let run = try await list("list --provider rds --provider redis --since 30d --format csv")
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(run.lines.first == "provider,service,region,instance,id,status,vendor_status,start,end,duration,size,type,mode,download_url")
        let rows = run.lines.dropFirst()
        #expect(rows.count > 100)
        #expect(rows.contains { $0.hasPrefix("rds,alibaba-rds,cn-hangzhou,rm-") })
        #expect(rows.contains { $0.hasPrefix("redis,alibaba-redis,cn-hangzhou,r-") })
        // Times are ISO 8601 UTC; a successful RDS row has its size in bytes and a download link to the emulator.
        let ok = try #require(rows.first { $0.hasPrefix("rds,") && $0.contains(",ok,Success,") && $0.contains(",http://") })
        #expect(ok.contains(/,\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z,/))
        #expect(ok.contains(/,\d+,(Full|Incr),/))
        // No row is cut or holds a raw line break: every row has the header's 14 fields (none contains a comma).
        for row in rows.prefix(200) where !row.contains("\"") { #expect(row.split(separator: ",", omittingEmptySubsequences: false).count == 14, "\(row)") }
    }

    @Test func jsonIsOneArrayOfNormalisedRecordsWithTheVendorRecord() async throws {
        let run = try await list("list --provider rds --format json --status failed")
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let records = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(!records.isEmpty)
        for record in records {
            #expect(record["status"] as? String == "failed")
            #expect(record["provider"] as? String == "rds")
            let raw = try #require(record["raw"] as? [String: Any], "raw is the vendor's record as an object")
            #expect(raw["BackupId"] as? String == record["id"] as? String)
            #expect(raw["BackupStatus"] as? String == "Failed")
        }
        let fields = try await list("list --provider rds --format json --fields id,size --status ok")
        let trimmed = try #require(try JSONSerialization.jsonObject(with: Data(fields.stdout.utf8)) as? [[String: Any]])
        #expect(trimmed.allSatisfy { Set($0.keys) == ["id", "size"] && $0["size"] is Int })
    }

    @Test func tableFitsOneHundredTwentyColumnsWhenNotATerminal() async throws {
        let run = try await list("list --provider rds --provider redis --since 7d --fields provider,instance,id,status,start,duration,size,type,mode,vendor_status,end,download_url")
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let header = try #require(run.lines.first)
        #expect(header.hasPrefix("PROVIDER  INSTANCE"))
        // The long download_url column cannot fit: it is dropped, the rest fits in 120 cells.
        #expect(!header.contains("DOWNLOAD URL"))
        #expect(run.lines.allSatisfy { $0.count <= 120 })
        #expect(run.lines.count > 10)
        #expect(run.lines.dropFirst().allSatisfy { $0.hasPrefix("rds ") || $0.hasPrefix("redis ") })
    }

    @Test func partialResultPrintsWhatCameAndExitsOne() async throws {
        let run = try await list("list --format csv --fields provider,instance,id --since 7d")
        #expect(run.status == 1)
        #expect(run.lines.contains { $0.hasPrefix("rds,rm-") })
        #expect(run.lines.contains { $0.hasPrefix("redis,r-") })
        #expect(run.stderr.contains("provider ghost, instance rm-doesnotexist000000: HTTP 400 InvalidDBInstanceId.NotFound:"))
        #expect(run.stderr.contains("provider down, instance rm-anything: ConnectionRefused: connection refused by 127.0.0.1:1"))
        #expect(!run.stderr.contains("testsecret"))
    }

    @Test func anInstanceNoProviderHoldsIsReportedMissing() async throws {
        let run = try await list("list --provider rds --instance rm-nosuchinstance00 --format csv")
        #expect(run.status == 1)
        #expect(run.lines == ["provider,service,region,instance,id,status,vendor_status,start,end,duration,size,type,mode,download_url"])
        #expect(run.stderr.contains("instance rm-nosuchinstance00: not found under provider rds"))
    }

    @Test func usageAndConfigErrorsExitTwo() async throws {
        for arguments in ["list --format xml", "list --provider nope", "list --since 7x", "list --since 7d --from 2026-01-01",
                          "list --to 2026-01-01", "list --fields id,bogus", "list --fields raw", "list --status maybe"] {
            let run = try await list(arguments)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(!run.stderr.isEmpty, "\(arguments)")
            #expect(run.stdout.isEmpty, "\(arguments)")
        }
        let badConfig = folder.appendingPathComponent("bad.toml")
        try "[[provider]]\nname = \"x\"\nservice = \"oracle\"\nregion = \"r\"\n".write(to: badConfig, atomically: true, encoding: .utf8)
        let run = try await list("list --config \(badConfig.path)", config: false)
        #expect(run.status == 2)
        #expect(run.stderr.contains("bad.toml:3:"))
    }

    @Test func helpAndCompletionsDocumentTheCommand() async throws {
        let help = try await list("list --help", config: false)
        #expect(help.status == 0)
        for option in ["--provider", "--instance", "--since", "--from", "--to", "--status", "--format", "--fields"] {
            #expect(help.stdout.contains(option), "\(option)")
        }
        let completion = try await list("--generate-completion-script bash", config: false)
        #expect(completion.status == 0)
        #expect(completion.stdout.contains("list"))
        #expect(completion.stdout.contains("--format"))
        #expect(completion.stdout.contains("-W 'table'$'\\n''json'$'\\n''csv'"))
    }
}
