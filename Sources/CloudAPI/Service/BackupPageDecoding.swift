import BackupModel
import Foundation

/// `listBackups` taken apart: the signed request it sends, and the decoding of the answer into a page. With these
/// `backdeck-bench` captures a page's JSON once and times the client's own decoding and mapping without the network.
/// RDS's and Redis's `listBackups` are `decodeBackups(transport.send(backupsRequest(…)))`; Huawei's sends through
/// `HuaweiREST.call`, which may log in to IAM and retry once on a 401, then decodes the same way.
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
