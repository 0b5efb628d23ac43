import Foundation

/// Cloud Backup (HBR) `DescribeBackupJobs2` job beyond the common fields of `Backup` (which already holds the
/// status, start = `StartTime`, end = `CompleteTime` and size = `BytesTotal`). Empty strings mean "not sent":
/// the API returns each source field only for the source types it applies to.
public struct HBRBackupDetail: Sendable, Hashable {
    /// `JobId`, the same as `Backup.id`.
    public var jobID: String
    public var jobName: String
    /// `ECS_FILE`, `OSS`, `NAS`, `OTS`, `UDM_ECS`, `UDM_ECS_DISK`, `COMMON_NAS`, `File`, `SYNC`…
    public var sourceType: String
    /// `COMPLETE` (full) as documented; the vendor's word otherwise.
    public var backupType: String
    public var vaultID: String
    public var planID: String
    public var clientID: String
    /// `TriggerMode` (SDK only).
    public var triggerMode: String

    // Source: which of these are set depends on `sourceType`.
    /// ECS instance (ECS_FILE, UDM_ECS, NAS mount host).
    public var instanceID: String
    /// Tablestore instance name (OTS).
    public var instanceName: String
    public var bucket: String
    public var prefix: String
    public var fileSystemID: String
    /// NAS file-system creation time (`CreateTime`), not the job's.
    public var fileSystemCreated: Date?
    /// Source paths (`Paths.Path[]`).
    public var paths: [String]
    /// `Include` / `Exclude`, decoded from the JSON array inside the string (the raw text when it is not one).
    public var includePatterns: [String]
    public var excludePatterns: [String]
    /// `Options`, JSON text as sent (e.g. `{"UseVSS":false}`).
    public var options: String
    /// Container cluster identifier (`Identifier`).
    public var identifier: String

    // Progress.
    /// `Progress`, 0–10000 where 10000 is 100 %.
    public var progress: Int?
    /// `progress` as 0...1 (clamped), for a progress bar.
    public var progressFraction: Double? {
        guard let progress else { return nil }
        return min(max(Double(progress) / 10_000, 0), 1)
    }
    public var bytesDone: ByteCount?
    public var bytesTotal: ByteCount?
    /// Bytes actually stored after de-duplication (`ActualBytes`).
    public var actualBytes: ByteCount?
    public var itemsDone: Int64?
    public var itemsTotal: Int64?
    public var actualItems: Int64?
    public var filesDone: Int64?
    public var filesTotal: Int64?
    public var actualFiles: Int64?
    /// Average speed (`Speed`, sent in KB/s), in bytes per second.
    public var speedBytesPerSecond: Int64?
    /// `SpeedLimit` rules (`start:end:KB/s`, `|`-separated), parsed.
    public var speedLimits: [HBRSpeedLimit]
    /// `SpeedLimit` as sent, for display when it could not be parsed.
    public var speedLimitText: String
    /// `ErrorMessage`; nil when empty.
    public var errorMessage: String?

    // Times beyond start/end.
    public var created: Date?
    public var updated: Date?

    // Cross-account and synchronisation.
    public var crossAccountType: String
    public var crossAccountUserID: Int64?
    public var crossAccountRoleName: String
    public var destSourceType: String
    public var destDataSourceID: String
    public var destDataSourceDetail: String
    public var changeListPath: String

    /// ECS instance backup (`Detail`), when the job has one.
    public var ecsSnapshot: HBRECSSnapshotDetail?
    /// Tablestore tables (`OtsDetail.TableNames.TableName[]`), plus `TableName` when only that is sent.
    public var otsTableNames: [String]
    /// File report (`Report`, SDK only).
    public var report: HBRJobReport?

    public init(
        jobID: String, jobName: String = "", sourceType: String = "", backupType: String = "", vaultID: String = "",
        planID: String = "", clientID: String = "", triggerMode: String = "", instanceID: String = "",
        instanceName: String = "", bucket: String = "", prefix: String = "", fileSystemID: String = "",
        fileSystemCreated: Date? = nil, paths: [String] = [], includePatterns: [String] = [],
        excludePatterns: [String] = [], options: String = "", identifier: String = "", progress: Int? = nil,
        bytesDone: ByteCount? = nil, bytesTotal: ByteCount? = nil, actualBytes: ByteCount? = nil,
        itemsDone: Int64? = nil, itemsTotal: Int64? = nil, actualItems: Int64? = nil, filesDone: Int64? = nil,
        filesTotal: Int64? = nil, actualFiles: Int64? = nil, speedBytesPerSecond: Int64? = nil,
        speedLimits: [HBRSpeedLimit] = [], speedLimitText: String = "", errorMessage: String? = nil,
        created: Date? = nil, updated: Date? = nil, crossAccountType: String = "", crossAccountUserID: Int64? = nil,
        crossAccountRoleName: String = "", destSourceType: String = "", destDataSourceID: String = "",
        destDataSourceDetail: String = "", changeListPath: String = "", ecsSnapshot: HBRECSSnapshotDetail? = nil,
        otsTableNames: [String] = [], report: HBRJobReport? = nil
    ) {
        self.jobID = jobID
        self.jobName = jobName
        self.sourceType = sourceType
        self.backupType = backupType
        self.vaultID = vaultID
        self.planID = planID
        self.clientID = clientID
        self.triggerMode = triggerMode
        self.instanceID = instanceID
        self.instanceName = instanceName
        self.bucket = bucket
        self.prefix = prefix
        self.fileSystemID = fileSystemID
        self.fileSystemCreated = fileSystemCreated
        self.paths = paths
        self.includePatterns = includePatterns
        self.excludePatterns = excludePatterns
        self.options = options
        self.identifier = identifier
        self.progress = progress
        self.bytesDone = bytesDone
        self.bytesTotal = bytesTotal
        self.actualBytes = actualBytes
        self.itemsDone = itemsDone
        self.itemsTotal = itemsTotal
        self.actualItems = actualItems
        self.filesDone = filesDone
        self.filesTotal = filesTotal
        self.actualFiles = actualFiles
        self.speedBytesPerSecond = speedBytesPerSecond
        self.speedLimits = speedLimits
        self.speedLimitText = speedLimitText
        self.errorMessage = errorMessage
        self.created = created
        self.updated = updated
        self.crossAccountType = crossAccountType
        self.crossAccountUserID = crossAccountUserID
        self.crossAccountRoleName = crossAccountRoleName
        self.destSourceType = destSourceType
        self.destDataSourceID = destDataSourceID
        self.destDataSourceDetail = destDataSourceDetail
        self.changeListPath = changeListPath
        self.ecsSnapshot = ecsSnapshot
        self.otsTableNames = otsTableNames
        self.report = report
    }
}

/// One `SpeedLimit` rule: between `startHour` and `endHour` (0–24) at most `kilobytesPerSecond`.
public struct HBRSpeedLimit: Sendable, Hashable {
    public var startHour: Int
    public var endHour: Int
    public var kilobytesPerSecond: Int64

    public init(startHour: Int, endHour: Int, kilobytesPerSecond: Int64) {
        self.startHour = startHour
        self.endHour = endHour
        self.kilobytesPerSecond = kilobytesPerSecond
    }
}

/// `Detail` of an ECS instance (UDM_ECS) backup job: the snapshot and its remote copy.
public struct HBRECSSnapshotDetail: Sendable, Hashable {
    public var nativeSnapshotID: String
    /// Remote replication enabled (`DoCopy`).
    public var doCopy: Bool?
    public var destinationSnapshotID: String
    public var destinationNativeSnapshotID: String
    public var destinationNativeSnapshotStatus: String
    /// Remote replication progress as sent (`DestinationNativeSnapshotProgress`, a percentage).
    public var destinationNativeSnapshotProgress: Int64?
    public var destinationNativeSnapshotErrorMessage: String
    /// `DestinationRetention`, days.
    public var destinationRetentionDays: Int64?
    /// `DiskNativeSnapshotIdList.DiskNativeSnapshotId[]`, empty entries dropped.
    public var diskNativeSnapshotIDs: [String]

    public init(
        nativeSnapshotID: String = "", doCopy: Bool? = nil, destinationSnapshotID: String = "",
        destinationNativeSnapshotID: String = "", destinationNativeSnapshotStatus: String = "",
        destinationNativeSnapshotProgress: Int64? = nil, destinationNativeSnapshotErrorMessage: String = "",
        destinationRetentionDays: Int64? = nil, diskNativeSnapshotIDs: [String] = []
    ) {
        self.nativeSnapshotID = nativeSnapshotID
        self.doCopy = doCopy
        self.destinationSnapshotID = destinationSnapshotID
        self.destinationNativeSnapshotID = destinationNativeSnapshotID
        self.destinationNativeSnapshotStatus = destinationNativeSnapshotStatus
        self.destinationNativeSnapshotProgress = destinationNativeSnapshotProgress
        self.destinationNativeSnapshotErrorMessage = destinationNativeSnapshotErrorMessage
        self.destinationRetentionDays = destinationRetentionDays
        self.diskNativeSnapshotIDs = diskNativeSnapshotIDs
    }
}

/// `Report` of a file backup job: file counts as the vendor sends them (text).
public struct HBRJobReport: Sendable, Hashable {
    public var totalFiles: String
    public var successFiles: String
    public var failedFiles: String
    public var skippedFiles: String
    public var reportTaskStatus: String

    public init(totalFiles: String = "", successFiles: String = "", failedFiles: String = "",
                skippedFiles: String = "", reportTaskStatus: String = "") {
        self.totalFiles = totalFiles
        self.successFiles = successFiles
        self.failedFiles = failedFiles
        self.skippedFiles = skippedFiles
        self.reportTaskStatus = reportTaskStatus
    }
}
