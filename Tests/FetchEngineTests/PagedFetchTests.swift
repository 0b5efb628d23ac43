import BackupModel
import CloudAPI
import FetchEngine
import Foundation
import Synchronization
import Testing

/// A fake paged listing inside a unit test: numbers 1…total, optional failing page, and a record of concurrency.
final class FakeListing: Sendable {
    let total: Int
    let reportsTotal: Bool
    /// Pages that fail, with how many times each fails before it answers (Int.max: always).
    let failures: [Int: Int]
    let failure: ServiceError
    /// Page sizes the fake API accepts; a request is rounded up to the next one, as RDS does.
    let acceptedSizes: [Int]?
    /// Records the fake client drops as malformed (counted in `skipped`), by item number.
    let malformed: Set<Int>
    private let stats = Mutex<(inFlight: Int, maxInFlight: Int, requested: [Int])>((0, 0, []))

    init(total: Int, reportsTotal: Bool = true, failures: [Int: Int] = [:],
         failure: ServiceError = FakeListing.serverError, acceptedSizes: [Int]? = nil, malformed: Set<Int> = []) {
        self.total = total
        self.reportsTotal = reportsTotal
        self.failures = failures
        self.failure = failure
        self.acceptedSizes = acceptedSizes
        self.malformed = malformed
    }

    static let serverError = ServiceError(kind: .http, httpStatus: 503, code: "ServiceUnavailable", message: "boom")
    static let throttled = ServiceError(kind: .http, httpStatus: 400, code: "Throttling.User", message: "slow down")

    var maxInFlight: Int { stats.withLock { $0.maxInFlight } }
    var requested: [Int] { stats.withLock { $0.requested } }

    func page(_ request: PageRequest) async throws(ServiceError) -> Page<Int> {
        let earlierAttempts = stats.withLock { s in
            s.inFlight += 1
            s.maxInFlight = max(s.maxInFlight, s.inFlight)
            defer { s.requested.append(request.number) }
            return s.requested.filter { $0 == request.number }.count
        }
        // Later pages answer sooner, so out-of-order arrival really happens.
        try? await Task.sleep(for: .milliseconds(5 + (20 - request.number % 20)))
        stats.withLock { $0.inFlight -= 1 }
        if let failing = failures[request.number], earlierAttempts < failing { throw failure }
        let size = acceptedSizes?.first { $0 >= request.size } ?? request.size
        let first = (request.number - 1) * size + 1
        let all = first <= total ? Array(first...min(total, first + size - 1)) : []
        return Page(items: all.filter { !malformed.contains($0) }, number: request.number, size: size,
                    totalCount: reportsTotal ? total : nil, skipped: all.filter { malformed.contains($0) }.map { "record \($0)" })
    }
}

final class Collected: Sendable {
    private let state = Mutex<(items: [Int], progress: [PageProgress], gaps: [Int], notices: [RetryNotice])>(([], [], [], []))

    func add(_ event: FetchEvent<Int>) {
        state.withLock { state in
            switch event {
            case .rows(let items, let progress):
                state.items += items
                state.progress.append(progress)
            case .pageFailed(_, let progress):
                state.gaps.append(progress.page ?? 0)
                state.progress.append(progress)
            case .retrying(let notice):
                state.notices.append(notice)
            }
        }
    }

    var items: [Int] { state.withLock { $0.items } }
    var progress: [PageProgress] { state.withLock { $0.progress } }
    var gaps: [Int] { state.withLock { $0.gaps } }
    var notices: [RetryNotice] { state.withLock { $0.notices } }
}

/// Retries in unit tests wait a millisecond, not seconds.
let quickRetry = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(1), maxDelay: .milliseconds(2))

func fetch(_ listing: FakeListing, pageSize: Int = 30, concurrency: Int = 4, retry: RetryPolicy = quickRetry,
           scope: PageScope = .all, into collected: Collected) async throws(ServiceError) {
    try await PagedFetch.run(policy: FetchPolicy(pageSize: pageSize, concurrency: concurrency, retry: retry),
                             scope: scope, fetchPage: listing.page, onEvent: collected.add)
}

@Suite struct PagedFetchTests {
    @Test func deliversEveryPageInOrderUsingTheConcurrencyLimit() async throws {
        let listing = FakeListing(total: 1_000)
        let collected = Collected()
        try await fetch(listing, concurrency: 4, into: collected)
        #expect(collected.items == Array(1...1_000))
        #expect(listing.maxInFlight == 4)
        #expect(Set(listing.requested).count == listing.requested.count)  // no page asked twice
        #expect(collected.progress.last == PageProgress(pagesLoaded: 34, totalPages: 34, itemsLoaded: 1_000,
                                                        totalItems: 1_000, finished: true, page: 34, pageSize: 30))
        #expect(collected.progress.map(\.page) == Array(1...34))
        #expect(collected.progress.dropLast().allSatisfy { !$0.finished })
    }

    @Test func theNextPageIsAskedForBeforeTheCallerTakesARowsEvent() async throws {
        let listing = FakeListing(total: 90)
        let seenWhileTakingPage2 = Mutex<Bool?>(nil)
        // One page at a time: page 3 can only be asked for once page 2 has landed. The caller holds page 2's rows
        // (as a slow reducer would) until page 3 was asked for, or a deadline that only a regression reaches.
        try await PagedFetch.run(
            policy: FetchPolicy(pageSize: 30, concurrency: 1, retry: quickRetry), fetchPage: listing.page,
            onEvent: { event in
                guard case .rows(_, let progress) = event, progress.page == 2 else { return }
                let clock = ContinuousClock()
                let deadline = clock.now + .seconds(20)
                while !listing.requested.contains(3), clock.now < deadline { Thread.sleep(forTimeInterval: 0.001) }
                seenWhileTakingPage2.withLock { $0 = listing.requested.contains(3) }
            })
        #expect(seenWhileTakingPage2.withLock { $0 } == true)
    }

    @Test func withoutATotalScansAheadConcurrentlyAndStopsAtTheFirstShortPage() async throws {
        let listing = FakeListing(total: 950, reportsTotal: false)
        let collected = Collected()
        try await fetch(listing, concurrency: 4, into: collected)
        #expect(collected.items == Array(1...950))
        #expect(listing.maxInFlight == 4)
        #expect(Set(listing.requested).count == listing.requested.count)
        // Page 32 is short; at most `concurrency` pages beyond it were asked for speculatively.
        #expect(listing.requested.contains(32))
        #expect(listing.requested.allSatisfy { $0 <= 32 + 4 })
        #expect(collected.progress.last?.finished == true)
        #expect(collected.progress.last?.totalPages == 32)
        #expect(collected.progress.last?.totalItems == 950)
    }

    @Test func pagesByTheSizeTheClientActuallySent() async throws {
        // Asked for 40, the API takes 50: pages must be counted in fifties, with no gap and no duplicate.
        let listing = FakeListing(total: 230, acceptedSizes: [30, 50, 100])
        let collected = Collected()
        try await fetch(listing, pageSize: 40, into: collected)
        #expect(collected.items == Array(1...230))
        #expect(collected.progress.last?.totalPages == 5)
    }

    @Test func aDroppedMalformedRecordDoesNotMakeAFullPageLookShort() async throws {
        let listing = FakeListing(total: 75, reportsTotal: false, malformed: [10])
        let collected = Collected()
        try await fetch(listing, concurrency: 1, into: collected)
        #expect(collected.items == Array(1...75).filter { $0 != 10 })
        #expect(listing.requested == [1, 2, 3])
    }

    @Test func anExactMultipleEndsOnAnEmptyPage() async throws {
        let listing = FakeListing(total: 60, reportsTotal: false)
        let collected = Collected()
        try await fetch(listing, concurrency: 1, into: collected)
        #expect(collected.items == Array(1...60))
        #expect(listing.requested == [1, 2, 3])
    }

    @Test func throttledPagesAreRetriedUntilTheyAnswer() async throws {
        let listing = FakeListing(total: 300, failures: [3: 2, 7: 1], failure: FakeListing.throttled)
        let collected = Collected()
        try await fetch(listing, into: collected)
        #expect(collected.items == Array(1...300))
        #expect(collected.gaps.isEmpty)
        #expect(listing.requested.filter { $0 == 3 }.count == 3)
        #expect(collected.notices.map(\.reason) == [.throttled, .throttled, .throttled])
        #expect(collected.notices.filter { $0.page == 3 }.map(\.attempt) == [2, 3])
    }

    @Test func aClientErrorIsNotRetried() async {
        let denied = ServiceError(kind: .http, httpStatus: 403, code: "Forbidden.RAM", message: "no")
        let listing = FakeListing(total: 300, failures: [1: 1], failure: denied)
        let collected = Collected()
        await #expect(throws: denied) { try await fetch(listing, into: collected) }
        #expect(listing.requested == [1])
        #expect(collected.notices.isEmpty)
    }

    @Test func retriesStopAtTheLimitAndTheFailedPageBecomesAGapWhileLaterPagesStillCome() async throws {
        let listing = FakeListing(total: 300, failures: [5: Int.max])
        let collected = Collected()
        try await fetch(listing, concurrency: 3, into: collected)
        #expect(listing.requested.filter { $0 == 5 }.count == quickRetry.maxAttempts)
        #expect(collected.items == Array(1...120) + Array(151...300))
        #expect(collected.gaps == [5])
        let last = try #require(collected.progress.last)
        #expect(last.finished && last.missingPages == [5] && last.isIncomplete)
    }

    @Test func theRemainderFetchesOnlyTheMissingPages() async throws {
        let listing = FakeListing(total: 300, failures: [5: 3, 8: 3])
        let collected = Collected()
        try await fetch(listing, into: collected)
        let last = try #require(collected.progress.last)
        #expect(last.missingPages == [5, 8])
        let before = listing.requested.count
        let refill = Collected()
        try await fetch(listing, scope: .remainder(try #require(last.remainder)), into: refill)
        #expect(Array(listing.requested.dropFirst(before)).sorted() == [5, 8])
        #expect(refill.items == Array(121...150) + Array(211...240))
        let final = try #require(refill.progress.last)
        #expect(final.finished && !final.isIncomplete && final.itemsLoaded == 300)
    }

    @Test func withoutATotalFailuresInARowStopTheScanAndTheRemainderGoesOn() async throws {
        let listing = FakeListing(total: 400, reportsTotal: false, failures: [4: 3, 5: 3])
        let collected = Collected()
        try await fetch(listing, concurrency: 1, into: collected)
        let last = try #require(collected.progress.last)
        #expect(collected.items == Array(1...90))
        #expect(last.finished && last.missingPages == [4, 5] && last.unscannedFrom == 6)
        let refill = Collected()
        try await fetch(listing, concurrency: 1, scope: .remainder(try #require(last.remainder)), into: refill)
        #expect(refill.items == Array(91...400))
        #expect(refill.progress.last?.isIncomplete == false)
        #expect(refill.progress.last?.totalItems == 400)
    }

    @Test func cancellationStopsDelivery() async throws {
        let listing = FakeListing(total: 3_000)
        let collected = Collected()
        let task = Task { try await fetch(listing, concurrency: 2, into: collected) }
        try await Task.sleep(for: .milliseconds(60))
        task.cancel()
        _ = await task.result
        let countAtCancel = collected.items.count
        try await Task.sleep(for: .milliseconds(100))
        #expect(collected.items.count == countAtCancel)
        #expect(countAtCancel < 3_000)
        #expect(collected.items == Array(1...max(1, countAtCancel)).prefix(countAtCancel).map { $0 })
    }
}

@Suite struct RetryPolicyTests {
    @Test func backoffGrowsExponentiallyWithJitterAndACap() {
        let policy = RetryPolicy(maxAttempts: 6, baseDelay: .milliseconds(500), maxDelay: .seconds(3))
        let error = FakeListing.serverError
        #expect(policy.delay(beforeAttempt: 2, after: error, unit: 1) == .milliseconds(500))
        #expect(policy.delay(beforeAttempt: 2, after: error, unit: 0) == .milliseconds(250))
        #expect(policy.delay(beforeAttempt: 3, after: error, unit: 1) == .seconds(1))
        #expect(policy.delay(beforeAttempt: 4, after: error, unit: 1) == .seconds(2))
        #expect(policy.delay(beforeAttempt: 5, after: error, unit: 1) == .seconds(3))
    }

    @Test func aServerThatSaysWhenToRetryIsObeyedWithinTheCap() {
        let policy = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(500), maxDelay: .seconds(3))
        var error = FakeListing.throttled
        error.retryAfterMilliseconds = 1_200
        #expect(policy.delay(beforeAttempt: 2, after: error, unit: 0) == .milliseconds(1_200))
        error.retryAfterMilliseconds = 60_000
        #expect(policy.delay(beforeAttempt: 2, after: error, unit: 0) == .seconds(3))
    }

    @Test func whatIsWorthRetrying() {
        func error(_ kind: ServiceError.Kind, _ status: Int?, _ code: String) -> ServiceError {
            ServiceError(kind: kind, httpStatus: status, code: code, message: "")
        }
        #expect(error(.http, 400, "Throttling").retryReason == .throttled)
        #expect(error(.http, 400, "Throttling.Api").retryReason == .throttled)
        #expect(error(.http, 429, "APIGW.0308").retryReason == .throttled)
        #expect(error(.http, 429, "HTTP429").retryReason == .throttled)
        #expect(error(.http, 503, "ServiceUnavailable").retryReason == .serverError)
        #expect(error(.http, 500, "DBS.200000").retryReason == .serverError)
        #expect(error(.timeout, nil, "Timeout").retryReason == .timeout)
        #expect(error(.transport, nil, "ConnectionReset").retryReason == .connectionLost)
        #expect(error(.transport, nil, "ConnectionRefused").retryReason == nil)
        #expect(error(.http, 403, "SignatureDoesNotMatch").retryReason == nil)
        #expect(error(.http, 400, "InvalidParameter").retryReason == nil)
        #expect(error(.decoding, 200, "UnexpectedResponse").retryReason == nil)
    }
}
