import BackupModel
import CloudAPI
import CloudEmulator
import FetchEngine
import Foundation
import Testing

/// `EmulatorOptions.benchBackups`: one more instance per service (an HBR vault) with exactly that many successful
/// backups, checked through the real clients and the fetch engine.
@Suite("Emulator bench instances")
struct BenchBackupsTests {
    /// Not a multiple of any page size, so the last page is short.
    static let count = 1_234
    static let alibaba = AlibabaCredentials(accessKeyID: "testid", accessKeySecret: "testsecret", source: "test")

    static func options(benchBackups: Int) -> EmulatorOptions {
        var options = testOptions()
        options.benchBackups = benchBackups
        return options
    }

    /// Runs `body` with a transport that is always shut down.
    static func withTransport(_ body: (HTTPTransport) async throws -> Void) async throws {
        let transport = HTTPTransport()
        do {
            try await body(transport)
        } catch {
            await transport.shutdown()
            throw error
        }
        await transport.shutdown()
    }

    /// Every backup `client` lists for `instanceID`, paged by the fetch engine.
    static func allBackups(
        _ client: any BackupService, instanceID: String, window: DateInterval?
    ) async throws -> [Backup] {
        let delivered = RedisDeliveryLog()
        try await PagedFetch.run(
            policy: FetchPolicy(pageSize: 100),
            fetchPage: { page throws(ServiceError) in
                try await client.listBackups(instanceID: instanceID, page: page, window: window)
            },
            onEvent: { event in if case .rows(let items, let progress) = event { delivered.append(items, progress) } })
        #expect(delivered.progress.last?.finished == true)
        return delivered.items
    }

    /// The bench instance `id` is the last one `client` lists, and holds exactly `count` successful backups.
    static func expectBenchInstance(
        _ id: String?, listedLastBy client: any BackupService, instancesPageSize: Int, window: DateInterval? = nil
    ) async throws {
        let id = try #require(id)
        let instances = try await client.listInstances(PageRequest(number: 1, size: instancesPageSize))
        #expect(instances.items.last?.id == id)
        let backups = try await allBackups(client, instanceID: id, window: window)
        #expect(backups.count == count)
        #expect(Set(backups.map(\.id)).count == count)
        #expect(backups.allSatisfy { $0.status == .ok && $0.instanceID == id })
    }

    /// Runs `body` against an emulator with the bench instances and a transport that is always shut down.
    static func withBenchEmulator(_ body: (Emulator, HTTPTransport) async throws -> Void) async throws {
        try await withEmulator(options(benchBackups: count)) { emulator, _ in
            try await withTransport { transport in try await body(emulator, transport) }
        }
    }

    @Test func rdsInstanceIsListedLastWithExactlyThatManyBackups() async throws {
        try await Self.withBenchEmulator { emulator, transport in
            let client = RDSClient(endpoint: emulator.baseURL, region: "cn-hangzhou", credentials: Self.alibaba,
                                   transport: transport)
            try await Self.expectBenchInstance(emulator.dataset.rds.benchInstanceID, listedLastBy: client,
                                               instancesPageSize: 100)
        }
    }

    @Test func redisInstanceIsListedLastWithExactlyThatManyBackupsInAWindowCoveringThem() async throws {
        try await Self.withBenchEmulator { emulator, transport in
            let client = RedisClient(endpoint: emulator.baseURL, region: "cn-hangzhou", credentials: Self.alibaba,
                                     transport: transport)
            try await Self.expectBenchInstance(emulator.dataset.redis.benchInstanceID, listedLastBy: client,
                                               instancesPageSize: 50, window: RedisClientAgainstEmulatorTests.wideWindow)
        }
    }

    @Test func huaweiInstanceIsListedLastWithExactlyThatManyBackups() async throws {
        try await Self.withBenchEmulator { emulator, transport in
            let key = HuaweiAccessKey(accessKey: "testid", secretKey: "testsecret", source: "test")
            let client = HuaweiGaussDBNoSQLClient(endpoint: emulator.baseURL, projectID: HuaweiDataset.defaultProjectID,
                                                  auth: .aksk(key), transport: transport)
            try await Self.expectBenchInstance(emulator.dataset.huawei.benchInstanceID, listedLastBy: client,
                                               instancesPageSize: 100)
        }
    }

    @Test func starRocksInstanceIsListedLastWithExactlyThatManyTasks() async throws {
        try await Self.withBenchEmulator { emulator, transport in
            let client = StarRocksClient(endpoint: emulator.baseURL, region: "cn-hangzhou", credentials: Self.alibaba,
                                         transport: transport)
            try await Self.expectBenchInstance(emulator.dataset.starRocks.benchInstanceID, listedLastBy: client,
                                               instancesPageSize: 100)
        }
    }

    @Test func hbrVaultIsListedLastWithExactlyThatManyJobs() async throws {
        try await Self.withBenchEmulator { emulator, transport in
            let client = HBRClient(endpoint: emulator.baseURL, region: "cn-hangzhou", credentials: Self.alibaba,
                                   transport: transport)
            try await Self.expectBenchInstance(emulator.dataset.hbr.benchVaultID, listedLastBy: client,
                                               instancesPageSize: 99)
        }
    }

    @Test func offByDefaultTheDatasetIsUnchanged() {
        let plain = EmulatorDataset(options: testOptions())
        let withBench = EmulatorDataset(options: Self.options(benchBackups: 10))
        #expect(plain.rds.benchInstanceID == nil)
        #expect(plain.redis.benchInstanceID == nil)
        #expect(plain.huawei.benchInstanceID == nil)
        #expect(plain.starRocks.benchInstanceID == nil)
        #expect(plain.hbr.benchVaultID == nil)
        #expect(Array(withBench.rds.instances.dropLast()) == plain.rds.instances)
        #expect(Array(withBench.redis.instances.dropLast()) == plain.redis.instances)
        #expect(Array(withBench.huawei.instances.dropLast()) == plain.huawei.instances)
        #expect(withBench.starRocks.instances.dropLast().map(\.id) == plain.starRocks.instances.map(\.id))
        #expect(Array(withBench.hbr.vaults.dropLast()) == plain.hbr.vaults)
        #expect(withBench.hbr.jobs.filter { $0.vaultID != withBench.hbr.benchVaultID } == plain.hbr.jobs)
        #expect(withBench.rds.backups(of: plain.rds.bigInstanceID) == plain.rds.backups(of: plain.rds.bigInstanceID))
    }
}
