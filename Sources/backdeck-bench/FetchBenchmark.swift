import BackupModel
import CloudAPI
import CloudEmulator
import DeckUI
import FetchEngine
import Foundation
import Synchronization

/// Benchmarks 1–3: paging a 5,000-backup history of each service through the real clients and HTTP transport over
/// loopback to `backdeck emulator` in its own process with 40 ms of latency per call; time to first rows; decoding
/// throughput.
struct FetchBenchmark {
    static let backups = 5_000
    static let pageSize = 100
    static let latency: Duration = .milliseconds(40)
    static let concurrencies = [1, 4, 8]
    static let defaultConcurrency = FetchPolicy.defaultConcurrency

    let runs: Int

    /// One service under test: its client and the instance with exactly `backups` backups.
    struct Subject: Sendable {
        var name: String
        var kind: ProviderKind
        var client: any BackupService
        var instanceID: String
        var window: DateInterval?
        /// The page size sent: 100, or the API's largest when smaller (HBR: 99).
        var pageSize: Int
        /// How pages are counted for the bound: Redis has no total and needs one more (empty) page to see the end.
        var reportsTotal: Bool

        var pages: Int { (FetchBenchmark.backups + pageSize - 1) / pageSize }
    }

    /// What one fetch measured.
    struct Timing {
        var allLoaded: Duration
        var firstRows: Duration
        /// The bench process's user + system CPU during the fetch: the client's alone, the emulator being apart.
        var cpu: Duration
    }

    static func startEmulator(latency: Duration = latency) throws -> EmulatorProcess {
        try EmulatorProcess(backups: backups, latency: latency)
    }

    /// A client per service, each with its bench instance, found as the emulator lists it: last.
    static func subjects(_ emulator: EmulatorProcess, transport: HTTPTransport) async throws -> [Subject] {
        let alibaba = AlibabaCredentials(accessKeyID: emulator.accessKeyID, accessKeySecret: emulator.accessKeySecret,
                                         source: "backdeck-bench")
        let huaweiKey = HuaweiAccessKey(accessKey: emulator.accessKeyID, secretKey: emulator.accessKeySecret,
                                        source: "backdeck-bench")
        let url = emulator.baseURL
        // Redis requires a window: one reaching back past the oldest of the hourly backups.
        let now = Date()
        let redisWindow = DateInterval(start: now.addingTimeInterval(-Double(backups + 48) * 3_600),
                                       end: now.addingTimeInterval(3_600))
        let clients: [(String, any BackupService, DateInterval?, Bool)] = [
            ("RDS", RDSClient(endpoint: url, region: "cn-hangzhou", credentials: alibaba, transport: transport),
             nil, true),
            ("Redis", RedisClient(endpoint: url, region: "cn-hangzhou", credentials: alibaba, transport: transport),
             redisWindow, false),
            ("StarRocks", StarRocksClient(endpoint: url, region: "cn-hangzhou", credentials: alibaba,
                                          transport: transport), nil, true),
            ("HBR", HBRClient(endpoint: url, region: "cn-hangzhou", credentials: alibaba, transport: transport),
             nil, true),
            ("Huawei", HuaweiGaussDBNoSQLClient(endpoint: url, projectID: HuaweiDataset.defaultProjectID,
                                                auth: .aksk(huaweiKey), transport: transport,
                                                region: HuaweiDataset.region), nil, true),
        ]
        var subjects: [Subject] = []
        for (name, client, window, reportsTotal) in clients {
            let maxPageSize = switch client.backupPaging {
            case .pageNumber(let size, _): size
            case .offsetLimit(let size): size
            }
            let instances = try await client.listInstances(PageRequest(number: 1, size: min(50, maxPageSize)))
            guard let instance = instances.items.last else {
                throw BenchError("\(name): the emulator lists no instances")
            }
            subjects.append(Subject(name: name, kind: client.kind, client: client, instanceID: instance.id,
                                    window: window, pageSize: min(pageSize, maxPageSize), reportsTotal: reportsTotal))
        }
        return subjects
    }

    /// `latency × (1 + ⌈(pages − 1) / concurrency⌉)`: the first page alone, then the rest in waves.
    static func bound(pages: Int, concurrency: Int) -> Double {
        Stats.milliseconds(latency) * Double(1 + (pages - 1 + concurrency - 1) / concurrency)
    }

    // MARK: - Benchmarks 1 and 2

    func fetchRows(_ subjects: [Subject]) async throws -> [Row] {
        // Untimed: opens the keep-alive connections a long-running backdeck would already hold.
        for subject in subjects {
            _ = try await Self.fetchAll(subject, concurrency: Self.concurrencies.max() ?? 8)
        }
        var timings: [String: [Int: [Timing]]] = [:]
        // Runs interleave services and concurrencies so drift on a shared machine spreads over all of them.
        for _ in 0..<runs {
            for subject in subjects {
                for concurrency in Self.concurrencies {
                    let timing = try await Self.fetchAll(subject, concurrency: concurrency)
                    timings[subject.name, default: [:]][concurrency, default: []].append(timing)
                }
            }
        }
        var rows: [Row] = []
        for subject in subjects {
            let bySize = timings[subject.name] ?? [:]
            func allLoaded(_ concurrency: Int) -> [Double] {
                (bySize[concurrency] ?? []).map { Stats.milliseconds($0.allLoaded) }
            }
            let sequential = Stats.median(allLoaded(1))
            for concurrency in Self.concurrencies {
                let samples = allLoaded(concurrency)
                let median = Stats.median(samples)
                let bound = Self.bound(pages: subject.pages, concurrency: concurrency)
                let ratio = median / bound
                var detail = "bound \(Format.milliseconds(bound)) · \(Format.ratio(ratio)) bound"
                var goal = ""
                var met: Bool?
                let label: String
                switch concurrency {
                case 1:
                    label = "\(subject.name), one page at a time"
                case Self.defaultConcurrency:
                    label = "\(subject.name), concurrency \(concurrency) (default)"
                    let limit = subject.reportsTotal ? 1.3 : 2.0
                    goal = "≤ \(Format.number(limit, decimals: 1))× bound"
                    met = ratio <= limit
                    let cpu = Stats.median((bySize[concurrency] ?? []).map { Stats.milliseconds($0.cpu) })
                    detail += " · client CPU \(Format.milliseconds(cpu))"
                default:
                    label = "\(subject.name), concurrency \(concurrency)"
                    let speedUp = sequential / median
                    detail += " · \(Format.ratio(speedUp)) faster than one at a time"
                    goal = "≥ 5× faster"
                    met = speedUp >= 5
                }
                rows.append(Row(benchmark: "1 fetch all \(Format.number(Double(Self.backups)))", label: label,
                                unit: "ms", samples: samples, detail: detail, goal: goal, met: met))
            }
        }
        let latency = Stats.milliseconds(Self.latency)
        for subject in subjects {
            let samples = (timings[subject.name]?[Self.defaultConcurrency] ?? []).map { Stats.milliseconds($0.firstRows) }
            let ratio = Stats.median(samples) / latency
            rows.append(Row(benchmark: "2 first rows", label: "\(subject.name), concurrency \(Self.defaultConcurrency)",
                            unit: "ms", samples: samples,
                            detail: "one request's latency \(Format.milliseconds(latency)) · \(Format.ratio(ratio))",
                            goal: "≤ 1.2× latency", met: ratio <= 1.2))
        }
        return rows
    }

    /// The same fetch at the default concurrency with no latency: the part of the figures above the network's,
    /// with the client's own CPU (the emulator runs in its own process, on the same two cores).
    func cpuFloorRows(_ subjects: [Subject]) async throws -> [Row] {
        var rows: [Row] = []
        for subject in subjects {
            _ = try await Self.fetchAll(subject, concurrency: Self.defaultConcurrency)
            var timings: [Timing] = []
            for _ in 0..<runs {
                timings.append(try await Self.fetchAll(subject, concurrency: Self.defaultConcurrency))
            }
            let cpu = Stats.median(timings.map { Stats.milliseconds($0.cpu) })
            rows.append(Row(benchmark: "1 fetch all \(Format.number(Double(Self.backups)))",
                            label: "\(subject.name), concurrency \(Self.defaultConcurrency), no latency", unit: "ms",
                            samples: timings.map { Stats.milliseconds($0.allLoaded) },
                            detail: "client CPU \(Format.milliseconds(cpu)); the emulator's process on the same cores"))
        }
        return rows
    }

    /// Pages through the subject's whole history with `PagedFetch`, each page reduced into a UI state as the runtime
    /// does; the first page is also rendered, which is when the first rows are on screen.
    static func fetchAll(_ subject: Subject, concurrency: Int) async throws -> Timing {
        let screen = try Screen(subject)
        let clock = ContinuousClock()
        let cpuAtStart = ProcessCPU.used()
        let start = clock.now
        let client = subject.client
        try await PagedFetch.run(
            policy: FetchPolicy(pageSize: subject.pageSize, concurrency: concurrency),
            fetchPage: { page throws(ServiceError) in
                try await client.listBackups(instanceID: subject.instanceID, page: page, window: subject.window)
            },
            onEvent: { event in
                switch event {
                case .rows(let items, let progress): screen.receive(items, progress)
                case .pageFailed(let error, _): screen.fail(error)
                case .retrying: break
                }
            })
        let end = clock.now
        let cpu = ProcessCPU.used() - cpuAtStart
        let (count, firstRowsAt, failure) = screen.result
        if let failure { throw BenchError("\(subject.name) at concurrency \(concurrency): a page failed: \(failure)") }
        guard count == backups, let firstRowsAt else {
            throw BenchError("\(subject.name) at concurrency \(concurrency): \(count) of \(backups) backups arrived")
        }
        return Timing(allLoaded: end - start, firstRows: firstRowsAt - start, cpu: cpu)
    }

    /// The UI state pages land in, behind a lock since pages are delivered from the fetch task.
    final class Screen: Sendable {
        private struct Content {
            var state: State
            var token: RequestToken
            var count = 0
            var firstRowsAt: ContinuousClock.Instant?
            var failure: ServiceError?
        }

        private let content: Mutex<Content>

        init(_ subject: Subject) throws {
            let (state, token) = try BenchState.waitingForBackups(
                kind: subject.kind, instanceID: subject.instanceID, size: Size(columns: 120, rows: 40))
            content = Mutex(Content(state: state, token: token))
        }

        func receive(_ items: [Backup], _ progress: PageProgress) {
            content.withLock { content in
                _ = reduce(&content.state, .backupsLoaded(token: content.token, items: items, progress: progress))
                content.count += items.count
                if content.firstRowsAt == nil {
                    _ = render(content.state)
                    content.firstRowsAt = ContinuousClock.now
                }
            }
        }

        func fail(_ error: ServiceError) {
            content.withLock { $0.failure = $0.failure ?? error }
        }

        var result: (count: Int, firstRowsAt: ContinuousClock.Instant?, failure: ServiceError?) {
            content.withLock { ($0.count, $0.firstRowsAt, $0.failure) }
        }
    }

    // MARK: - Benchmark 3

    /// Records per second through each client's own decoding and mapping, from the JSON of one full page captured
    /// from the emulator; for every client that `listBackups` is `decodeBackups(send(backupsRequest))` for.
    func decodeRows(_ subjects: [Subject], transport: HTTPTransport) async throws -> [Row] {
        var rows: [Row] = []
        for subject in subjects {
            guard let client = subject.client as? any BackupPageDecoding else { continue }
            let page = PageRequest(number: 1, size: subject.pageSize)
            let request = try client.backupsRequest(instanceID: subject.instanceID, page: page,
                                                            window: subject.window)
            let answer = try await transport.send(request)
            guard answer.status == 200 else {
                throw BenchError("\(subject.name): capturing a page answered HTTP \(answer.status)")
            }
            let records = try client.decodeBackups(answer, instanceID: subject.instanceID, page: page).items.count
            guard records == subject.pageSize else {
                throw BenchError("\(subject.name): the captured page holds \(records) records, not \(subject.pageSize)")
            }
            var samples: [Double] = []
            let clock = ContinuousClock()
            for _ in 0..<runs {
                var decoded = 0
                let start = clock.now
                repeat {
                    decoded += try client.decodeBackups(answer, instanceID: subject.instanceID, page: page)
                        .items.count
                } while clock.now - start < .milliseconds(250)
                samples.append(Double(decoded) / (Stats.milliseconds(clock.now - start) / 1_000))
            }
            let bytesPerRecord = Double(answer.body.count) / Double(records)
            let megabytesPerSecond = Stats.median(samples) * bytesPerRecord / 1_000_000
            rows.append(Row(benchmark: "3 decoding", label: "\(subject.name), pages of \(subject.pageSize)",
                            unit: "records/s", samples: samples,
                            detail: "\(Format.number(bytesPerRecord)) B of JSON a record · "
                                + "\(Format.number(megabytesPerSecond, decimals: 1)) MB/s"))
        }
        return rows
    }
}

/// The CPU time this process has used, user and system.
enum ProcessCPU {
    static func used() -> Duration {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return duration(usage.ru_utime) + duration(usage.ru_stime)
    }

    static func duration(_ time: timeval) -> Duration {
        .seconds(Int64(time.tv_sec)) + .microseconds(Int64(time.tv_usec))
    }
}
