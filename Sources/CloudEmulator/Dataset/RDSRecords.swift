/// One RDS instance as `DescribeDBInstances` lists it.
public struct RDSInstanceRecord: Sendable, Hashable {
    public let id: String
    public let description: String
    public let engine: String
    public let engineVersion: String
    public let regionID: String
    public let zoneID: String
    public let status: String
    public let instanceType: String
    public let instanceClass: String
    public let category: String
    public let payType: String
    /// Unix seconds.
    public let createTime: Int64
    /// Unix seconds; nil for pay-as-you-go instances (the wire shows an empty string).
    public let expireTime: Int64?
    public let lockMode: String
    public let resourceGroupID: String
    public let storageType: String
    public let memoryMiB: Int
    public let cpuCount: Int
    public let vpcID: String
    public let vSwitchID: String
    public let connectionString: String
}

/// One RDS backup set as `DescribeBackups` returns it.
///
/// Download locations are stored as a path plus query (`/download/<instance>/<backup>.tar.gz?Expires=…`) and
/// prefixed with the emulator's own `http://host:port` when served, because the port is only known once bound.
public struct RDSBackupRecord: Sendable, Hashable {
    public let id: String
    public let instanceID: String
    public let hostInstanceID: String
    /// `Success`, `Failed`, or `Running` for a set still being written (see `RDSDataset`).
    public let status: String
    public let mode: String
    public let type: String
    public let method: String
    public let initiator: String
    /// Unix seconds.
    public let startTime: Int64
    /// Unix seconds; nil while running (the wire shows an empty string).
    public let endTime: Int64?
    public let sizeBytes: Int64
    /// Unix seconds, 0 when the engine does not report one (as the API does).
    public let consistentTime: Int64
    public let isAvailable: Bool
    public let storageClass: String
    public let copyOnlyBackup: String
    public let storeStatus: String
    public let metaStatus: String
    public let encryption: String
    /// The set's `Checksum`: the served file's CRC-64 in decimal when the set is downloadable (computed when asked,
    /// so generating a large dataset stays cheap), else a fixed 20-digit string.
    public var checksum: String {
        downloadPath == nil ? fixedChecksum : DownloadContent.checksum(forKey: DownloadContent.rdsSetKey(instanceID: instanceID, backupID: id),
                                                                       size: Int(sizeBytes))
    }
    let fixedChecksum: String
    public let engine: String
    public let engineVersion: String
    /// Unix seconds.
    public let expectExpireTime: Int64
    /// Path and query of the public download link; nil when the set cannot be downloaded (the wire shows "").
    public let downloadPath: String?
    /// Path and query of the intranet link (`/download-internal/…`); nil with `downloadPath`.
    public let intranetDownloadPath: String?
    public let databaseLinks: [RDSDatabaseLinkRecord]
}

/// One entry of `BackupDownloadLinkByDB`: a per-database download of a logical (or SQL Server) backup.
public struct RDSDatabaseLinkRecord: Sendable, Hashable {
    public let database: String
    public let downloadPath: String
    public let intranetDownloadPath: String
}
