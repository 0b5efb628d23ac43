import BackupModel
import Foundation

/// `listBackups` taken apart: the signed request it sends, and the decoding of the answer into a page. With these
/// `backdeck-bench` captures a page's JSON once and times the client's own decoding and mapping without the network.
/// RDS's, Redis's, StarRocks' and HBR's `listBackups` are `decodeBackups(transport.send(backupsRequest(…)))`; Huawei's
/// sends through `HuaweiREST.call`, which may log in to IAM and retry once on a 401, then decodes the same way.
public protocol BackupPageDecoding: BackupService {
    func backupsRequest(instanceID: String, page: PageRequest, window: DateInterval?) throws(ServiceError)
        -> HTTPRequestSpec
    func decodeBackups(_ result: HTTPResult, instanceID: String, page: PageRequest) throws(ServiceError) -> Page<Backup>
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
}

extension RedisClient: BackupPageDecoding {
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
}

extension HuaweiGaussDBNoSQLClient: BackupPageDecoding {
    /// With `HuaweiAuth.iamLogin` this throws: the token is obtained on the way out, by `listBackups` only.
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
}

extension HBRClient: BackupPageDecoding {
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
