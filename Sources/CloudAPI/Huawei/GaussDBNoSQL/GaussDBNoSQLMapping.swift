import BackupModel
import Foundation

/// GeminiDB wire records → BackupModel values.
enum GaussDBNoSQLMapping {
    static func backup(_ record: GaussDBNoSQLBackupRecord, requestedInstanceID: String) -> Backup {
        var anomalies = record.anomalies

        let statusText = record.status ?? ""
        let status = self.status(statusText)
        if status == .unknown {
            anomalies.append(statusText.isEmpty ? "status is missing" : "unknown status \"\(statusText)\"")
        }

        let start = time(record.beginTime, field: "begin_time", anomalies: &anomalies)
        // A backup still BUILDING has no end yet: an empty end_time is expected then, not odd.
        let end = time(record.endTime, field: "end_time", anomalies: &anomalies)

        var size: ByteCount?
        if let kilobytes = record.sizeKB {
            let bytes = kilobytes * 1024
            if kilobytes < 0 || !bytes.isFinite || bytes >= 9.2e18 {
                anomalies.append("size \(kilobytes) KB is out of range; ignored")
            } else {
                size = ByteCount(bytes: Int64(bytes.rounded()))
            }
        }

        let databases = record.databaseTables.map {
            HuaweiDatabaseTables(database: $0.databaseName, tables: $0.tableNames)
        }
        let detail = HuaweiBackupDetail(
            name: record.name ?? "",
            backupType: record.type ?? "",
            datastoreType: record.datastoreType ?? "",
            datastoreVersion: record.datastoreVersion ?? "",
            instanceName: record.instanceName ?? "",
            description: record.description ?? "",
            sizeKB: record.sizeKB,
            databases: databases)

        let instanceID = record.instanceID.flatMap { $0.isEmpty ? nil : $0 } ?? requestedInstanceID
        return Backup(
            id: record.id, instanceID: instanceID, status: status, statusText: statusText,
            start: start, end: end, size: size,
            type: databases.isEmpty ? "Instance" : "Tables",
            mode: record.type ?? "",
            detail: .huawei(detail), anomalies: anomalies)
    }

    static func instance(_ record: GaussDBNoSQLInstanceRecord, defaultRegion: String) -> Instance {
        let name = record.name?.trimmingWhitespace() ?? ""
        return Instance(
            id: record.id,
            name: name.isEmpty ? record.id : name,
            engine: record.datastoreType ?? "",
            engineVersion: record.datastoreVersion ?? "",
            region: record.region.flatMap { $0.isEmpty ? nil : $0 } ?? defaultRegion,
            status: record.status ?? "")
    }

    /// `COMPLETED` → ok, `BUILDING` → running, `FAILED` → failed (case-insensitive); anything else → unknown.
    static func status(_ text: String) -> BackupStatus {
        switch text.trimmingWhitespace().uppercased() {
        case "COMPLETED": .ok
        case "BUILDING": .running
        case "FAILED": .failed
        default: .unknown
        }
    }

    /// `2019-05-27T03:38:51+0000` as documented; a zone-less time, which the API also sends, is read as UTC. Both
    /// are documented forms, so neither is noted as an anomaly.
    static func time(_ text: String?, field: String, anomalies: inout [String]) -> Date? {
        guard let text else { return nil }
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        guard let date = VendorTime.parseISO8601(trimmed) else {
            anomalies.append("\(field) \"\(trimmed.prefix(40))\" is not a recognised time")
            return nil
        }
        return date
    }

    /// `yyyy-MM-ddTHH:mm:ss+0000`, the form `begin_time`/`end_time` take.
    static func queryTime(_ date: Date) -> String {
        let raw = date.timeIntervalSince1970.rounded(.down)
        guard raw.isFinite, abs(raw) < 1e12 else { return "1970-01-01T00:00:00+0000" }
        let (year, month, day, hour, minute, second) = UTCCalendar.fields(unixSeconds: Int(raw))
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d+0000", year, month, day, hour, minute, second)
    }
}
