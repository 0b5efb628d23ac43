import BackupModel
import CloudEmulator
import Foundation
import Glibc

/// Benchmark 8: each service's 5,000 bench backups listed by `backdeck list` (a process, start to exit) and by the
/// vendor's official Python SDK paging one page after another (also a process, start to exit), against the same
/// emulator.
struct PeerBenchmark {
    let runs: Int

    /// The official SDKs as `../shared/conformance/sdk_conformance.py` points them at the emulator (Alibaba:
    /// `Config(endpoint: host:port, protocol: HTTP)`; Huawei: `with_endpoint(base URL)`). Each pages one service's
    /// listing to its end and prints the records seen and the seconds the paging took (the rest of the run is the
    /// interpreter starting and importing the SDK).
    static let script = """
        import os, sys, time
        from urllib.parse import urlsplit
        base, service, instance, size = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
        ak, sk = os.environ['BENCH_ACCESS_KEY_ID'], os.environ['BENCH_ACCESS_KEY_SECRET']

        def alibaba(client_class):
            try:
                from alibabacloud_tea_openapi.utils_models import Config
            except ImportError:
                from alibabacloud_tea_openapi.models import Config
            return client_class(Config(access_key_id=ak, access_key_secret=sk, region_id='cn-hangzhou',
                                       endpoint=urlsplit(base).netloc, protocol='HTTP',
                                       read_timeout=30000, connect_timeout=5000))

        # One page's records and the total the service reports (None: it reports none).
        def page(number):
            if service == 'RDS':
                body = client.describe_backups(m.DescribeBackupsRequest(
                    dbinstance_id=instance, page_number=number, page_size=size)).body
                return (body.items.backup if body.items and body.items.backup else []), int(body.total_record_count)
            if service == 'Redis':
                body = client.describe_cluster_backup_list(m.DescribeClusterBackupListRequest(
                    region_id='cn-hangzhou', instance_id=instance, start_time='2000-01-01T00:00Z',
                    end_time=time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime(time.time() + 86400)),
                    page_number=number, page_size=size)).body
                return body.cluster_backups or [], None
            if service == 'StarRocks':
                body = client.describe_backups(m.DescribeBackupsRequest(
                    region_id='cn-hangzhou', instance_id=instance, page_number=number, page_size=size)).body
                return body.data or [], int(body.total)
            if service == 'HBR':
                body = client.describe_backup_jobs_2(m.DescribeBackupJobs2Request(
                    source_type='ECS_FILE', page_number=number, page_size=size,
                    filters=[m.DescribeBackupJobs2RequestFilters(key='VaultId', operator='IN', values=[instance])])).body
                jobs = body.backup_jobs.backup_job if body.backup_jobs and body.backup_jobs.backup_job else []
                return jobs, int(body.total_count)
            body = client.show_all_instances_backups_new(m.ShowAllInstancesBackupsNewRequest(
                instance_id=instance, offset=(number - 1) * size, limit=size))
            return body.backups or [], int(body.total_count)

        if service == 'RDS':
            from alibabacloud_rds20140815.client import Client
            from alibabacloud_rds20140815 import models as m
            client = alibaba(Client)
        elif service == 'Redis':
            from alibabacloud_r_kvstore20150101.client import Client
            from alibabacloud_r_kvstore20150101 import models as m
            client = alibaba(Client)
        elif service == 'StarRocks':
            from alibabacloud_starrocks20221019.client import Client
            from alibabacloud_starrocks20221019 import models as m
            client = alibaba(Client)
        elif service == 'HBR':
            from alibabacloud_hbr20170908.client import Client
            from alibabacloud_hbr20170908 import models as m
            client = alibaba(Client)
        else:
            from huaweicloudsdkcore.auth.credentials import BasicCredentials
            from huaweicloudsdkgaussdbfornosql.v3 import GaussDBforNoSQLClient
            from huaweicloudsdkgaussdbfornosql.v3 import model as m
            client = (GaussDBforNoSQLClient.new_builder()
                      .with_credentials(BasicCredentials(ak, sk, os.environ['BENCH_PROJECT_ID']))
                      .with_endpoint(base).build())
        start = time.monotonic()
        seen, number = 0, 1
        while True:
            items, total = page(number)
            seen += len(items)
            if len(items) < size if total is None else (not items or seen >= total):
                break
            number += 1
        print(seen, time.monotonic() - start)
        """

    /// What one process run measured.
    struct Run {
        var wall: Duration
        var userCPU: Duration
        var output: String
    }

    func rows(emulator: EmulatorProcess, subjects: [FetchBenchmark.Subject]) throws -> [Row] {
        let python = try Self.python()
        let backdeck = try TerminalBytesBenchmark.binaryPath()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backdeck-bench-peer-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("sdk.py")
        try Data(Self.script.utf8).write(to: script)
        // Credentials as a user gives them: the environment (the emulator's own test key pair); no ~/.aliyun.
        let environment = PseudoterminalProcess.environment([
            "HOME": folder.path, "XDG_CONFIG_HOME": folder.path,
            "ALIBABA_CLOUD_ACCESS_KEY_ID": emulator.accessKeyID,
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET": emulator.accessKeySecret,
            "HUAWEICLOUD_SDK_AK": emulator.accessKeyID, "HUAWEICLOUD_SDK_SK": emulator.accessKeySecret,
            "BENCH_ACCESS_KEY_ID": emulator.accessKeyID, "BENCH_ACCESS_KEY_SECRET": emulator.accessKeySecret,
            "BENCH_PROJECT_ID": HuaweiDataset.defaultProjectID,
        ])
        let output = folder.appendingPathComponent("out.txt").path
        var rows: [Row] = []
        for subject in subjects {
            rows += try serviceRows(subject, python: python, script: script.path, backdeck: backdeck,
                             environment: environment, folder: folder, output: output, baseURL: emulator.baseURL)
        }
        return rows
    }

    private func serviceRows(
        _ subject: FetchBenchmark.Subject, python: String, script: String, backdeck: String,
        environment: [String: String], folder: URL, output: String, baseURL: URL
    ) throws -> [Row] {
        let concurrencies = [FetchBenchmark.defaultConcurrency, 8]
        var configs: [Int: String] = [:]
        for concurrency in concurrencies {
            let config = folder.appendingPathComponent("\(subject.name)-c\(concurrency).toml")
            try Data("""
                [[provider]]
                name = "bench"
                service = "\(subject.kind.rawValue)"
                region = "\(subject.kind == .huaweiGaussDBNoSQL ? HuaweiDataset.region : "cn-hangzhou")"
                endpoint = "\(baseURL.absoluteString)"
                instances = ["\(subject.instanceID)"]
                concurrency = \(concurrency)
                page_size = \(subject.pageSize)
                \(subject.kind == .huaweiGaussDBNoSQL ? "project_id = \"\(HuaweiDataset.defaultProjectID)\"" : "")

                """.utf8).write(to: config)
            configs[concurrency] = config.path
        }
        // Redis has no default window that reaches 5,000 hours back.
        let window = subject.window.map { ["--from", ISO8601DateFormatter().string(from: $0.start)] } ?? []

        func sdk() throws -> (Run, paging: Double) {
            let run = try Self.run(python, [script, baseURL.absoluteString, subject.name, subject.instanceID,
                                            String(subject.pageSize)], environment: environment, stdout: output)
            let words = run.output.split(whereSeparator: \.isWhitespace)
            guard words.count == 2, Int(words[0]) == FetchBenchmark.backups, let seconds = Double(words[1]) else {
                throw BenchError("the \(subject.name) SDK run printed \(run.output.prefix(200).debugDescription)")
            }
            return (run, seconds * 1_000)
        }
        func list(_ concurrency: Int) throws -> Run {
            let run = try Self.run(backdeck, ["list", "--config", configs[concurrency] ?? "", "--format", "csv"] + window,
                                   environment: environment, stdout: output)
            let lines = run.output.split(separator: "\n").count
            guard lines == FetchBenchmark.backups + 1 else {
                throw BenchError("backdeck list printed \(lines - 1) \(subject.name) backups, not \(FetchBenchmark.backups)")
            }
            return run
        }

        // Untimed: the first start of each reads its files from disk.
        _ = try sdk()
        _ = try list(FetchBenchmark.defaultConcurrency)
        var sdkRuns: [Run] = []
        var sdkPaging: [Double] = []
        var listRuns: [Int: [Run]] = [:]
        for _ in 0..<runs {
            let (run, paging) = try sdk()
            sdkRuns.append(run)
            sdkPaging.append(paging)
            for concurrency in concurrencies { listRuns[concurrency, default: []].append(try list(concurrency)) }
        }

        let benchmark = "8 peer SDK"
        let sdkWall = Stats.median(sdkRuns.map { Stats.milliseconds($0.wall) })
        var rows = [Row(
            benchmark: benchmark, label: "\(subject.name), Python SDK, one page after another", unit: "ms",
            samples: sdkRuns.map { Stats.milliseconds($0.wall) },
            detail: "process start to exit; paging alone \(Format.milliseconds(Stats.median(sdkPaging))) · user CPU "
                + Format.milliseconds(Stats.median(sdkRuns.map { Stats.milliseconds($0.userCPU) })))]
        for concurrency in concurrencies {
            let runs = listRuns[concurrency] ?? []
            let wall = runs.map { Stats.milliseconds($0.wall) }
            let speedUp = sdkWall / Stats.median(wall)
            let goal = concurrency == FetchBenchmark.defaultConcurrency ? 3.0 : 5.0
            let user = Stats.median(runs.map { Stats.milliseconds($0.userCPU) })
            let label = concurrency == FetchBenchmark.defaultConcurrency
                ? "\(subject.name), backdeck list, concurrency \(concurrency) (default)"
                : "\(subject.name), backdeck list, concurrency \(concurrency)"
            rows.append(Row(benchmark: benchmark, label: label, unit: "ms", samples: wall,
                            detail: "process start to exit · \(Format.ratio(speedUp)) faster than the SDK · user CPU "
                                + Format.milliseconds(user),
                            goal: "≥ \(Format.number(goal))× faster", met: speedUp >= goal))
        }
        if subject.kind == .alibabaRDS {
            let userCPU = (listRuns[FetchBenchmark.defaultConcurrency] ?? []).map { Stats.milliseconds($0.userCPU) }
            rows.append(Row(benchmark: benchmark, label: "RDS, backdeck list's user CPU, concurrency 4", unit: "ms",
                            samples: userCPU, detail: "5,000 backups, CSV to a file", goal: "≤ 150 ms",
                            met: Stats.median(userCPU) <= 150))
        }
        return rows
    }

    /// The virtual environment `.ci/run` makes for the conformance test (`BACKDECK_VENV` overrides `./.venv`).
    static func python() throws -> String {
        let venv = ProcessInfo.processInfo.environment["BACKDECK_VENV"]
            ?? FileManager.default.currentDirectoryPath + "/.venv"
        let python = venv + "/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw BenchError("no Python at \(python): make the venv as .ci/run does (or set BACKDECK_VENV)")
        }
        return python
    }

    /// Runs `executable` to its end with stdout into the file `stdout` (returned as `output`) and stderr discarded;
    /// its wall time from spawn to exit and its user CPU come from `wait4`. A run that fails is an error.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String],
                    stdout: String) throws -> Run {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        let clock = ContinuousClock()
        let start = clock.now
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw BenchError("cannot start \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("waiting for \(executable) failed") }
        }
        let wall = clock.now - start
        guard status.exitedCleanly else {
            throw BenchError("\((executable as NSString).lastPathComponent) \(arguments.first ?? "") failed (wait status \(status))")
        }
        let output = (try? String(contentsOfFile: stdout, encoding: .utf8)) ?? ""
        return Run(wall: wall, userCPU: ProcessCPU.duration(usage.ru_utime), output: output)
    }
}
