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
        let trimmed = text.trimmingWhitespace()
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

/// A field's JSON value, taken by its type: what the lenient readers below decide on, without failing decodes.
enum FieldValue {
    case null, text(String), bool(Bool), object, array
    /// `integer` when written as one that fits `Int64`; `double` when finite (nil for `1e309`).
    case number(integer: Int64?, double: Double?)

    init(tape: JSONTape, index: Int) {
        switch tape.kind(index) {
        case .null: self = .null
        case .string: self = .text(tape.string(index))
        case .true: self = .bool(true)
        case .false: self = .bool(false)
        case .object: self = .object
        case .array: self = .array
        case .number:
            let integer = tape.exactInt64(index)
            self = .number(integer: integer, double: integer == nil ? tape.double(index) : nil)
        }
    }

    var phrase: String {
        switch self {
        case .null: JSONShape.null.phrase
        case .text: JSONShape.string.phrase
        case .bool: JSONShape.bool.phrase
        case .object: JSONShape.object.phrase
        case .array: JSONShape.array.phrase
        case .number: JSONShape.number.phrase
        }
    }

    /// Text as `FlexibleString` reads it: numbers and bools as their text; nil for null, containers and
    /// out-of-range numbers.
    var text: String? {
        switch self {
        case let .text(text): text
        case let .bool(flag): flag ? "true" : "false"
        case let .number(integer?, _): String(integer)
        case let .number(nil, double?): FlexibleString.format(double)
        case .number(nil, nil), .null, .object, .array: nil
        }
    }
}

/// Reads a record's fields leniently, collecting what looked odd as anomaly lines for the detail pane.
struct LenientFields<Key: CodingKey> {
    let container: KeyedDecodingContainer<Key>
    /// The same object read straight from the body's tape (every body is read through one): one key lookup a field
    /// and no boxed container calls, which were most of a record's decoding.
    private let members: TapeKeyedContainer<Key>?
    private(set) var anomalies: [String] = []

    init(_ container: KeyedDecodingContainer<Key>) {
        self.container = container
        if let decoder = try? container.superDecoder() as? TapeDecoder, decoder.tape.kind(decoder.index) == .object {
            members = TapeKeyedContainer(tape: decoder.tape, object: decoder.index, codingPath: decoder.codingPath)
        } else {
            members = nil
        }
    }

    mutating func note(_ anomaly: String) {
        anomalies.append(anomaly)
    }

    /// The field's value; nil when the key is absent.
    private func value(_ key: Key) -> FieldValue? {
        if let members {
            return members.valueIndex(key).map { FieldValue(tape: members.tape, index: $0) }
        }
        // A decoder other than the tape's (none in the clients today): the same answers through the container.
        guard container.contains(key) else { return nil }
        switch try? container.decode(JSONShape.self, forKey: key) {
        case .null?: return .null
        case .string?: return (try? container.decode(String.self, forKey: key)).map { .text($0) } ?? .null
        case .bool?: return (try? container.decode(Bool.self, forKey: key)).map { .bool($0) } ?? .null
        case .object?: return .object
        case .array?: return .array
        case .number?, nil:
            let integer = try? container.decode(Int64.self, forKey: key)
            let double = try? container.decode(Double.self, forKey: key)
            return .number(integer: integer, double: double.flatMap { $0.isFinite ? $0 : nil })
        }
    }

    /// Text; numbers and bools are accepted as their text. Objects and arrays are ignored with an anomaly.
    mutating func string(_ key: Key) -> String? {
        guard let value = value(key) else { return nil }
        if case .null = value { return nil }
        if let text = value.text { return text }
        note("\(key.stringValue) is \(value.phrase), expected text; ignored")
        return nil
    }

    /// The record's identity: text (or a number) that is not blank, else the record is dropped with the reason.
    func requiredID(_ key: Key) throws(RecordError) -> String {
        let name = key.stringValue
        guard let value = value(key) else { throw RecordError(reason: "\(name) is missing") }
        if case .null = value { throw RecordError(reason: "\(name) is null") }
        guard let text = value.text else { throw RecordError(reason: "\(name) is \(value.phrase), expected text") }
        let trimmed = text.trimmingWhitespaceAndNewlines()
        guard !trimmed.isEmpty else { throw RecordError(reason: "\(name) is empty") }
        return trimmed
    }

    /// An integer; text holding digits is accepted and noted (the API documents a number).
    mutating func integer(_ key: Key) -> Int64? {
        guard let value = value(key) else { return nil }
        switch value {
        case .null:
            return nil
        case let .number(integer, double):
            if let integer = integer ?? double.flatMap(FlexibleInt.exactInteger) { return integer }
            note("\(key.stringValue) is not a whole number in range; ignored")
        case let .text(text):
            if let integer = FlexibleInt.parse(text) {
                note("\(key.stringValue) arrived as text, expected a number")
                return integer
            }
            note("\(key.stringValue) is not a number: \"\(text.prefix(40))\"; ignored")
        case .bool, .object, .array:
            note("\(key.stringValue) is \(value.phrase), expected a number; ignored")
        }
        return nil
    }

    /// A flag sent as 0/1, "0"/"1" or true/false.
    mutating func flag(_ key: Key) -> Bool? {
        guard let value = value(key) else { return nil }
        switch value {
        case .null: return nil
        case let .bool(flag): return flag
        case let .number(integer, double):
            let number = integer ?? double.flatMap(FlexibleInt.exactInteger)
            if number == 0 || number == 1 { return number == 1 }
        case let .text(text):
            if let integer = FlexibleInt.parse(text), integer == 0 || integer == 1 { return integer == 1 }
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: break
            }
        default: break
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
