import BackupModel

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

/// Any JSON value, decoded alongside a wire record so the record can be shown as the API sent it. Integers keep
/// every digit; object keys come out sorted (the decoder does not keep their order).
enum RawJSON: Decodable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case unsigned(UInt64)
    case number(Double)
    case string(String)
    case array([RawJSON])
    case object([String: RawJSON])

    init(from decoder: any Decoder) throws {
        // Cheapest first: most values are strings, and every failed attempt costs a thrown error.
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let value = try? single.decode(String.self) {
            self = .string(value)
        } else if let value = try? single.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? single.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? single.decode(UInt64.self) {
            self = .unsigned(value)
        } else if let value = try? single.decode(Double.self) {
            self = .number(value)
        } else if let object = try? decoder.container(keyedBy: AnyCodingKey.self) {
            var members: [String: RawJSON] = [:]
            for key in object.allKeys { members[key.stringValue] = try object.decode(RawJSON.self, forKey: key) }
            self = .object(members)
        } else {
            var array = try decoder.unkeyedContainer()
            var elements: [RawJSON] = []
            while !array.isAtEnd { elements.append(try array.decode(RawJSON.self)) }
            self = .array(elements)
        }
    }

    /// Compact JSON text.
    var text: String {
        var output = ""
        write(to: &output)
        return output
    }

    private func write(to output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .integer(let value): output += String(value)
        case .unsigned(let value): output += String(value)
        case .number(let value): output += value.isFinite ? "\(value)" : "null"
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                element.write(to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { output += "," }
                Self.writeString(key, to: &output)
                output += ":"
                members[key]!.write(to: &output)
            }
            output += "}"
        }
    }

    private static func writeString(_ value: String, to output: inout String) {
        output += JSONText.quoted(value)
    }
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
