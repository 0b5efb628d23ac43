import BackupModel
import CloudAPI
import FetchEngine
import Synchronization
import Testing

/// A fake paged listing inside a unit test: numbers 1…total, optional failing page, and a record of concurrency.
final class FakeListing: Sendable {
    let total: Int
    let reportsTotal: Bool
    let failingPage: Int?
    /// Page sizes the fake API accepts; a request is rounded up to the next one, as RDS does.
    let acceptedSizes: [Int]?
    /// Records the fake client drops as malformed (counted in `skipped`), by item number.
    let malformed: Set<Int>
    private let stats = Mutex<(inFlight: Int, maxInFlight: Int, requested: [Int])>((0, 0, []))

    init(total: Int, reportsTotal: Bool = true, failingPage: Int? = nil, acceptedSizes: [Int]? = nil, malformed: Set<Int> = []) {
        self.total = total
        self.reportsTotal = reportsTotal
        self.failingPage = failingPage
        self.acceptedSizes = acceptedSizes
        self.malformed = malformed
    }

    var maxInFlight: Int { stats.withLock { $0.maxInFlight } }
    var requested: [Int] { stats.withLock { $0.requested } }

    func page(_ request: PageRequest) async throws(ServiceError) -> Page<Int> {
        stats.withLock { s in
            s.inFlight += 1
            s.maxInFlight = max(s.maxInFlight, s.inFlight)
            s.requested.append(request.number)
        }
        // Later pages answer sooner, so out-of-order arrival really happens.
        try? await Task.sleep(for: .milliseconds(5 + (20 - request.number % 20)))
        stats.withLock { $0.inFlight -= 1 }
        if request.number == failingPage {
            throw ServiceError(kind: .http, httpStatus: 500, code: "InternalError", message: "boom")
        }
        let size = acceptedSizes?.first { $0 >= request.size } ?? request.size
        let first = (request.number - 1) * size + 1
        let all = first <= total ? Array(first...min(total, first + size - 1)) : []
        return Page(items: all.filter { !malformed.contains($0) }, number: request.number, size: size,
                    totalCount: reportsTotal ? total : nil, skipped: all.filter { malformed.contains($0) }.map { "record \($0)" })
    }
}

final class Collected: Sendable {
    private let state = Mutex<(items: [Int], progress: [PageProgress])>(([], []))
    func add(_ items: [Int], _ progress: PageProgress) { state.withLock { $0.items += items; $0.progress.append(progress) } }
    var items: [Int] { state.withLock { $0.items } }
    var progress: [PageProgress] { state.withLock { $0.progress } }
}

@Suite struct PagedFetchTests {
    @Test func deliversEveryPageInOrderUsingTheConcurrencyLimit() async throws {
        let listing = FakeListing(total: 1_000)
        let collected = Collected()
        try await PagedFetch.run(policy: FetchPolicy(pageSize: 30, concurrency: 4), fetchPage: listing.page) { collected.add($0, $1) }
        #expect(collected.items == Array(1...1_000))
        #expect(listing.maxInFlight == 4)
        #expect(Set(listing.requested).count == listing.requested.count)  // no page asked twice
        #expect(collected.progress.last == PageProgress(pagesLoaded: 34, totalPages: 34, itemsLoaded: 1_000, totalItems: 1_000, finished: true))
        #expect(collected.progress.map(\.pagesLoaded) == Array(1...34))
    }

    @Test func withoutATotalStopsAtTheFirstShortPage() async throws {
        let listing = FakeListing(total: 95, reportsTotal: false)
        let collected = Collected()
        try await PagedFetch.run(policy: FetchPolicy(pageSize: 30), fetchPage: listing.page) { collected.add($0, $1) }
        #expect(collected.items == Array(1...95))
        #expect(listing.requested == [1, 2, 3, 4])
        #expect(collected.progress.last?.finished == true)
    }

    @Test func pagesByTheSizeTheClientActuallySent() async throws {
        // Asked for 40, the API takes 50: pages must be counted in fifties, with no gap and no duplicate.
        let listing = FakeListing(total: 230, acceptedSizes: [30, 50, 100])
        let collected = Collected()
        try await PagedFetch.run(policy: FetchPolicy(pageSize: 40), fetchPage: listing.page) { collected.add($0, $1) }
        #expect(collected.items == Array(1...230))
        #expect(collected.progress.last?.totalPages == 5)
    }

    @Test func aDroppedMalformedRecordDoesNotMakeAFullPageLookShort() async throws {
        let listing = FakeListing(total: 75, reportsTotal: false, malformed: [10])
        let collected = Collected()
        try await PagedFetch.run(policy: FetchPolicy(pageSize: 30), fetchPage: listing.page) { collected.add($0, $1) }
        #expect(collected.items == Array(1...75).filter { $0 != 10 })
        #expect(listing.requested == [1, 2, 3])
    }

    @Test func anExactMultipleEndsOnAnEmptyPage() async throws {
        let listing = FakeListing(total: 60, reportsTotal: false)
        let collected = Collected()
        try await PagedFetch.run(policy: FetchPolicy(pageSize: 30), fetchPage: listing.page) { collected.add($0, $1) }
        #expect(collected.items == Array(1...60))
        #expect(listing.requested == [1, 2, 3])
    }

    @Test func aFailedPageKeepsTheEarlierPagesAndThrows() async {
        let listing = FakeListing(total: 300, failingPage: 5)
        let collected = Collected()
        await #expect(throws: ServiceError(kind: .http, httpStatus: 500, code: "InternalError", message: "boom")) {
            try await PagedFetch.run(policy: FetchPolicy(pageSize: 30, concurrency: 3), fetchPage: listing.page) { collected.add($0, $1) }
        }
        #expect(collected.items == Array(1...120))
    }

    @Test func cancellationStopsDelivery() async throws {
        let listing = FakeListing(total: 3_000)
        let collected = Collected()
        let task = Task {
            try await PagedFetch.run(policy: FetchPolicy(pageSize: 30, concurrency: 2), fetchPage: listing.page) { collected.add($0, $1) }
        }
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
