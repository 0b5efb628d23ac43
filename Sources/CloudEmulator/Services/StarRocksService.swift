import Foundation

/// E-MapReduce Serverless StarRocks (`starrocks`, version 2022-10-19): ROA `DescribeInstances` and
/// `DescribeBackups`, as reference/cloud-apis.md §1 describes them.
///
/// The handlers answer every business outcome with HTTP 200 and the outcome in the body (`Success`, `ErrCode`,
/// `ErrMessage`, `HttpStatusCode`), as the vendor's page shows; signature and routing failures are the gateway's
/// and are answered by `ROAEndpoint` with 4xx and `Code`/`Message`. Error codes are this emulator's choice (the
/// vendor documents none): `InvalidParams` with the vendor's message form `Invalid params: [...]`.
struct StarRocksService: Sendable {
    static let version = "2022-10-19"
    static let maxPageSize = 100
    let dataset: StarRocksDataset

    /// The ROA routes this service answers, by path.
    var routes: [(path: String, action: String, handler: @Sendable (ROACall) -> JSONValue)] {
        let service = self
        return [
            ("/webapi/starrocks/describeInstances", "DescribeInstances", { service.describeInstances($0) }),
            ("/webapi/backup/manage/describe", "DescribeBackups", { service.describeBackups($0) }),
        ]
    }

    /// A business failure: HTTP 200, `Success: false`.
    struct Failure: Error {
        let status: Int
        let code: String
        let message: String

        static func invalid(_ what: String) -> Failure {
            Failure(status: 400, code: "InvalidParams", message: "Invalid params: [\(what)].")
        }
    }

    // MARK: - DescribeInstances

    /// Filters: `RegionId`, `InstanceId`, `InstanceName` (substring), `InstanceStatus` (comma-separated),
    /// `ResourceGroupId`, `Tag` (a JSON array of `{Key, Value}`, all of which must match). `PageNumber` ≥ 1,
    /// `PageSize` 1–100 (default 10).
    func describeInstances(_ call: ROACall) -> JSONValue {
        do throws(Failure) {
            var matches = dataset.instances
            if let region = call.parameter("RegionId") { matches = matches.filter { $0.regionID == region } }
            if let id = call.parameter("InstanceId") { matches = matches.filter { $0.id == id } }
            if let name = call.parameter("InstanceName") { matches = matches.filter { $0.name.contains(name) } }
            if let statuses = call.parameter("InstanceStatus") {
                let wanted = Set(statuses.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                matches = matches.filter { wanted.contains($0.status) }
            }
            if let group = call.parameter("ResourceGroupId") { matches = matches.filter { $0.resourceGroupID == group } }
            if let tagText = call.parameter("Tag") {
                let wanted = try Self.tags(tagText)
                matches = matches.filter { instance in
                    wanted.allSatisfy { tag in instance.tags.contains { $0.key == tag.key && $0.value == tag.value } }
                }
            }
            let (number, size) = try Self.paging(call)
            let page = Self.page(matches, number: number, size: size)
            return Self.success(call, data: .array(page.map(instanceJSON)), total: matches.count)
        } catch {
            return Self.failure(call, error)
        }
    }

    private func instanceJSON(_ instance: StarRocksDatasetInstance) -> JSONValue {
        .object([
            ("InstanceId", .string(instance.id)),
            ("InstanceName", .string(instance.name)),
            ("InstanceStatus", .string(instance.status)),
            ("RegionId", .string(instance.regionID)),
            ("Version", .string(instance.version)),
            ("MinorVersion", .string(instance.minorVersion)),
            ("RunMode", .string(instance.runMode)),
            ("PackageType", .string(instance.packageType)),
            ("PayType", .string(instance.payType)),
            ("Architecture", .string("onECS")),
            ("ResourceGroupId", .string(instance.resourceGroupID)),
            ("VpcId", .string(instance.vpcID)),
            ("VSwitches", .array([.object([
                ("VswId", .string(instance.vSwitchID)), ("ZoneId", .string(instance.zoneID)), ("Primary", .bool(true)),
            ])])),
            ("BeginTime", .int(instance.createdMillis)),
            ("ExpireTime", .int(instance.expireMillis)),
            ("RunningTime", .int(instance.runningSeconds)),
            ("MaintainablePeriod", .string("02:00-06:00")),
            ("OssLocation", .string(instance.runMode == "shared_data" ? "oss://sr-\(instance.id)/data" : "")),
            ("MonitorType", .string("arms")),
            ("EnableSSL", .bool(false)),
            ("Encrypted", .bool(false)),
            ("EnableMultiAz", .bool(false)),
            ("EnabledAuditLoader", .bool(true)),
            ("EnableAutoMinorVersionUpgrade", .bool(false)),
            ("IsolateLeader", .bool(false)),
            ("Tags", .array(instance.tags.map { tagJSON($0.key, $0.value) })),
        ])
    }

    // MARK: - DescribeBackups

    /// `InstanceId` (optional: without it, every task in `RegionId`, or everywhere), `BackupTaskId`, `Statuses`
    /// (comma-separated, case-insensitive), `TimePeriodStartTime`/`EndTime` in Unix **seconds** keeping tasks that
    /// started within the period. `PageNumber` ≥ 1, `PageSize` 1–100 (default 10). Newest first; a page past the
    /// end is an empty `Data`. An unknown instance is `Success: false`, `Invalid params: [instance not exists]`.
    func describeBackups(_ call: ROACall) -> JSONValue {
        do throws(Failure) {
            var tasks: [StarRocksDatasetTask]
            if let id = call.parameter("InstanceId") {
                guard let found = dataset.tasks(of: id),
                      call.parameter("RegionId").map({ region in
                          dataset.instances.contains { $0.id == id && $0.regionID == region } }) ?? true
                else { throw Failure(status: 404, code: "InvalidParams", message: "Invalid params: [instance not exists].") }
                tasks = found
            } else {
                let region = call.parameter("RegionId")
                tasks = dataset.instances.filter { region == nil || $0.regionID == region }
                    .flatMap { dataset.tasks(of: $0.id) ?? [] }
                    .sorted { $0.startMillis > $1.startMillis }
            }
            if let id = call.parameter("BackupTaskId") { tasks = tasks.filter { $0.id == id } }
            if let statuses = call.parameter("Statuses") {
                let wanted = Set(statuses.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
                tasks = tasks.filter { wanted.contains($0.status.uppercased()) }
            }
            let start = try Self.seconds(call, "TimePeriodStartTime")
            let end = try Self.seconds(call, "TimePeriodEndTime")
            if let start, let end, end < start { throw .invalid("TimePeriodEndTime is before TimePeriodStartTime") }
            if let start { tasks = tasks.filter { $0.startMillis >= start * 1000 } }
            if let end { tasks = tasks.filter { $0.startMillis <= end * 1000 } }
            let (number, size) = try Self.paging(call)
            let page = Self.page(tasks, number: number, size: size)
            let instances = Dictionary(dataset.instances.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return Self.success(call, data: .array(page.map { taskJSON($0, instance: instances[$0.instanceID]) }),
                                total: tasks.count)
        } catch {
            return Self.failure(call, error)
        }
    }

    private func taskJSON(_ task: StarRocksDatasetTask, instance: StarRocksDatasetInstance?) -> JSONValue {
        let subtasks = task.subtasks.map { subtask in
            JSONValue.object([
                ("StartTime", .int(subtask.startSeconds)),
                ("FinishedTime", .int(subtask.finishedSeconds)),
                ("SnapshotName", .string(subtask.snapshotName)),
                ("DataBase", .string(subtask.database)),
                ("Table", .string(subtask.table)),
                ("Size", .int(subtask.sizeGiB)),
                ("Status", .string(subtask.status)),
                ("Detail", .string(subtask.detail)),
            ])
        }
        var members: [(String, JSONValue)] = [
            ("RegionId", .string(task.regionID)),
            ("InstanceId", .string(task.instanceID)),
            ("Size", .int(task.sizeGiB)),
            ("Status", .string(task.status)),
            ("Description", .string(task.description)),
            ("SubTasks", .array(subtasks)),
            ("BackupStartTime", .int(task.startMillis)),
            ("BackupFinishedTime", .int(task.finishedMillis)),
            ("ExpireTime", .int(task.expireMillis)),
            ("BackupTaskId", .string(task.id)),
            ("BackupType", .string(task.backupType)),
        ]
        if let instance {
            members.append(("InstanceSnapshot", snapshotJSON(instance, taskStartMillis: task.startMillis)))
        }
        return .object(members)
    }

    private func snapshotJSON(_ instance: StarRocksDatasetInstance, taskStartMillis: Int64) -> JSONValue {
        let groups = instance.nodeGroups.map { group in
            JSONValue.object([
                ("ComponentType", .string(group.component)),
                ("Cu", .int(group.cu)),
                ("StorageSize", .int(group.storageGiB)),
                ("StoragePerformanceLevel", .string(group.performanceLevel)),
                ("DiskNumber", .string(String(group.disks))),
                ("ResidentNodeNumber", .string(String(group.nodes))),
                ("SpecType", .string(group.specType)),
                // The vendor's example sends the text "null" for an unset type.
                ("LocalStorageInstanceType", .string(group.localStorageType ?? "null")),
            ])
        }
        return .object([
            ("InstanceName", .string(instance.name)),
            ("VpcId", .string(instance.vpcID)),
            ("RunMode", .string(instance.runMode)),
            ("SpecType", .string(instance.specType)),
            ("ResourceGroupId", .string(instance.resourceGroupID)),
            ("Version", .string(instance.version)),
            ("MinorVersion", .string(instance.minorVersion)),
            ("NodeGroups", .array(groups)),
            ("RegionId", .string(instance.regionID)),
            ("Tags", .array([tagJSON("bk-time", String(taskStartMillis / 1000))]
                + instance.tags.map { tagJSON($0.key, $0.value) })),
        ])
    }

    private func tagJSON(_ key: String, _ value: String) -> JSONValue {
        .object([("Key", .string(key)), ("Value", .string(value))])
    }

    // MARK: - Envelope and parameters

    private static func success(_ call: ROACall, data: JSONValue, total: Int) -> JSONValue {
        .object([
            ("HttpStatusCode", .int(200)),
            ("RequestId", .string(call.requestID)),
            ("Success", .bool(true)),
            ("ErrCode", .string("Success")),
            ("ErrMessage", .string("")),
            ("Data", data),
            ("Total", .int(total)),
        ])
    }

    private static func failure(_ call: ROACall, _ failure: Failure) -> JSONValue {
        .object([
            ("HttpStatusCode", .int(failure.status)),
            ("RequestId", .string(call.requestID)),
            ("Success", .bool(false)),
            ("ErrCode", .string(failure.code)),
            ("ErrMessage", .string(failure.message)),
            ("Data", .array([])),
            ("Total", .int(0)),
        ])
    }

    private static func paging(_ call: ROACall) throws(Failure) -> (number: Int, size: Int) {
        let number = try integer(call, "PageNumber", default: 1, valid: 1...Int(Int32.max))
        let size = try integer(call, "PageSize", default: 10, valid: 1...maxPageSize)
        return (number, size)
    }

    private static func integer(
        _ call: ROACall, _ name: String, default fallback: Int, valid: ClosedRange<Int>
    ) throws(Failure) -> Int {
        guard let text = call.parameter(name) else { return fallback }
        guard let value = Int(text), valid.contains(value) else {
            throw .invalid("\(name) must be \(valid.lowerBound) to \(valid.upperBound)")
        }
        return value
    }

    private static func seconds(_ call: ROACall, _ name: String) throws(Failure) -> Int64? {
        guard let text = call.parameter(name) else { return nil }
        // Seconds, not milliseconds: a 13-digit value is a client mixing up the units.
        guard let value = Int64(text), value >= 0, value < 100_000_000_000 else {
            throw .invalid("\(name) must be a Unix time in seconds")
        }
        return value
    }

    /// `[{"Key":"env","Value":"dev"}]`, the SDK's "shrink" form of `Tag`.
    private static func tags(_ text: String) throws(Failure) -> [(key: String, value: String)] {
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] else {
            throw .invalid("Tag must be a JSON array of {Key, Value}")
        }
        var result: [(key: String, value: String)] = []
        for entry in parsed {
            guard let key = entry["Key"] as? String else { throw .invalid("Tag must be a JSON array of {Key, Value}") }
            result.append((key, entry["Value"] as? String ?? ""))
        }
        return result
    }

    private static func page<T>(_ items: [T], number: Int, size: Int) -> [T] {
        let (first, overflow) = (number - 1).multipliedReportingOverflow(by: size)
        guard !overflow, first < items.count else { return [] }
        return Array(items[first..<min(first + size, items.count)])
    }
}
