import BackupModel
import Foundation

// Lenient pieces every service's wire types reuse: the vendors send numbers as strings (and the reverse), nulls
// for documented strings, and the odd wrong shape. Leniency stops where data would be invented: a record without
// its ID is dropped and reported, never given an empty one.

/// A JSON scalar read as text whatever its JSON type (string, number or bool).
struct FlexibleString: Decodable, Sendable, Equatable {
    var value: String
    /// The JSON value was a string (not a number or bool).
    var wasText: Bool

    init(value: String, wasText: Bool = true) {
        self.value = value
        self.wasText = wasText
    }

    init(from decoder: any Decoder) throws {
        if let decoder = decoder as? TapeDecoder {
            self = try decoder.tape.flexibleString(decoder.index, path: decoder.codingPath)
            return
        }
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self.init(value: text, wasText: true)
        } else if let integer = try? container.decode(Int64.self) {
            self.init(value: String(integer), wasText: false)
        } else if let number = try? container.decode(Double.self) {
            self.init(value: FlexibleString.format(number), wasText: false)
        } else if let flag = try? container.decode(Bool.self) {
            self.init(value: flag ? "true" : "false", wasText: false)
        } else {
            throw DecodingError.typeMismatch(
                String.self, .init(codingPath: decoder.codingPath, debugDescription: "expected text"))
        }
    }

    static func format(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }
}

/// An integer sent as a JSON number or as text holding digits (`2167808`, `"2167808"`, `2167808.0`).
struct FlexibleInt: Decodable, Sendable, Equatable {
    var value: Int64
    /// The JSON value was a string.
    var wasText: Bool

    init(value: Int64, wasText: Bool = false) {
        self.value = value
        self.wasText = wasText
    }

    init(from decoder: any Decoder) throws {
        if let decoder = decoder as? TapeDecoder {
            self = try decoder.tape.flexibleInt(decoder.index, path: decoder.codingPath)
            return
        }
        let container = try decoder.singleValueContainer()
        if let integer = try? container.decode(Int64.self) {
            self.init(value: integer, wasText: false)
        } else if let number = try? container.decode(Double.self) {
            guard let integer = FlexibleInt.exactInteger(number) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(number) is not an integer")
            }
            self.init(value: integer, wasText: false)
        } else if let text = try? container.decode(String.self) {
            guard let integer = FlexibleInt.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a number")
            }
            self.init(value: integer, wasText: true)
        } else {
            throw DecodingError.typeMismatch(
                Int64.self, .init(codingPath: decoder.codingPath, debugDescription: "expected a number"))
        }
    }

    static func parse(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let integer = Int64(trimmed) { return integer }
        if let number = Double(trimmed) { return exactInteger(number) }
        return nil
    }

    static func exactInteger(_ number: Double) -> Int64? {
        guard number.isFinite, number.rounded() == number, abs(number) < 9.2e18 else { return nil }
        return Int64(number)
    }
}

/// The JSON type of a value, for messages such as "Items is an array, expected an object".
/// Why a 2xx body could not be decoded as the API's response object.
enum BodyProblem: Error {
    case notJSON
    case notAnObject(JSONShape)
    case unexpected(String)

    /// The `.decoding` error for the page, in the words the pane shows.
    func serviceError(operation: String, body: [UInt8], status: Int, requestID: String?) -> ServiceError {
        switch self {
        case .notJSON:
            ServiceError(kind: .decoding, httpStatus: status, code: "MalformedResponse",
                         message: "\(operation) answered with a body that is not JSON: \(AlibabaRPC.excerpt(body))",
                         requestID: requestID)
        case .notAnObject(let shape):
            ServiceError(kind: .decoding, httpStatus: status, code: "UnexpectedResponse",
                         message: "\(operation) response is \(shape.phrase), expected an object", requestID: requestID)
        case .unexpected(let description):
            ServiceError(kind: .decoding, httpStatus: status, code: "UnexpectedResponse",
                         message: "\(operation) response: \(description)", requestID: requestID)
        }
    }
}

/// Decodes a response body that must be one JSON object, read in one pass (`JSONTape`).
func decodeObjectBody<Response: Decodable>(_ body: [UInt8], as type: Response.Type) -> Result<Response, BodyProblem> {
    guard let tape = try? JSONTape(body) else { return .failure(.notJSON) }
    return decodeObjectBody(tape, as: type)
}

/// Decodes a body already read into `tape` that must be one JSON object.
func decodeObjectBody<Response: Decodable>(_ tape: JSONTape, as type: Response.Type) -> Result<Response, BodyProblem> {
    guard tape.kind(0) == .object else { return .failure(.notAnObject(tape.shape(0))) }
    do {
        return .success(try tape.decode(Response.self, at: 0, path: []))
    } catch {
        return .failure(.unexpected(describeDecodingError(error)))
    }
}

enum JSONShape: Decodable, Equatable, Sendable {
    case object, array, string, number, bool, null

    init(from decoder: any Decoder) throws {
        if let decoder = decoder as? TapeDecoder {
            self = decoder.shape
            return
        }
        if let single = try? decoder.singleValueContainer(), single.decodeNil() {
            self = .null
        } else if (try? decoder.container(keyedBy: AnyCodingKey.self)) != nil {
            self = .object
        } else if (try? decoder.unkeyedContainer()) != nil {
            self = .array
        } else {
            let single = try decoder.singleValueContainer()
            if (try? single.decode(String.self)) != nil {
                self = .string
            } else if (try? single.decode(Bool.self)) != nil {
                self = .bool
            } else {
                self = .number
            }
        }
    }

    var phrase: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "text"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}

struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// The response is not shaped as the API documents, at a named place: a `.decoding` error for the whole page.
struct WireShapeError: Error, Sendable {
    var message: String
}

/// One record of a list could not be used; the page goes on without it.
struct RecordError: Error, Sendable {
    var reason: String
}

/// Decodes one array element without letting its failure fail the array.
struct Lenient<Wrapped: Decodable>: Decodable {
    var result: Result<Wrapped, RecordError>
    /// 0-based position in the array.
    var index: Int?
    /// The element's text as the vendor sent it (whitespace between tokens removed), for record types that keep it
    /// (`KeepsRawJSON`); nil for the others.
    var raw: String?

    init(from decoder: any Decoder) throws {
        index = decoder.codingPath.last?.intValue
        if Wrapped.self is any KeepsRawJSON.Type {
            raw = (decoder as? TapeDecoder)?.rawText
        }
        do {
            result = .success(try Wrapped(from: decoder))
        } catch let error as RecordError {
            result = .failure(error)
        } catch {
            result = .failure(RecordError(reason: describeDecodingError(error, relativeTo: decoder.codingPath)))
        }
    }
}

/// A record of a wrapped list names the wrapper's inner key (`Backup` in RDS' `Items.Backup[]`).
protocol WrappedListElement: Decodable {
    static var wrapperKey: String { get }
}

/// The vendors' list wrapper `{"<Inner>": [...]}` (RDS `Items.Backup[]`, Redis `Instances.KVStoreInstance[]`, HBR
/// `BackupJobs.BackupJob[]`…): each record decoded on its own. An inner value that is not an array fails the page
/// ("Items.Backup is text, expected an array"); a bare array in place of the wrapper is taken (`wasBareArray`) where
/// the response lets one through.
struct WrappedList<Element: WrappedListElement>: Decodable {
    var elements: [Lenient<Element>]
    var wasBareArray = false

    init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: AnyCodingKey.self) {
            let key = AnyCodingKey(stringValue: Element.wrapperKey)
            elements = try container.decodeShaped([Lenient<Element>].self, forKey: key, expected: .array) ?? []
        } else {
            elements = try [Lenient<Element>](from: decoder)
            wasBareArray = true
        }
    }
}

extension KeyedDecodingContainer {
    /// The value at `key` when it has the `expected` shape; nil when absent or null; a `WireShapeError` naming the
    /// key path otherwise ("Items is an array, expected an object").
    func decodeShaped<T: Decodable>(_ type: T.Type, forKey key: Key, expected: JSONShape) throws -> T? {
        guard contains(key), !((try? decodeNil(forKey: key)) ?? false) else { return nil }
        let shape = try decode(JSONShape.self, forKey: key)
        guard shape == expected else {
            let path = codingPathText(codingPath + [key])
            throw WireShapeError(message: "\(path) is \(shape.phrase), expected \(expected.phrase)")
        }
        return try decode(T.self, forKey: key)
    }
}

/// Reads a record's fields leniently, collecting what looked odd as anomaly lines for the detail pane.
struct LenientFields<Key: CodingKey> {
    let container: KeyedDecodingContainer<Key>
    private(set) var anomalies: [String] = []

    init(_ container: KeyedDecodingContainer<Key>) {
        self.container = container
    }

    mutating func note(_ anomaly: String) {
        anomalies.append(anomaly)
    }

    private func isAbsent(_ key: Key) -> Bool {
        !container.contains(key) || ((try? container.decodeNil(forKey: key)) ?? false)
    }

    private func shape(_ key: Key) -> JSONShape? {
        try? container.decode(JSONShape.self, forKey: key)
    }

    /// Text; numbers and bools are accepted as their text. Objects and arrays are ignored with an anomaly.
    mutating func string(_ key: Key) -> String? {
        guard !isAbsent(key) else { return nil }
        if let value = try? container.decode(FlexibleString.self, forKey: key) { return value.value }
        note("\(key.stringValue) is \(shape(key)?.phrase ?? "unreadable"), expected text; ignored")
        return nil
    }

    /// The record's identity: text (or a number) that is not blank, else the record is dropped with the reason.
    func requiredID(_ key: Key) throws(RecordError) -> String {
        let name = key.stringValue
        guard container.contains(key) else { throw RecordError(reason: "\(name) is missing") }
        if (try? container.decodeNil(forKey: key)) ?? false { throw RecordError(reason: "\(name) is null") }
        guard let value = try? container.decode(FlexibleString.self, forKey: key) else {
            throw RecordError(reason: "\(name) is \(shape(key)?.phrase ?? "unreadable"), expected text")
        }
        let trimmed = value.value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw RecordError(reason: "\(name) is empty") }
        return trimmed
    }

    /// An integer; text holding digits is accepted and noted (the API documents a number).
    mutating func integer(_ key: Key) -> Int64? {
        guard !isAbsent(key) else { return nil }
        if let value = try? container.decode(FlexibleInt.self, forKey: key) {
            if value.wasText { note("\(key.stringValue) arrived as text, expected a number") }
            return value.value
        }
        let shape = shape(key)
        if shape == .string, let text = try? container.decode(String.self, forKey: key) {
            note("\(key.stringValue) is not a number: \"\(text.prefix(40))\"; ignored")
        } else if shape == .number {
            note("\(key.stringValue) is not a whole number in range; ignored")
        } else {
            note("\(key.stringValue) is \(shape?.phrase ?? "unreadable"), expected a number; ignored")
        }
        return nil
    }

    /// A flag sent as 0/1, "0"/"1" or true/false.
    mutating func flag(_ key: Key) -> Bool? {
        guard !isAbsent(key) else { return nil }
        let shape = shape(key)
        if shape == .bool, let value = try? container.decode(Bool.self, forKey: key) { return value }
        if shape == .number || shape == .string, let value = try? container.decode(FlexibleInt.self, forKey: key),
           value.value == 0 || value.value == 1 {
            return value.value == 1
        }
        if shape == .string, let text = try? container.decode(String.self, forKey: key) {
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: break
            }
        }
        note("\(key.stringValue) is not 0 or 1; ignored")
        return nil
    }
}

/// A short, secret-free description of a decoding failure, with the path below `base`.
func describeDecodingError(_ error: any Error, relativeTo base: [any CodingKey] = []) -> String {
    if let shape = error as? WireShapeError { return shape.message }
    if let record = error as? RecordError { return record.reason }
    guard let decoding = error as? DecodingError else { return "unreadable (\(type(of: error)))" }
    func place(_ path: [any CodingKey]) -> String {
        let relative = Array(path.dropFirst(min(base.count, path.count)))
        return relative.isEmpty ? "the record" : codingPathText(relative)
    }
    switch decoding {
    case let .keyNotFound(key, context):
        return "\(place(context.codingPath + [key])) is missing"
    case let .valueNotFound(_, context):
        return "\(place(context.codingPath)) is null"
    case let .typeMismatch(_, context):
        return "\(place(context.codingPath)) has the wrong type (\(context.debugDescription))"
    case let .dataCorrupted(context):
        return "\(place(context.codingPath)) is malformed (\(context.debugDescription))"
    @unknown default:
        return "unreadable"
    }
}

extension LenientFields {
    /// A nested array of records: absent or null is none; a record that does not decode is left out and noted;
    /// anything but an array is noted and ignored. The caller words both notes (`shape` is e.g. "an object").
    mutating func records<Element: Decodable>(
        _ key: Key, notAnArray: (_ shape: String) -> String, badRecord: (_ index: Int, _ reason: String) -> String
    ) -> [Element] {
        guard container.contains(key), !((try? container.decodeNil(forKey: key)) ?? false) else { return [] }
        guard let elements = try? container.decode([Lenient<Element>].self, forKey: key) else {
            note(notAnArray((try? container.decode(JSONShape.self, forKey: key))?.phrase ?? "unreadable"))
            return []
        }
        var records: [Element] = []
        for element in elements {
            switch element.result {
            case let .success(record): records.append(record)
            case let .failure(error): note(badRecord(element.index ?? 0, error.reason))
            }
        }
        return records
    }
}
