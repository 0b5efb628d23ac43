import BackupModel
import Foundation

/// StarRocks wire records → BackupModel values: GiB to bytes, milliseconds (tasks) and seconds (subtasks) to
/// dates, status words to `BackupStatus`, `BackupType` codes to words, and `Success: false` to a `ServiceError`.
enum StarRocksMapping {
    static let bytesPerGiB: Int64 = 1 << 30
    /// Below this a "milliseconds" value is really seconds (1e11 ms is March 1973; 1e11 s is the year 5138).
    static let smallestPlausibleMilliseconds: Int64 = 100_000_000_000

    // MARK: - Envelope

    /// The error a response's body reports, or nil when it reports success (or says nothing: `Success` absent).
    ///
    /// The vendor's own example is self-contradictory (`Success: false`, `ErrCode: "Success"`): `Success` decides,
    /// and a code that says "Success" on a failure is replaced by `UnsuccessfulResponse`.
    static func failure(_ envelope: StarRocksEnvelope, action: String, httpStatus: Int) -> ServiceError? {
        guard envelope.success == false else { return nil }
        let rawCode = envelope.errCode?.trimmingWhitespaceAndNewlines() ?? ""
        let code = rawCode.isEmpty || rawCode.lowercased() == "success"
            ? "UnsuccessfulResponse" : AlibabaRPC.sanitise(rawCode, limit: 100)
        let message = AlibabaRPC.sanitise(envelope.errMessage ?? "", limit: 500)
        // The body's HttpStatusCode says what the failure would have been; the real status is 200.
        let bodyStatus = envelope.httpStatusCode.flatMap { (100...599).contains($0) ? Int($0) : nil }
        let status = bodyStatus.map { (200..<300).contains($0) ? httpStatus : $0 } ?? httpStatus
        return ServiceError(
            kind: .http, httpStatus: status, code: code,
            message: message.isEmpty ? "\(action) answered Success: false without a message" : message,
            requestID: envelope.requestID)
    }

    // MARK: - Backups

    static func backup(_ record: StarRocksBackupTaskRecord, requestedInstanceID: String) -> Backup {
        var anomalies = record.anomalies

        let statusText = record.status ?? ""
        let status = self.status(statusText)
        if status == .unknown {
            anomalies.append(statusText.isEmpty ? "Status is missing" : "unknown Status \"\(statusText.prefix(40))\"")
        }

        let start = milliseconds(record.backupStartTime, field: "BackupStartTime", anomalies: &anomalies)
        let finish = milliseconds(record.backupFinishedTime, field: "BackupFinishedTime", anomalies: &anomalies)
        let expires = milliseconds(record.expireTime, field: "ExpireTime", anomalies: &anomalies)
        let size = gibibytes(record.size, field: "Size", anomalies: &anomalies)

        let typeText = record.backupType?.trimmingWhitespace() ?? ""
        let typeWord = backupTypeWord(typeText)
        if typeText.allSatisfy(\.isNumber), !typeText.isEmpty, typeWord == typeText {
            anomalies.append("unknown BackupType code \"\(typeText.prefix(20))\"")
        }

        var subtasks: [StarRocksSubtask] = []
        var unknownSubtaskWords: [String] = []
        for (index, wire) in record.subTasks.enumerated() {
            var notes: [String] = wire.anomalies
            let subtaskStatus = self.status(wire.status ?? "")
            if subtaskStatus == .unknown, !unknownSubtaskWords.contains(wire.status ?? "") {
                unknownSubtaskWords.append(wire.status ?? "")
            }
            let subtask = StarRocksSubtask(
                database: wire.dataBase ?? "", table: wire.table ?? "", snapshotName: wire.snapshotName ?? "",
                status: subtaskStatus, statusText: wire.status ?? "",
                size: gibibytes(wire.size, field: "Size", anomalies: &notes),
                start: seconds(wire.startTime, field: "StartTime", anomalies: &notes),
                finish: seconds(wire.finishedTime, field: "FinishedTime", anomalies: &notes),
                detail: wire.detail ?? "")
            subtasks.append(subtask)
            anomalies += notes.map { "subtask \(index + 1): \($0)" }
        }
        for word in unknownSubtaskWords {
            anomalies.append(word.isEmpty ? "a subtask has no Status" : "unknown subtask Status \"\(word.prefix(40))\"")
        }

        var snapshot: StarRocksInstanceSnapshot?
        if let wire = record.instanceSnapshot {
            anomalies += wire.anomalies.map { "InstanceSnapshot: \($0)" }
            snapshot = instanceSnapshot(wire, anomalies: &anomalies)
        }

        let detail = StarRocksBackupDetail(
            taskID: record.backupTaskID, backupTypeText: typeText, backupType: typeWord,
            taskDescription: record.description ?? "", region: record.regionID ?? "", sizeGiB: record.size,
            expireTime: expires, subtasks: subtasks, instanceSnapshot: snapshot)
        let instanceID = record.instanceID.flatMap { $0.isEmpty ? nil : $0 } ?? requestedInstanceID
        return Backup(
            id: record.backupTaskID, instanceID: instanceID, status: status, statusText: statusText,
            start: start, end: finish, size: size, type: typeWord, mode: "",
            detail: .starRocks(detail), anomalies: anomalies)
    }

    static func instanceSnapshot(
        _ wire: StarRocksInstanceSnapshotRecord, anomalies: inout [String]
    ) -> StarRocksInstanceSnapshot {
        var groups: [StarRocksNodeGroup] = []
        for (index, group) in wire.nodeGroups.enumerated() {
            var notes = group.anomalies
            let storage = gibibytes(group.storageSize, field: "StorageSize", anomalies: &notes)
            groups.append(StarRocksNodeGroup(
                componentType: group.componentType ?? "", cu: group.cu, storageSize: storage,
                storagePerformanceLevel: group.storagePerformanceLevel ?? "", diskCount: group.diskNumber,
                nodeCount: group.residentNodeNumber, specType: group.specType ?? "",
                localStorageInstanceType: meaningful(group.localStorageInstanceType)))
            anomalies += notes.map { "node group \(index + 1): \($0)" }
        }
        return StarRocksInstanceSnapshot(
            instanceName: wire.instanceName ?? "", version: wire.version ?? "", minorVersion: wire.minorVersion ?? "",
            runMode: wire.runMode ?? "", specType: wire.specType ?? "", vpcID: wire.vpcID ?? "",
            resourceGroupID: wire.resourceGroupID ?? "", region: wire.regionID ?? "", nodeGroups: groups,
            tags: wire.tags.map { StarRocksTag(key: $0.key, value: $0.value) })
    }

    // MARK: - Instances

    /// Engine "StarRocks" with the run mode, version the minor version when there is one.
    static func instance(_ record: StarRocksInstanceRecord, defaultRegion: String) -> Instance {
        let name = record.instanceName?.trimmingWhitespace() ?? ""
        let runMode = record.runMode?.trimmingWhitespace() ?? ""
        let minor = record.minorVersion?.trimmingWhitespace() ?? ""
        return Instance(
            id: record.instanceID,
            name: name.isEmpty ? record.instanceID : name,
            engine: runMode.isEmpty ? "StarRocks" : "StarRocks \(runMode)",
            engineVersion: minor.isEmpty ? (record.version ?? "") : minor,
            region: record.regionID.flatMap { $0.isEmpty ? nil : $0 } ?? defaultRegion,
            status: record.instanceStatus ?? "")
    }

    // MARK: - Words

    /// Task words are upper case (`RUNNING`, `COMPLETED`), subtask words lower case (`success`); both are read here.
    static func status(_ text: String) -> BackupStatus {
        switch text.trimmingWhitespace().lowercased() {
        case "completed", "complete", "success", "succeeded", "successful", "finished", "done":
            .ok
        case "failed", "failure", "fail", "error", "cancelled", "canceled", "timeout", "expired":
            .failed
        case "running", "pending", "waiting", "queued", "created", "init", "initializing", "preparing",
             "snapshotting", "uploading", "uploaded", "in_progress", "inprogress", "processing", "starting":
            .running
        default:
            .unknown
        }
    }

    /// `0` → `Fast`, `1` → `Consistent` (the documented codes), `FullBackup` → `Full`; any other word as is.
    static func backupTypeWord(_ text: String) -> String {
        switch text.trimmingWhitespace() {
        case "0": "Fast"
        case "1": "Consistent"
        case "FullBackup": "Full"
        case "IncrementalBackup": "Incr"
        case let other: other
        }
    }

    /// nil for absent, blank and the text "null" (the vendor's example sends `"null"` for an unset type).
    static func meaningful(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingWhitespaceAndNewlines(), !trimmed.isEmpty,
              trimmed.lowercased() != "null"
        else { return nil }
        return trimmed
    }

    // MARK: - Units

    /// Unix milliseconds → Date; 0 or negative means "not set". A value small enough to be seconds is read as
    /// seconds, with a note.
    static func milliseconds(_ value: Int64?, field: String, anomalies: inout [String]) -> Date? {
        guard let value, value > 0 else { return nil }
        if value < smallestPlausibleMilliseconds {
            anomalies.append("\(field) \(value) looks like seconds, not milliseconds; read as seconds")
            return Date(timeIntervalSince1970: Double(value))
        }
        return Date(timeIntervalSince1970: Double(value) / 1000)
    }

    /// Unix seconds → Date; a value too large for seconds is read as milliseconds, with a note.
    static func seconds(_ value: Int64?, field: String, anomalies: inout [String]) -> Date? {
        guard let value else { return nil }
        let converted = VendorTime.unixSeconds(value)
        if converted.readAsMilliseconds {
            anomalies.append("\(field) \(value) is too large for seconds; read as milliseconds")
        }
        return converted.date
    }

    /// GiB → bytes; negative or overflowing values are noted and dropped.
    static func gibibytes(_ value: Int64?, field: String, anomalies: inout [String]) -> ByteCount? {
        guard let value else { return nil }
        guard value >= 0 else {
            anomalies.append("\(field) is negative (\(value) GiB); ignored")
            return nil
        }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: bytesPerGiB)
        guard !overflow else {
            anomalies.append("\(field) \(value) GiB is too large; ignored")
            return nil
        }
        return ByteCount(bytes: bytes)
    }
}
