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
