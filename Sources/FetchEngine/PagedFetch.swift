import BackupModel
import CloudAPI

/// How a listing is paged through: page size, how many requests may be in flight at once, and how failures retry.
public struct FetchPolicy: Sendable, Equatable {
    public var pageSize: Int
    public var concurrency: Int
    public var retry: RetryPolicy

    public static let defaultConcurrency = 4

    public init(pageSize: Int, concurrency: Int = FetchPolicy.defaultConcurrency, retry: RetryPolicy = .standard) {
        self.pageSize = max(1, pageSize)
        self.concurrency = max(1, concurrency)
        self.retry = retry
    }
}

/// What a running fetch reports, in order for pages (a page's rows or its final failure never overtake an earlier
/// page's); retry notices come as they happen.
public enum FetchEvent<Item: Sendable>: Sendable {
    /// The rows of page `progress.page`.
    case rows([Item], PageProgress)
    /// Page `progress.page` failed even after retries; later pages still come, and `r` can fetch it again.
    case pageFailed(ServiceError, PageProgress)
    case retrying(RetryNotice)
}

/// Pages through a listing as fast as the network allows while the caller shows each page as it lands:
/// - the first page alone (it tells the page size the API took and, for most services, the total);
/// - with a total, the other pages concurrently under the policy's limit;
/// - without one (Redis), speculatively `concurrency` pages ahead, stopping at the first short page — pages asked
///   for beyond it are dropped, so there are no duplicates or gaps;
/// - every request retried as the policy says; a page that still fails becomes a gap, the rest keep coming.
public enum PagedFetch {
    /// Two pages in a row failing while scanning a listing without a total means the service is down, not that
    /// the listing ended: stop and leave the rest to `r`.
    static let scanFailureLimit = 2

    /// Returns when every page was answered or the task was cancelled (nothing is reported after a cancellation).
    /// Throws only when the very first page fails, since there is then nothing to show.
    public static func run<Item: Sendable>(
        policy: FetchPolicy,
        scope: PageScope = .all,
        fetchPage: @escaping @Sendable (PageRequest) async throws(ServiceError) -> Page<Item>,
        onEvent: @escaping @Sendable (FetchEvent<Item>) -> Void
    ) async throws(ServiceError) {
        let retry = policy.retry
        let notify: @Sendable (RetryNotice) -> Void = { onEvent(.retrying($0)) }
        var plan: Plan<Item>
        switch scope {
        case .all:
            let first = try await retry.run(page: 1, notify: notify) { () async throws(ServiceError) in
                try await fetchPage(PageRequest(number: 1, size: policy.pageSize))
            }
            if Task.isCancelled { return }
            // The client may round the size to one its API accepts (RDS: 30/50/100): page arithmetic uses what was sent.
            let size = max(1, first.size)
            if let total = first.totalCount {
                let totalPages = max(1, (total + size - 1) / size)
                plan = Plan(pageSize: size, explicit: totalPages > 1 ? Array(2...totalPages) : [], scanFrom: nil,
                            totalItems: total, totalPages: totalPages, itemsLoaded: 0, pagesLoaded: 0,
                            firstPageInHand: true)
            } else {
                plan = Plan(pageSize: size, explicit: [], scanFrom: 2, totalItems: nil, totalPages: nil,
                            itemsLoaded: 0, pagesLoaded: 0, firstPageInHand: true)
            }
            plan.accept(page: 1, .success(first))
            for event in plan.deliverReady() { onEvent(event) }
            if plan.isFinished { return }
        case .remainder(let remainder):
            plan = Plan(pageSize: remainder.pageSize, explicit: remainder.pages, scanFrom: remainder.scanFrom,
                        totalItems: remainder.totalItems, totalPages: remainder.totalPages,
                        itemsLoaded: remainder.itemsLoaded, pagesLoaded: remainder.pagesLoaded)
            if plan.isFinished { return }
        }

        let size = plan.pageSize
        await withTaskGroup(of: (Int, Result<Page<Item>, ServiceError>).self) { group in
            func fill() {
                while plan.mayRequest(concurrency: policy.concurrency), let number = plan.nextToRequest() {
                    group.addTask {
                        do throws(ServiceError) {
                            let page = try await retry.run(page: number, notify: notify) { () async throws(ServiceError) in
                                try await fetchPage(PageRequest(number: number, size: size))
                            }
                            return (number, .success(page))
                        } catch {
                            return (number, .failure(error))
                        }
                    }
                }
            }
            fill()
            for await (number, result) in group {
                if Task.isCancelled { group.cancelAll(); return }
                plan.accept(page: number, result)
                let events = plan.deliverReady()
                if plan.isFinished {
                    // Whatever is still in flight lies beyond the end of the listing.
                    group.cancelAll()
                    for event in events { onEvent(event) }
                    return
                }
                // The next requests go out before the caller takes these rows, so its work overlaps their latency.
                fill()
                for event in events { onEvent(event) }
            }
        }
    }

    /// The bookkeeping of one fetch: which pages to ask for next, which have arrived, what is delivered.
    struct Plan<Item: Sendable> {
        let pageSize: Int
        /// Pages to ask for first, in order (the rest of a listing with a total, or the pages `r` retries).
        private var explicit: [Int]
        private var explicitIndex = 0
        /// Without a total: the next page to ask for while scanning for the end; nil once scanning stopped.
        private var scanNext: Int?
        /// Pages from this one on are scanned: a short one ends the listing.
        private let scanStart: Int?
        private var totalItems: Int?
        private var totalPages: Int?
        private var itemsLoaded: Int
        private var pagesLoaded: Int
        /// Asked for and not yet delivered, in the order they must be delivered.
        private var pending: [Int] = []
        private var arrived: [Int: Result<Page<Item>, ServiceError>] = [:]
        private var missing: [Int] = []
        private var scanFailuresInARow = 0
        private var unscannedFrom: Int?

        /// `firstPageInHand`: a fresh fetch, whose page 1 was fetched alone and is accepted next.
        init(pageSize: Int, explicit: [Int], scanFrom: Int?, totalItems: Int?, totalPages: Int?,
             itemsLoaded: Int, pagesLoaded: Int, firstPageInHand: Bool = false) {
            self.pageSize = pageSize
            self.explicit = explicit.sorted()
            scanNext = scanFrom
            scanStart = firstPageInHand && totalPages == nil ? 1 : scanFrom
            self.totalItems = totalItems
            self.totalPages = totalPages
            self.itemsLoaded = itemsLoaded
            self.pagesLoaded = pagesLoaded
            if firstPageInHand { pending = [1] }
        }

        /// At most `concurrency` requests in flight. Pages that arrived early wait for the ones before them; while
        /// they wait, a listing with a total keeps fetching up to four windows ahead, but a scan for the end does not
        /// run ahead of what was delivered by more than `concurrency` pages, so at most that many are asked for
        /// beyond the end.
        func mayRequest(concurrency: Int) -> Bool {
            let inFlight = pending.count - arrived.count
            let scanning = explicitIndex >= explicit.count
            return inFlight < concurrency && pending.count < (scanning ? concurrency : 4 * concurrency)
        }

        var isFinished: Bool {
            pending.isEmpty && explicitIndex >= explicit.count && scanNext == nil
        }

        mutating func nextToRequest() -> Int? {
            let number: Int
            if explicitIndex < explicit.count {
                number = explicit[explicitIndex]
                explicitIndex += 1
            } else if let scan = scanNext {
                number = scan
                scanNext = scan + 1
            } else {
                return nil
            }
            pending.append(number)
            return number
        }

        mutating func accept(page number: Int, _ result: Result<Page<Item>, ServiceError>) {
            guard pending.contains(number) else { return }
            arrived[number] = result
        }

        /// Takes every page at the head of the queue that has arrived, in order, as events.
        mutating func deliverReady() -> [FetchEvent<Item>] {
            var events: [FetchEvent<Item>] = []
            while let number = pending.first, let result = arrived.removeValue(forKey: number) {
                pending.removeFirst()
                let scanning = scanStart.map { number >= $0 && !explicit.contains(number) } ?? false
                switch result {
                case .success(let page):
                    itemsLoaded += page.items.count
                    pagesLoaded += 1
                    // Records the client dropped as malformed still filled the page on the server's side.
                    if scanning {
                        scanFailuresInARow = 0
                        if page.items.count + page.skipped.count < pageSize { endScan(lastPage: number) }
                    }
                    events.append(.rows(page.items, progress(page: number)))
                case .failure(let error):
                    missing.append(number)
                    if scanning {
                        scanFailuresInARow += 1
                        if scanFailuresInARow >= PagedFetch.scanFailureLimit { stopScan(after: number) }
                    }
                    events.append(.pageFailed(error, progress(page: number)))
                }
            }
            return events
        }

        /// A short page ends a listing without a total: pages asked for beyond it are dropped.
        private mutating func endScan(lastPage: Int) {
            scanNext = nil
            pending.removeAll { $0 > lastPage }
            arrived = arrived.filter { $0.key <= lastPage }
            totalPages = lastPage
            if missing.isEmpty { totalItems = itemsLoaded }
            unscannedFrom = nil
        }

        /// Failures in a row: the end is unknown; `r` goes on from the page after this one.
        private mutating func stopScan(after number: Int) {
            scanNext = nil
            pending.removeAll { $0 > number }
            arrived = arrived.filter { $0.key <= number }
            unscannedFrom = number + 1
        }

        private func progress(page: Int) -> PageProgress {
            PageProgress(pagesLoaded: pagesLoaded, totalPages: totalPages, itemsLoaded: itemsLoaded,
                         totalItems: totalItems, finished: isFinished, page: page, pageSize: pageSize,
                         missingPages: missing, unscannedFrom: unscannedFrom)
        }
    }
}
