import BackupModel
import Foundation

/// HBR wire records → BackupModel values. Everything the UI needs normalised is normalised here.
enum HBRMapping {
    static func backup(_ record: HBRBackupJobRecord, requestedVaultID: String) -> Backup {
        var anomalies = record.anomalies

        let statusText = record.status ?? ""
        let status = self.status(statusText)
        if status == .unknown {
            anomalies.append(statusText.isEmpty ? "Status is missing" : "unknown Status \"\(statusText)\"")
        }

        let start = time(record.startTime, field: "StartTime", anomalies: &anomalies)
        let end = time(record.completeTime, field: "CompleteTime", anomalies: &anomalies)
        let created = time(record.createdTime, field: "CreatedTime", anomalies: &anomalies)
        let updated = time(record.updatedTime, field: "UpdatedTime", anomalies: &anomalies)
        let fileSystemCreated = time(record.createTime, field: "CreateTime", anomalies: &anomalies)

        let bytesTotal = bytes(record.bytesTotal, field: "BytesTotal", anomalies: &anomalies)
        let bytesDone = bytes(record.bytesDone, field: "BytesDone", anomalies: &anomalies)
        let actualBytes = bytes(record.actualBytes, field: "ActualBytes", anomalies: &anomalies)

        var progress: Int?
        if let value = record.progress {
            progress = Int(clamping: value)
            if !(0...10_000).contains(value) { anomalies.append("Progress \(value) is outside 0–10000") }
        }

        var speed: Int64?
        if let kilobytes = record.speed {
            if kilobytes >= 0 {
                speed = kilobytes.multipliedReportingOverflow(by: 1024).overflow ? nil : kilobytes * 1024
            } else {
                anomalies.append("Speed is negative (\(kilobytes)); ignored")
            }
        }

        let speedLimitText = record.speedLimit ?? ""
        let speedLimits = self.speedLimits(speedLimitText)
        if speedLimits == nil { anomalies.append("SpeedLimit \"\(speedLimitText.prefix(60))\" is not start:end:KB/s rules") }

        let paths = record.paths.map { unquoted($0, field: "Paths.Path", anomalies: &anomalies) }
        var tables: [String] = []
        for name in record.otsTableNames {
            if let expanded = jsonStringArray(name) {
                anomalies.append("OtsDetail.TableNames.TableName held a JSON array as text; expanded")
                tables += expanded
            } else if !name.isEmpty {
                tables.append(name)
            }
        }
        if tables.isEmpty, let single = nonEmpty(record.tableName) { tables = [single] }

        let ecs = record.detail.map { detail in
            HBRECSSnapshotDetail(
                nativeSnapshotID: detail.nativeSnapshotID ?? "", doCopy: detail.doCopy,
                destinationSnapshotID: detail.destinationSnapshotID ?? "",
                destinationNativeSnapshotID: detail.destinationNativeSnapshotID ?? "",
                destinationNativeSnapshotStatus: detail.destinationNativeSnapshotStatus ?? "",
                destinationNativeSnapshotProgress: detail.destinationNativeSnapshotProgress,
                destinationNativeSnapshotErrorMessage: detail.destinationNativeSnapshotErrorMessage ?? "",
                destinationRetentionDays: detail.destinationRetention,
                diskNativeSnapshotIDs: detail.diskNativeSnapshotIDs.filter {
                    !$0.trimmingWhitespace().isEmpty
                })
        }
        let report = record.report.map {
            HBRJobReport(totalFiles: $0.totalFiles ?? "", successFiles: $0.successFiles ?? "",
                         failedFiles: $0.failedFiles ?? "", skippedFiles: $0.skippedFiles ?? "",
                         reportTaskStatus: $0.reportTaskStatus ?? "")
        }

        let vaultID = nonEmpty(record.vaultID) ?? requestedVaultID
        let detail = HBRBackupDetail(
            jobID: record.jobID, jobName: record.jobName ?? "", sourceType: record.sourceType ?? "",
            backupType: record.backupType ?? "", vaultID: vaultID, planID: record.planID ?? "",
            clientID: record.clientID ?? "", triggerMode: record.triggerMode ?? "",
            instanceID: record.instanceID ?? "", instanceName: record.instanceName ?? "",
            bucket: record.bucket ?? "", prefix: record.prefix ?? "", fileSystemID: record.fileSystemID ?? "",
            fileSystemCreated: fileSystemCreated, paths: paths,
            includePatterns: patterns(record.include, field: "Include", anomalies: &anomalies),
            excludePatterns: patterns(record.exclude, field: "Exclude", anomalies: &anomalies),
            options: record.options ?? "", identifier: record.identifier ?? "", progress: progress,
            bytesDone: bytesDone, bytesTotal: bytesTotal, actualBytes: actualBytes,
            itemsDone: record.itemsDone, itemsTotal: record.itemsTotal, actualItems: record.actualItems,
            filesDone: record.filesDone, filesTotal: record.filesTotal, actualFiles: record.actualFiles,
            speedBytesPerSecond: speed, speedLimits: speedLimits ?? [], speedLimitText: speedLimitText,
            errorMessage: nonEmpty(record.errorMessage), created: created, updated: updated,
            crossAccountType: record.crossAccountType ?? "", crossAccountUserID: record.crossAccountUserID,
            crossAccountRoleName: record.crossAccountRoleName ?? "", destSourceType: record.destSourceType ?? "",
            destDataSourceID: record.destDataSourceID ?? "", destDataSourceDetail: record.destDataSourceDetail ?? "",
            changeListPath: record.changeListPath ?? "", ecsSnapshot: ecs, otsTableNames: tables, report: report)

        return Backup(
            id: record.jobID, instanceID: vaultID, status: status, statusText: statusText,
            start: start, end: end, size: bytesTotal ?? bytesDone,
            type: shortType(record.backupType), mode: mode(record),
            detail: .hbr(detail), anomalies: anomalies)
    }

    static func instance(_ record: HBRVaultRecord, defaultRegion: String) -> Instance {
        let name = record.vaultName?.trimmingWhitespace() ?? ""
        return Instance(
            id: record.vaultID,
            name: name.isEmpty ? record.vaultID : name,
            engine: record.vaultType ?? "",
            engineVersion: record.vaultStorageClass ?? "",
            region: nonEmpty(record.vaultRegionID) ?? defaultRegion,
            status: record.status ?? "")
    }

    /// HBR job states. `PARTIAL_COMPLETE` counts as failed: some files are missing from the backup, and an
    /// operator looking for a good backup must not take it for one (the vendor's word stays in `statusText`).
    static func status(_ text: String) -> BackupStatus {
        switch text.trimmingWhitespace().uppercased() {
        case "COMPLETE", "COMPLETED", "SUCCESS", "SUCCEEDED":
            .ok
        case "PARTIAL_COMPLETE", "FAILED", "CANCELED", "CANCELLED", "EXPIRED":
            .failed
        case "RUNNING", "CREATED", "QUEUED", "INITIALIZING", "CANCELING", "CANCELLING", "PENDING":
            .running
        default:
            .unknown
        }
    }

    /// "Full" for the one documented `BackupType` (COMPLETE); the vendor's word otherwise.
    static func shortType(_ type: String?) -> String {
        switch type {
        case "COMPLETE": "Full"
        case "INCREMENTAL": "Incr"
        case nil: ""
        case let other?: other
        }
    }

    /// The list's mode column: `TriggerMode` when sent, else "Plan" for a job started by a backup plan.
    static func mode(_ record: HBRBackupJobRecord) -> String {
        if let trigger = nonEmpty(record.triggerMode) { return trigger.capitalized }
        return nonEmpty(record.planID) == nil ? "" : "Plan"
    }

    /// `start:end:KB/s` rules separated by `|` (`0:24:5120`); [] for empty text, nil when unreadable.
    static func speedLimits(_ text: String) -> [HBRSpeedLimit]? {
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty { return [] }
        var rules: [HBRSpeedLimit] = []
        for rule in trimmed.split(separator: "|", omittingEmptySubsequences: true) {
            let parts = rule.split(separator: ":").map { $0.trimmingWhitespace() }
            guard parts.count == 3, let start = Int(parts[0]), let end = Int(parts[1]), let rate = Int64(parts[2]),
                  (0...24).contains(start), (0...24).contains(end), rate >= 0
            else { return nil }
            rules.append(HBRSpeedLimit(startHour: start, endHour: end, kilobytesPerSecond: rate))
        }
        return rules
    }

    /// `Include`/`Exclude`: JSON arrays of patterns inside a string; other text is kept as one pattern, noted.
    static func patterns(_ text: String?, field: String, anomalies: inout [String]) -> [String] {
        guard let text = nonEmpty(text) else { return [] }
        if let list = jsonStringArray(text) { return list }
        anomalies.append("\(field) is not a JSON array of patterns; shown as sent")
        return [text]
    }

    /// The strings of a JSON array held in text (`["/var", "/proc"]`), else nil.
    static func jsonStringArray(_ text: String) -> [String]? {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.hasPrefix("["), let list = try? decodeJSON([String].self, from: Array(trimmed.utf8))
        else { return nil }
        return list
    }

    /// A path the vendor sent JSON-quoted (`"\"/home\""`, as in its own example) loses the quotes, noted.
    static func unquoted(_ text: String, field: String, anomalies: inout [String]) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\""),
              let inner = try? decodeJSON(String.self, from: Array(text.utf8))
        else { return text }
        anomalies.append("\(field) \(text.prefix(60)) arrived JSON-quoted; unquoted")
        return inner
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingWhitespaceAndNewlines(), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// Unix seconds; 0 means "not yet" (a queued job has no StartTime).
    private static func time(_ value: Int64?, field: String, anomalies: inout [String]) -> Date? {
        guard let value else { return nil }
        if value < 0 {
            anomalies.append("\(field) is negative (\(value)); ignored")
            return nil
        }
        let converted = VendorTime.unixSeconds(value)
        if converted.readAsMilliseconds {
            anomalies.append("\(field) \(value) is too large for seconds; read as milliseconds")
        }
        return converted.date
    }

    private static func bytes(_ value: Int64?, field: String, anomalies: inout [String]) -> ByteCount? {
        guard let value else { return nil }
        guard value >= 0 else {
            anomalies.append("\(field) is negative (\(value)); ignored")
            return nil
        }
        return ByteCount(bytes: value)
    }
}
