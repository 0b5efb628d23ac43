import Foundation

// r-kvstore 2015-01-01 response bodies, key for key (reference/schemas/kvstore_DescribeClusterBackupList.txt and
// kvstore_DescribeInstances.txt). Page-level shape errors throw `WireShapeError`; a record without its ID is
// dropped (`RecordError`); everything else odd becomes an anomaly line on the record.

/// `DescribeClusterBackupList` response body. No total: the API reports only the page it returned.
struct RedisDescribeClusterBackupListResponse: Decodable {
    var requestID: String?
    var pageNumber: Int64?
    var pageSize: Int64?
    /// "The maximum number of records returned by the current request" — in practice the count on this page.
    var maxResults: Int64?
    var fullStorageSize: Int64?
    var logStorageSize: Int64?
    var freeSize: Int64?
    /// A plain array, no wrapper object (unlike `DescribeBackups`' `Backups.Backup[]`).
    var clusterBackups: [Lenient<RedisClusterBackupRecord>]

    enum CodingKeys: String, CodingKey {
        case requestID = "RequestId"
        case pageNumber = "PageNumber"
        case pageSize = "PageSize"
        case maxResults = "MaxResults"
        case fullStorageSize = "FullStorageSize"
        case logStorageSize = "LogStorageSize"
        case freeSize = "FreeSize"
        case clusterBackups = "ClusterBackups"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        requestID = (try? container.decodeIfPresent(FlexibleString.self, forKey: .requestID))?.value
        pageNumber = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .pageNumber))?.value
        pageSize = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .pageSize))?.value
        maxResults = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .maxResults))?.value
        fullStorageSize = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .fullStorageSize))?.value
        logStorageSize = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .logStorageSize))?.value
        freeSize = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .freeSize))?.value
        clusterBackups = try container.decodeShaped(
            [Lenient<RedisClusterBackupRecord>].self, forKey: .clusterBackups, expected: .array) ?? []
    }
}

/// One `ClusterBackups[]` record: a backup of the whole cluster, made of one backup per node.
struct RedisClusterBackupRecord: Decodable {
    var clusterBackupID: String
    var clusterBackupStatus: String?
    /// Documented as text ("2048"); read as a number whatever it arrives as.
    var clusterBackupSize: Int64?
    var clusterBackupStartTime: String?
    var clusterBackupEndTime: String?
    var clusterBackupMode: String?
    /// An int at this level (a string on the node level).
    var isAvail: Bool?
    var shardClassMemory: Int64?
    var expectExpireTime: String?
    var progress: String?
    var backups: [RedisNodeBackupRecord]
    var anomalies: [String]

    enum CodingKeys: String, CodingKey {
        case clusterBackupID = "ClusterBackupId"
        case clusterBackupStatus = "ClusterBackupStatus"
        case clusterBackupSize = "ClusterBackupSize"
        case clusterBackupStartTime = "ClusterBackupStartTime"
        case clusterBackupEndTime = "ClusterBackupEndTime"
        case clusterBackupMode = "ClusterBackupMode"
        case isAvail = "IsAvail"
        case shardClassMemory = "ShardClassMemory"
        case expectExpireTime = "ExpectExpireTime"
        case progress = "Progress"
        case backups = "Backups"
    }

    init(from decoder: any Decoder) throws {
        let container: KeyedDecodingContainer<CodingKeys>
        do {
            container = try decoder.container(keyedBy: CodingKeys.self)
        } catch {
            let shape = (try? JSONShape(from: decoder))?.phrase ?? "unreadable"
            throw RecordError(reason: "the record is \(shape), expected an object")
        }
        var fields = LenientFields(container)
        // Strict: the cluster backup is addressed by its ID.
        clusterBackupID = try fields.requiredID(.clusterBackupID)
        clusterBackupStatus = fields.string(.clusterBackupStatus)
        clusterBackupSize = fields.numberDocumentedAsText(.clusterBackupSize)
        clusterBackupStartTime = fields.string(.clusterBackupStartTime)
        clusterBackupEndTime = fields.string(.clusterBackupEndTime)
        clusterBackupMode = fields.string(.clusterBackupMode)
        isAvail = fields.documentedFlag(.isAvail, documentedAsText: false)
        shardClassMemory = fields.integer(.shardClassMemory)
        expectExpireTime = fields.string(.expectExpireTime)
        progress = fields.string(.progress)
        // Absent or null is no nodes (`NoShardBackup=true`).
        backups = fields.records(.backups, notAnArray: { "Backups is \($0), expected an array; node backups ignored" },
                                 badRecord: { "node backup \($0 + 1) ignored: \($1)" })
        anomalies = fields.anomalies
    }
}

/// One `ClusterBackups[].Backups[]` record: the backup file of one node.
struct RedisNodeBackupRecord: Decodable {
    var backupID: String
    /// Named like an instance, but holds the backup file name (`hins…_data_….rdb`).
    var instanceName: String?
    var backupName: String?
    var backupStartTime: String?
    var backupEndTime: String?
    /// Bytes, documented as text ("1024").
    var backupSize: Int64?
    /// Documented as text here ("1"), an int on the cluster level.
    var isAvail: Bool?
    var backupStatus: String?
    var engine: String?
    var backupDownloadURL: String?
    var backupIntranetDownloadURL: String?
    /// `ExtraInfo.CustinsDbVersion`.
    var custinsDbVersion: String?
    var recoverConfigMode: String?
    var anomalies: [String]

    enum CodingKeys: String, CodingKey {
        case backupID = "BackupId"
        case instanceName = "InstanceName"
        case backupName = "BackupName"
        case backupStartTime = "BackupStartTime"
        case backupEndTime = "BackupEndTime"
        case backupSize = "BackupSize"
        case isAvail = "IsAvail"
        case backupStatus = "BackupStatus"
        case engine = "Engine"
        case backupDownloadURL = "BackupDownloadURL"
        case backupIntranetDownloadURL = "BackupIntranetDownloadURL"
        case extraInfo = "ExtraInfo"
        case recoverConfigMode = "RecoverConfigMode"
    }

    enum ExtraInfoKeys: String, CodingKey {
        case custinsDbVersion = "CustinsDbVersion"
    }

    init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: CodingKeys.self) else {
            let shape = (try? JSONShape(from: decoder))?.phrase ?? "unreadable"
            throw RecordError(reason: "it is \(shape), expected an object")
        }
        var fields = LenientFields(container)
        backupID = try fields.requiredID(.backupID)
        instanceName = fields.string(.instanceName)
        backupName = fields.string(.backupName)
        backupStartTime = fields.string(.backupStartTime)
        backupEndTime = fields.string(.backupEndTime)
        backupSize = fields.numberDocumentedAsText(.backupSize)
        isAvail = fields.documentedFlag(.isAvail, documentedAsText: true)
        backupStatus = fields.string(.backupStatus)
        engine = fields.string(.engine)
        backupDownloadURL = fields.string(.backupDownloadURL)
        backupIntranetDownloadURL = fields.string(.backupIntranetDownloadURL)
        recoverConfigMode = fields.string(.recoverConfigMode)
        custinsDbVersion = nil
        if container.contains(.extraInfo), !((try? container.decodeNil(forKey: .extraInfo)) ?? false) {
            if let extra = try? container.nestedContainer(keyedBy: ExtraInfoKeys.self, forKey: .extraInfo) {
                var extraFields = LenientFields(extra)
                custinsDbVersion = extraFields.string(.custinsDbVersion)
                for anomaly in extraFields.anomalies { fields.note("ExtraInfo." + anomaly) }
            } else {
                fields.note("ExtraInfo is not an object; ignored")
            }
        }
        anomalies = fields.anomalies
    }
}

/// `DescribeInstances` response body.
struct RedisDescribeInstancesResponse: Decodable {
    var requestID: String?
    var totalCount: Int64?
    var pageNumber: Int64?
    var pageSize: Int64?
    /// `Instances.KVStoreInstance[]`.
    var instances: WrappedList<RedisInstanceRecord>?

    enum CodingKeys: String, CodingKey {
        case requestID = "RequestId"
        case totalCount = "TotalCount"
        case pageNumber = "PageNumber"
        case pageSize = "PageSize"
        case instances = "Instances"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        requestID = (try? container.decodeIfPresent(FlexibleString.self, forKey: .requestID))?.value
        totalCount = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .totalCount))?.value
        pageNumber = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .pageNumber))?.value
        pageSize = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .pageSize))?.value
        instances = try container.decodeShaped(WrappedList.self, forKey: .instances, expected: .object)
    }
}

/// One `Instances.KVStoreInstance[]` record: the fields a browser shows (the SDK model has some forty more).
struct RedisInstanceRecord: WrappedListElement {
    static let wrapperKey = "KVStoreInstance"
    var instanceID: String
    var instanceName: String?
    var instanceStatus: String?
    var instanceType: String?
    var engineVersion: String?
    var architectureType: String?
    var editionType: String?
    var regionID: String?
    var zoneID: String?
    var instanceClass: String?
    var capacity: Int64?
    var shardCount: Int64?
    var chargeType: String?
    var networkType: String?
    var createTime: String?
    var endTime: String?
    var anomalies: [String]

    enum CodingKeys: String, CodingKey {
        case instanceID = "InstanceId"
        case instanceName = "InstanceName"
        case instanceStatus = "InstanceStatus"
        case instanceType = "InstanceType"
        case engineVersion = "EngineVersion"
        case architectureType = "ArchitectureType"
        case editionType = "EditionType"
        case regionID = "RegionId"
        case zoneID = "ZoneId"
        case instanceClass = "InstanceClass"
        case capacity = "Capacity"
        case shardCount = "ShardCount"
        case chargeType = "ChargeType"
        case networkType = "NetworkType"
        case createTime = "CreateTime"
        case endTime = "EndTime"
    }

    init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: CodingKeys.self) else {
            let shape = (try? JSONShape(from: decoder))?.phrase ?? "unreadable"
            throw RecordError(reason: "the record is \(shape), expected an object")
        }
        var fields = LenientFields(container)
        instanceID = try fields.requiredID(.instanceID)
        instanceName = fields.string(.instanceName)
        instanceStatus = fields.string(.instanceStatus)
        instanceType = fields.string(.instanceType)
        engineVersion = fields.string(.engineVersion)
        architectureType = fields.string(.architectureType)
        editionType = fields.string(.editionType)
        regionID = fields.string(.regionID)
        zoneID = fields.string(.zoneID)
        instanceClass = fields.string(.instanceClass)
        capacity = fields.integer(.capacity)
        shardCount = fields.integer(.shardCount)
        chargeType = fields.string(.chargeType)
        networkType = fields.string(.networkType)
        createTime = fields.string(.createTime)
        endTime = fields.string(.endTime)
        anomalies = fields.anomalies
    }
}

extension LenientFields {
    /// A number the API documents as text (Redis sizes: `"2048"`). Text is the expected form and is read quietly;
    /// a JSON number is accepted with a note; anything else is ignored with a note.
    mutating func numberDocumentedAsText(_ key: Key) -> Int64? {
        guard container.contains(key), !((try? container.decodeNil(forKey: key)) ?? false) else { return nil }
        if let text = try? container.decode(String.self, forKey: key) {
            let trimmed = text.trimmingWhitespace()
            if trimmed.isEmpty { return nil }
            if let value = FlexibleInt.parse(trimmed) { return value }
            note("\(key.stringValue) is not a number: \"\(text.prefix(40))\"; ignored")
            return nil
        }
        if let value = try? container.decode(FlexibleInt.self, forKey: key) {
            note("\(key.stringValue) arrived as a number, documented as text")
            return value.value
        }
        let shape = (try? container.decode(JSONShape.self, forKey: key))?.phrase ?? "unreadable"
        note("\(key.stringValue) is \(shape), expected text holding a number; ignored")
        return nil
    }

    /// `IsAvail`: 0/1 sent as a number on one level and as text on the other. Both forms are read; the one the
    /// API does not document for this level is noted.
    mutating func documentedFlag(_ key: Key, documentedAsText: Bool) -> Bool? {
        guard container.contains(key), !((try? container.decodeNil(forKey: key)) ?? false) else { return nil }
        let arrivedAsText = (try? container.decode(String.self, forKey: key)) != nil
        guard let value = flag(key) else { return nil }
        if arrivedAsText != documentedAsText {
            note("\(key.stringValue) arrived as \(arrivedAsText ? "text" : "a number"), documented as "
                + (documentedAsText ? "text" : "a number"))
        }
        return value
    }
}
