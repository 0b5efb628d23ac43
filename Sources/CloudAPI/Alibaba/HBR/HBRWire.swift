import Foundation

// HBR 2017-09-08 response bodies, key for key (reference/schemas/hbr_DescribeBackupJobs2.txt and
// hbr_DescribeVaults.txt). Lists come in wrapper objects (`BackupJobs.BackupJob[]`, `Paths.Path[]`,
// `Vaults.Vault[]`…); a bare array is accepted with an anomaly, any other shape of a top-level list fails the page.

/// The status part every HBR body carries: `Success`, `Code` (the *string* "200"), `Message`. Read first, on its
/// own, so a `Success: false` body is reported as the vendor's error even when the rest does not decode.
struct HBRStatusEnvelope: Decodable {
    var success: Bool?
    var code: String?
    var message: String?
    var requestID: String?

    enum CodingKeys: String, CodingKey {
        case success = "Success"
        case code = "Code"
        case message = "Message"
        case requestID = "RequestId"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var fields = LenientFields(container)
        success = fields.flag(.success)
        code = fields.string(.code)
        message = fields.string(.message)
        requestID = fields.string(.requestID)
    }
}

extension LenientFields {
    /// A wrapped list of strings (`{"Path": ["/home"]}`); a bare array is taken with a note, anything else is noted
    /// and ignored. Non-text entries are dropped with a note.
    mutating func wrappedStrings(_ key: Key, inner: String) -> [String] {
        guard container.contains(key), !((try? container.decodeNil(forKey: key)) ?? false) else { return [] }
        let name = key.stringValue
        var raw: [FlexibleString?] = []
        switch try? container.decode(JSONShape.self, forKey: key) {
        case .object:
            guard let wrapper = try? container.nestedContainer(keyedBy: AnyCodingKey.self, forKey: key) else {
                return []
            }
            let innerKey = AnyCodingKey(stringValue: inner)
            guard wrapper.contains(innerKey), !((try? wrapper.decodeNil(forKey: innerKey)) ?? false) else { return [] }
            guard let values = try? wrapper.decode([OptionalText].self, forKey: innerKey) else {
                note("\(name).\(inner) is not an array; ignored")
                return []
            }
            raw = values.map(\.value)
        case .array:
            guard let values = try? container.decode([OptionalText].self, forKey: key) else { return [] }
            note("\(name) arrived as a bare array, not wrapped in {\"\(inner)\": [...]}")
            raw = values.map(\.value)
        default:
            note("\(name) is not an object; ignored")
            return []
        }
        var out: [String] = []
        for (index, value) in raw.enumerated() {
            guard let value else {
                note("\(name).\(inner)[\(index)] is not text; ignored")
                continue
            }
            out.append(value.value)
        }
        return out
    }
}

/// An array element that may be any JSON value: text (or a number) when it is one.
struct OptionalText: Decodable {
    var value: FlexibleString?
    init(from decoder: any Decoder) throws {
        value = try? FlexibleString(from: decoder)
    }
}

// MARK: - DescribeBackupJobs2

/// `DescribeBackupJobs2` response body.
struct HBRDescribeBackupJobs2Response: Decodable {
    var requestID: String?
    var pageNumber: Int64?
    var pageSize: Int64?
    var totalCount: Int64?
    var backupJobs: WrappedList<HBRBackupJobRecord>?

    enum CodingKeys: String, CodingKey {
        case requestID = "RequestId"
        case pageNumber = "PageNumber"
        case pageSize = "PageSize"
        case totalCount = "TotalCount"
        case backupJobs = "BackupJobs"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        requestID = (try? container.decodeIfPresent(FlexibleString.self, forKey: .requestID))?.value
        pageNumber = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .pageNumber))?.value
        pageSize = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .pageSize))?.value
        totalCount = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .totalCount))?.value
        if container.contains(.backupJobs), !((try? container.decodeNil(forKey: .backupJobs)) ?? false) {
            let shape = try container.decode(JSONShape.self, forKey: .backupJobs)
            guard shape == .object || shape == .array else {
                throw WireShapeError(message: "BackupJobs is \(shape.phrase), expected an object")
            }
            backupJobs = try container.decode(WrappedList<HBRBackupJobRecord>.self, forKey: .backupJobs)
        }
    }
}

/// One `BackupJobs.BackupJob[]` record.
struct HBRBackupJobRecord: WrappedListElement {
    static let wrapperKey = "BackupJob"

    var jobID: String
    var jobName: String?
    var status: String?
    var errorMessage: String?
    var sourceType: String?
    var backupType: String?
    var vaultID: String?
    var planID: String?
    var clientID: String?
    var instanceID: String?
    var instanceName: String?
    var bucket: String?
    var prefix: String?
    var fileSystemID: String?
    var tableName: String?
    var identifier: String?
    var options: String?
    var include: String?
    var exclude: String?
    var speedLimit: String?
    var crossAccountType: String?
    var crossAccountRoleName: String?
    var crossAccountUserID: Int64?
    var destSourceType: String?
    var destDataSourceID: String?
    var destDataSourceDetail: String?
    var changeListPath: String?
    var triggerMode: String?
    var createdTime: Int64?
    var startTime: Int64?
    var completeTime: Int64?
    var updatedTime: Int64?
    var createTime: Int64?
    var bytesTotal: Int64?
    var bytesDone: Int64?
    var actualBytes: Int64?
    var speed: Int64?
    var itemsTotal: Int64?
    var itemsDone: Int64?
    var actualItems: Int64?
    var filesTotal: Int64?
    var filesDone: Int64?
    var actualFiles: Int64?
    var progress: Int64?
    var paths: [String]
    var detail: HBRJobDetailRecord?
    var otsTableNames: [String]
    var report: HBRJobReportRecord?
    var anomalies: [String]

    enum CodingKeys: String, CodingKey {
        case jobID = "JobId"
        case jobName = "JobName"
        case status = "Status"
        case errorMessage = "ErrorMessage"
        case sourceType = "SourceType"
        case backupType = "BackupType"
        case vaultID = "VaultId"
        case planID = "PlanId"
        case clientID = "ClientId"
        case instanceID = "InstanceId"
        case instanceName = "InstanceName"
        case bucket = "Bucket"
        case prefix = "Prefix"
        case fileSystemID = "FileSystemId"
        case tableName = "TableName"
        case identifier = "Identifier"
        case options = "Options"
        case include = "Include"
        case exclude = "Exclude"
        case speedLimit = "SpeedLimit"
        case crossAccountType = "CrossAccountType"
        case crossAccountRoleName = "CrossAccountRoleName"
        case crossAccountUserID = "CrossAccountUserId"
        case destSourceType = "DestSourceType"
        case destDataSourceID = "DestDataSourceId"
        case destDataSourceDetail = "DestDataSourceDetail"
        case changeListPath = "ChangeListPath"
        case triggerMode = "TriggerMode"
        case createdTime = "CreatedTime"
        case startTime = "StartTime"
        case completeTime = "CompleteTime"
        case updatedTime = "UpdatedTime"
        case createTime = "CreateTime"
        case bytesTotal = "BytesTotal"
        case bytesDone = "BytesDone"
        case actualBytes = "ActualBytes"
        case speed = "Speed"
        case itemsTotal = "ItemsTotal"
        case itemsDone = "ItemsDone"
        case actualItems = "ActualItems"
        case filesTotal = "FilesTotal"
        case filesDone = "FilesDone"
        case actualFiles = "ActualFiles"
        case progress = "Progress"
        case paths = "Paths"
        case detail = "Detail"
        case otsDetail = "OtsDetail"
        case report = "Report"
    }

    enum OtsDetailKeys: String, CodingKey {
        case tableNames = "TableNames"
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
        // Strict: a job is addressed by its ID.
        jobID = try fields.requiredID(.jobID)
        jobName = fields.string(.jobName)
        status = fields.string(.status)
        errorMessage = fields.string(.errorMessage)
        sourceType = fields.string(.sourceType)
        backupType = fields.string(.backupType)
        vaultID = fields.string(.vaultID)
        planID = fields.string(.planID)
        clientID = fields.string(.clientID)
        instanceID = fields.string(.instanceID)
        instanceName = fields.string(.instanceName)
        bucket = fields.string(.bucket)
        prefix = fields.string(.prefix)
        fileSystemID = fields.string(.fileSystemID)
        tableName = fields.string(.tableName)
        identifier = fields.string(.identifier)
        options = fields.string(.options)
        include = fields.string(.include)
        exclude = fields.string(.exclude)
        speedLimit = fields.string(.speedLimit)
        crossAccountType = fields.string(.crossAccountType)
        crossAccountRoleName = fields.string(.crossAccountRoleName)
        crossAccountUserID = fields.integer(.crossAccountUserID)
        destSourceType = fields.string(.destSourceType)
        destDataSourceID = fields.string(.destDataSourceID)
        destDataSourceDetail = fields.string(.destDataSourceDetail)
        changeListPath = fields.string(.changeListPath)
        triggerMode = fields.string(.triggerMode)
        createdTime = fields.integer(.createdTime)
        startTime = fields.integer(.startTime)
        completeTime = fields.integer(.completeTime)
        updatedTime = fields.integer(.updatedTime)
        createTime = fields.integer(.createTime)
        bytesTotal = fields.integer(.bytesTotal)
        bytesDone = fields.integer(.bytesDone)
        actualBytes = fields.integer(.actualBytes)
        speed = fields.integer(.speed)
        itemsTotal = fields.integer(.itemsTotal)
        itemsDone = fields.integer(.itemsDone)
        actualItems = fields.integer(.actualItems)
        filesTotal = fields.integer(.filesTotal)
        filesDone = fields.integer(.filesDone)
        actualFiles = fields.integer(.actualFiles)
        progress = fields.integer(.progress)
        paths = fields.wrappedStrings(.paths, inner: "Path")
        detail = Self.object(HBRJobDetailRecord.self, .detail, container, &fields)
        report = Self.object(HBRJobReportRecord.self, .report, container, &fields)
        otsTableNames = []
        if container.contains(.otsDetail), !((try? container.decodeNil(forKey: .otsDetail)) ?? false) {
            if let ots = try? container.nestedContainer(keyedBy: OtsDetailKeys.self, forKey: .otsDetail) {
                var otsFields = LenientFields(ots)
                otsTableNames = otsFields.wrappedStrings(.tableNames, inner: "TableName")
                for anomaly in otsFields.anomalies { fields.note("OtsDetail." + anomaly) }
            } else {
                fields.note("OtsDetail is not an object; ignored")
            }
        }
        if let detail { for anomaly in detail.anomalies { fields.note("Detail." + anomaly) } }
        anomalies = fields.anomalies
    }

    /// A nested object decoded leniently; a wrong shape is noted, never fatal for the record.
    private static func object<T: Decodable>(
        _ type: T.Type, _ key: CodingKeys, _ container: KeyedDecodingContainer<CodingKeys>,
        _ fields: inout LenientFields<CodingKeys>
    ) -> T? {
        guard container.contains(key), !((try? container.decodeNil(forKey: key)) ?? false) else { return nil }
        guard (try? container.decode(JSONShape.self, forKey: key)) == .object,
              let value = try? container.decode(T.self, forKey: key)
        else {
            fields.note("\(key.stringValue) is not an object; ignored")
            return nil
        }
        return value
    }
}

/// `Detail` of a job: the ECS snapshot and its remote copy.
struct HBRJobDetailRecord: Decodable {
    var doCopy: Bool?
    var nativeSnapshotID: String?
    var destinationNativeSnapshotID: String?
    var destinationSnapshotID: String?
    var destinationNativeSnapshotStatus: String?
    var destinationNativeSnapshotErrorMessage: String?
    var destinationNativeSnapshotProgress: Int64?
    var destinationRetention: Int64?
    var diskNativeSnapshotIDs: [String]
    var anomalies: [String]

    enum CodingKeys: String, CodingKey {
        case doCopy = "DoCopy"
        case nativeSnapshotID = "NativeSnapshotId"
        case destinationNativeSnapshotID = "DestinationNativeSnapshotId"
        case destinationSnapshotID = "DestinationSnapshotId"
        case destinationNativeSnapshotStatus = "DestinationNativeSnapshotStatus"
        case destinationNativeSnapshotErrorMessage = "DestinationNativeSnapshotErrorMessage"
        case destinationNativeSnapshotProgress = "DestinationNativeSnapshotProgress"
        case destinationRetention = "DestinationRetention"
        case diskNativeSnapshotIDList = "DiskNativeSnapshotIdList"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var fields = LenientFields(container)
        doCopy = fields.flag(.doCopy)
        nativeSnapshotID = fields.string(.nativeSnapshotID)
        destinationNativeSnapshotID = fields.string(.destinationNativeSnapshotID)
        destinationSnapshotID = fields.string(.destinationSnapshotID)
        destinationNativeSnapshotStatus = fields.string(.destinationNativeSnapshotStatus)
        destinationNativeSnapshotErrorMessage = fields.string(.destinationNativeSnapshotErrorMessage)
        destinationNativeSnapshotProgress = fields.integer(.destinationNativeSnapshotProgress)
        destinationRetention = fields.integer(.destinationRetention)
        diskNativeSnapshotIDs = fields.wrappedStrings(.diskNativeSnapshotIDList, inner: "DiskNativeSnapshotId")
        anomalies = fields.anomalies
    }
}

/// `Report` of a file job (counts sent as text).
struct HBRJobReportRecord: Decodable {
    var failedFiles: String?
    var skippedFiles: String?
    var successFiles: String?
    var totalFiles: String?
    var reportTaskStatus: String?

    enum CodingKeys: String, CodingKey {
        case failedFiles = "FailedFiles"
        case skippedFiles = "SkippedFiles"
        case successFiles = "SuccessFiles"
        case totalFiles = "TotalFiles"
        case reportTaskStatus = "ReportTaskStatus"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var fields = LenientFields(container)
        failedFiles = fields.string(.failedFiles)
        skippedFiles = fields.string(.skippedFiles)
        successFiles = fields.string(.successFiles)
        totalFiles = fields.string(.totalFiles)
        reportTaskStatus = fields.string(.reportTaskStatus)
    }
}

// MARK: - DescribeVaults

/// `DescribeVaults` response body.
struct HBRDescribeVaultsResponse: Decodable {
    var requestID: String?
    var pageNumber: Int64?
    var pageSize: Int64?
    var totalCount: Int64?
    var vaults: WrappedList<HBRVaultRecord>?

    enum CodingKeys: String, CodingKey {
        case requestID = "RequestId"
        case pageNumber = "PageNumber"
        case pageSize = "PageSize"
        case totalCount = "TotalCount"
        case vaults = "Vaults"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        requestID = (try? container.decodeIfPresent(FlexibleString.self, forKey: .requestID))?.value
        pageNumber = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .pageNumber))?.value
        pageSize = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .pageSize))?.value
        totalCount = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .totalCount))?.value
        if container.contains(.vaults), !((try? container.decodeNil(forKey: .vaults)) ?? false) {
            let shape = try container.decode(JSONShape.self, forKey: .vaults)
            guard shape == .object || shape == .array else {
                throw WireShapeError(message: "Vaults is \(shape.phrase), expected an object")
            }
            vaults = try container.decode(WrappedList<HBRVaultRecord>.self, forKey: .vaults)
        }
    }
}

/// One `Vaults.Vault[]` record: the fields a browser shows (the SDK model has some fifty).
struct HBRVaultRecord: WrappedListElement {
    static let wrapperKey = "Vault"

    var vaultID: String
    var vaultName: String?
    var vaultRegionID: String?
    var vaultType: String?
    var vaultStorageClass: String?
    var status: String?
    var description: String?
    var createdTime: Int64?
    var updatedTime: Int64?
    var storageSize: Int64?
    var bytesDone: Int64?
    var sourceTypes: [String]
    var anomalies: [String]

    enum CodingKeys: String, CodingKey {
        case vaultID = "VaultId"
        case vaultName = "VaultName"
        case vaultRegionID = "VaultRegionId"
        case vaultType = "VaultType"
        case vaultStorageClass = "VaultStorageClass"
        case status = "Status"
        case description = "Description"
        case createdTime = "CreatedTime"
        case updatedTime = "UpdatedTime"
        case storageSize = "StorageSize"
        case bytesDone = "BytesDone"
        case sourceTypes = "SourceTypes"
    }

    init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: CodingKeys.self) else {
            let shape = (try? JSONShape(from: decoder))?.phrase ?? "unreadable"
            throw RecordError(reason: "the record is \(shape), expected an object")
        }
        var fields = LenientFields(container)
        vaultID = try fields.requiredID(.vaultID)
        vaultName = fields.string(.vaultName)
        vaultRegionID = fields.string(.vaultRegionID)
        vaultType = fields.string(.vaultType)
        vaultStorageClass = fields.string(.vaultStorageClass)
        status = fields.string(.status)
        description = fields.string(.description)
        createdTime = fields.integer(.createdTime)
        updatedTime = fields.integer(.updatedTime)
        storageSize = fields.integer(.storageSize)
        bytesDone = fields.integer(.bytesDone)
        sourceTypes = fields.wrappedStrings(.sourceTypes, inner: "SourceType")
        anomalies = fields.anomalies
    }
}
