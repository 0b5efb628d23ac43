import Foundation

/// ApsaraDB RDS (`rds`, version 2014-08-15): `DescribeDBInstances` and `DescribeBackups`, as
/// reference/cloud-apis.md §3 describes them (page counters are ints in the first and strings in the second).
struct RDSService: Sendable {
    static let version = "2014-08-15"
    let dataset: RDSDataset

    func register(in router: inout RPCRouter) {
        let service = self
        router.register(action: "DescribeDBInstances", version: Self.version) { call throws(AlibabaError) in
            try service.describeDBInstances(call)
        }
        router.register(action: "DescribeBackups", version: Self.version) { call throws(AlibabaError) in
            try service.describeBackups(call)
        }
    }

    // MARK: - DescribeDBInstances

    /// `RegionId` required; page mode (`PageNumber` ≥ 1, `PageSize` 1–100, default 30) or token mode
    /// (`MaxResults` 1–100 + `NextToken`, where `PageNumber` is 1 and `TotalRecordCount` counts the page).
    /// Filters: `Engine`, `DBInstanceId` (comma-separated), `DBInstanceStatus`, `DBInstanceType`, `ZoneId`,
    /// `PayType`, `SearchKey` (substring of id or description).
    func describeDBInstances(_ call: RPCCall) throws(AlibabaError) -> JSONValue {
        let region = try call.required("RegionId")
        var matches = dataset.instances(inRegion: region)
        if let engine = call.parameter("Engine") { matches = matches.filter { $0.engine.lowercased() == engine.lowercased() } }
        if let ids = call.parameter("DBInstanceId") {
            let wanted = Set(ids.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            matches = matches.filter { wanted.contains($0.id) }
        }
        if let status = call.parameter("DBInstanceStatus") { matches = matches.filter { $0.status == status } }
        if let type = call.parameter("DBInstanceType") { matches = matches.filter { $0.instanceType == type } }
        if let zone = call.parameter("ZoneId") { matches = matches.filter { $0.zoneID == zone } }
        if let payType = call.parameter("PayType") { matches = matches.filter { $0.payType == payType } }
        if let key = call.parameter("SearchKey") {
            matches = matches.filter { $0.id.contains(key) || $0.description.contains(key) }
        }

        let tokenMode = call.parameter("MaxResults") != nil || call.parameter("NextToken") != nil
        if tokenMode {
            let maxResults = try Self.integer(call, "MaxResults", default: 30, valid: 1...100)
            var offset = 0
            if let token = call.parameter("NextToken") {
                guard let decoded = Self.decodeToken(token), decoded <= matches.count else {
                    throw .invalidParameter("NextToken", "The token is not one this API returned.")
                }
                offset = decoded
            }
            let page = Array(matches[offset..<min(offset + maxResults, matches.count)])
            let next = offset + page.count < matches.count ? Self.encodeToken(offset + page.count) : ""
            return .object([
                ("Items", .object([("DBInstance", .array(page.map(instanceJSON)))])),
                ("TotalRecordCount", .int(page.count)),
                ("PageRecordCount", .int(page.count)),
                ("PageNumber", .int(1)),
                ("NextToken", .string(next)),
                ("RequestId", .string(call.requestID)),
            ])
        }
        let pageSize = try Self.integer(call, "PageSize", default: 30, valid: 1...100)
        let pageNumber = try Self.integer(call, "PageNumber", default: 1, valid: 1...Int(Int32.max))
        let page = Self.page(matches, number: pageNumber, size: pageSize)
        return .object([
            ("Items", .object([("DBInstance", .array(page.map(instanceJSON)))])),
            ("TotalRecordCount", .int(matches.count)),
            ("PageRecordCount", .int(page.count)),
            ("PageNumber", .int(pageNumber)),
            ("RequestId", .string(call.requestID)),
        ])
    }

    private func instanceJSON(_ instance: RDSInstanceRecord) -> JSONValue {
        .object([
            ("DBInstanceId", .string(instance.id)),
            ("DBInstanceDescription", .string(instance.description)),
            ("PayType", .string(instance.payType)),
            ("DBInstanceType", .string(instance.instanceType)),
            ("RegionId", .string(instance.regionID)),
            ("ZoneId", .string(instance.zoneID)),
            ("ExpireTime", .string(instance.expireTime.map(UTCTime.seconds) ?? "")),
            ("DBInstanceStatus", .string(instance.status)),
            ("Engine", .string(instance.engine)),
            ("EngineVersion", .string(instance.engineVersion)),
            ("DBInstanceNetType", .string("Intranet")),
            ("ConnectionMode", .string("Standard")),
            ("ConnectionString", .string(instance.connectionString)),
            ("LockMode", .string(instance.lockMode)),
            ("LockReason", .string("")),
            ("Category", .string(instance.category)),
            ("DBInstanceClass", .string(instance.instanceClass)),
            ("DBInstanceCPU", .string(String(instance.cpuCount))),
            ("DBInstanceMemory", .int(instance.memoryMiB)),
            ("DBInstanceStorageType", .string(instance.storageType)),
            ("InstanceNetworkType", .string("VPC")),
            ("VpcId", .string(instance.vpcID)),
            ("VSwitchId", .string(instance.vSwitchID)),
            ("VpcCloudInstanceId", .string("")),
            ("ResourceGroupId", .string(instance.resourceGroupID)),
            ("CreateTime", .string(UTCTime.seconds(instance.createTime))),
            ("MutriORsignle", .bool(false)),
            ("DeletionProtection", .bool(false)),
            ("MasterInstanceId", .string("")),
            ("GuardDBInstanceId", .string("")),
            ("TempDBInstanceId", .string("")),
            ("ReadOnlyDBInstanceIds", .object([("ReadOnlyDBInstanceId", .array([]))])),
            ("Tips", .string("")),
            ("TipsLevel", .int(0)),
        ])
    }

    // MARK: - DescribeBackups

    /// `DBInstanceId` required; `PageSize` ∈ {30, 50, 100} (default 30); `PageNumber` ≥ 1; exact-match filters
    /// `BackupId`, `BackupStatus`, `BackupMode`, `BackupType`; `StartTime`/`EndTime` in `yyyy-MM-ddTHH:mmZ`, keeping
    /// backups with `StartTime ≤ BackupStartTime ≤ EndTime`. Newest first; a page past the end is empty.
    func describeBackups(_ call: RPCCall) throws(AlibabaError) -> JSONValue {
        let instanceID = try call.required("DBInstanceId")
        guard let all = dataset.backups(of: instanceID) else {
            throw AlibabaError(status: .badRequest, code: "InvalidDBInstanceId.NotFound",
                               message: "The DBInstanceId provided does not exist in records.")
        }
        var pageSize = 30
        if let text = call.parameter("PageSize") {
            guard let value = Int(text), [30, 50, 100].contains(value) else {
                throw .invalidParameter("PageSize", "Valid values are 30, 50 and 100.")
            }
            pageSize = value
        }
        let pageNumber: Int
        do {
            pageNumber = try Self.integer(call, "PageNumber", default: 1, valid: 1...Int(Int32.max))
        } catch {
            throw AlibabaError(status: .badRequest, code: "InvalidPageNumbers.Malformed",
                               message: "Specified page number is not valid.")
        }
        var start: Int64?
        var end: Int64?
        if let text = call.parameter("StartTime") {
            guard let value = UTCTime.parseMinuteForm(text) else {
                throw AlibabaError(status: .badRequest, code: "InvalidStartTime.Format",
                                   message: "Specified start time is not valid. Use yyyy-MM-ddTHH:mmZ (UTC).")
            }
            start = value
        }
        if let text = call.parameter("EndTime") {
            guard let value = UTCTime.parseMinuteForm(text) else {
                throw AlibabaError(status: .badRequest, code: "InvalidEndTime.Format",
                                   message: "Specified end time is not valid. Use yyyy-MM-ddTHH:mmZ (UTC).")
            }
            end = value
        }
        if let start, let end, end <= start {
            throw AlibabaError(status: .badRequest, code: "InvalidParameterCombination",
                               message: "The end time must be greater than the start time")
        }

        let backupID = call.parameter("BackupId")
        let status = call.parameter("BackupStatus")
        let mode = call.parameter("BackupMode")
        let type = call.parameter("BackupType")
        let matches = all.filter { backup in
            (backupID == nil || backup.id == backupID)
                && (status == nil || backup.status == status)
                && (mode == nil || backup.mode == mode)
                && (type == nil || backup.type == type)
                && (start.map { backup.startTime >= $0 } ?? true)
                && (end.map { backup.startTime <= $0 } ?? true)
        }
        let page = Self.page(matches, number: pageNumber, size: pageSize)
        let resourceGroup = dataset.instances.first { $0.id == instanceID }?.resourceGroupID ?? ""
        return .object([
            ("RequestId", .string(call.requestID)),
            ("TotalEcsSnapshotSize", .int(dataset.snapshotBytes(of: instanceID))),
            ("PageRecordCount", .string(String(page.count))),
            ("TotalRecordCount", .string(String(matches.count))),
            ("PageNumber", .string(String(pageNumber))),
            ("Items", .object([
                ("Backup", .array(page.map { backupJSON($0, resourceGroup: resourceGroup, baseURL: call.baseURL) })),
            ])),
        ])
    }

    private func backupJSON(_ backup: RDSBackupRecord, resourceGroup: String, baseURL: String) -> JSONValue {
        func url(_ path: String?) -> JSONValue { .string(path.map { baseURL + $0 } ?? "") }
        let links = backup.databaseLinks.map { link in
            JSONValue.object([
                ("DataBase", .string(link.database)),
                ("DownloadLink", .string(baseURL + link.downloadPath)),
                ("IntranetDownloadLink", .string(baseURL + link.intranetDownloadPath)),
            ])
        }
        return .object([
            ("StorageClass", .string(backup.storageClass)),
            ("Encryption", .string(backup.encryption)),
            ("BackupStatus", .string(backup.status)),
            ("StoreStatus", .string(backup.storeStatus)),
            ("ConsistentTime", .int(backup.consistentTime)),
            ("BackupType", .string(backup.type)),
            ("CopyOnlyBackup", .string(backup.copyOnlyBackup)),
            ("BackupEndTime", .string(backup.endTime.map(UTCTime.seconds) ?? "")),
            ("MetaStatus", .string(backup.metaStatus)),
            ("BackupInitiator", .string(backup.initiator)),
            ("BackupIntranetDownloadURL", url(backup.intranetDownloadPath)),
            ("BackupMethod", .string(backup.method)),
            ("BackupStartTime", .string(UTCTime.seconds(backup.startTime))),
            ("BackupDownloadURL", url(backup.downloadPath)),
            ("IsAvail", .int(backup.isAvailable ? 1 : 0)),
            ("BackupId", .string(backup.id)),
            ("HostInstanceID", .string(backup.hostInstanceID)),
            ("BackupSize", .int(backup.sizeBytes)),
            ("BackupMode", .string(backup.mode)),
            ("DBInstanceId", .string(backup.instanceID)),
            ("Checksum", .string(backup.checksum)),
            ("BackupDownloadLinkByDB", .object([("BackupDownloadLinkByDB", .array(links))])),
            ("ResourceGroupId", .string(resourceGroup)),
            ("Engine", .string(backup.engine)),
            ("EngineVersion", .string(backup.engineVersion)),
            ("ExpectExpireTime", .string(UTCTime.seconds(backup.expectExpireTime))),
        ])
    }

    // MARK: - Helpers

    private static func integer(
        _ call: RPCCall, _ name: String, default fallback: Int, valid: ClosedRange<Int>
    ) throws(AlibabaError) -> Int {
        guard let text = call.parameter(name) else { return fallback }
        guard let value = Int(text), valid.contains(value) else {
            throw .invalidParameter(name, "Valid values are \(valid.lowerBound) to \(valid.upperBound).")
        }
        return value
    }

    private static func page<T>(_ items: [T], number: Int, size: Int) -> [T] {
        let (first, overflow) = (number - 1).multipliedReportingOverflow(by: size)
        guard !overflow, first < items.count else { return [] }
        return Array(items[first..<min(first + size, items.count)])
    }

    private static let tokenPrefix = "rdsnt"

    private static func encodeToken(_ offset: Int) -> String { tokenPrefix + String(offset, radix: 16) }

    private static func decodeToken(_ token: String) -> Int? {
        guard token.hasPrefix(tokenPrefix) else { return nil }
        return Int(token.dropFirst(tokenPrefix.count), radix: 16)
    }
}
