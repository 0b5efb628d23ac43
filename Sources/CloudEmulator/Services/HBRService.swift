import Foundation

/// Cloud Backup (`hbr`, version 2017-09-08): `DescribeVaults` and `DescribeBackupJobs2`, as
/// reference/cloud-apis.md §2 describes them. Signature, routing and gateway errors are HTTP 4xx like every
/// Alibaba product; HBR's own parameter errors come back as **HTTP 200 with `Success: false`**.
struct HBRService: Sendable {
    static let version = "2017-09-08"
    let dataset: HBRDataset

    static let sourceTypes: Set<String> = [
        "ECS_FILE", "OSS", "NAS", "OTS", "UDM_ECS", "UDM_ECS_DISK", "COMMON_NAS", "File", "SYNC",
    ]
    static let filterKeys: Set<String> = [
        "RegionId", "PlanId", "JobId", "VaultId", "InstanceId", "Bucket", "FileSystemId", "Status", "CreatedTime",
        "CompleteTime", "InstanceName", "BackupType", "ParentId",
    ]
    static let operators: Set<String> = [
        "EQUAL", "NOT_EQUAL", "GREATER_THAN", "GREATER_THAN_OR_EQUAL", "LESS_THAN", "LESS_THAN_OR_EQUAL", "BETWEEN",
        "IN",
    ]
    static let timeKeys: Set<String> = ["CreatedTime", "CompleteTime"]

    /// An HBR business error: HTTP 200, `Success: false`.
    struct Failure: Error {
        let code: String
        let message: String

        static func invalid(_ name: String, _ detail: String) -> Failure {
            Failure(code: "InvalidParameter", message: "The parameter \(name) is invalid. \(detail)")
        }
    }

    func register(in router: inout RPCRouter) {
        let service = self
        router.register(action: "DescribeVaults", version: Self.version) { call throws(AlibabaError) in
            service.answer(call) { call throws(Failure) in try service.describeVaults(call) }
        }
        router.register(action: "DescribeBackupJobs2", version: Self.version) { call throws(AlibabaError) in
            service.answer(call) { call throws(Failure) in try service.describeBackupJobs2(call) }
        }
    }

    /// Success bodies get the status members HBR puts first; failures become the Success:false body.
    private func answer(_ call: RPCCall, _ body: (RPCCall) throws(Failure) -> [(String, JSONValue)]) -> JSONValue {
        do {
            let members = try body(call)
            return .object([
                ("RequestId", .string(call.requestID)), ("Success", .bool(true)), ("Code", .string("200")),
                ("Message", .string("successful")),
            ] + members)
        } catch {
            return .object([
                ("RequestId", .string(call.requestID)), ("Success", .bool(false)), ("Code", .string(error.code)),
                ("Message", .string(error.message)),
            ])
        }
    }

    // MARK: - DescribeVaults

    /// Filters: `VaultRegionId`, `VaultId`, `VaultName`, `VaultType`, `Status`, `ResourceGroupId`, `Tag.N.Key` /
    /// `Tag.N.Value` (form body or query). `PageNumber` ≥ 1, `PageSize` 1–99 (default 10).
    func describeVaults(_ call: RPCCall) throws(Failure) -> [(String, JSONValue)] {
        let pageNumber = try Self.integer(call, "PageNumber", default: 1, valid: 1...Int(Int32.max))
        let pageSize = try Self.integer(call, "PageSize", default: 10, valid: 1...99)
        if let status = call.parameter("Status"), !["UNKNOWN", "INITIALIZING", "CREATED", "ERROR"].contains(status) {
            throw .invalid("Status", "Valid values are UNKNOWN, INITIALIZING, CREATED and ERROR.")
        }
        var matches = dataset.vaults
        if let region = call.parameter("VaultRegionId") { matches = matches.filter { $0.regionID == region } }
        if let id = call.parameter("VaultId") { matches = matches.filter { $0.id == id } }
        if let name = call.parameter("VaultName") { matches = matches.filter { $0.name == name } }
        if let type = call.parameter("VaultType") { matches = matches.filter { $0.vaultType == type } }
        if let status = call.parameter("Status") { matches = matches.filter { $0.status == status } }
        if let group = call.parameter("ResourceGroupId") { matches = matches.filter { $0.resourceGroupID == group } }
        for tag in Self.tags(call) {
            matches = matches.filter { vault in
                vault.tags.contains { $0.key == tag.key && (tag.value == nil || $0.value == tag.value) }
            }
        }
        let page = Self.page(matches, number: pageNumber, size: pageSize)
        return [
            ("PageNumber", .int(pageNumber)), ("PageSize", .int(pageSize)), ("TotalCount", .int(matches.count)),
            ("Vaults", .object([("Vault", .array(page.map(vaultJSON)))])),
        ]
    }

    private static func tags(_ call: RPCCall) -> [(key: String, value: String?)] {
        var result: [(key: String, value: String?)] = []
        for n in 1...20 {
            guard let key = call.parameter("Tag.\(n).Key") else { continue }
            result.append((key, call.parameter("Tag.\(n).Value")))
        }
        return result
    }

    private func vaultJSON(_ vault: HBRVaultFixture) -> JSONValue {
        .object([
            ("VaultId", .string(vault.id)),
            ("VaultName", .string(vault.name)),
            ("VaultRegionId", .string(vault.regionID)),
            ("VaultType", .string(vault.vaultType)),
            ("VaultStorageClass", .string(vault.storageClass)),
            ("Status", .string(vault.status)),
            ("Description", .string(vault.description)),
            ("CreatedTime", .int(vault.createdTime)),
            ("UpdatedTime", .int(vault.updatedTime)),
            ("StorageSize", .int(vault.storageSize)),
            ("BytesDone", .int(vault.bytesDone)),
            ("ChargedStorageSize", .int(vault.storageSize)),
            ("ArchiveStorageSize", .int(0)),
            ("ArchiveBytesDone", .int(0)),
            ("Dedup", .bool(true)),
            ("RedundancyType", .string("LRS")),
            ("EncryptType", .string("HBR_PRIVATE")),
            ("ChargeType", .string("FREE")),
            ("CompressionAlgorithm", .string("zstd")),
            ("IndexAvailable", .bool(false)),
            ("SearchEnabled", .bool(false)),
            ("WormEnabled", .bool(false)),
            ("Replication", .bool(false)),
            ("ReplicationSourceVault", .bool(false)),
            ("ReplicationSourceRegionId", .string("")),
            ("ReplicationSourceVaultId", .string("")),
            ("ResourceGroupId", .string(vault.resourceGroupID)),
            ("Retention", .int(0)),
            ("SnapshotCount", .int(dataset.jobs.filter { $0.vaultID == vault.id && $0.completeTime > 0 }.count)),
            ("SourceTypes", .object([("SourceType", .array(vault.sourceTypes.map { .string($0) }))])),
            ("Tags", .object([("Tag", .array(vault.tags.map {
                .object([("Key", .string($0.key)), ("Value", .string($0.value))])
            }))])),
            ("BackupPlanStatistics", .object([
                ("EcsFile", .int(vault.sourceTypes.contains("ECS_FILE") ? 1 : 0)),
                ("Oss", .int(vault.sourceTypes.contains("OSS") ? 1 : 0)),
                ("Nas", .int(vault.sourceTypes.contains("NAS") ? 1 : 0)),
                ("Ots", .int(vault.sourceTypes.contains("OTS") ? 1 : 0)),
            ])),
            ("ReplicationProgress", .object([("HistoricalReplicationProgress", .int(0)),
                                             ("NewReplicationProgress", .int(0))])),
        ])
    }

    // MARK: - DescribeBackupJobs2

    struct Filter {
        let key: String
        let op: String
        let values: [String]
    }

    /// `SourceType` required; `PageNumber` ≥ 1, `PageSize` 1–99 (default 10); `SortDirection` by `CreatedTime`
    /// (DESCEND default); `Filters.N.Key`/`Operator`/`Values.M` as documented. BETWEEN takes two `Values.M`
    /// (what the SDK sends for `[min, max]`) or one JSON array `"[min,max]"` (the doc's wording).
    func describeBackupJobs2(_ call: RPCCall) throws(Failure) -> [(String, JSONValue)] {
        guard let sourceType = call.parameter("SourceType") else {
            throw Failure(code: "MissingParameter", message: "The parameter SourceType is required.")
        }
        guard Self.sourceTypes.contains(sourceType) else {
            throw .invalid("SourceType", "Unsupported source type \(sourceType).")
        }
        let pageNumber = try Self.integer(call, "PageNumber", default: 1, valid: 1...Int(Int32.max))
        let pageSize = try Self.integer(call, "PageSize", default: 10, valid: 1...99)
        let direction = call.parameter("SortDirection") ?? "DESCEND"
        guard direction == "ASCEND" || direction == "DESCEND" else {
            throw .invalid("SortDirection", "Valid values are ASCEND and DESCEND.")
        }
        if let edition = call.parameter("Edition"), edition != "BASIC", edition != "STANDARD" {
            throw .invalid("Edition", "Valid values are BASIC and STANDARD.")
        }
        let filters = try Self.filters(call, sourceType: sourceType)
        var matches: [HBRJobFixture] = []
        for job in dataset.jobs where job.sourceType == sourceType {
            var keep = true
            for filter in filters where keep { keep = Self.matches(job, filter) }
            if keep { matches.append(job) }
        }
        matches.sort { a, b in
            direction == "ASCEND" ? (a.createdTime, a.id) < (b.createdTime, b.id) : (a.createdTime, a.id) > (b.createdTime, b.id)
        }
        let page = Self.page(matches, number: pageNumber, size: pageSize)
        return [
            ("PageNumber", .int(pageNumber)), ("PageSize", .int(pageSize)), ("TotalCount", .int(matches.count)),
            ("BackupJobs", .object([("BackupJob", .array(page.map(jobJSON)))])),
        ]
    }

    static func filters(_ call: RPCCall, sourceType: String) throws(Failure) -> [Filter] {
        var numbers = Set<Int>()
        for name in call.parameters.keys where name.hasPrefix("Filters.") {
            let parts = name.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count >= 3, let n = Int(parts[1]), n >= 1 else {
                throw .invalid(name, "Filters are numbered from 1.")
            }
            numbers.insert(n)
        }
        var filters: [Filter] = []
        for n in numbers.sorted() {
            guard let key = call.parameter("Filters.\(n).Key") else {
                throw Failure(code: "MissingParameter", message: "The parameter Filters.\(n).Key is required.")
            }
            guard filterKeys.contains(key) else { throw .invalid("Filters.\(n).Key", "Unknown key \(key).") }
            let op = call.parameter("Filters.\(n).Operator") ?? "IN"
            guard operators.contains(op) else { throw .invalid("Filters.\(n).Operator", "Unknown operator \(op).") }
            if key == "CompleteTime", op == "IN" {
                throw .invalid("Filters.\(n).Operator", "The IN operator is not supported with CompleteTime.")
            }
            if key == "BackupType", sourceType != "COMMON_NAS" {
                throw .invalid("Filters.\(n).Key", "BackupType is only supported with SourceType COMMON_NAS.")
            }
            var values: [String] = []
            var m = 1
            while let value = call.parameters["Filters.\(n).Values.\(m)"] {
                values.append(value)
                m += 1
            }
            if op == "BETWEEN", values.count == 1, let range = jsonPair(values[0]) { values = range }
            switch op {
            case "IN":
                guard !values.isEmpty else { throw .invalid("Filters.\(n).Values", "IN needs at least one value.") }
            case "BETWEEN":
                guard values.count == 2 else {
                    throw .invalid("Filters.\(n).Values", "BETWEEN needs exactly two values [min,max].")
                }
            default:
                guard values.count == 1 else { throw .invalid("Filters.\(n).Values", "\(op) needs exactly one value.") }
            }
            if timeKeys.contains(key) {
                guard values.allSatisfy({ Int64($0) != nil }) else {
                    throw .invalid("Filters.\(n).Values", "\(key) values are Unix timestamps in seconds.")
                }
            } else if !["EQUAL", "NOT_EQUAL", "IN"].contains(op) {
                throw .invalid("Filters.\(n).Operator", "\(op) is only supported with CreatedTime and CompleteTime.")
            }
            filters.append(Filter(key: key, op: op, values: values))
        }
        return filters
    }

    /// `"[1554347313,1554347999]"` (numbers or strings) → the two values as text.
    private static func jsonPair(_ text: String) -> [String]? {
        guard text.hasPrefix("["), let data = text.data(using: .utf8),
              let array = try? JSONSerialization.jsonObject(with: data) as? [Any], array.count == 2
        else { return nil }
        let values = array.compactMap { item -> String? in
            if let number = item as? NSNumber { return number.stringValue }
            return item as? String
        }
        return values.count == 2 ? values : nil
    }

    static func matches(_ job: HBRJobFixture, _ filter: Filter) -> Bool {
        let field: String = switch filter.key {
        case "RegionId": job.regionID
        case "PlanId": job.planID
        case "JobId": job.id
        case "VaultId": job.vaultID
        case "InstanceId": job.instanceID
        case "Bucket": job.bucket
        case "FileSystemId": job.fileSystemID
        case "Status": job.status
        case "InstanceName": job.instanceName
        case "BackupType": "COMPLETE"
        case "ParentId": job.parentID
        case "CreatedTime": String(job.createdTime)
        default: String(job.completeTime)
        }
        if timeKeys.contains(filter.key) {
            let value = filter.key == "CreatedTime" ? job.createdTime : job.completeTime
            let numbers = filter.values.compactMap { Int64($0) }
            guard let first = numbers.first else { return false }
            return switch filter.op {
            case "EQUAL": value == first
            case "NOT_EQUAL": value != first
            case "GREATER_THAN": value > first
            case "GREATER_THAN_OR_EQUAL": value >= first
            case "LESS_THAN": value < first
            case "LESS_THAN_OR_EQUAL": value <= first
            case "BETWEEN": numbers.count == 2 && value >= numbers[0] && value <= numbers[1]
            default: numbers.contains(value)
            }
        }
        return switch filter.op {
        case "NOT_EQUAL": field != filter.values[0]
        case "EQUAL": field == filter.values[0]
        default: filter.values.contains(field)
        }
    }

    private func jobJSON(_ job: HBRJobFixture) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("JobId", .string(job.id)),
            ("JobName", .string(job.name)),
            ("Status", .string(job.status)),
            ("ErrorMessage", .string(job.errorMessage)),
            ("SourceType", .string(job.sourceType)),
            ("BackupType", .string("COMPLETE")),
            ("VaultId", .string(job.vaultID)),
            ("PlanId", .string(job.planID)),
            ("CreatedTime", .int(job.createdTime)),
            ("StartTime", .int(job.startTime)),
            ("CompleteTime", .int(job.completeTime)),
            ("UpdatedTime", .int(job.updatedTime)),
            ("BytesTotal", .int(job.bytesTotal)),
            ("BytesDone", .int(job.bytesDone)),
            ("ActualBytes", .int(job.actualBytes)),
            ("Speed", .int(job.speed)),
            ("Progress", .int(job.progress)),
            ("CrossAccountType", .string(job.crossAccountType)),
            ("CrossAccountUserId", .int(job.crossAccountUserID)),
            ("CrossAccountRoleName", .string(job.crossAccountRoleName)),
        ]
        switch job.sourceType {
        case "ECS_FILE":
            members += [
                ("ClientId", .string(job.clientID)), ("InstanceId", .string(job.instanceID)),
                ("Include", .string(job.include)), ("Exclude", .string(job.exclude)),
                ("Options", .string(job.options)), ("SpeedLimit", .string(job.speedLimit)),
                ("ItemsTotal", .int(job.itemsTotal)), ("ItemsDone", .int(job.itemsDone)),
                ("ActualItems", .int(job.actualItems)),
                ("FilesTotal", .int(job.itemsTotal)), ("FilesDone", .int(job.itemsDone)),
                ("ActualFiles", .int(job.actualItems)),
                ("Paths", .object([("Path", .array(job.paths.map { .string($0) }))])),
                ("Report", .object([
                    ("TotalFiles", .string(String(job.itemsTotal))), ("SuccessFiles", .string(String(job.itemsDone))),
                    ("FailedFiles", .string(job.status == "PARTIAL_COMPLETE" ? "3" : "0")),
                    ("SkippedFiles", .string("0")),
                    ("ReportTaskStatus", .string(job.completeTime > 0 ? "COMPLETE" : "RUNNING")),
                ])),
            ]
        case "OSS":
            members += [
                ("Bucket", .string(job.bucket)), ("Prefix", .string(job.prefix)),
                ("ItemsTotal", .int(job.itemsTotal)), ("ItemsDone", .int(job.itemsDone)),
                ("ActualItems", .int(job.actualItems)),
            ]
        case "NAS":
            members += [
                ("FileSystemId", .string(job.fileSystemID)), ("CreateTime", .int(job.fileSystemCreated)),
                ("InstanceId", .string(job.instanceID)),
                ("Paths", .object([("Path", .array(job.paths.map { .string($0) }))])),
                ("ItemsTotal", .int(job.itemsTotal)), ("ItemsDone", .int(job.itemsDone)),
            ]
        case "OTS":
            members += [
                ("InstanceName", .string(job.instanceName)), ("TableName", .string(job.tableNames.first ?? "")),
                ("OtsDetail", .object([("TableNames", .object([("TableName", .array(job.tableNames.map { .string($0) }))]))])),
            ]
        case "UDM_ECS":
            members.append(("InstanceId", .string(job.instanceID)))
            if let snapshot = job.snapshot {
                members.append(("Detail", .object([
                    ("DoCopy", .bool(snapshot.doCopy)),
                    ("NativeSnapshotId", .string(snapshot.nativeSnapshotID)),
                    ("DestinationSnapshotId", .string(snapshot.destinationSnapshotID)),
                    ("DestinationNativeSnapshotId", .string(snapshot.destinationNativeSnapshotID)),
                    ("DestinationNativeSnapshotStatus", .string(snapshot.destinationNativeSnapshotStatus)),
                    ("DestinationNativeSnapshotProgress", .int(snapshot.destinationNativeSnapshotProgress)),
                    ("DestinationNativeSnapshotErrorMessage", .string(snapshot.destinationNativeSnapshotErrorMessage)),
                    ("DestinationRetention", .int(snapshot.destinationRetention)),
                    ("DiskNativeSnapshotIdList", .object([
                        ("DiskNativeSnapshotId", .array(snapshot.diskSnapshotIDs.map { .string($0) })),
                    ])),
                ])))
            }
        case "UDM_ECS_DISK":
            members.append(("InstanceId", .string(job.instanceID)))
        case "SYNC":
            members += [
                ("Bucket", .string(job.bucket)), ("Prefix", .string(job.prefix)),
                ("DestSourceType", .string(job.destSourceType)), ("DestDataSourceId", .string(job.destDataSourceID)),
                ("DestDataSourceDetail", .string(job.destDataSourceDetail)),
                ("ChangeListPath", .string(job.changeListPath)),
                ("FilesTotal", .int(job.itemsTotal)), ("FilesDone", .int(job.itemsDone)),
                ("ActualFiles", .int(job.actualItems)),
            ]
        default: break
        }
        return .object(members)
    }

    // MARK: - Helpers

    private static func integer(
        _ call: RPCCall, _ name: String, default fallback: Int, valid: ClosedRange<Int>
    ) throws(Failure) -> Int {
        guard let text = call.parameter(name) else { return fallback }
        guard let value = Int(text), valid.contains(value) else {
            throw .invalid(name, "Valid values are \(valid.lowerBound) to \(valid.upperBound).")
        }
        return value
    }

    private static func page<T>(_ items: [T], number: Int, size: Int) -> [T] {
        let (first, overflow) = (number - 1).multipliedReportingOverflow(by: size)
        guard !overflow, first < items.count else { return [] }
        return Array(items[first..<min(first + size, items.count)])
    }
}
