import BackupModel
import CloudAPI
import CloudEmulator
import FetchEngine
import Foundation
import Testing

/// The project's own Redis client against the emulator: GET signing, paging without a total, decoding.
@Suite("RedisClient against the emulator")
struct RedisClientAgainstEmulatorTests {
    static let credentials = AlibabaCredentials(accessKeyID: "testid", accessKeySecret: "testsecret", source: "test")
    /// Covers the whole test dataset, whose "today" is 2026-01-01.
    static let wideWindow = DateInterval(start: Date(timeIntervalSince1970: 946_684_800),  // 2000-01-01
                                         end: Date(timeIntervalSince1970: 1_767_312_000))  // 2026-01-02

    func withClient(
        _ options: EmulatorOptions = testOptions(), credentials: AlibabaCredentials = credentials,
        _ body: (Emulator, RedisClient) async throws -> Void
    ) async throws {
        try await withEmulator(options) { emulator, _ in
            let transport = HTTPTransport()
            let client = RedisClient(endpoint: emulator.baseURL, region: "cn-hangzhou", credentials: credentials,
                                     transport: transport)
            do {
                try await body(emulator, client)
            } catch {
                await transport.shutdown()
                throw error
            }
            await transport.shutdown()
        }
    }

    @Test func fetchEnginePagesEveryClusterBackupAndStopsOnAShortPage() async throws {
        try await withClient { emulator, client in
            let instances = try await client.listInstances(PageRequest(number: 1, size: 30))
            #expect(instances.items.map(\.id) == emulator.dataset.redis.instances(inRegion: "cn-hangzhou").map(\.id))
            #expect(instances.totalCount == instances.items.count)
            #expect(instances.items.first?.engine == "Redis cluster")
            #expect(instances.items.first?.name == "订单缓存集群")

            let id = emulator.dataset.redis.bigInstanceID
            let expected = try #require(emulator.dataset.redis.backups(of: id))
            #expect(expected.count > 60)
            let pageRequests = RedisRequestLog()
            let delivered = RedisDeliveryLog()
            try await PagedFetch.run(
                // One page at a time, so the order of requests is exact (concurrent scanning is tested elsewhere).
                policy: FetchPolicy(pageSize: 30, concurrency: 1),
                fetchPage: { request throws(ServiceError) in
                    pageRequests.append(request.number)
                    let page = try await client.listBackups(instanceID: id, page: request, window: Self.wideWindow)
                    #expect(page.totalCount == nil)
                    #expect(page.skipped.isEmpty)
                    return page
                },
                onEvent: { event in if case .rows(let items, let progress) = event { delivered.append(items, progress) } })
            let backups = delivered.items
            #expect(pageRequests.numbers == Array(1...(expected.count / 30 + 1)))
            #expect(backups.map(\.id) == expected.map(\.id))
            #expect(delivered.progress.last?.finished == true)
            #expect(delivered.progress.last?.totalItems == expected.count)

            #expect(backups.first?.status == .running)
            #expect(backups.first?.end == nil)
            #expect(backups.contains { $0.status == .failed })
            let ok = try #require(backups.first { $0.status == .ok })
            guard case .redis(let detail) = ok.detail else {
                Issue.record("no Redis detail")
                return
            }
            #expect(detail.nodeBackups.count == 8)
            #expect(detail.shardMemoryMB == 4096)
            #expect(detail.nodeBackups.allSatisfy { $0.status == .ok && $0.end != nil && $0.size != nil })
            #expect(detail.nodeBackups.allSatisfy {
                $0.downloadURL?.hasPrefix(emulator.baseURL.absoluteString + "/download/redis/") == true
            })
            #expect(ok.size?.bytes == detail.nodeBackups.compactMap(\.size?.bytes).reduce(0, +))
            // Node end times come without a zone, as in the vendor's example: the documented form, read as UTC.
            #expect(ok.anomalies.isEmpty)
            guard case .redis(let running) = try #require(backups.first).detail else { return }
            #expect(running.progress == 0.37)
        }
    }

    @Test func largestPageSizeAndAnEmptyLastPage() async throws {
        try await withClient { emulator, client in
            // The 16-shard instance has 30 cluster backups: one full page of 30, then an empty page.
            let tair = try #require(emulator.dataset.redis.instances.first { $0.shardCount == 16 })
            let count = try #require(emulator.dataset.redis.backups(of: tair.id)?.count)
            #expect(count == 30)
            let first = try await client.listBackups(instanceID: tair.id, page: PageRequest(number: 1, size: 30),
                                                     window: Self.wideWindow)
            #expect(first.items.count == 30)
            let second = try await client.listBackups(instanceID: tair.id, page: PageRequest(number: 2, size: 30),
                                                      window: Self.wideWindow)
            #expect(second.items.isEmpty)
            let big = try await client.listBackups(instanceID: emulator.dataset.redis.bigInstanceID,
                                                   page: PageRequest(number: 1, size: 1_000), window: Self.wideWindow)
            #expect(big.size == 300)
            #expect(big.items.count == emulator.dataset.redis.backups(of: emulator.dataset.redis.bigInstanceID)?.count)
        }
    }

    @Test func defaultWindowIsTheLastSevenDays() async throws {
        // The dataset laid out from the real current hour, so the client's default window (from the real clock)
        // meets it.
        try await withClient(EmulatorOptions(now: EmulatorOptions.currentHour())) { emulator, client in
            let id = emulator.dataset.redis.bigInstanceID
            let window = RedisClient.defaultWindow(now: Date())
            let page = try await client.listBackups(instanceID: id, page: PageRequest(number: 1, size: 300), window: nil)
            let expected = (emulator.dataset.redis.backups(of: id) ?? []).filter {
                let start = Date(timeIntervalSince1970: TimeInterval($0.startTime))
                return start >= window.start && start <= window.end
            }
            #expect(!expected.isEmpty)
            #expect(expected.count < 20)
            #expect(page.items.map(\.id) == expected.map(\.id))
        }
    }

    @Test func wrongSecretIsAServiceErrorWithoutTheSecret() async throws {
        let wrong = AlibabaCredentials(accessKeyID: "testid", accessKeySecret: "wrong-secret", source: "test")
        try await withClient(credentials: wrong) { emulator, client in
            do throws(ServiceError) {
                _ = try await client.listBackups(instanceID: emulator.dataset.redis.bigInstanceID,
                                                 page: PageRequest(number: 1, size: 30), window: Self.wideWindow)
                Issue.record("a wrong secret was accepted")
            } catch {
                #expect(error.kind == .http)
                #expect(error.httpStatus == 403)
                #expect(error.code == "SignatureDoesNotMatch")
                #expect(!error.summary.contains("wrong-secret"))
            }
        }
    }

    @Test func vendorErrorsAreServiceErrors() async throws {
        try await withClient { _, client in
            do throws(ServiceError) {
                _ = try await client.listBackups(instanceID: "r-doesnotexist000000",
                                                 page: PageRequest(number: 1, size: 30), window: Self.wideWindow)
                Issue.record("an unknown instance was accepted")
            } catch {
                #expect(error.kind == .http)
                #expect(error.httpStatus == 404)
                #expect(error.code == "InvalidInstanceId.NotFound")
                #expect(error.requestID?.isEmpty == false)
                #expect(error.summary.hasPrefix("HTTP 404 InvalidInstanceId.NotFound:"))
            }
        }
    }
}

/// Page numbers asked for, from concurrent fetch tasks.
final class RedisRequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int] = []
    func append(_ number: Int) { lock.withLock { values.append(number) } }
    var numbers: [Int] { lock.withLock { values } }
}

/// What the fetch engine delivered, in order.
final class RedisDeliveryLog: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [Backup] = []
    private var progressValues: [PageProgress] = []
    func append(_ items: [Backup], _ progress: PageProgress) {
        lock.withLock {
            collected += items
            progressValues.append(progress)
        }
    }
    var items: [Backup] { lock.withLock { collected } }
    var progress: [PageProgress] { lock.withLock { progressValues } }
}
