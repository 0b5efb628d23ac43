import Foundation

/// Huawei GaussDB NoSQL (GeminiDB) v3.1 backup beyond the common fields of `Backup` (which already holds the
/// status, begin/end and the size in bytes): what the detail pane shows, and the backup's databases → tables.
public struct HuaweiBackupDetail: Sendable, Hashable {
    /// The backup's `name`.
    public var name: String
    /// The vendor's `type` word: `Auto` or `Manual`.
    public var backupType: String
    /// `datastore.type` (cassandra, mongodb, influxdb, redis) and `datastore.version`.
    public var datastoreType: String
    public var datastoreVersion: String
    /// `instance_name`, the instance the backup was taken of.
    public var instanceName: String
    public var description: String
    /// The size as the vendor sent it, in KB (`Backup.size` holds it in bytes).
    public var sizeKB: Double?
    /// `database_tables`: empty for an instance-level backup.
    public var databases: [HuaweiDatabaseTables]

    public init(
        name: String, backupType: String, datastoreType: String, datastoreVersion: String, instanceName: String,
        description: String, sizeKB: Double?, databases: [HuaweiDatabaseTables]
    ) {
        self.name = name
        self.backupType = backupType
        self.datastoreType = datastoreType
        self.datastoreVersion = datastoreVersion
        self.instanceName = instanceName
        self.description = description
        self.sizeKB = sizeKB
        self.databases = databases
    }

    /// A database/table-level backup (it names its databases); otherwise the whole instance was backed up.
    public var isTableLevel: Bool { !databases.isEmpty }
}

/// One `database_tables[]` entry: a database and the tables backed up in it.
public struct HuaweiDatabaseTables: Sendable, Hashable {
    public var database: String
    /// nil when the vendor sent `table_names: null` (or nothing): the whole database is in the backup.
    public var tables: [String]?

    public init(database: String, tables: [String]?) {
        self.database = database
        self.tables = tables
    }

    /// The whole database, not a list of tables, was backed up.
    public var isWholeDatabase: Bool { tables == nil }
}
