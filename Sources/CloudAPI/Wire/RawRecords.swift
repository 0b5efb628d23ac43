import BackupModel
import Foundation

/// Wire records whose JSON is kept on the model (`Backup.raw`): `Lenient` captures it while decoding them.
protocol KeepsRawJSON {}

extension RDSBackupRecord: KeepsRawJSON {}
extension RedisClusterBackupRecord: KeepsRawJSON {}
extension StarRocksBackupTaskRecord: KeepsRawJSON {}
extension HBRBackupJobRecord: KeepsRawJSON {}
extension GaussDBNoSQLBackupRecord: KeepsRawJSON {}

extension Backup {
    /// The same backup with the vendor record's JSON text attached.
    func withRaw(_ raw: String?) -> Backup {
        var copy = self
        copy.raw = raw
        return copy
    }
}

/// A response body as JSONSerialization reads it, for the raw text of its records: parsed once, when the first record
/// asks, and without the failing decodes a `Decodable` JSON value needs to find each value's type (they made keeping
/// the raw records cost more than decoding the page). Object keys come out sorted; integers keep every digit.
final class RawRecordSource: @unchecked Sendable {
    // Unchecked: one JSONDecoder call owns it, on one thread, from creation to the end of that decode.
    private let body: Data
    private var root: Any?
    private var parsed = false

    init(body: Data) {
        self.body = body
    }

    /// The compact JSON text of the value at `path` (the decoder's coding path of a record), or nil.
    func text(at path: [any CodingKey]) -> String? {
        guard let record = value(at: path) else { return nil }
        var text = ""
        Self.write(record, to: &text)
        // Exact-size storage: a list of 100,000 records keeps every one.
        return String(decoding: Array(text.utf8), as: UTF8.self)
    }

    /// Compact JSON with sorted keys. Written here because Foundation's own writer on Linux took ~0.7 ms a record
    /// with sorted keys (ten times the decoding of the whole record).
    private static func write(_ value: Any, to output: inout String) {
        switch value {
        case let text as String:
            output += JSONText.quoted(text)
        case let elements as [Any]:
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                write(element, to: &output)
            }
            output += "]"
        case let members as [String: Any]:
            output += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { output += "," }
                output += JSONText.quoted(key) + ":"
                write(members[key] as Any, to: &output)
            }
            output += "}"
        case let number as NSNumber:
            // JSONSerialization reads true/false as char-typed numbers, integers as exact integer types.
            if String(cString: number.objCType) == "c" {
                output += number.boolValue ? "true" : "false"
            } else {
                output += number.stringValue
            }
        default:
            output += "null"
        }
    }

    /// The records of a page sit side by side in one array: it is found once and kept, not walked to per record.
    private var lastArray: (path: [String], elements: [Any])?

    private func value(at path: [any CodingKey]) -> Any? {
        if !parsed {
            parsed = true
            root = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])
        }
        guard let last = path.last, let index = last.intValue else { return walk(path) }
        let parentPath = path.dropLast().map(\.stringValue)
        if let cached = lastArray, cached.path == parentPath {
            return cached.elements.indices.contains(index) ? cached.elements[index] : nil
        }
        guard let elements = walk(path.dropLast()) as? [Any] else { return nil }
        lastArray = (parentPath, elements)
        return elements.indices.contains(index) ? elements[index] : nil
    }

    private func walk(_ path: some Collection<any CodingKey>) -> Any? {
        guard var node = root else { return nil }
        for key in path {
            if let index = key.intValue, let array = node as? [Any], array.indices.contains(index) {
                node = array[index]
            } else if let object = node as? [String: Any], let next = object[key.stringValue] {
                node = next
            } else {
                return nil
            }
        }
        return node
    }
}

extension CodingUserInfoKey {
    /// Where `decodeObjectBody` leaves the body's `RawRecordSource` for `Lenient` to take the records' raw text from.
    static let rawRecords = CodingUserInfoKey(rawValue: "backdeck.rawRecords")!
}

/// JSON text helpers shared by the raw record and the command line's JSON output.
public enum JSONText {
    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped.
    public static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}
