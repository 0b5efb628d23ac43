import BackupModel
import Foundation

/// The one page path of every client: build the request, send it, decode the answer and map its records.
/// `listBackups` and `listInstances` are exactly `decode…(send(…Request(…)))`, and `backdeck-bench` times the
/// decoding half on a captured page with the same code. `send` is the transport's, except Huawei's with an IAM
/// login, which adds the token and logs in again once on a 401.
public protocol BackupPageDecoding: BackupService {
    func backupsRequest(instanceID: String, page: PageRequest, window: DateInterval?) throws(ServiceError)
        -> HTTPRequestSpec
    func decodeBackups(_ result: HTTPResult, instanceID: String, page: PageRequest) throws(ServiceError) -> Page<Backup>
    func instancesRequest(_ page: PageRequest) throws(ServiceError) -> HTTPRequestSpec
    func decodeInstances(_ result: HTTPResult, page: PageRequest) throws(ServiceError) -> Page<Instance>
    func send(_ request: HTTPRequestSpec) async throws(ServiceError) -> HTTPResult
}

extension BackupPageDecoding {
    public func listBackups(
        instanceID: String, page: PageRequest, window: DateInterval?
    ) async throws(ServiceError) -> Page<Backup> {
        let result = try await send(try backupsRequest(instanceID: instanceID, page: page, window: window))
        return try decodeBackups(result, instanceID: instanceID, page: page)
    }

    public func listInstances(_ page: PageRequest) async throws(ServiceError) -> Page<Instance> {
        try decodeInstances(try await send(try instancesRequest(page)), page: page)
    }
}

extension RDSClient: BackupPageDecoding {
    public func backupsRequest(
        instanceID: String, page: PageRequest, window: DateInterval?
    ) throws(ServiceError) -> HTTPRequestSpec {
        let (action, parameters) = try backupsCall(instanceID: instanceID, page: page, window: window)
        return try signedRequest(action: action, parameters: parameters)
    }

    public func decodeBackups(
        _ result: HTTPResult, instanceID: String, page: PageRequest
    ) throws(ServiceError) -> Page<Backup> {
        let response = try AlibabaRPC.decode(result, action: "DescribeBackups", as: RDSDescribeBackupsResponse.self)
        return backupsPage(response, instanceID: instanceID, page: page)
    }

    public func instancesRequest(_ page: PageRequest) throws(ServiceError) -> HTTPRequestSpec {
        let (action, parameters) = instancesCall(page)
        return try signedRequest(action: action, parameters: parameters)
    }

    public func decodeInstances(_ result: HTTPResult, page: PageRequest) throws(ServiceError) -> Page<Instance> {
        let response = try AlibabaRPC.decode(result, action: "DescribeDBInstances",
                                             as: RDSDescribeDBInstancesResponse.self)
        return instancesPage(response, page: page)
    }

    public func send(_ request: HTTPRequestSpec) async throws(ServiceError) -> HTTPResult {
        try await rpc.transport.send(request)
    }
}

extension RedisClient: BackupPageDecoding {
    /// Cluster backups of `instanceID` whose start lies in `window`. The API requires a window: when `window` is nil
    /// the default window is asked for (`defaultWindow(now:)`: the last 7 days up to 00:00 UTC tomorrow, so every
    /// page of one listing asks for the same window); pass an explicit window to browse further back.
    public func backupsRequest(
        instanceID: String, page: PageRequest, window: DateInterval?
    ) throws(ServiceError) -> HTTPRequestSpec {
        let (action, parameters) = try backupsCall(instanceID: instanceID, page: page, window: window)
        return try signedRequest(action: action, parameters: parameters)
    }

    public func decodeBackups(
        _ result: HTTPResult, instanceID: String, page: PageRequest
    ) throws(ServiceError) -> Page<Backup> {
        let response = try AlibabaRPC.decode(result, action: "DescribeClusterBackupList",
                                             as: RedisDescribeClusterBackupListResponse.self)
        return backupsPage(response, instanceID: instanceID, page: page)
    }

    public func instancesRequest(_ page: PageRequest) throws(ServiceError) -> HTTPRequestSpec {
        let (action, parameters) = instancesCall(page)
        return try signedRequest(action: action, parameters: parameters)
    }

    public func decodeInstances(_ result: HTTPResult, page: PageRequest) throws(ServiceError) -> Page<Instance> {
        let response = try AlibabaRPC.decode(result, action: "DescribeInstances",
                                             as: RedisDescribeInstancesResponse.self)
        return instancesPage(response, page: page)
    }

    public func send(_ request: HTTPRequestSpec) async throws(ServiceError) -> HTTPResult {
        try await rpc.transport.send(request)
    }
}

extension StarRocksClient: BackupPageDecoding {
    public func backupsRequest(
        instanceID: String, page: PageRequest, window: DateInterval?
    ) throws(ServiceError) -> HTTPRequestSpec {
        try signedRequest(try backupsCall(instanceID: instanceID, page: page, window: window))
    }

    /// A 4xx/5xx, a body that is not JSON, `Success: false` in a 200 or a `Data` that is not an array all throw.
    public func decodeBackups(
        _ result: HTTPResult, instanceID: String, page: PageRequest
    ) throws(ServiceError) -> Page<Backup> {
        let response = try StarRocksROA.decode(result, action: "DescribeBackups",
                                               as: StarRocksDescribeBackupsResponse.self)
        return try backupsPage(response, instanceID: instanceID, page: page)
    }

    public func instancesRequest(_ page: PageRequest) throws(ServiceError) -> HTTPRequestSpec {
        try signedRequest(instancesCall(page))
    }

    public func decodeInstances(_ result: HTTPResult, page: PageRequest) throws(ServiceError) -> Page<Instance> {
        let response = try StarRocksROA.decode(result, action: "DescribeInstances",
                                               as: StarRocksDescribeInstancesResponse.self)
        return try instancesPage(response, page: page)
    }

    public func send(_ request: HTTPRequestSpec) async throws(ServiceError) -> HTTPResult {
        try await roa.transport.send(request)
    }
}

extension HBRClient: BackupPageDecoding {
    /// Jobs of vault `instanceID` with the client's source type, newest first; `window` bounds `CreatedTime`.
    public func backupsRequest(
        instanceID: String, page: PageRequest, window: DateInterval?
    ) throws(ServiceError) -> HTTPRequestSpec {
        let (action, parameters) = try jobsCall(vaultID: instanceID, page: page, window: window)
        return try signedRequest(action: action, parameters: parameters)
    }

    /// An HTTP 200 whose body says `Success: false` throws: it is the vendor's error, not an empty page.
    public func decodeBackups(
        _ result: HTTPResult, instanceID: String, page: PageRequest
    ) throws(ServiceError) -> Page<Backup> {
        let response = try HBRClient.decode(result, action: "DescribeBackupJobs2",
                                            as: HBRDescribeBackupJobs2Response.self)
        return jobsPage(response, vaultID: instanceID, page: page)
    }

    /// Vaults whose `VaultRegionId` is the client's region.
    public func instancesRequest(_ page: PageRequest) throws(ServiceError) -> HTTPRequestSpec {
        let (action, parameters) = vaultsCall(page)
        return try signedRequest(action: action, parameters: parameters)
    }

    public func decodeInstances(_ result: HTTPResult, page: PageRequest) throws(ServiceError) -> Page<Instance> {
        let response = try HBRClient.decode(result, action: "DescribeVaults", as: HBRDescribeVaultsResponse.self)
        return vaultsPage(response, page: page)
    }

    public func send(_ request: HTTPRequestSpec) async throws(ServiceError) -> HTTPResult {
        try await rpc.transport.send(request)
    }
}

extension HuaweiGaussDBNoSQLClient: BackupPageDecoding {
    /// With `HuaweiAuth.iamLogin` the request carries no token yet: `send` adds it.
    public func backupsRequest(
        instanceID: String, page: PageRequest, window: DateInterval?
    ) throws(ServiceError) -> HTTPRequestSpec {
        let (path, query) = try backupsCall(instanceID: instanceID, page: page, window: window)
        return try signedRequest(path: path, query: query)
    }

    public func decodeBackups(
        _ result: HTTPResult, instanceID: String, page: PageRequest
    ) throws(ServiceError) -> Page<Backup> {
        let response = try HuaweiREST.decode(result, operation: "ShowAllInstancesBackupsNew",
                                             as: GaussDBNoSQLBackupsResponse.self)
        return backupsPage(response, instanceID: instanceID, page: page)
    }

    public func instancesRequest(_ page: PageRequest) throws(ServiceError) -> HTTPRequestSpec {
        let (path, query) = try instancesCall(page)
        return try signedRequest(path: path, query: query)
    }

    public func decodeInstances(_ result: HTTPResult, page: PageRequest) throws(ServiceError) -> Page<Instance> {
        let response = try HuaweiREST.decode(result, operation: "ListInstances",
                                             as: GaussDBNoSQLInstancesResponse.self)
        return instancesPage(response, page: page)
    }

    /// With an IAM login: the token first, and one more login and try on a 401 (a token revoked early).
    public func send(_ request: HTTPRequestSpec) async throws(ServiceError) -> HTTPResult {
        try await rest.send(request)
    }
}

extension Page {
    /// The one way a listing's records become a page: mapped in order, each that could not be read left out with
    /// why (`noun` "backup record": "backup record 3 on page 2 skipped: BackupId is missing"). `map` gets the record
    /// and its raw text.
    init<Record>(
        _ records: [Lenient<Record>], noun: String, page: PageRequest, size: Int, totalCount: Int64?,
        map: (Record, _ raw: String?) -> Item
    ) {
        var items: [Item] = []
        items.reserveCapacity(records.count)
        var skipped: [String] = []
        let number = max(page.number, 1)
        for element in records {
            switch element.result {
            case let .success(record):
                items.append(map(record, element.raw))
            case let .failure(error):
                skipped.append("\(noun) \((element.index ?? 0) + 1) on page \(number) skipped: \(error.reason)")
            }
        }
        self.init(items: items, number: number, size: size, totalCount: totalCount.map { Int(clamping: $0) },
                  skipped: skipped)
    }
}
