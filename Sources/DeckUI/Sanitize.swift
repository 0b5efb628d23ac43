/// The one gate between API text and the screen.
///
/// A vendor string can carry terminal escape sequences (`ESC [2J` clears the screen, OSC 52 writes the clipboard),
/// bell characters, or bidi overrides that make `gpj.exe` read as `exe.jpg`. None of them may reach the terminal raw:
/// each is replaced by a visible escape, so the operator sees that something odd is in the record.
/// `Grid` runs every string it is given through `forDisplay`, so chrome and data alike pass this gate.
public enum Sanitize {
    /// `text` with control characters, DEL, C1 controls, line/paragraph separators and bidi controls replaced by
    /// visible escapes: `\e`, `\t`, `\n`, `\r`, `\x07`, `\x7f`, `<U+0085>`, `<U+202E>`. Idempotent.
    public static func forDisplay(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 8)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                result += escape(scalar)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// True for scalars that must never be written to the terminal as they are.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || (value >= 0x7F && value < 0xA0) { return true }
        switch value {
        case 0x061C,            // Arabic letter mark
             0x200E, 0x200F,    // left-to-right / right-to-left marks
             0x2028, 0x2029,    // line and paragraph separators
             0x202A...0x202E,   // embeddings and overrides
             0x2066...0x2069:   // isolates
            return true
        default:
            return false
        }
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x1B: return "\\e"
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case let value where value < 0x20 || value == 0x7F: return "\\x" + hex(value, digits: 2)
        case let value: return "<U+" + hex(value, digits: 4) + ">"
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: value >= 0x80)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
