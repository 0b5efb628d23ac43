import Foundation

// GeminiDB response bodies, key for key (reference/schemas/huawei_ShowAllInstancesBackupsNew_v3.1.txt and
// huawei_ListInstances.txt). Page-level shape errors throw `WireShapeError`; a record without its `id` is dropped
// and reported; everything else odd becomes an anomaly line on the record.

/// `ShowAllInstancesBackupsNew` (`GET /v3.1/{project_id}/backups`) response body.
struct GaussDBNoSQLBackupsResponse: Decodable {
    var totalCount: Int64?
    var backups: [Lenient<GaussDBNoSQLBackupRecord>]

    enum CodingKeys: String, CodingKey {
        case totalCount = "total_count"
        case backups
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        totalCount = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .totalCount))?.value
        backups = try container.decodeShaped([Lenient<GaussDBNoSQLBackupRecord>].self, forKey: .backups,
                                             expected: .array) ?? []
    }
}

/// One `backups[]` record (SDK model `Backup`).
struct GaussDBNoSQLBackupRecord: Decodable {
    var id: String
    var name: String?
    var description: String?
    var instanceID: String?
    var instanceName: String?
    var datastoreType: String?
    var datastoreVersion: String?
    var type: String?
    /// KB, documented as a double.
    var sizeKB: Double?
    var status: String?
    var beginTime: String?
    var endTime: String?
    var databaseTables: [GaussDBNoSQLDatabaseTablesRecord]
    var anomalies: [String]

    enum CodingKeys: String, CodingKey {
        case id, name, description
        case instanceID = "instance_id"
        case instanceName = "instance_name"
        case datastore, type, size, status
        case beginTime = "begin_time"
        case endTime = "end_time"
        case databaseTables = "database_tables"
    }

    enum DatastoreKeys: String, CodingKey {
        case type, version
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
        // Strict: a backup is addressed by its ID.
        id = try fields.requiredID(.id)
        name = fields.string(.name)
        description = fields.string(.description)
        instanceID = fields.string(.instanceID)
        instanceName = fields.string(.instanceName)
        type = fields.string(.type)
        status = fields.string(.status)
        beginTime = fields.string(.beginTime)
        endTime = fields.string(.endTime)
        sizeKB = Self.decodeSize(container, fields: &fields)
        (datastoreType, datastoreVersion) = Self.decodeDatastore(container, fields: &fields)
        databaseTables = Self.decodeTables(container, fields: &fields)
        anomalies = fields.anomalies
    }

    /// A JSON number (integer or fraction); digits in text are accepted with a note.
    private static func decodeSize(
        _ container: KeyedDecodingContainer<CodingKeys>, fields: inout LenientFields<CodingKeys>
    ) -> Double? {
        guard container.contains(.size), !((try? container.decodeNil(forKey: .size)) ?? false) else { return nil }
        if let number = try? container.decode(Double.self, forKey: .size) { return number }
        if let text = try? container.decode(String.self, forKey: .size),
           let number = Double(text.trimmingWhitespace()) {
            fields.note("size arrived as text, expected a number")
            return number
        }
        fields.note("size is not a number; ignored")
        return nil
    }

    private static func decodeDatastore(
        _ container: KeyedDecodingContainer<CodingKeys>, fields: inout LenientFields<CodingKeys>
    ) -> (String?, String?) {
        guard container.contains(.datastore), !((try? container.decodeNil(forKey: .datastore)) ?? false) else {
            return (nil, nil)
        }
        guard let nested = try? container.nestedContainer(keyedBy: DatastoreKeys.self, forKey: .datastore) else {
            fields.note("datastore is not an object; ignored")
            return (nil, nil)
        }
        var inner = LenientFields(nested)
        let result = (inner.string(.type), inner.string(.version))
        for anomaly in inner.anomalies { fields.note("datastore." + anomaly) }
        return result
    }

    /// An array of `{database_name, table_names}`; null or absent is an instance-level backup.
    private static func decodeTables(
        _ container: KeyedDecodingContainer<CodingKeys>, fields: inout LenientFields<CodingKeys>
    ) -> [GaussDBNoSQLDatabaseTablesRecord] {
        let key = CodingKeys.databaseTables
        guard container.contains(key), !((try? container.decodeNil(forKey: key)) ?? false) else { return [] }
        guard let elements = try? container.decode([Lenient<GaussDBNoSQLDatabaseTablesRecord>].self, forKey: key)
        else {
            fields.note("database_tables is not an array; ignored")
            return []
        }
        var result: [GaussDBNoSQLDatabaseTablesRecord] = []
        for element in elements {
            switch element.result {
            case let .success(entry):
                result.append(entry)
                for anomaly in entry.anomalies { fields.note("database_tables[\((element.index ?? 0))]: \(anomaly)") }
            case let .failure(error):
                fields.note("database_tables entry \((element.index ?? 0) + 1) ignored: \(error.reason)")
            }
        }
        return result
    }
}

/// One `database_tables[]` entry (SDK model `QueryDatabaseTableInfo`).
struct GaussDBNoSQLDatabaseTablesRecord: Decodable {
    var databaseName: String
    /// nil when `table_names` is null or absent: the whole database.
    var tableNames: [String]?
    var anomalies: [String]

    enum CodingKeys: String, CodingKey {
        case databaseName = "database_name"
        case tableNames = "table_names"
    }

    init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: CodingKeys.self) else {
            throw RecordError(reason: "it is not an object")
        }
        var fields = LenientFields(container)
        databaseName = try fields.requiredID(.databaseName)
        if !container.contains(.tableNames) || ((try? container.decodeNil(forKey: .tableNames)) ?? false) {
            tableNames = nil
        } else if let names = try? container.decode([FlexibleString].self, forKey: .tableNames) {
            tableNames = names.map(\.value)
        } else if let single = try? container.decode(FlexibleString.self, forKey: .tableNames) {
            // The SDK wraps a lone value into a one-element list; do the same, but say so.
            tableNames = [single.value]
            fields.note("table_names is a single value, expected an array")
        } else {
            tableNames = nil
            fields.note("table_names is not an array of names; read as the whole database")
        }
        anomalies = fields.anomalies
    }
}

/// `ListInstances` (`GET /v3/{project_id}/instances`) response body.
struct GaussDBNoSQLInstancesResponse: Decodable {
    var totalCount: Int64?
    var instances: [Lenient<GaussDBNoSQLInstanceRecord>]

    enum CodingKeys: String, CodingKey {
        case totalCount = "total_count"
        case instances
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        totalCount = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .totalCount))?.value
        instances = try container.decodeShaped([Lenient<GaussDBNoSQLInstanceRecord>].self, forKey: .instances,
                                               expected: .array) ?? []
    }
}

/// One `instances[]` record: the fields a browser shows (the SDK model `ListInstancesResult` has many more).
struct GaussDBNoSQLInstanceRecord: Decodable {
    var id: String
    var name: String?
    var status: String?
    var region: String?
    var mode: String?
    var datastoreType: String?
    var datastoreVersion: String?
    var created: String?
    var anomalies: [String]

    enum CodingKeys: String, CodingKey {
        case id, name, status, region, mode, datastore, created
    }

    enum DatastoreKeys: String, CodingKey {
        case type, version
    }

    init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: CodingKeys.self) else {
            let shape = (try? JSONShape(from: decoder))?.phrase ?? "unreadable"
            throw RecordError(reason: "the record is \(shape), expected an object")
        }
        var fields = LenientFields(container)
        id = try fields.requiredID(.id)
        name = fields.string(.name)
        status = fields.string(.status)
        region = fields.string(.region)
        mode = fields.string(.mode)
        created = fields.string(.created)
        if let nested = try? container.nestedContainer(keyedBy: DatastoreKeys.self, forKey: .datastore) {
            var inner = LenientFields(nested)
            datastoreType = inner.string(.type)
            datastoreVersion = inner.string(.version)
        } else {
            datastoreType = nil
            datastoreVersion = nil
        }
        anomalies = fields.anomalies
    }
}
