import BackupModel
import CloudAPI
import CloudEmulator
import FetchEngine
import Foundation
import Synchronization
import Testing

/// The fetch engine through the real clients and HTTP against an emulator that is slow, throttles and fails, the
/// way the clouds do: concurrency really used, pages in order without duplicates, retries that happen and stop.
@Suite("Fetch engine against a faulty emulator")
struct FetchUnderFaultsTests {
    static let credentials = AlibabaCredentials(accessKeyID: "testid", accessKeySecret: "testsecret", source: "test")
    static let quickRetry = RetryPolicy(maxAttempts: 6, baseDelay: .milliseconds(5), maxDelay: .milliseconds(20))

    /// Everything one fetch reported, in arrival order.
    final class Recorder: Sendable {
        private let state = Mutex<(ids: [String], progress: [PageProgress], notices: [RetryNotice], gaps: [Int])>(([], [], [], []))

        func record(_ event: FetchEvent<Backup>) {
            state.withLock { state in
                switch event {
                case .rows(let items, let progress):
                    state.ids += items.map(\.id)
                    state.progress.append(progress)
                case .pageFailed(_, let progress):
                    state.gaps.append(progress.page ?? 0)
                    state.progress.append(progress)
                case .retrying(let notice):
                    state.notices.append(notice)
                }
            }
        }

        var ids: [String] { state.withLock { $0.ids } }
        var progress: [PageProgress] { state.withLock { $0.progress } }
        var notices: [RetryNotice] { state.withLock { $0.notices } }
        var gaps: [Int] { state.withLock { $0.gaps } }
    }

    func withRDS(
        faults: FaultOptions, _ body: (Emulator, RDSClient) async throws -> Void
    ) async throws {
        var options = testOptions()
        options.faults = faults
        try await withEmulator(options) { emulator, _ in
            let transport = HTTPTransport()
            let client = RDSClient(endpoint: emulator.baseURL, region: "cn-hangzhou", credentials: Self.credentials,
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

    /// Latency for the checks that the concurrency limit is reached.
    let overlapLatency: Duration = .milliseconds(250)

    func fetchAll(_ client: RDSClient, _ instanceID: String, concurrency: Int, retry: RetryPolicy = quickRetry,
                  scope: PageScope = .all, into recorder: Recorder) async throws(ServiceError) {
        try await PagedFetch.run(
            policy: FetchPolicy(pageSize: 100, concurrency: concurrency, retry: retry), scope: scope,
            fetchPage: { page throws(ServiceError) in
                try await client.listBackups(instanceID: instanceID, page: page, window: nil)
            },
            onEvent: recorder.record)
    }

    @Test func pagesConcurrentlyUpToTheLimitAndDeliversInOrder() async throws {
        // The limit is reached only if every request is still in flight when the last is sent: the latency is long
        // enough for that on a busy machine (a full suite beside two busy cores once saw 2 of 3 at 60 ms).
        try await withRDS(faults: FaultOptions(latency: overlapLatency, jitter: .milliseconds(10))) { emulator, client in
            let id = emulator.dataset.rds.bigInstanceID
            let expected = try #require(emulator.dataset.rds.backups(of: id)).map(\.id)
            let recorder = Recorder()
            try await fetchAll(client, id, concurrency: 4, into: recorder)
            #expect(recorder.ids == expected)
            #expect(emulator.stats.maxInFlight[.rds] == 4)
            #expect(emulator.stats.calls[.rds] == (expected.count + 99) / 100)
            #expect(recorder.progress.map(\.page) == Array(1...(expected.count + 99) / 100))
        }
    }

    @Test func throttlingAndServerErrorsAreRetriedUntilEveryPageIsIn() async throws {
        let faults = FaultOptions(throttleRate: 0.2, errorRate: 0.1)
        try await withRDS(faults: faults) { emulator, client in
            let id = emulator.dataset.rds.bigInstanceID
            let expected = try #require(emulator.dataset.rds.backups(of: id)).map(\.id)
            let recorder = Recorder()
            try await fetchAll(client, id, concurrency: 4, into: recorder)
            #expect(recorder.ids == expected)
            #expect(recorder.gaps.isEmpty)
            let stats = emulator.stats
            #expect((stats.throttled[.rds] ?? 0) > 0 && (stats.serverErrors[.rds] ?? 0) > 0)
            let reasons = Set(recorder.notices.map(\.reason))
            #expect(reasons == [.throttled, .serverError])
            #expect(recorder.notices.count == (stats.throttled[.rds] ?? 0) + (stats.serverErrors[.rds] ?? 0))
        }
    }

    @Test func aConcurrencyLimitOnTheServerIsMetWithBackoff() async throws {
        let faults = FaultOptions(latency: .milliseconds(10), maxConcurrentPerService: 2)
        try await withRDS(faults: faults) { emulator, client in
            let id = emulator.dataset.rds.bigInstanceID
            let recorder = Recorder()
            try await fetchAll(client, id, concurrency: 4, into: recorder)
            #expect(recorder.ids.count == emulator.dataset.rds.backups(of: id)?.count)
            #expect((emulator.stats.throttled[.rds] ?? 0) > 0)
            #expect(recorder.notices.allSatisfy { $0.reason == .throttled && $0.error.code == "Throttling.User" })
        }
    }

    @Test func retriesStopAtTheLimitAndTheServersRetryAfterIsObeyed() async throws {
        let faults = FaultOptions(throttleRate: 1, retryAfterMilliseconds: 30)
        try await withRDS(faults: faults) { emulator, client in
            let recorder = Recorder()
            let retry = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(1), maxDelay: .seconds(1))
            do {
                try await fetchAll(client, emulator.dataset.rds.bigInstanceID, concurrency: 4, retry: retry, into: recorder)
                Issue.record("a listing that is always throttled cannot succeed")
            } catch let error as ServiceError {
                #expect(error.code == "Throttling.User" && error.httpStatus == 400)
                #expect(error.retryAfterMilliseconds == 30)
            }
            #expect(emulator.stats.calls[.rds] == 3)
            #expect(recorder.notices.map(\.delay) == [.milliseconds(30), .milliseconds(30)])
            #expect(recorder.ids.isEmpty)
        }
    }

    @Test func failedPagesBecomeGapsAndTheRemainderFillsThemInPlace() async throws {
        // Every fourth call fails and nothing is retried: pages go missing; fetching the remainder until nothing
        // is missing must end with every backup, in order, once.
        try await withRDS(faults: FaultOptions(errorRate: 0.25)) { emulator, client in
            let id = emulator.dataset.rds.bigInstanceID
            let expected = try #require(emulator.dataset.rds.backups(of: id)).map(\.id)
            let recorder = Recorder()
            try await fetchAll(client, id, concurrency: 4, retry: .never, into: recorder)
            var last = try #require(recorder.progress.last)
            #expect(last.finished && !last.missingPages.isEmpty)
            let missingRows = recorder.gaps.map { min(100, expected.count - ($0 - 1) * 100) }.reduce(0, +)
            #expect(recorder.ids.count == expected.count - missingRows)

            var all = recorder.ids
            var rounds = 0
            while last.isIncomplete, rounds < 8 {
                rounds += 1
                let refill = Recorder()
                try await fetchAll(client, id, concurrency: 4, retry: .never, scope: .remainder(try #require(last.remainder)), into: refill)
                all += refill.ids
                last = try #require(refill.progress.last)
            }
            #expect(!last.isIncomplete)
            #expect(last.itemsLoaded == expected.count)
            #expect(all.count == expected.count && Set(all) == Set(expected))
        }
    }

    @Test func cancellingStopsTheRequestsAndDropsLatePages() async throws {
        try await withRDS(faults: FaultOptions(latency: .milliseconds(40))) { emulator, client in
            let id = emulator.dataset.rds.bigInstanceID
            let recorder = Recorder()
            let firstPage = AsyncStream<Void>.makeStream()
            let task = Task {
                try await PagedFetch.run(
                    policy: FetchPolicy(pageSize: 100, concurrency: 2, retry: Self.quickRetry),
                    fetchPage: { page throws(ServiceError) in
                        try await client.listBackups(instanceID: id, page: page, window: nil)
                    },
                    onEvent: { event in
                        recorder.record(event)
                        firstPage.continuation.yield()
                    })
            }
            for await _ in firstPage.stream { break }
            task.cancel()
            _ = await task.result
            let delivered = recorder.progress.count
            let calls = emulator.stats.calls[.rds] ?? 0
            try await Task.sleep(for: .milliseconds(200))
            #expect(recorder.progress.count == delivered, "nothing is delivered after the cancellation")
            #expect(delivered < 13)
            #expect(emulator.stats.calls[.rds] == calls, "no request starts after the cancellation")
            #expect(calls <= 3, "the first page, then at most two in flight")
        }
    }

    @Test func redisWithoutATotalScansAheadAndStopsWithoutDuplicates() async throws {
        var options = testOptions()
        options.faults = FaultOptions(latency: overlapLatency)
        try await withEmulator(options) { emulator, _ in
            let transport = HTTPTransport()
            let client = RedisClient(endpoint: emulator.baseURL, region: "cn-hangzhou", credentials: Self.credentials,
                                     transport: transport)
            let id = emulator.dataset.redis.bigInstanceID
            let expected = try #require(emulator.dataset.redis.backups(of: id)).map(\.id)
            let window = DateInterval(start: Date(timeIntervalSince1970: 946_684_800), end: fixedNow)
            let ids = Mutex<[String]>([])
            do {
                try await PagedFetch.run(
                    policy: FetchPolicy(pageSize: 30, concurrency: 3, retry: Self.quickRetry),
                    fetchPage: { page throws(ServiceError) in
                        try await client.listBackups(instanceID: id, page: page, window: window)
                    },
                    onEvent: { event in if case .rows(let items, _) = event { ids.withLock { $0 += items.map(\.id) } } })
            } catch {
                await transport.shutdown()
                throw error
            }
            await transport.shutdown()
            #expect(ids.withLock { $0 } == expected)
            #expect(emulator.stats.maxInFlight[.redis] == 3)
            let pages = (expected.count + 29) / 30
            #expect((emulator.stats.calls[.redis] ?? 0) <= pages + 3)
        }
    }

    @Test func huaweiThrottlingIsAGateway429ThatTheEngineRetries() async throws {
        var options = testOptions()
        options.faults = FaultOptions(throttleRate: 0.5)
        try await withEmulator(options) { emulator, _ in
            let transport = HTTPTransport()
            let auth = HuaweiAuth.aksk(HuaweiAccessKey(accessKey: "testid", secretKey: "testsecret", source: "test"))
            let client = HuaweiGaussDBNoSQLClient(endpoint: emulator.baseURL, projectID: HuaweiDataset.defaultProjectID,
                                                  auth: auth, transport: transport, region: "cn-north-4")
            let id = emulator.dataset.huawei.bigInstanceID
            let notices = Mutex<[RetryNotice]>([])
            let count = Mutex(0)
            do {
                try await PagedFetch.run(
                    policy: FetchPolicy(pageSize: 100, concurrency: 2, retry: Self.quickRetry),
                    fetchPage: { page throws(ServiceError) in
                        try await client.listBackups(instanceID: id, page: page, window: nil)
                    },
                    onEvent: { event in
                        switch event {
                        case .rows(let items, _): count.withLock { $0 += items.count }
                        case .retrying(let notice): notices.withLock { $0.append(notice) }
                        case .pageFailed: Issue.record("no page should fail")
                        }
                    })
            } catch {
                await transport.shutdown()
                throw error
            }
            await transport.shutdown()
            #expect(count.withLock { $0 } == emulator.dataset.huawei.backups(of: id).count)
            let seen = notices.withLock { $0 }
            #expect(!seen.isEmpty)
            #expect(seen.allSatisfy { $0.reason == .throttled && $0.error.httpStatus == 429 && $0.error.code == "APIGW.0308" })
        }
    }
}
