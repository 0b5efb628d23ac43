import Foundation

/// Redis/Tair `DescribeClusterBackupList` cluster backup beyond the common fields of `Backup` (which already holds
/// the status, start/end and size): the cluster-level facts and one row per node (shard) backup.
public struct RedisBackupDetail: Sendable, Hashable {
    /// `cb-…`, the same as `Backup.id`.
    public var clusterBackupID: String
    /// The vendor's `ClusterBackupMode` word: `Automated` or `Manual`.
    public var mode: String
    /// Memory of one shard when the full backup was taken (`ShardClassMemory`, MB).
    public var shardMemoryMB: Int64?
    /// The vendor's `Progress` text (`"37%"`); only sent while the backup runs.
    public var progressText: String?
    /// `progressText` read as a fraction 0...1, when it is a percentage.
    public var progress: Double?
    /// When the backup set is expected to expire (`ExpectExpireTime`).
    public var expectExpireTime: Date?
    /// Cluster-level `IsAvail`: false when a node backup failed or is incomplete.
    public var isAvailable: Bool?
    /// One entry per node (shard) backup, in the vendor's order.
    public var nodeBackups: [RedisNodeBackup]

    public init(
        clusterBackupID: String, mode: String, shardMemoryMB: Int64?, progressText: String?, progress: Double?,
        expectExpireTime: Date?, isAvailable: Bool?, nodeBackups: [RedisNodeBackup]
    ) {
        self.clusterBackupID = clusterBackupID
        self.mode = mode
        self.shardMemoryMB = shardMemoryMB
        self.progressText = progressText
        self.progress = progress
        self.expectExpireTime = expectExpireTime
        self.isAvailable = isAvailable
        self.nodeBackups = nodeBackups
    }
}

/// One `ClusterBackups[].Backups[]` entry: the backup file of one node (shard).
public struct RedisNodeBackup: Sendable, Hashable, Identifiable {
    public var id: String { backupID }
    /// `BackupId`, e.g. `514645788`.
    public var backupID: String
    /// The vendor's `InstanceName`, which holds the backup *file* name (`hins…_data_….rdb`).
    public var fileName: String
    /// `BackupName`.
    public var backupName: String
    public var status: BackupStatus
    /// The vendor's `BackupStatus` word (`OK`, `ERROR`).
    public var statusText: String
    public var size: ByteCount?
    public var start: Date?
    public var end: Date?
    /// Node-level `IsAvail` (sent as the text "0"/"1").
    public var isAvailable: Bool?
    /// `Engine`, fixed `redis`.
    public var engine: String
    /// `ExtraInfo.CustinsDbVersion`, e.g. `7.0`.
    public var engineVersion: String
    /// nil when the vendor sent no usable URL.
    public var downloadURL: String?
    public var intranetDownloadURL: String?

    public init(
        backupID: String, fileName: String, backupName: String, status: BackupStatus, statusText: String,
        size: ByteCount?, start: Date?, end: Date?, isAvailable: Bool?, engine: String, engineVersion: String,
        downloadURL: String?, intranetDownloadURL: String?
    ) {
        self.backupID = backupID
        self.fileName = fileName
        self.backupName = backupName
        self.status = status
        self.statusText = statusText
        self.size = size
        self.start = start
        self.end = end
        self.isAvailable = isAvailable
        self.engine = engine
        self.engineVersion = engineVersion
        self.downloadURL = downloadURL
        self.intranetDownloadURL = intranetDownloadURL
    }
}
