import Foundation

/// E-MapReduce Serverless StarRocks `DescribeBackups` task beyond the common fields of `Backup` (which already holds
/// the task status, start/finish and size): what kind of task it was, when its data expires, one row per subtask
/// (database/table) and the instance as it was when the backup was taken.
public struct StarRocksBackupDetail: Sendable, Hashable {
    /// `bt-…`, the same as `Backup.id`.
    public var taskID: String
    /// The vendor's `BackupType` as sent: a code (`0`, `1`) or a word (`FullBackup`).
    public var backupTypeText: String
    /// `backupTypeText` in words: `Fast` (0), `Consistent` (1), otherwise the vendor's word.
    public var backupType: String
    /// `Description`; may hold anything the user typed (sanitise before drawing).
    public var taskDescription: String
    /// `RegionId` of the task.
    public var region: String
    /// `Size` as the vendor sent it, in GiB (`Backup.size` holds it in bytes).
    public var sizeGiB: Int64?
    /// When the backup data expires (`ExpireTime`, milliseconds on the wire).
    public var expireTime: Date?
    /// One entry per `SubTasks[]` element, in the vendor's order.
    public var subtasks: [StarRocksSubtask]
    /// `InstanceSnapshot`: nil when the vendor sent none.
    public var instanceSnapshot: StarRocksInstanceSnapshot?

    public init(
        taskID: String, backupTypeText: String, backupType: String, taskDescription: String, region: String,
        sizeGiB: Int64?, expireTime: Date?, subtasks: [StarRocksSubtask], instanceSnapshot: StarRocksInstanceSnapshot?
    ) {
        self.taskID = taskID
        self.backupTypeText = backupTypeText
        self.backupType = backupType
        self.taskDescription = taskDescription
        self.region = region
        self.sizeGiB = sizeGiB
        self.expireTime = expireTime
        self.subtasks = subtasks
        self.instanceSnapshot = instanceSnapshot
    }

    /// Subtasks per status, for a one-line summary ("41 ok · 3 running · 1 failed").
    public func subtaskCount(_ status: BackupStatus) -> Int {
        subtasks.lazy.filter { $0.status == status }.count
    }
}

/// One `SubTasks[]` element: the backup of one table (or database) within a task.
public struct StarRocksSubtask: Sendable, Hashable {
    /// `DataBase`.
    public var database: String
    /// `Table`; empty when the subtask covers the whole database.
    public var table: String
    /// `SnapshotName`, e.g. `2025-02-10_backup`.
    public var snapshotName: String
    public var status: BackupStatus
    /// The vendor's `Status` word (`success`, `running`, …).
    public var statusText: String
    /// `Size` in bytes (GiB on the wire).
    public var size: ByteCount?
    /// `StartTime` / `FinishedTime` (seconds on the wire, unlike the task's milliseconds).
    public var start: Date?
    public var finish: Date?
    /// `Detail`: the snapshot ID, or an error text for a failed subtask; the vendor's example sends `[]`.
    public var detail: String

    public init(
        database: String, table: String, snapshotName: String, status: BackupStatus, statusText: String,
        size: ByteCount?, start: Date?, finish: Date?, detail: String
    ) {
        self.database = database
        self.table = table
        self.snapshotName = snapshotName
        self.status = status
        self.statusText = statusText
        self.size = size
        self.start = start
        self.finish = finish
        self.detail = detail
    }
}

/// `InstanceSnapshot`: the instance's configuration at backup time.
public struct StarRocksInstanceSnapshot: Sendable, Hashable {
    public var instanceName: String
    /// `Version` (`3.3`) and `MinorVersion` (`3.3.13-1.0-1.7.2`).
    public var version: String
    public var minorVersion: String
    /// `shared_nothing` or `shared_data`.
    public var runMode: String
    /// `SpecType`: `standard`, `localSSD`, `bigData`, `ramEnhanced`, `networkEnhanced`.
    public var specType: String
    public var vpcID: String
    public var resourceGroupID: String
    public var region: String
    public var nodeGroups: [StarRocksNodeGroup]
    public var tags: [StarRocksTag]

    public init(
        instanceName: String, version: String, minorVersion: String, runMode: String, specType: String,
        vpcID: String, resourceGroupID: String, region: String, nodeGroups: [StarRocksNodeGroup], tags: [StarRocksTag]
    ) {
        self.instanceName = instanceName
        self.version = version
        self.minorVersion = minorVersion
        self.runMode = runMode
        self.specType = specType
        self.vpcID = vpcID
        self.resourceGroupID = resourceGroupID
        self.region = region
        self.nodeGroups = nodeGroups
        self.tags = tags
    }
}

/// One `InstanceSnapshot.NodeGroups[]` element: a compute group.
public struct StarRocksNodeGroup: Sendable, Hashable {
    /// `FE`, `BE`, `CN`, `OBSERVER` or `AGENT`.
    public var componentType: String
    /// Compute units (1 CU = 1 vCPU + 4 GiB, or 8 GiB on `ramEnhanced`).
    public var cu: Int64?
    /// `StorageSize` per node, in bytes (GiB on the wire).
    public var storageSize: ByteCount?
    /// `StoragePerformanceLevel`: `pl0`…`pl3`.
    public var storagePerformanceLevel: String
    /// `DiskNumber` and `ResidentNodeNumber`, which the vendor sends as text.
    public var diskCount: Int64?
    public var nodeCount: Int64?
    public var specType: String
    /// `LocalStorageInstanceType`; nil when absent, empty or the text `"null"`.
    public var localStorageInstanceType: String?

    public init(
        componentType: String, cu: Int64?, storageSize: ByteCount?, storagePerformanceLevel: String,
        diskCount: Int64?, nodeCount: Int64?, specType: String, localStorageInstanceType: String?
    ) {
        self.componentType = componentType
        self.cu = cu
        self.storageSize = storageSize
        self.storagePerformanceLevel = storagePerformanceLevel
        self.diskCount = diskCount
        self.nodeCount = nodeCount
        self.specType = specType
        self.localStorageInstanceType = localStorageInstanceType
    }
}

/// One `Tags[]` entry.
public struct StarRocksTag: Sendable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
