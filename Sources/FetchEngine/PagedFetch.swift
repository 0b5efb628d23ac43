import BackupModel
import CloudAPI

/// How a listing is paged through: page size and how many requests may be in flight at once.
public struct FetchPolicy: Sendable, Equatable {
    public var pageSize: Int
    public var concurrency: Int

    public init(pageSize: Int, concurrency: Int = 4) {
        self.pageSize = max(1, pageSize)
        self.concurrency = max(1, concurrency)
    }
}

/// Pages through a listing and hands each page over **in order** as soon as it and every page before it have
/// arrived. The first page is fetched alone (it tells the total); the rest are fetched concurrently under the policy's
/// limit when a total is known, else one after another until a short page.
public enum PagedFetch {
    /// Returns normally when every page arrived or the task was cancelled (nothing more is delivered after a
    /// cancellation); throws the first error after delivering every page that precedes the failed one.
    public static func run<Item: Sendable>(
        policy: FetchPolicy,
        fetchPage: @escaping @Sendable (PageRequest) async throws(ServiceError) -> Page<Item>,
        deliver: @Sendable ([Item], PageProgress) -> Void
    ) async throws(ServiceError) {
        let first = try await fetchPage(PageRequest(number: 1, size: policy.pageSize))
        if Task.isCancelled { return }
        // The client may round the size to one its API accepts (RDS: 30/50/100): page arithmetic uses what was sent.
        let size = max(1, first.size)
        var itemsLoaded = first.items.count

        guard let total = first.totalCount else {
            // No total (Redis): keep asking until a page comes back short.
            var page = first
            var pagesLoaded = 1
            while true {
                // Records the client dropped as malformed still filled the page on the server's side.
                let done = page.items.count + page.skipped.count < size
                deliver(page.items, PageProgress(pagesLoaded: pagesLoaded, totalPages: done ? pagesLoaded : nil,
                                                 itemsLoaded: itemsLoaded, totalItems: done ? itemsLoaded : nil, finished: done))
                if done { return }
                page = try await fetchPage(PageRequest(number: pagesLoaded + 1, size: size))
                if Task.isCancelled { return }
                pagesLoaded += 1
                itemsLoaded += page.items.count
            }
        }

        let totalPages = max(1, (total + size - 1) / size)
        deliver(first.items, PageProgress(pagesLoaded: 1, totalPages: totalPages, itemsLoaded: itemsLoaded,
                                          totalItems: total, finished: totalPages == 1))
        guard totalPages > 1 else { return }

        let failure: ServiceError? = await withTaskGroup(of: (Int, Result<Page<Item>, ServiceError>).self) { group in
            var nextToRequest = 2
            var nextToDeliver = 2
            var arrived: [Int: Page<Item>] = [:]
            var failedPage: (number: Int, error: ServiceError)?

            func request(_ number: Int) {
                group.addTask {
                    do throws(ServiceError) {
                        return (number, .success(try await fetchPage(PageRequest(number: number, size: size))))
                    } catch {
                        return (number, .failure(error))
                    }
                }
            }
            while nextToRequest <= totalPages, nextToRequest - nextToDeliver < policy.concurrency {
                request(nextToRequest)
                nextToRequest += 1
            }
            for await (number, result) in group {
                if Task.isCancelled { group.cancelAll(); return nil }
                switch result {
                case .success(let page): arrived[number] = page
                case .failure(let error):
                    if failedPage == nil || number < failedPage!.number { failedPage = (number, error) }
                }
                while let page = arrived.removeValue(forKey: nextToDeliver) {
                    itemsLoaded += page.items.count
                    deliver(page.items, PageProgress(pagesLoaded: nextToDeliver, totalPages: totalPages,
                                                     itemsLoaded: itemsLoaded, totalItems: total,
                                                     finished: nextToDeliver == totalPages))
                    nextToDeliver += 1
                }
                if let failedPage, failedPage.number <= nextToDeliver {
                    group.cancelAll()
                    return failedPage.error
                }
                while failedPage == nil, nextToRequest <= totalPages, nextToRequest - nextToDeliver < policy.concurrency {
                    request(nextToRequest)
                    nextToRequest += 1
                }
            }
            return failedPage?.error
        }
        if let failure { throw failure }
    }
}
