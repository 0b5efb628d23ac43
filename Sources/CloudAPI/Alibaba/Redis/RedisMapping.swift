import BackupModel
import Foundation

/// Redis wire records → BackupModel values. Sizes become bytes, times `Date`s, statuses `BackupStatus`.
enum RedisMapping {
    static func backup(_ record: RedisClusterBackupRecord, instanceID: String) -> Backup {
        var anomalies = record.anomalies

        let statusText = record.clusterBackupStatus ?? ""
        let status = clusterStatus(statusText)
        switch status {
        case .unknown:
            anomalies.append("ClusterBackupStatus is missing")
        case .failed where !documentedFailureWords.contains(statusText.lowercased()):
            // The SDK documents "OK", "RUNNING" and "other values: the backup failed".
            anomalies.append("ClusterBackupStatus \"\(statusText.prefix(40))\" is not a documented word; read as failed")
        default:
            break
        }

        let start = time(record.clusterBackupStartTime, field: "ClusterBackupStartTime", anomalies: &anomalies)
        let end = time(record.clusterBackupEndTime, field: "ClusterBackupEndTime", anomalies: &anomalies)
        let expires = time(record.expectExpireTime, field: "ExpectExpireTime", anomalies: &anomalies)

        var nodes: [RedisNodeBackup] = []
        for node in record.backups {
            var nodeAnomalies: [String] = []
            nodes.append(nodeBackup(node, anomalies: &nodeAnomalies))
            anomalies += nodeAnomalies.map { "node \(node.backupID.prefix(40)): \($0)" }
        }

        // The unit of ClusterBackupSize is unstated; the node sizes are bytes and the vendor's example puts both on
        // the same scale, so it is read as bytes.
        var size: ByteCount?
        if let bytes = record.clusterBackupSize {
            if bytes >= 0 {
                size = ByteCount(bytes: bytes)
            } else {
                anomalies.append("ClusterBackupSize is negative (\(bytes)); ignored")
            }
        } else {
            let nodeSizes = nodes.compactMap(\.size)
            if !nodeSizes.isEmpty, nodeSizes.count == nodes.count {
                let total = nodeSizes.reduce(Int64(0)) { sum, node in
                    let (next, overflow) = sum.addingReportingOverflow(node.bytes)
                    return overflow ? Int64.max : next
                }
                size = ByteCount(bytes: total)
                anomalies.append("ClusterBackupSize is missing; the size shown is the sum of the node backups")
            }
        }

        var progress: Double?
        let progressText = nonBlank(record.progress)
        if let progressText {
            progress = percentage(progressText)
            if progress == nil { anomalies.append("Progress \"\(progressText.prefix(20))\" is not a percentage") }
        }

        var shardMemory = record.shardClassMemory
        if let memory = shardMemory, memory < 0 {
            anomalies.append("ShardClassMemory is negative (\(memory)); ignored")
            shardMemory = nil
        }

        let mode = record.clusterBackupMode ?? ""
        let detail = RedisBackupDetail(
            clusterBackupID: record.clusterBackupID, mode: mode, shardMemoryMB: shardMemory,
            progressText: progressText, progress: progress, expectExpireTime: expires,
            isAvailable: record.isAvail, nodeBackups: nodes)
        return Backup(
            id: record.clusterBackupID, instanceID: instanceID, status: status, statusText: statusText,
            start: start, end: end, size: size,
            type: nodes.isEmpty ? "Cluster" : "Cluster ×\(nodes.count)", mode: RDSMapping.shortMode(mode),
            detail: .redis(detail), anomalies: anomalies)
    }

    static func nodeBackup(_ record: RedisNodeBackupRecord, anomalies: inout [String]) -> RedisNodeBackup {
        anomalies += record.anomalies
        let statusText = record.backupStatus ?? ""
        let status = nodeStatus(statusText)
        if status == .unknown {
            anomalies.append(statusText.isEmpty ? "BackupStatus is missing" : "unknown BackupStatus \"\(statusText.prefix(40))\"")
        }
        var size: ByteCount?
        if let bytes = record.backupSize {
            if bytes >= 0 { size = ByteCount(bytes: bytes) } else { anomalies.append("BackupSize is negative (\(bytes)); ignored") }
        }
        let start = time(record.backupStartTime, field: "BackupStartTime", anomalies: &anomalies)
        let end = time(record.backupEndTime, field: "BackupEndTime", anomalies: &anomalies)
        return RedisNodeBackup(
            backupID: record.backupID, fileName: record.instanceName ?? "", backupName: record.backupName ?? "",
            status: status, statusText: statusText, size: size, start: start, end: end,
            isAvailable: record.isAvail, engine: record.engine ?? "", engineVersion: record.custinsDbVersion ?? "",
            downloadURL: RDSMapping.url(record.backupDownloadURL),
            intranetDownloadURL: RDSMapping.url(record.backupIntranetDownloadURL))
    }

    static func instance(_ record: RedisInstanceRecord, defaultRegion: String) -> Instance {
        let name = record.instanceName?.trimmingWhitespace() ?? ""
        // "Redis cluster", "Tair standard": the product plus the architecture the backup list depends on.
        let engine = [record.instanceType, record.architectureType]
            .compactMap { $0?.trimmingWhitespace() }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
        return Instance(
            id: record.instanceID,
            name: name.isEmpty ? record.instanceID : name,
            engine: engine,
            engineVersion: record.engineVersion ?? "",
            region: nonBlank(record.regionID) ?? defaultRegion,
            status: record.instanceStatus ?? "")
    }

    static let documentedFailureWords: Set<String> = ["failed", "error", "failure"]

    /// `OK` → ok, `RUNNING` → running, any other word → failed (as the SDK documents), nothing → unknown.
    static func clusterStatus(_ text: String) -> BackupStatus {
        let word = text.trimmingWhitespace().lowercased()
        switch word {
        case "": return .unknown
        case "ok", "success": return .ok
        case "running", "backing_up", "backingup", "in_progress", "inprogress": return .running
        default: return .failed
        }
    }

    /// Node level: `OK` → ok, `ERROR` → failed; a node still being written → running; anything else unknown.
    static func nodeStatus(_ text: String) -> BackupStatus {
        switch text.trimmingWhitespace().lowercased() {
        case "ok", "success": .ok
        case "error", "failed", "failure": .failed
        case "running", "backing_up", "backingup", "in_progress", "inprogress": .running
        default: .unknown
        }
    }

    /// `"37%"`, `"37.5 %"`, `"37"` → 0.37…; nil when it is not a number in 0...100.
    static func percentage(_ text: String) -> Double? {
        var trimmed = text.trimmingWhitespace()
        if trimmed.hasSuffix("%") { trimmed = String(trimmed.dropLast()).trimmingWhitespace() }
        guard let value = Double(trimmed), value.isFinite, (0...100).contains(value) else { return nil }
        return value / 100
    }

    private static func nonBlank(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingWhitespaceAndNewlines(), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// Parses a vendor time. Zone-less node times are the API's documented form (read as UTC), not an oddity, so
    /// they are not noted: flagging them would put a warning under every node of every backup.
    private static func time(_ text: String?, field: String, anomalies: inout [String]) -> Date? {
        guard let text = nonBlank(text) else { return nil }
        guard let date = VendorTime.parseISO8601(text) else {
            anomalies.append("\(field) \"\(text.prefix(40))\" is not a recognised time")
            return nil
        }
        return date
    }
}
