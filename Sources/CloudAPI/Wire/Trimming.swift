import Foundation

// Foundation's `trimmingCharacters(in:)` goes through NSString on Linux and was half of a page's decoding time;
// these read the text's scalars natively and return it untouched (no copy) when there is nothing to trim.

extension String {
    /// `trimmingCharacters(in: .whitespaces)`: spaces (Unicode Zs, and U+200B as Foundation has it) and tabs off both
    /// ends.
    func trimmingWhitespace() -> String { self[...].trimming(newlines: false) ?? self }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)`: also line and paragraph breaks (Z*, U+000A–U+000D, U+0085).
    func trimmingWhitespaceAndNewlines() -> String { self[...].trimming(newlines: true) ?? self }
}

extension Substring {
    func trimmingWhitespace() -> String { trimming(newlines: false) ?? String(self) }
    func trimmingWhitespaceAndNewlines() -> String { trimming(newlines: true) ?? String(self) }

    /// The text without its blank ends; nil when there is nothing to trim.
    fileprivate func trimming(newlines: Bool) -> String? {
        // Most text starts and ends with a visible ASCII character: nothing to trim, decided from two bytes.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return nil
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !Self.isBlank($0, newlines: newlines) }) else {
            return isEmpty ? nil : ""
        }
        let last = scalars.lastIndex(where: { !Self.isBlank($0, newlines: newlines) })!
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return nil }
        return String(scalars[first...last])
    }

    private static func isBlank(_ scalar: Unicode.Scalar, newlines: Bool) -> Bool {
        switch scalar.value {
        case 0x20, 0x09: return true
        case 0x0A...0x0D, 0x85: return newlines
        case 0..<0x80: return false
        case 0x200B: return true  // Foundation's set keeps the zero-width space, once a Zs
        default:
            switch scalar.properties.generalCategory {
            case .spaceSeparator: return true
            case .lineSeparator, .paragraphSeparator: return newlines
            default: return false
            }
        }
    }
}
