import Foundation

// A `Decoder` over a `JSONTape`: the wire types' `init(from:)` read the page from the one pass the scanner made.
// Containers know each value's JSON type, so the lenient types (`FlexibleString`, `FlexibleInt`, `JSONShape`) are
// read by looking, never by trying a decode and catching its failure.

/// Decodes `T` from the whole of `body`.
func decodeJSON<T: Decodable>(_ type: T.Type, from body: [UInt8]) throws -> T {
    let tape = try JSONTape(body)
    return try tape.decode(T.self, at: 0, path: [])
}

struct TapeDecoder: Decoder {
    let tape: JSONTape
    /// The entry of the value this decoder reads.
    let index: Int
    let codingPath: [any CodingKey]

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    var shape: JSONShape { tape.shape(index) }

    /// The value's text as the vendor sent it (whitespace between tokens removed), for `Backup.raw`.
    var rawText: String { tape.compactText(index) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard tape.kind(index) == .object else {
            throw tape.mismatch([String: Int].self, at: index, path: codingPath)
        }
        return KeyedDecodingContainer(TapeKeyedContainer<Key>(tape: tape, object: index, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard tape.kind(index) == .array else { throw tape.mismatch([Int].self, at: index, path: codingPath) }
        return TapeUnkeyedContainer(tape: tape, array: index, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        TapeSingleValueContainer(tape: tape, index: index, codingPath: codingPath)
    }
}

extension JSONTape {
    func mismatch<T>(_ type: T.Type, at index: Int, path: [any CodingKey]) -> DecodingError {
        .typeMismatch(type, .init(codingPath: path, debugDescription: "expected \(type), found \(shape(index).phrase)"))
    }

    /// `T` from the value at `index`; the lenient wire types without building a decoder.
    func decode<T: Decodable>(_ type: T.Type, at index: Int, path: @autoclosure () -> [any CodingKey]) throws -> T {
        if T.self == FlexibleString.self { return try flexibleString(index, path: path()) as! T }
        if T.self == FlexibleInt.self { return try flexibleInt(index, path: path()) as! T }
        if T.self == JSONShape.self { return shape(index) as! T }
        if T.self == String.self { return try decode(String.self, index, path: path()) as! T }
        if T.self == Bool.self { return try decode(Bool.self, index, path: path()) as! T }
        return try T(from: TapeDecoder(tape: self, index: index, codingPath: path()))
    }

    func flexibleString(_ index: Int, path: @autoclosure () -> [any CodingKey]) throws -> FlexibleString {
        switch kind(index) {
        case .string: return FlexibleString(value: string(index), wasText: true)
        case .number:
            if let integer = exactInt64(index) { return FlexibleString(value: String(integer), wasText: false) }
            if let number = double(index) {
                return FlexibleString(value: FlexibleString.format(number), wasText: false)
            }
            throw DecodingError.dataCorrupted(.init(codingPath: path(), debugDescription: "number out of range"))
        case .true: return FlexibleString(value: "true", wasText: false)
        case .false: return FlexibleString(value: "false", wasText: false)
        case .object, .array, .null: throw mismatch(String.self, at: index, path: path())
        }
    }

    func flexibleInt(_ index: Int, path: @autoclosure () -> [any CodingKey]) throws -> FlexibleInt {
        switch kind(index) {
        case .number:
            if let integer = exactInt64(index) { return FlexibleInt(value: integer, wasText: false) }
            guard let number = double(index), let integer = FlexibleInt.exactInteger(number) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: path(), debugDescription: "\(numberText(index).prefix(40)) is not an integer"))
            }
            return FlexibleInt(value: integer, wasText: false)
        case .string:
            guard let integer = FlexibleInt.parse(string(index)) else {
                throw DecodingError.dataCorrupted(.init(codingPath: path(), debugDescription: "not a number"))
            }
            return FlexibleInt(value: integer, wasText: true)
        case .object, .array, .null, .true, .false:
            throw mismatch(Int64.self, at: index, path: path())
        }
    }

    func decode(_ type: String.Type, _ index: Int, path: @autoclosure () -> [any CodingKey]) throws -> String {
        guard kind(index) == .string else { throw mismatch(String.self, at: index, path: path()) }
        return string(index)
    }

    func decode(_ type: Bool.Type, _ index: Int, path: @autoclosure () -> [any CodingKey]) throws -> Bool {
        switch kind(index) {
        case .true: return true
        case .false: return false
        default: throw mismatch(Bool.self, at: index, path: path())
        }
    }

    func decode(_ type: Double.Type, _ index: Int, path: @autoclosure () -> [any CodingKey]) throws -> Double {
        guard kind(index) == .number else { throw mismatch(Double.self, at: index, path: path()) }
        guard let value = double(index) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path(), debugDescription: "number out of range"))
        }
        return value
    }

    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type, _ index: Int, path: @autoclosure () -> [any CodingKey])
        throws -> T {
        guard kind(index) == .number else { throw mismatch(T.self, at: index, path: path()) }
        if let wide = exactInt64(index), let value = T(exactly: wide) { return value }
        if let value = T(String(numberText(index))) { return value }  // UInt64 above Int64.max
        throw DecodingError.dataCorrupted(
            .init(codingPath: path(), debugDescription: "\(numberText(index).prefix(40)) does not fit in \(T.self)"))
    }
}

/// An object's members. A class so the position of the last key found is kept between lookups: wire types read
/// keys in about the vendor's order, and ask `contains`, `decodeNil` and `decode` of one key in a row.
final class TapeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let tape: JSONTape
    let object: Int
    let codingPath: [any CodingKey]
    /// The key entry of the member to compare first.
    private var cursor: Int
    private var lastName: String?
    private var lastValue = 0

    init(tape: JSONTape, object: Int, codingPath: [any CodingKey]) {
        self.tape = tape
        self.object = object
        self.codingPath = codingPath
        cursor = object + 1
    }

    var allKeys: [Key] {
        var keys: [Key] = []
        var entry = object + 1
        for _ in 0..<tape.entries[object].count {
            if let key = Key(stringValue: tape.string(entry)) { keys.append(key) }
            entry = Int(tape.entries[entry + 1].next)
        }
        return keys
    }

    /// The value entry of `key`, or nil when the object has no such member.
    func valueIndex(_ key: Key) -> Int? {
        let name = key.stringValue
        if name == lastName { return lastValue }
        let count = Int(tape.entries[object].count)
        guard count > 0 else { return nil }
        let first = object + 1
        let end = Int(tape.entries[object].next)
        var entry = cursor
        for _ in 0..<count {
            if entry >= end { entry = first }
            let next = Int(tape.entries[entry + 1].next)
            if tape.stringEquals(entry, name) {
                cursor = next < end ? next : first
                lastName = name
                lastValue = entry + 1
                return entry + 1
            }
            entry = next
        }
        return nil
    }

    private func value(_ key: Key) throws -> Int {
        guard let index = valueIndex(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no such key"))
        }
        return index
    }

    func contains(_ key: Key) -> Bool { valueIndex(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { tape.kind(try value(key)) == .null }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        try tape.decode(Bool.self, try value(key), path: codingPath + [key])
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try tape.decode(String.self, try value(key), path: codingPath + [key])
    }

    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try tape.decode(Double.self, try value(key), path: codingPath + [key])
    }

    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        Float(try tape.decode(Double.self, try value(key), path: codingPath + [key]))
    }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(key) }

    private func integer<T: FixedWidthInteger>(_ key: Key) throws -> T {
        try tape.decodeInteger(T.self, try value(key), path: codingPath + [key])
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try tape.decode(T.self, at: try value(key), path: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try TapeDecoder(tape: tape, index: try value(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try TapeDecoder(tape: tape, index: try value(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        TapeDecoder(tape: tape, index: object, codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        TapeDecoder(tape: tape, index: try value(key), codingPath: codingPath + [key])
    }
}

/// An array's elements, read front to back; a failed decode does not move past the element.
private struct TapeUnkeyedContainer: UnkeyedDecodingContainer {
    let tape: JSONTape
    let codingPath: [any CodingKey]
    let count: Int?
    private(set) var currentIndex = 0
    /// The entry of the element at `currentIndex`.
    private var entry: Int

    init(tape: JSONTape, array: Int, codingPath: [any CodingKey]) {
        self.tape = tape
        self.codingPath = codingPath
        count = Int(tape.entries[array].count)
        entry = array + 1
    }

    var isAtEnd: Bool { currentIndex >= count! }

    private var path: [any CodingKey] { ElementPath(base: codingPath, index: currentIndex).keys }

    /// The coding path of an element, built only when a decoder or an error needs it.
    struct ElementPath {
        let base: [any CodingKey]
        let index: Int
        var keys: [any CodingKey] { base + [AnyCodingKey(intValue: index)!] }
    }

    private func element() throws -> Int {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                Any.self, .init(codingPath: path, debugDescription: "the array has no more elements"))
        }
        return entry
    }

    private mutating func advance() {
        entry = Int(tape.entries[entry].next)
        currentIndex += 1
    }

    mutating func decodeNil() throws -> Bool {
        guard tape.kind(try element()) == .null else { return false }
        advance()
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool {
        try next { try $0.decode(Bool.self, $1, path: $2.keys) }
    }
    mutating func decode(_ type: String.Type) throws -> String {
        try next { try $0.decode(String.self, $1, path: $2.keys) }
    }
    mutating func decode(_ type: Double.Type) throws -> Double {
        try next { try $0.decode(Double.self, $1, path: $2.keys) }
    }
    mutating func decode(_ type: Float.Type) throws -> Float {
        try next { Float(try $0.decode(Double.self, $1, path: $2.keys)) }
    }
    mutating func decode(_ type: Int.Type) throws -> Int { try integer() }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try integer() }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }

    private mutating func integer<T: FixedWidthInteger>() throws -> T {
        try next { try $0.decodeInteger(T.self, $1, path: $2.keys) }
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try next { try $0.decode(T.self, at: $1, path: $2.keys) }
    }

    /// Reads the current element with `read`, and moves past it when that succeeded.
    private mutating func next<T>(_ read: (JSONTape, Int, ElementPath) throws -> T) throws -> T {
        let value = try read(tape, try element(), ElementPath(base: codingPath, index: currentIndex))
        advance()
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try next { try TapeDecoder(tape: $0, index: $1, codingPath: $2.keys).container(keyedBy: type) }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next { try TapeDecoder(tape: $0, index: $1, codingPath: $2.keys).unkeyedContainer() }
    }

    mutating func superDecoder() throws -> any Decoder {
        try next { TapeDecoder(tape: $0, index: $1, codingPath: $2.keys) }
    }
}

private struct TapeSingleValueContainer: SingleValueDecodingContainer {
    let tape: JSONTape
    let index: Int
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { tape.kind(index) == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try tape.decode(Bool.self, index, path: codingPath) }
    func decode(_ type: String.Type) throws -> String { try tape.decode(String.self, index, path: codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try tape.decode(Double.self, index, path: codingPath) }
    func decode(_ type: Float.Type) throws -> Float { Float(try tape.decode(Double.self, index, path: codingPath)) }
    func decode(_ type: Int.Type) throws -> Int { try tape.decodeInteger(Int.self, index, path: codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try tape.decodeInteger(Int8.self, index, path: codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try tape.decodeInteger(Int16.self, index, path: codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try tape.decodeInteger(Int32.self, index, path: codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try tape.decodeInteger(Int64.self, index, path: codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try tape.decodeInteger(UInt.self, index, path: codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try tape.decodeInteger(UInt8.self, index, path: codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 {
        try tape.decodeInteger(UInt16.self, index, path: codingPath)
    }
    func decode(_ type: UInt32.Type) throws -> UInt32 {
        try tape.decodeInteger(UInt32.self, index, path: codingPath)
    }
    func decode(_ type: UInt64.Type) throws -> UInt64 {
        try tape.decodeInteger(UInt64.self, index, path: codingPath)
    }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try tape.decode(T.self, at: index, path: codingPath) }
}
