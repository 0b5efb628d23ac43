import Foundation

// starrocks 2022-10-19 response bodies, key for key (reference/schemas/starrocks_DescribeBackups.txt and
// starrocks_DescribeInstances.txt). Both carry their outcome in the body (`Success`, `ErrCode`, `ErrMessage`,
// `HttpStatusCode`) next to the list, so the envelope is read first and a `Success: false` becomes an error before
// the list is looked at. Page-level shape errors throw `WireShapeError`; a task or instance without its ID is
// dropped (`RecordError`); anything else odd becomes an anomaly line on the record.

/// The outcome fields every StarRocks response carries.
struct StarRocksEnvelope: Sendable {
    var requestID: String?
    /// nil when absent: then the HTTP status alone says it worked.
    var success: Bool?
    var errCode: String?
    var errMessage: String?
    var httpStatusCode: Int64?
    var total: Int64?

    enum CodingKeys: String, CodingKey {
        case requestID = "RequestId"
        case success = "Success"
        case errCode = "ErrCode"
        case errMessage = "ErrMessage"
        case httpStatusCode = "HttpStatusCode"
        case total = "Total"
    }

    init(requestID: String? = nil, success: Bool? = nil, errCode: String? = nil, errMessage: String? = nil,
         httpStatusCode: Int64? = nil, total: Int64? = nil) {
        self.requestID = requestID
        self.success = success
        self.errCode = errCode
        self.errMessage = errMessage
        self.httpStatusCode = httpStatusCode
        self.total = total
    }

    init(_ container: KeyedDecodingContainer<CodingKeys>) {
        requestID = (try? container.decodeIfPresent(FlexibleString.self, forKey: .requestID))?.value
        success = Self.flag(container, .success)
        errCode = (try? container.decodeIfPresent(FlexibleString.self, forKey: .errCode))?.value
        errMessage = (try? container.decodeIfPresent(FlexibleString.self, forKey: .errMessage))?.value
        httpStatusCode = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .httpStatusCode))?.value
        total = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .total))?.value
    }

    /// `true`/`false`, also as the text "true"/"false"; anything else is treated as absent.
    private static func flag(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) -> Bool? {
        if let value = try? container.decodeIfPresent(Bool.self, forKey: key) { return value }
        switch (try? container.decodeIfPresent(String.self, forKey: key))?.lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }
}

/// `DescribeBackups` response body.
struct StarRocksDescribeBackupsResponse: Decodable {
    var envelope: StarRocksEnvelope
    /// The `Data` array, still undecoded: it is read only once `Success` says there is something to read.
    var data: [Lenient<StarRocksBackupTaskRecord>]
    /// Set when `Data` has the wrong shape; reported only for a successful response.
    var dataShapeError: WireShapeError?

    enum DataKeys: String, CodingKey {
        case data = "Data"
    }

    init(from decoder: any Decoder) throws {
        envelope = StarRocksEnvelope(try decoder.container(keyedBy: StarRocksEnvelope.CodingKeys.self))
        let container = try decoder.container(keyedBy: DataKeys.self)
        do {
            data = try container.decodeShaped([Lenient<StarRocksBackupTaskRecord>].self, forKey: .data,
                                              expected: .array) ?? []
            dataShapeError = nil
        } catch let error as WireShapeError {
            data = []
            dataShapeError = error
        }
    }
}

/// One `Data[]` record: a backup task.
struct StarRocksBackupTaskRecord: Decodable {
    var backupTaskID: String
    var regionID: String?
    var instanceID: String?
    /// Documented as codes `0`/`1`; the vendor's example sends `FullBackup`.
    var backupType: String?
    var status: String?
    var description: String?
    /// GiB.
    var size: Int64?
    /// Unix milliseconds, unlike the subtasks' seconds.
    var backupStartTime: Int64?
    var backupFinishedTime: Int64?
    var expireTime: Int64?
    var subTasks: [StarRocksSubTaskRecord]
    var instanceSnapshot: StarRocksInstanceSnapshotRecord?
    var anomalies: [String]

    enum CodingKeys: String, CodingKey {
        case backupTaskID = "BackupTaskId"
        case regionID = "RegionId"
        case instanceID = "InstanceId"
        case backupType = "BackupType"
        case status = "Status"
        case description = "Description"
        case size = "Size"
        case backupStartTime = "BackupStartTime"
        case backupFinishedTime = "BackupFinishedTime"
        case expireTime = "ExpireTime"
        case subTasks = "SubTasks"
        case instanceSnapshot = "InstanceSnapshot"
    }

    init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: CodingKeys.self) else {
            let shape = (try? JSONShape(from: decoder))?.phrase ?? "unreadable"
            throw RecordError(reason: "the record is \(shape), expected an object")
        }
        var fields = LenientFields(container)
        // Strict: a task is addressed by its ID; an invented empty one would merge unrelated tasks.
        backupTaskID = try fields.requiredID(.backupTaskID)
        regionID = fields.string(.regionID)
        instanceID = fields.string(.instanceID)
        backupType = fields.string(.backupType)
        status = fields.string(.status)
        description = fields.string(.description)
        size = fields.integer(.size)
        backupStartTime = fields.integer(.backupStartTime)
        backupFinishedTime = fields.integer(.backupFinishedTime)
        expireTime = fields.integer(.expireTime)
        subTasks = fields.elements(.subTasks, name: "SubTasks")
        instanceSnapshot = Self.decodeSnapshot(container, fields: &fields)
        anomalies = fields.anomalies
    }


    private static func decodeSnapshot(
        _ container: KeyedDecodingContainer<CodingKeys>, fields: inout LenientFields<CodingKeys>
    ) -> StarRocksInstanceSnapshotRecord? {
        let key = CodingKeys.instanceSnapshot
        guard container.contains(key), !((try? container.decodeNil(forKey: key)) ?? false) else { return nil }
        guard let element = try? container.decode(Lenient<StarRocksInstanceSnapshotRecord>.self, forKey: key) else {
            fields.note("InstanceSnapshot is unreadable; ignored")
            return nil
        }
        switch element.result {
        case let .success(snapshot): return snapshot
        case let .failure(error):
            fields.note("InstanceSnapshot ignored: \(error.reason)")
            return nil
        }
    }
}

/// One `SubTasks[]` element. There is no ID to be strict about: every readable field is kept.
struct StarRocksSubTaskRecord: Decodable {
    /// Unix **seconds**.
    var startTime: Int64?
    var finishedTime: Int64?
    var snapshotName: String?
    var dataBase: String?
    var table: String?
    /// GiB.
    var size: Int64?
    var status: String?
    var detail: String?
    var anomalies: [String]

    enum CodingKeys: String, CodingKey {
        case startTime = "StartTime"
        case finishedTime = "FinishedTime"
        case snapshotName = "SnapshotName"
        case dataBase = "DataBase"
        case table = "Table"
        case size = "Size"
        case status = "Status"
        case detail = "Detail"
    }

    init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: CodingKeys.self) else {
            let shape = (try? JSONShape(from: decoder))?.phrase ?? "unreadable"
            throw RecordError(reason: "it is \(shape), expected an object")
        }
        var fields = LenientFields(container)
        startTime = fields.integer(.startTime)
        finishedTime = fields.integer(.finishedTime)
        snapshotName = fields.string(.snapshotName)
        dataBase = fields.string(.dataBase)
        table = fields.string(.table)
        size = fields.integer(.size)
        status = fields.string(.status)
        detail = fields.string(.detail)
        anomalies = fields.anomalies
    }
}

/// `InstanceSnapshot`.
struct StarRocksInstanceSnapshotRecord: Decodable {
    var instanceName: String?
    var vpcID: String?
    var runMode: String?
    var specType: String?
    var resourceGroupID: String?
    var version: String?
    var minorVersion: String?
    var regionID: String?
    var nodeGroups: [StarRocksNodeGroupRecord]
    var tags: [StarRocksTagRecord]
    var anomalies: [String]

    enum CodingKeys: String, CodingKey {
        case instanceName = "InstanceName"
        case vpcID = "VpcId"
        case runMode = "RunMode"
        case specType = "SpecType"
        case resourceGroupID = "ResourceGroupId"
        case version = "Version"
        case minorVersion = "MinorVersion"
        case regionID = "RegionId"
        case nodeGroups = "NodeGroups"
        case tags = "Tags"
    }

    init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: CodingKeys.self) else {
            let shape = (try? JSONShape(from: decoder))?.phrase ?? "unreadable"
            throw RecordError(reason: "it is \(shape), expected an object")
        }
        var fields = LenientFields(container)
        instanceName = fields.string(.instanceName)
        vpcID = fields.string(.vpcID)
        runMode = fields.string(.runMode)
        specType = fields.string(.specType)
        resourceGroupID = fields.string(.resourceGroupID)
        version = fields.string(.version)
        minorVersion = fields.string(.minorVersion)
        regionID = fields.string(.regionID)
        nodeGroups = fields.elements(.nodeGroups, name: "NodeGroups")
        tags = fields.elements(.tags, name: "Tags")
        anomalies = fields.anomalies
    }
}

/// One `NodeGroups[]` element.
struct StarRocksNodeGroupRecord: Decodable {
    var componentType: String?
    var cu: Int64?
    /// GiB.
    var storageSize: Int64?
    var storagePerformanceLevel: String?
    /// Documented (and sent) as text: "2".
    var diskNumber: Int64?
    var residentNodeNumber: Int64?
    var specType: String?
    /// The vendor's example sends the text "null".
    var localStorageInstanceType: String?
    var anomalies: [String]

    enum CodingKeys: String, CodingKey {
        case componentType = "ComponentType"
        case cu = "Cu"
        case storageSize = "StorageSize"
        case storagePerformanceLevel = "StoragePerformanceLevel"
        case diskNumber = "DiskNumber"
        case residentNodeNumber = "ResidentNodeNumber"
        case specType = "SpecType"
        case localStorageInstanceType = "LocalStorageInstanceType"
    }

    init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: CodingKeys.self) else {
            let shape = (try? JSONShape(from: decoder))?.phrase ?? "unreadable"
            throw RecordError(reason: "it is \(shape), expected an object")
        }
        var fields = LenientFields(container)
        componentType = fields.string(.componentType)
        cu = fields.integer(.cu)
        storageSize = fields.integer(.storageSize)
        storagePerformanceLevel = fields.string(.storagePerformanceLevel)
        // Text is the documented form here, so it is not an anomaly; text that is not a number is.
        diskNumber = Self.count(.diskNumber, fields: &fields)
        residentNodeNumber = Self.count(.residentNodeNumber, fields: &fields)
        specType = fields.string(.specType)
        localStorageInstanceType = fields.string(.localStorageInstanceType)
        anomalies = fields.anomalies
    }

    private static func count(_ key: CodingKeys, fields: inout LenientFields<CodingKeys>) -> Int64? {
        guard let text = fields.string(key) else { return nil }
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty || trimmed.lowercased() == "null" { return nil }
        guard let value = FlexibleInt.parse(trimmed) else {
            fields.note("\(key.stringValue) is not a number: \"\(text.prefix(40))\"; ignored")
            return nil
        }
        return value
    }
}

/// One `Tags[]` element.
struct StarRocksTagRecord: Decodable {
    var key: String
    var value: String

    enum CodingKeys: String, CodingKey {
        case key = "Key"
        case value = "Value"
    }

    init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: CodingKeys.self) else {
            throw RecordError(reason: "it is not an object")
        }
        var fields = LenientFields(container)
        key = try fields.requiredID(.key)
        value = fields.string(.value) ?? ""
    }
}

/// `DescribeInstances` response body.
struct StarRocksDescribeInstancesResponse: Decodable {
    var envelope: StarRocksEnvelope
    var data: [Lenient<StarRocksInstanceRecord>]
    var dataShapeError: WireShapeError?

    enum DataKeys: String, CodingKey {
        case data = "Data"
    }

    init(from decoder: any Decoder) throws {
        envelope = StarRocksEnvelope(try decoder.container(keyedBy: StarRocksEnvelope.CodingKeys.self))
        let container = try decoder.container(keyedBy: DataKeys.self)
        do {
            data = try container.decodeShaped([Lenient<StarRocksInstanceRecord>].self, forKey: .data,
                                              expected: .array) ?? []
            dataShapeError = nil
        } catch let error as WireShapeError {
            data = []
            dataShapeError = error
        }
    }
}

/// One `Data[]` record of `DescribeInstances`: the fields a browser shows (the SDK model has some forty).
struct StarRocksInstanceRecord: Decodable {
    var instanceID: String
    var instanceName: String?
    var instanceStatus: String?
    var regionID: String?
    var version: String?
    var minorVersion: String?
    var runMode: String?
    var packageType: String?
    var payType: String?
    var resourceGroupID: String?
    var vpcID: String?
    var architecture: String?
    /// Creation time; the unit is not documented (milliseconds in practice).
    var beginTime: Int64?
    var expireTime: Int64?
    /// Seconds.
    var runningTime: Int64?
    var anomalies: [String]

    enum CodingKeys: String, CodingKey {
        case instanceID = "InstanceId"
        case instanceName = "InstanceName"
        case instanceStatus = "InstanceStatus"
        case regionID = "RegionId"
        case version = "Version"
        case minorVersion = "MinorVersion"
        case runMode = "RunMode"
        case packageType = "PackageType"
        case payType = "PayType"
        case resourceGroupID = "ResourceGroupId"
        case vpcID = "VpcId"
        case architecture = "Architecture"
        case beginTime = "BeginTime"
        case expireTime = "ExpireTime"
        case runningTime = "RunningTime"
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
        regionID = fields.string(.regionID)
        version = fields.string(.version)
        minorVersion = fields.string(.minorVersion)
        runMode = fields.string(.runMode)
        packageType = fields.string(.packageType)
        payType = fields.string(.payType)
        resourceGroupID = fields.string(.resourceGroupID)
        vpcID = fields.string(.vpcID)
        architecture = fields.string(.architecture)
        beginTime = fields.integer(.beginTime)
        expireTime = fields.integer(.expireTime)
        runningTime = fields.integer(.runningTime)
        anomalies = fields.anomalies
    }
}

extension LenientFields {
    /// The readable elements of a nested array (`NodeGroups`, `Tags`); unreadable ones and a wrong shape are noted.
    fileprivate mutating func elements<Element: Decodable>(_ key: Key, name: String) -> [Element] {
        records(key, notAnArray: { "\(name) is \($0), expected an array; ignored" },
                badRecord: { "\(name)[\($0)] ignored: \($1)" })
    }
}
