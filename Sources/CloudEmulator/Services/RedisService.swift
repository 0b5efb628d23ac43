import Foundation

/// ApsaraDB for Redis / Tair (`r-kvstore`, version 2015-01-01): `DescribeInstances` and
/// `DescribeClusterBackupList`, as reference/cloud-apis.md §5 describes them. The official SDK sends the backup list
/// as a GET and the instance list as a POST; both are accepted either way, as on `/` generally.
///
/// Error codes beyond the common ones (`MissingParameter`, `InvalidParameter`) are this emulator's reading of the
/// product's conventions, which the reference does not pin: `InvalidInstanceId.NotFound` (HTTP 404) for an
/// instance that does not exist in the region, `InvalidStartTime.Malformed` / `InvalidEndTime.Malformed` (400) for
/// times in neither `yyyy-MM-ddTHH:mmZ` nor `yyyy-MM-ddTHH:mm:ssZ`, `InvalidParameterCombination` (400) when the
/// end is not after the start.
struct RedisService: Sendable {
    static let version = "2015-01-01"
    /// The page sizes DescribeClusterBackupList's documentation enumerates.
    static let backupPageSizes = [30, 50, 100, 200, 300]
    let dataset: RedisDataset

    func register(in router: inout RPCRouter) {
        let service = self
        router.register(action: "DescribeInstances", version: Self.version) { call throws(AlibabaError) in
            try service.describeInstances(call)
        }
        router.register(action: "DescribeClusterBackupList", version: Self.version) { call throws(AlibabaError) in
            try service.describeClusterBackupList(call)
        }
    }

    // MARK: - DescribeInstances

    /// `RegionId` optional (every region when absent); `PageNumber` ≥ 1 (default 1); `PageSize` 1–50 (default 30).
    /// Filters: `InstanceIds` (comma-separated, up to 30), `InstanceStatus`, `InstanceType`, `ArchitectureType`,
    /// `EditionType`, `EngineVersion`, `ChargeType`, `ZoneId`, `SearchKey` (substring of id or name).
    func describeInstances(_ call: RPCCall) throws(AlibabaError) -> JSONValue {
        var matches = dataset.instances
        if let region = call.parameter("RegionId") { matches = matches.filter { $0.regionID == region } }
        if let ids = call.parameter("InstanceIds") {
            let wanted = ids.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard wanted.count <= 30 else {
                throw .invalidParameter("InstanceIds", "At most 30 instance IDs can be specified.")
            }
            matches = matches.filter { Set(wanted).contains($0.id) }
        }
        if let status = call.parameter("InstanceStatus") { matches = matches.filter { $0.status == status } }
        if let type = call.parameter("InstanceType") {
            matches = matches.filter { $0.instanceType.lowercased() == type.lowercased() }
        }
        if let architecture = call.parameter("ArchitectureType") {
            matches = matches.filter { $0.architectureType == architecture.lowercased() }
        }
        if let edition = call.parameter("EditionType") { matches = matches.filter { $0.editionType == edition } }
        if let version = call.parameter("EngineVersion") { matches = matches.filter { $0.engineVersion == version } }
        if let charge = call.parameter("ChargeType") { matches = matches.filter { $0.chargeType == charge } }
        if let zone = call.parameter("ZoneId") { matches = matches.filter { $0.zoneID == zone } }
        if let key = call.parameter("SearchKey") { matches = matches.filter { $0.id.contains(key) || $0.name.contains(key) } }

        let pageSize = try Self.integer(call, "PageSize", default: 30, valid: 1...50)
        let pageNumber = try Self.integer(call, "PageNumber", default: 1, valid: 1...Int(Int32.max))
        let page = Self.page(matches, number: pageNumber, size: pageSize)
        return .object([
            ("Instances", .object([("KVStoreInstance", .array(page.map(instanceJSON)))])),
            ("PageNumber", .int(pageNumber)),
            ("PageSize", .int(pageSize)),
            ("TotalCount", .int(matches.count)),
            ("RequestId", .string(call.requestID)),
        ])
    }

    private func instanceJSON(_ instance: RedisInstanceRecord) -> JSONValue {
        let domain = "\(instance.id).redis.rds.aliyuncs.com"
        return .object([
            ("InstanceId", .string(instance.id)),
            ("InstanceName", .string(instance.name)),
            ("InstanceStatus", .string(instance.status)),
            ("InstanceType", .string(instance.instanceType)),
            ("EngineVersion", .string(instance.engineVersion)),
            ("ArchitectureType", .string(instance.architectureType)),
            ("EditionType", .string(instance.editionType)),
            ("RegionId", .string(instance.regionID)),
            ("ZoneId", .string(instance.zoneID)),
            ("SecondaryZoneId", .string("")),
            ("InstanceClass", .string(instance.instanceClass)),
            ("Capacity", .int(instance.capacityMB)),
            ("ShardCount", .int(instance.shardCount)),
            ("ShardClass", .string(instance.architectureType == "cluster" ? instance.instanceClass : "")),
            ("Bandwidth", .int(96 * instance.shardCount)),
            ("Connections", .int(10_000 * instance.shardCount)),
            ("QPS", .int(100_000 * instance.shardCount)),
            ("ChargeType", .string(instance.chargeType)),
            ("NetworkType", .string("VPC")),
            ("NodeType", .string("MASTER_SLAVE")),
            ("CloudType", .string("cloud_native")),
            ("ComputingType", .string("memory")),
            ("ConnectionMode", .string(instance.architectureType == "cluster" ? "Proxy" : "Standard")),
            ("ConnectionDomain", .string(domain)),
            ("Port", .int(6379)),
            ("PrivateIp", .string("")),
            ("UserName", .string(instance.id)),
            ("VpcId", .string(instance.vpcID)),
            ("VSwitchId", .string(instance.vSwitchID)),
            ("ResourceGroupId", .string(instance.resourceGroupID)),
            ("PackageType", .string("standard")),
            ("IsRds", .bool(true)),
            ("HasRenewChangeOrder", .bool(false)),
            ("ReplicaCount", .int(1)),
            ("SlaveReplicaCount", .int(1)),
            ("CreateTime", .string(UTCTime.seconds(instance.createTime))),
            ("EndTime", .string(instance.endTime.map(UTCTime.seconds) ?? "")),
            ("Tags", .object([("Tag", .array([]))])),
        ])
    }

    // MARK: - DescribeClusterBackupList

    /// `RegionId`, `InstanceId`, `StartTime`, `EndTime` required; cluster backups whose start lies in
    /// [`StartTime`, `EndTime`], newest first; `ClusterBackupId` narrows to one; `NoShardBackup=true` sends empty
    /// `Backups` lists; `PageSize` ∈ {30, 50, 100, 200, 300} (default 30); `PageNumber` ≥ 1. No total: the
    /// response echoes `PageNumber`/`PageSize` and `MaxResults` (the count on this page); a page past the end is an
    /// empty `ClusterBackups` array.
    func describeClusterBackupList(_ call: RPCCall) throws(AlibabaError) -> JSONValue {
        let region = try call.required("RegionId")
        let instanceID = try call.required("InstanceId")
        let startText = try call.required("StartTime")
        let endText = try call.required("EndTime")
        guard let instance = dataset.instances.first(where: { $0.id == instanceID && $0.regionID == region }),
              let all = dataset.backups(of: instance.id)
        else {
            throw AlibabaError(status: .notFound, code: "InvalidInstanceId.NotFound",
                               message: "The specified instance is not found in region \(region).")
        }
        guard let start = Self.parseTime(startText) else {
            throw AlibabaError(status: .badRequest, code: "InvalidStartTime.Malformed",
                               message: "Specified parameter StartTime is not valid. Use yyyy-MM-ddTHH:mmZ (UTC).")
        }
        guard let end = Self.parseTime(endText) else {
            throw AlibabaError(status: .badRequest, code: "InvalidEndTime.Malformed",
                               message: "Specified parameter EndTime is not valid. Use yyyy-MM-ddTHH:mmZ (UTC).")
        }
        guard end > start else {
            throw AlibabaError(status: .badRequest, code: "InvalidParameterCombination",
                               message: "The end time must be later than the start time.")
        }
        var pageSize = 30
        if let text = call.parameter("PageSize") {
            guard let value = Int(text), Self.backupPageSizes.contains(value) else {
                throw .invalidParameter("PageSize", "Valid values are 30, 50, 100, 200 and 300.")
            }
            pageSize = value
        }
        let pageNumber = try Self.integer(call, "PageNumber", default: 1, valid: 1...Int(Int32.max))
        var noShardBackup = false
        if let text = call.parameter("NoShardBackup") {
            switch text.lowercased() {
            case "true": noShardBackup = true
            case "false": noShardBackup = false
            default: throw .invalidParameter("NoShardBackup", "Valid values are true and false.")
            }
        }
        let clusterBackupID = call.parameter("ClusterBackupId")
        let matches = all.filter { backup in
            backup.startTime >= start && backup.startTime <= end
                && (clusterBackupID == nil || backup.id == clusterBackupID)
        }
        let page = Self.page(matches, number: pageNumber, size: pageSize)
        return .object([
            ("RequestId", .string(call.requestID)),
            ("MaxResults", .int(page.count)),
            ("PageNumber", .int(pageNumber)),
            ("PageSize", .int(pageSize)),
            ("FullStorageSize", .int(matches.filter { $0.status == "OK" }.reduce(Int64(0)) { $0 + $1.sizeBytes })),
            ("LogStorageSize", .int(0)),
            ("FreeSize", .int(Int64(instance.capacityMB) * 1_048_576)),
            ("ClusterBackups", .array(page.map {
                clusterBackupJSON($0, withNodes: !noShardBackup, baseURL: call.baseURL)
            })),
        ])
    }

    private func clusterBackupJSON(_ backup: RedisClusterBackupRecord, withNodes: Bool, baseURL: String) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("IsAvail", .int(backup.isAvailable ? 1 : 0)),
            ("ClusterBackupId", .string(backup.id)),
            ("ClusterBackupStatus", .string(backup.status)),
            ("ClusterBackupSize", .string(String(backup.sizeBytes))),
            ("ClusterBackupStartTime", .string(UTCTime.seconds(backup.startTime))),
            ("ClusterBackupEndTime", .string(backup.endTime.map(UTCTime.seconds) ?? "")),
            ("ClusterBackupMode", .string(backup.mode)),
            ("ShardClassMemory", .int(backup.shardMemoryMB)),
            ("Backups", .array(withNodes ? backup.nodes.map { nodeJSON($0, baseURL: baseURL) } : [])),
        ]
        if let progress = backup.progress { members.append(("Progress", .string(progress))) }
        members.append(("ExpectExpireTime", .string(UTCTime.minutes(backup.expectExpireTime))))
        return .object(members)
    }

    private func nodeJSON(_ node: RedisNodeBackupRecord, baseURL: String) -> JSONValue {
        func url(_ path: String?) -> JSONValue { .string(path.map { baseURL + $0 } ?? "") }
        // The vendor's example writes the node end time without a zone; so does this emulator.
        let end = node.endTime.map { String(UTCTime.seconds($0).dropLast()) } ?? ""
        return .object([
            ("BackupId", .string(node.id)),
            ("InstanceName", .string(node.fileName)),
            ("BackupDownloadURL", url(node.downloadPath)),
            ("BackupIntranetDownloadURL", url(node.intranetDownloadPath)),
            ("BackupStartTime", .string(UTCTime.seconds(node.startTime))),
            ("BackupEndTime", .string(end)),
            ("BackupSize", .string(String(node.sizeBytes))),
            ("IsAvail", .string(node.isAvailable ? "1" : "0")),
            ("BackupStatus", .string(node.status)),
            ("BackupName", .string(node.fileName)),
            ("Engine", .string("redis")),
            ("ExtraInfo", .object([("CustinsDbVersion", .string(node.engineVersion))])),
            ("RecoverConfigMode", .string("")),
        ])
    }

    // MARK: - Helpers

    /// `yyyy-MM-ddTHH:mmZ` (what the SDK documents) or `yyyy-MM-ddTHH:mm:ssZ` (what the vendor's own example sends).
    static func parseTime(_ text: String) -> Int64? {
        if let minutes = UTCTime.parseMinuteForm(text) { return minutes }
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z"),
              let base = UTCTime.parseMinuteForm(String(decoding: bytes[0..<16] + [UInt8(ascii: "Z")], as: UTF8.self)),
              let seconds = Int(String(decoding: bytes[17..<19], as: UTF8.self)), (0...59).contains(seconds),
              bytes[17..<19].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        return base + Int64(seconds)
    }

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
}
