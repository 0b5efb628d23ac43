import BackupModel
import CloudAPI
import DeckUI
import FetchEngine
import Foundation

/// The configured providers with their ready clients, and the fetches the reducer's load effects ask for.
final class ServiceRegistry: Sendable {
    struct Entry: Sendable {
        var config: ProviderConfig
        /// nil when the client could not be built (credentials missing…): `setupError` says why.
        var service: (any BackupService)?
        var setupError: ServiceError?
    }

    let entries: [String: Entry]
    let summaries: [ProviderSummary]
    let transport: HTTPTransport
    let fetchSettings: FetchSettings

    init(providers: [ProviderConfig], transport: HTTPTransport, credentials: ProviderCredentials,
         fetchSettings: FetchSettings = FetchSettings()) {
        self.fetchSettings = fetchSettings
        var entries: [String: Entry] = [:]
        for provider in providers {
            do throws(ServiceError) {
                guard let endpoint = provider.endpoint ?? VendorEndpoints.defaultURL(for: provider.service, region: provider.region) else {
                    throw ServiceError(kind: .configuration, code: "BadRegion", message: "no endpoint for region \(provider.region)")
                }
                let client: any BackupService
                switch provider.service {
                case .alibabaRDS:
                    client = RDSClient(endpoint: endpoint, region: provider.region,
                                       credentials: try credentials.alibaba(for: provider), transport: transport)
                case .alibabaRedis:
                    client = RedisClient(endpoint: endpoint, region: provider.region,
                                         credentials: try credentials.alibaba(for: provider), transport: transport)
                case .alibabaStarRocks:
                    client = StarRocksClient(endpoint: endpoint, region: provider.region,
                                             credentials: try credentials.alibaba(for: provider), transport: transport)
                case .alibabaHBR:
                    client = HBRClient(endpoint: endpoint, region: provider.region, sourceType: provider.sourceType ?? "ECS_FILE",
                                       credentials: try credentials.alibaba(for: provider), transport: transport)
                case .huaweiGaussDBNoSQL:
                    let (projectID, auth) = try credentials.huawei(for: provider, transport: transport)
                    client = HuaweiGaussDBNoSQLClient(endpoint: endpoint, projectID: projectID, auth: auth,
                                                      transport: transport, region: provider.region)
                }
                entries[provider.name] = Entry(config: provider, service: client)
            } catch {
                entries[provider.name] = Entry(config: provider, service: nil, setupError: error)
            }
        }
        self.entries = entries
        self.summaries = providers.map {
            ProviderSummary(name: $0.name, kind: $0.service, region: $0.region, label: $0.label, accent: $0.accent)
        }
        self.transport = transport
    }

    /// The work a load effect asks for, to run in the background; its results are posted to the inbox as actions.
    func work(for effect: Effect, inbox: Inbox) -> (@Sendable () async -> Void)? {
        switch effect {
        case .loadInstances(let provider, let token):
            guard let entry = entries[provider] else { return nil }
            return {
                if let ids = entry.config.instances {
                    let items = ids.map { Instance(id: $0, name: $0, engine: "", engineVersion: "", region: entry.config.region, status: "") }
                    inbox.post(.instancesLoaded(token: token, items: items, progress: PageProgress(
                        pagesLoaded: 1, totalPages: 1, itemsLoaded: items.count, totalItems: items.count, finished: true)))
                    return
                }
                await self.fetchInstances(entry, scope: .all, token: token, inbox: inbox)
            }
        case .loadMissingInstances(let provider, let remainder, let token):
            guard let entry = entries[provider] else { return nil }
            return { await self.fetchInstances(entry, scope: .remainder(remainder), token: token, inbox: inbox) }
        case .loadBackups(let provider, let instanceID, let timeWindow, let token):
            guard let entry = entries[provider] else { return nil }
            let window = timeWindow.interval(now: Date())
            return {
                await self.fetchBackups(entry, instanceID: instanceID, window: window, scope: .all, token: token, inbox: inbox)
            }
        case .loadMissingBackups(let provider, let instanceID, let timeWindow, let remainder, let token):
            guard let entry = entries[provider] else { return nil }
            let window = timeWindow.interval(now: Date())
            return {
                await self.fetchBackups(entry, instanceID: instanceID, window: window, scope: .remainder(remainder),
                                        token: token, inbox: inbox)
            }
        case .cancel, .setTheme, .quit, .copyToClipboard, .startDownload, .cancelDownload:
            return nil
        }
    }

    private func fetchInstances(_ entry: Entry, scope: PageScope, token: RequestToken, inbox: Inbox) async {
        await Self.fetch(entry, policy: instancePolicy(for: entry), scope: scope, token: token, inbox: inbox,
                         fetchPage: { service, page throws(ServiceError) in try await service.listInstances(page) },
                         rows: { items, progress in .instancesLoaded(token: token, items: items, progress: progress) })
    }

    private func fetchBackups(_ entry: Entry, instanceID: String, window: DateInterval?, scope: PageScope,
                              token: RequestToken, inbox: Inbox) async {
        await Self.fetch(entry, policy: backupPolicy(for: entry), scope: scope, token: token, inbox: inbox,
                         fetchPage: { service, page throws(ServiceError) in
                             try await service.listBackups(instanceID: instanceID, page: page, window: window)
                         },
                         rows: { items, progress in .backupsLoaded(token: token, items: items, progress: progress) })
    }

    /// How this provider's backup lists are paged: its `page_size` or the largest the API allows, its concurrency.
    func backupPolicy(for entry: Entry) -> FetchPolicy {
        policy(for: entry, pageSize: entry.config.pageSize ?? Self.largestPageSize(entry.service?.backupPaging))
    }

    func instancePolicy(for entry: Entry) -> FetchPolicy {
        policy(for: entry, pageSize: 100)
    }

    private func policy(for entry: Entry, pageSize: Int) -> FetchPolicy {
        FetchPolicy(pageSize: pageSize, concurrency: entry.config.concurrency ?? fetchSettings.concurrency,
                    retry: RetryPolicy(maxAttempts: fetchSettings.attempts))
    }

    static func largestPageSize(_ scheme: PagingScheme?) -> Int {
        switch scheme {
        case .pageNumber(let maxPageSize, _): maxPageSize
        case .offsetLimit(let maxLimit): maxLimit
        case nil: 30
        }
    }

    private static func fetch<Item: Sendable>(
        _ entry: Entry, policy: FetchPolicy, scope: PageScope, token: RequestToken, inbox: Inbox,
        fetchPage: @escaping @Sendable (any BackupService, PageRequest) async throws(ServiceError) -> Page<Item>,
        rows: @escaping @Sendable ([Item], PageProgress) -> Action
    ) async {
        guard let service = entry.service else {
            inbox.post(.loadFailed(token: token, error: entry.setupError ?? ServiceError(kind: .configuration, code: "", message: "provider is not available")))
            return
        }
        do throws(ServiceError) {
            try await PagedFetch.run(
                policy: policy, scope: scope,
                fetchPage: { page throws(ServiceError) in try await fetchPage(service, page) },
                onEvent: { event in
                    switch event {
                    case .rows(let items, let progress): inbox.post(rows(items, progress))
                    case .pageFailed(let error, let progress):
                        inbox.post(.pageFailed(token: token, error: error, progress: progress))
                    case .retrying(let notice): inbox.post(.retrying(token: token, notice: notice))
                    }
                })
        } catch {
            if !Task.isCancelled { inbox.post(.loadFailed(token: token, error: error)) }
        }
    }
}
