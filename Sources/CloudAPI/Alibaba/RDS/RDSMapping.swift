import BackupModel
import Foundation

/// RDS wire records → BackupModel values. Everything the UI needs normalised is normalised here.
enum RDSMapping {
    static func backup(_ record: RDSBackupRecord, requestedInstanceID: String) -> Backup {
        var anomalies = record.anomalies

        let statusText = record.backupStatus ?? ""
        let status = self.status(statusText)
        if status == .unknown {
            anomalies.append(statusText.isEmpty ? "BackupStatus is missing" : "unknown BackupStatus \"\(statusText)\"")
        }

        let start = time(record.backupStartTime, field: "BackupStartTime", anomalies: &anomalies)
        let end = time(record.backupEndTime, field: "BackupEndTime", anomalies: &anomalies)
        let expires = time(record.expectExpireTime, field: "ExpectExpireTime", anomalies: &anomalies)

        var size: ByteCount?
        if let bytes = record.backupSize {
            if bytes >= 0 {
                size = ByteCount(bytes: bytes)
            } else {
                anomalies.append("BackupSize is negative (\(bytes)); ignored")
            }
        }

        var consistent: Date?
        if let seconds = record.consistentTime {
            let converted = VendorTime.unixSeconds(seconds)
            consistent = converted.date
            if converted.readAsMilliseconds {
                anomalies.append("ConsistentTime \(seconds) is too large for seconds; read as milliseconds")
            }
        }

        let links = record.backupDownloadLinkByDB.map {
            DatabaseDownloadLink(database: $0.dataBase, publicURL: url($0.downloadLink),
                                 internalURL: url($0.intranetDownloadLink))
        }

        let detail = RDSBackupDetail(
            mode: record.backupMode ?? "",
            type: record.backupType ?? "",
            method: record.backupMethod ?? "",
            initiator: record.backupInitiator ?? "",
            engine: record.engine ?? "",
            engineVersion: record.engineVersion ?? "",
            consistentTime: consistent,
            checksum: record.checksum ?? "",
            downloadURL: url(record.backupDownloadURL),
            intranetDownloadURL: url(record.backupIntranetDownloadURL),
            databaseLinks: links,
            isAvailable: record.isAvail,
            storeStatus: record.storeStatus ?? "",
            expectExpireTime: expires,
            hostInstanceID: record.hostInstanceID ?? "")

        let instanceID = record.dbInstanceID.flatMap { $0.isEmpty ? nil : $0 } ?? requestedInstanceID
        return Backup(
            id: record.backupID, instanceID: instanceID, status: status, statusText: statusText,
            start: start, end: end, size: size,
            type: shortType(record.backupType), mode: shortMode(record.backupMode),
            detail: .rds(detail), anomalies: anomalies)
    }

    static func instance(_ record: RDSDBInstanceRecord, defaultRegion: String) -> Instance {
        let description = record.dbInstanceDescription?.trimmingWhitespace() ?? ""
        return Instance(
            id: record.dbInstanceID,
            name: description.isEmpty ? record.dbInstanceID : description,
            engine: record.engine ?? "",
            engineVersion: record.engineVersion ?? "",
            region: record.regionID.flatMap { $0.isEmpty ? nil : $0 } ?? defaultRegion,
            status: record.dbInstanceStatus ?? "")
    }

    /// `Success` → ok, `Failed` → failed, in-progress words → running, anything else → unknown.
    static func status(_ text: String) -> BackupStatus {
        switch text.trimmingWhitespace().lowercased() {
        case "success", "succeeded", "successful", "finished", "completed":
            .ok
        case "failed", "failure", "fail", "error":
            .failed
        case "running", "creating", "inprogress", "in_progress", "in-progress", "backing_up", "backingup",
             "processing", "pending", "waiting", "queued", "starting":
            .running
        default:
            .unknown
        }
    }

    /// Short words for the list's column: "Full", "Incr"; the vendor's word otherwise.
    static func shortType(_ type: String?) -> String {
        switch type {
        case "FullBackup": "Full"
        case "IncrementalBackup": "Incr"
        case nil: ""
        case let other?: other
        }
    }

    /// Short words for the list's column: "Auto", "Manual"; the vendor's word otherwise.
    static func shortMode(_ mode: String?) -> String {
        switch mode {
        case "Automated": "Auto"
        case "Manual": "Manual"
        case nil: ""
        case let other?: other
        }
    }

    /// nil when the vendor sent nothing usable: absent, null, blank, or the text "null".
    static func url(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingWhitespaceAndNewlines(), !trimmed.isEmpty,
              trimmed.lowercased() != "null"
        else { return nil }
        return trimmed
    }

    private static func time(_ text: String?, field: String, anomalies: inout [String]) -> Date? {
        guard let text, !text.trimmingWhitespace().isEmpty else { return nil }
        if let date = VendorTime.parseISO8601(text) { return date }
        anomalies.append("\(field) \"\(text.prefix(40))\" is not a recognised time")
        return nil
    }
}
