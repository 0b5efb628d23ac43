import Foundation

// RDS 2014-08-15 response bodies, key for key (reference/schemas/rds_DescribeBackups.txt and
// rds_DescribeDBInstances.txt). Page-level shape errors throw `WireShapeError`; record-level problems either
// drop the record (`RecordError`, no ID) or become anomaly lines on it.

/// `DescribeBackups` response body.
struct RDSDescribeBackupsResponse: Decodable {
    var requestID: String?
    /// Documented as strings ("100"); read as numbers whatever they arrive as.
    var totalRecordCount: Int64?
    var pageRecordCount: Int64?
    var pageNumber: Int64?
    var totalEcsSnapshotSize: Int64?
    /// `Items.Backup[]`.
    var items: WrappedList<RDSBackupRecord>?

    enum CodingKeys: String, CodingKey {
        case requestID = "RequestId"
        case totalRecordCount = "TotalRecordCount"
        case pageRecordCount = "PageRecordCount"
        case pageNumber = "PageNumber"
        case totalEcsSnapshotSize = "TotalEcsSnapshotSize"
        case items = "Items"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        requestID = (try? container.decodeIfPresent(FlexibleString.self, forKey: .requestID))?.value
        totalRecordCount = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .totalRecordCount))?.value
        pageRecordCount = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .pageRecordCount))?.value
        pageNumber = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .pageNumber))?.value
        totalEcsSnapshotSize = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .totalEcsSnapshotSize))?
            .value
        items = try container.decodeShaped(WrappedList.self, forKey: .items, expected: .object)
    }
}

/// One `Items.Backup[]` record.
struct RDSBackupRecord: WrappedListElement {
    static let wrapperKey = "Backup"
    var backupID: String
    var dbInstanceID: String?
    var hostInstanceID: String?
    var backupStatus: String?
    var backupMode: String?
    var backupType: String?
    var backupMethod: String?
    var backupInitiator: String?
    var backupStartTime: String?
    var backupEndTime: String?
    var backupSize: Int64?
    var consistentTime: Int64?
    var isAvail: Bool?
    var storageClass: String?
    var copyOnlyBackup: String?
    var storeStatus: String?
    var metaStatus: String?
    var encryption: String?
    var checksum: String?
    var engine: String?
    var engineVersion: String?
    var backupDownloadURL: String?
    var backupIntranetDownloadURL: String?
    var expectExpireTime: String?
    var resourceGroupID: String?
    var backupDownloadLinkByDB: [RDSDatabaseLinkRecord]
    /// What looked odd while reading this record.
    var anomalies: [String]

    enum CodingKeys: String, CodingKey {
        case backupID = "BackupId"
        case dbInstanceID = "DBInstanceId"
        case hostInstanceID = "HostInstanceID"
        case backupStatus = "BackupStatus"
        case backupMode = "BackupMode"
        case backupType = "BackupType"
        case backupMethod = "BackupMethod"
        case backupInitiator = "BackupInitiator"
        case backupStartTime = "BackupStartTime"
        case backupEndTime = "BackupEndTime"
        case backupSize = "BackupSize"
        case consistentTime = "ConsistentTime"
        case isAvail = "IsAvail"
        case storageClass = "StorageClass"
        case copyOnlyBackup = "CopyOnlyBackup"
        case storeStatus = "StoreStatus"
        case metaStatus = "MetaStatus"
        case encryption = "Encryption"
        case checksum = "Checksum"
        case engine = "Engine"
        case engineVersion = "EngineVersion"
        case backupDownloadURL = "BackupDownloadURL"
        case backupIntranetDownloadURL = "BackupIntranetDownloadURL"
        case expectExpireTime = "ExpectExpireTime"
        case resourceGroupID = "ResourceGroupId"
        case backupDownloadLinkByDB = "BackupDownloadLinkByDB"
    }

    /// The inner key of the doubly nested `BackupDownloadLinkByDB.BackupDownloadLinkByDB[]`.
    enum LinkWrapperKeys: String, CodingKey {
        case backupDownloadLinkByDB = "BackupDownloadLinkByDB"
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
        // Strict: a backup is addressed by its ID; inventing an empty one would merge unrelated records.
        backupID = try fields.requiredID(.backupID)
        dbInstanceID = fields.string(.dbInstanceID)
        hostInstanceID = fields.string(.hostInstanceID)
        backupStatus = fields.string(.backupStatus)
        backupMode = fields.string(.backupMode)
        backupType = fields.string(.backupType)
        backupMethod = fields.string(.backupMethod)
        backupInitiator = fields.string(.backupInitiator)
        backupStartTime = fields.string(.backupStartTime)
        backupEndTime = fields.string(.backupEndTime)
        backupSize = fields.integer(.backupSize)
        consistentTime = fields.integer(.consistentTime)
        isAvail = fields.flag(.isAvail)
        storageClass = fields.string(.storageClass)
        copyOnlyBackup = fields.string(.copyOnlyBackup)
        storeStatus = fields.string(.storeStatus)
        metaStatus = fields.string(.metaStatus)
        encryption = fields.string(.encryption)
        checksum = fields.string(.checksum)
        engine = fields.string(.engine)
        engineVersion = fields.string(.engineVersion)
        backupDownloadURL = fields.string(.backupDownloadURL)
        backupIntranetDownloadURL = fields.string(.backupIntranetDownloadURL)
        expectExpireTime = fields.string(.expectExpireTime)
        resourceGroupID = fields.string(.resourceGroupID)
        backupDownloadLinkByDB = Self.decodeLinks(container, fields: &fields)
        anomalies = fields.anomalies
    }

    /// `{"BackupDownloadLinkByDB": {"BackupDownloadLinkByDB": [...]}}` as the SDK model says; a bare array (as the
    /// doc table says) is accepted too, with a note. Anything else is noted and ignored.
    private static func decodeLinks(
        _ container: KeyedDecodingContainer<CodingKeys>, fields: inout LenientFields<CodingKeys>
    ) -> [RDSDatabaseLinkRecord] {
        let key = CodingKeys.backupDownloadLinkByDB
        guard container.contains(key), !((try? container.decodeNil(forKey: key)) ?? false) else { return [] }
        let elements: [Lenient<RDSDatabaseLinkRecord>]
        switch try? container.decode(JSONShape.self, forKey: key) {
        case .object:
            guard let wrapper = try? container.nestedContainer(keyedBy: LinkWrapperKeys.self, forKey: key) else {
                return []
            }
            let inner = LinkWrapperKeys.backupDownloadLinkByDB
            guard wrapper.contains(inner), !((try? wrapper.decodeNil(forKey: inner)) ?? false) else { return [] }
            guard let decoded = try? wrapper.decode([Lenient<RDSDatabaseLinkRecord>].self, forKey: inner) else {
                fields.note("BackupDownloadLinkByDB.BackupDownloadLinkByDB is not an array; ignored")
                return []
            }
            elements = decoded
        case .array:
            guard let decoded = try? container.decode([Lenient<RDSDatabaseLinkRecord>].self, forKey: key) else {
                return []
            }
            fields.note("BackupDownloadLinkByDB arrived as a bare array, not wrapped in an object")
            elements = decoded
        default:
            fields.note("BackupDownloadLinkByDB is not an object; ignored")
            return []
        }
        var links: [RDSDatabaseLinkRecord] = []
        for element in elements {
            switch element.result {
            case let .success(link): links.append(link)
            case let .failure(error):
                fields.note("database link \((element.index ?? 0) + 1) ignored: \(error.reason)")
            }
        }
        return links
    }
}

/// One `BackupDownloadLinkByDB.BackupDownloadLinkByDB[]` entry.
struct RDSDatabaseLinkRecord: Decodable {
    var dataBase: String
    var downloadLink: String?
    var intranetDownloadLink: String?

    enum CodingKeys: String, CodingKey {
        case dataBase = "DataBase"
        case downloadLink = "DownloadLink"
        case intranetDownloadLink = "IntranetDownloadLink"
    }

    init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: CodingKeys.self) else {
            throw RecordError(reason: "it is not an object")
        }
        var fields = LenientFields(container)
        dataBase = try fields.requiredID(.dataBase)
        downloadLink = fields.string(.downloadLink)
        intranetDownloadLink = fields.string(.intranetDownloadLink)
    }
}

/// `DescribeDBInstances` response body (page-number mode).
struct RDSDescribeDBInstancesResponse: Decodable {
    var requestID: String?
    var totalRecordCount: Int64?
    var pageRecordCount: Int64?
    var pageNumber: Int64?
    var nextToken: String?
    /// `Items.DBInstance[]`.
    var items: WrappedList<RDSDBInstanceRecord>?

    enum CodingKeys: String, CodingKey {
        case requestID = "RequestId"
        case totalRecordCount = "TotalRecordCount"
        case pageRecordCount = "PageRecordCount"
        case pageNumber = "PageNumber"
        case nextToken = "NextToken"
        case items = "Items"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        requestID = (try? container.decodeIfPresent(FlexibleString.self, forKey: .requestID))?.value
        totalRecordCount = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .totalRecordCount))?.value
        pageRecordCount = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .pageRecordCount))?.value
        pageNumber = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .pageNumber))?.value
        nextToken = (try? container.decodeIfPresent(FlexibleString.self, forKey: .nextToken))?.value
        items = try container.decodeShaped(WrappedList.self, forKey: .items, expected: .object)
    }
}

/// One `Items.DBInstance[]` record: the fields a browser shows (the SDK model has some sixty more).
struct RDSDBInstanceRecord: WrappedListElement {
    static let wrapperKey = "DBInstance"
    var dbInstanceID: String
    var dbInstanceDescription: String?
    var engine: String?
    var engineVersion: String?
    var regionID: String?
    var zoneID: String?
    var dbInstanceStatus: String?
    var dbInstanceType: String?
    var dbInstanceClass: String?
    var category: String?
    var payType: String?
    var createTime: String?
    var expireTime: String?
    var lockMode: String?
    var resourceGroupID: String?
    var anomalies: [String]

    enum CodingKeys: String, CodingKey {
        case dbInstanceID = "DBInstanceId"
        case dbInstanceDescription = "DBInstanceDescription"
        case engine = "Engine"
        case engineVersion = "EngineVersion"
        case regionID = "RegionId"
        case zoneID = "ZoneId"
        case dbInstanceStatus = "DBInstanceStatus"
        case dbInstanceType = "DBInstanceType"
        case dbInstanceClass = "DBInstanceClass"
        case category = "Category"
        case payType = "PayType"
        case createTime = "CreateTime"
        case expireTime = "ExpireTime"
        case lockMode = "LockMode"
        case resourceGroupID = "ResourceGroupId"
    }

    init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: CodingKeys.self) else {
            let shape = (try? JSONShape(from: decoder))?.phrase ?? "unreadable"
            throw RecordError(reason: "the record is \(shape), expected an object")
        }
        var fields = LenientFields(container)
        dbInstanceID = try fields.requiredID(.dbInstanceID)
        dbInstanceDescription = fields.string(.dbInstanceDescription)
        engine = fields.string(.engine)
        engineVersion = fields.string(.engineVersion)
        regionID = fields.string(.regionID)
        zoneID = fields.string(.zoneID)
        dbInstanceStatus = fields.string(.dbInstanceStatus)
        dbInstanceType = fields.string(.dbInstanceType)
        dbInstanceClass = fields.string(.dbInstanceClass)
        category = fields.string(.category)
        payType = fields.string(.payType)
        createTime = fields.string(.createTime)
        expireTime = fields.string(.expireTime)
        lockMode = fields.string(.lockMode)
        resourceGroupID = fields.string(.resourceGroupID)
        anomalies = fields.anomalies
    }
}

/// Alibaba's error body for 4xx/5xx (reference/cloud-apis.md §6).
struct AlibabaErrorBody: Decodable {
    var code: String?
    var message: String?
    var requestID: String?

    enum CodingKeys: String, CodingKey {
        case code = "Code"
        case message = "Message"
        case requestID = "RequestId"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = (try? container.decodeIfPresent(FlexibleString.self, forKey: .code))?.value
        message = (try? container.decodeIfPresent(FlexibleString.self, forKey: .message))?.value
        requestID = (try? container.decodeIfPresent(FlexibleString.self, forKey: .requestID))?.value
    }
}
