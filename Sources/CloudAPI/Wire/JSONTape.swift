import Foundation

/// A response body read in one pass: every JSON value's kind and byte range, in document order (a "tape").
/// Values are read from it on demand (`TapeDecoder`), and a record's raw text is a copy of its own bytes, so a
/// body is never parsed twice and nothing is found by failing decodes.
///
/// Immutable once built. Object members appear as a key entry (a string) followed by the value's entries.
final class JSONTape: Sendable {
    enum Kind: UInt8, Sendable {
        case object, array, string, number, `true`, `false`, null
    }

    struct Entry: Sendable {
        /// First byte: `{`, `[`, the opening quote, the number's first character or the literal's first letter.
        var start: UInt32
        /// One past the last byte.
        var end: UInt32
        /// The index of the entry after this value and everything inside it.
        var next: UInt32
        /// Objects: members; arrays: elements.
        var count: UInt32
        var kind: Kind
        /// Strings: a backslash escape is inside, so the text must be unescaped.
        var escaped: Bool
    }

    /// Deeper bodies are refused, as Foundation's reader does: the recursion stays far from the stack's end.
    static let maxDepth = 512

    let bytes: [UInt8]
    let entries: [Entry]
    /// Whitespace sits between some tokens (a pretty-printed body): raw text must be compacted, not just copied.
    let spaced: Bool

    /// Reads `bytes` as exactly one JSON value (RFC 8259) with optional surrounding whitespace.
    init(_ bytes: [UInt8]) throws(JSONSyntaxError) {
        guard bytes.count < Int(UInt32.max) else { throw JSONSyntaxError(offset: 0, reason: "the body is too large") }
        var scanner = JSONScanner(count: bytes.count)
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) in
            try scanner.scanDocument(buffer)
        }
        self.bytes = bytes
        entries = scanner.entries
        spaced = scanner.spaced
    }

    func kind(_ index: Int) -> Kind { entries[index].kind }

    func shape(_ index: Int) -> JSONShape {
        switch entries[index].kind {
        case .object: .object
        case .array: .array
        case .string: .string
        case .number: .number
        case .true, .false: .bool
        case .null: .null
        }
    }

    // MARK: - Strings

    /// The text of a string entry, escapes resolved; invalid UTF-8 and lone surrogates become U+FFFD.
    func string(_ index: Int) -> String {
        let entry = entries[index]
        let start = Int(entry.start) + 1, end = Int(entry.end) - 1
        if !entry.escaped {
            return bytes.withUnsafeBufferPointer {
                String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self)
            }
        }
        return String(decoding: unescaped(start..<end), as: UTF8.self)
    }

    /// Whether string entry `index` holds exactly `name` (UTF-8), without building a `String` when it is unescaped.
    func stringEquals(_ index: Int, _ name: String) -> Bool {
        let entry = entries[index]
        if entry.escaped { return string(index) == name }
        let start = Int(entry.start) + 1, end = Int(entry.end) - 1
        guard name.utf8.count == end - start else { return false }
        var name = name
        return name.withUTF8 { key in
            return bytes.withUnsafeBufferPointer { body in
                key.count == 0 || memcmp(body.baseAddress! + start, key.baseAddress!, key.count) == 0
            }
        }
    }

    private func unescaped(_ range: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var position = range.lowerBound
        while position < range.upperBound {
            let byte = bytes[position]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                position += 1
                continue
            }
            let escape = bytes[position + 1]
            position += 2
            switch escape {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(at: position)
                position += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate is a character only with the low surrogate right after it.
                    if position + 6 <= range.upperBound, bytes[position] == UInt8(ascii: "\\"),
                       bytes[position + 1] == UInt8(ascii: "u"),
                       case let low = hex4(at: position + 2), (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        position += 6
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                }
                out.append(contentsOf: Unicode.UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}")!)
            default: out.append(escape)  // `"`, `\`, `/`: validated by the scanner
            }
        }
        return out
    }

    /// Four hex digits the scanner has validated.
    private func hex4(at position: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 {
            value = value << 4 | UInt32(JSONScanner.hexValue(bytes[position + offset]))
        }
        return value
    }

    // MARK: - Numbers

    /// The literal text of a number entry.
    func numberText(_ index: Int) -> Substring {
        let entry = entries[index]
        return Substring(decoding: bytes[Int(entry.start)..<Int(entry.end)], as: UTF8.self)
    }

    /// A number entry written as an integer (no fraction, no exponent) that fits in `Int64`.
    func exactInt64(_ index: Int) -> Int64? {
        let entry = entries[index]
        var position = Int(entry.start)
        let end = Int(entry.end)
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        var value: Int64 = 0
        while position < end {
            let digit = bytes[position] &- UInt8(ascii: "0")
            guard digit <= 9 else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = negative ? times10.subtractingReportingOverflow(Int64(digit))
                : times10.addingReportingOverflow(Int64(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            position += 1
        }
        return value
    }

    /// A number entry as a finite `Double`; nil when it is out of range (`1e309`).
    func double(_ index: Int) -> Double? {
        guard let value = Double(String(numberText(index))), value.isFinite else { return nil }
        return value
    }

    // MARK: - Raw text

    /// The value's own text with the whitespace between tokens removed: the vendor's keys in the vendor's order,
    /// every value exactly as sent (escapes, digits), in one copy of its bytes.
    func compactText(_ index: Int) -> String {
        let entry = entries[index]
        let range = Int(entry.start)..<Int(entry.end)
        return bytes.withUnsafeBufferPointer { body in
            let slice = UnsafeBufferPointer(rebasing: body[range])
            guard spaced else { return String(decoding: slice, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(slice.count)
            var inString = false
            var escaped = false
            for byte in slice {
                if inString {
                    if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true }
                    else if byte == UInt8(ascii: "\"") { inString = false }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                } else if JSONScanner.isWhitespace(byte) {
                    continue
                }
                out.append(byte)
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}

/// Why a body is not JSON, with the byte offset where reading stopped.
struct JSONSyntaxError: Error, Sendable, Equatable {
    var offset: Int
    var reason: String
}

/// The single pass that validates a body and writes its tape.
private struct JSONScanner {
    var entries: [JSONTape.Entry] = []
    /// Some whitespace was skipped between tokens.
    private(set) var spaced = false
    private var position = 0

    init(count: Int) {
        // About one value per 12 bytes of typical API JSON; growing past it is fine.
        entries.reserveCapacity(count / 12 + 4)
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    static func hexValue(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: 0xFF
        }
    }

    mutating func scanDocument(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) {
        // Whitespace around the value (a trailing newline) leaves the records inside it compact.
        while position < bytes.count, Self.isWhitespace(bytes[position]) { position += 1 }
        try scanValue(bytes, depth: 0)
        while position < bytes.count, Self.isWhitespace(bytes[position]) { position += 1 }
        guard position == bytes.count else { throw fail("unexpected text after the JSON value") }
    }

    private func fail(_ reason: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: position, reason: reason)
    }

    private mutating func skipWhitespace(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard position < bytes.count, Self.isWhitespace(bytes[position]) else { return }
        spaced = true
        repeat { position += 1 } while position < bytes.count && Self.isWhitespace(bytes[position])
    }

    private mutating func open(_ kind: JSONTape.Kind) -> Int {
        entries.append(JSONTape.Entry(start: UInt32(position), end: 0, next: 0, count: 0, kind: kind, escaped: false))
        return entries.count - 1
    }

    private mutating func close(_ index: Int, count: UInt32 = 0) {
        entries[index].end = UInt32(position)
        entries[index].next = UInt32(entries.count)
        entries[index].count = count
    }

    private mutating func scanValue(_ bytes: UnsafeBufferPointer<UInt8>, depth: Int) throws(JSONSyntaxError) {
        skipWhitespace(bytes)
        guard position < bytes.count else { throw fail("the body ends where a value was expected") }
        switch bytes[position] {
        case UInt8(ascii: "{"): try scanObject(bytes, depth: depth + 1)
        case UInt8(ascii: "["): try scanArray(bytes, depth: depth + 1)
        case UInt8(ascii: "\""): try scanString(bytes)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try scanNumber(bytes)
        case UInt8(ascii: "t"): try scanLiteral(bytes, "true", .true)
        case UInt8(ascii: "f"): try scanLiteral(bytes, "false", .false)
        case UInt8(ascii: "n"): try scanLiteral(bytes, "null", .null)
        default: throw fail("unexpected character where a value was expected")
        }
    }

    private mutating func scanObject(_ bytes: UnsafeBufferPointer<UInt8>, depth: Int) throws(JSONSyntaxError) {
        guard depth <= JSONTape.maxDepth else { throw fail("nested deeper than \(JSONTape.maxDepth) levels") }
        let index = open(.object)
        position += 1
        var count: UInt32 = 0
        skipWhitespace(bytes)
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return close(index)
        }
        while true {
            skipWhitespace(bytes)
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw fail("an object key was expected")
            }
            try scanString(bytes)
            skipWhitespace(bytes)
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw fail("':' was expected") }
            position += 1
            try scanValue(bytes, depth: depth)
            count += 1
            skipWhitespace(bytes)
            guard position < bytes.count else { throw fail("the body ends inside an object") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if bytes[position] == UInt8(ascii: "}") {
                position += 1
                return close(index, count: count)
            } else {
                throw fail("',' or '}' was expected")
            }
        }
    }

    private mutating func scanArray(_ bytes: UnsafeBufferPointer<UInt8>, depth: Int) throws(JSONSyntaxError) {
        guard depth <= JSONTape.maxDepth else { throw fail("nested deeper than \(JSONTape.maxDepth) levels") }
        let index = open(.array)
        position += 1
        var count: UInt32 = 0
        skipWhitespace(bytes)
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return close(index)
        }
        while true {
            try scanValue(bytes, depth: depth)
            count += 1
            skipWhitespace(bytes)
            guard position < bytes.count else { throw fail("the body ends inside an array") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if bytes[position] == UInt8(ascii: "]") {
                position += 1
                return close(index, count: count)
            } else {
                throw fail("',' or ']' was expected")
            }
        }
    }

    private mutating func scanString(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) {
        let index = open(.string)
        position += 1
        var escaped = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                entries[index].escaped = escaped
                return close(index)
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                guard position + 1 < bytes.count else { break }
                let escape = bytes[position + 1]
                guard escape != UInt8(ascii: "u") || position + 6 <= bytes.count else { break }
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    position += 2
                case UInt8(ascii: "u"):
                    for offset in 2..<6 where Self.hexValue(bytes[position + offset]) == 0xFF {
                        position += offset
                        throw fail("\\u needs four hex digits")
                    }
                    position += 6
                default:
                    position += 1
                    throw fail("unknown escape")
                }
                continue
            }
            guard byte >= 0x20 else { throw fail("a control character inside a string") }
            position += 1
        }
        throw JSONSyntaxError(offset: bytes.count, reason: "the body ends inside a string")
    }

    private mutating func scanNumber(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) {
        let index = open(.number)
        func isDigit(_ at: Int) -> Bool { at < bytes.count && bytes[at] &- UInt8(ascii: "0") <= 9 }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard isDigit(position) else { throw fail("a digit was expected") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            while isDigit(position) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard isDigit(position) else { throw fail("a digit was expected after '.'") }
            while isDigit(position) { position += 1 }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard isDigit(position) else { throw fail("a digit was expected in the exponent") }
            while isDigit(position) { position += 1 }
        }
        close(index)
    }

    private mutating func scanLiteral(
        _ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString, _ kind: JSONTape.Kind
    ) throws(JSONSyntaxError) {
        let length = word.utf8CodeUnitCount
        guard position + length <= bytes.count,
              memcmp(bytes.baseAddress! + position, word.utf8Start, length) == 0
        else { throw fail("unexpected word where a value was expected") }
        let index = open(kind)
        position += length
        close(index)
    }
}
