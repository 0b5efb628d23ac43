/// How many terminal cells text takes. DeckUI cannot call libc's `wcwidth` (no C here, and its answer depends on the
/// process locale), so this is a small table of its own: East Asian Wide/Fullwidth ranges, emoji presentation, and
/// zero-width marks. Ambiguous-width characters (`…`, `●`, box drawing) count as 1, as in a non-CJK locale.
public enum DisplayWidth {
    /// Cells for one Unicode scalar: 0 (combining mark, format character, control), 1, or 2.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return 1 }
        if value < 0x20 || (value >= 0x7F && value < 0xA0) { return 0 }
        if value == 0xAD { return 1 }  // soft hyphen: terminals draw it
        if (0x1160...0x11FF).contains(value) { return 0 }  // Hangul medial vowels and final consonants join the syllable
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format:
            return 0
        default:
            break
        }
        if isWide(value) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// Cells for one grapheme (a base with its combining marks, an emoji sequence, a flag).
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        var rest = scalars.dropFirst()
        if rest.isEmpty { return of(first) }
        // VS16 asks for emoji presentation: `❤️` is wide although `❤` alone is not.
        if first.properties.isEmoji && rest.contains(where: { $0.value == 0xFE0F }) { return 2 }
        var width = of(first)
        // A cluster that starts with a zero-width scalar takes the width of what follows it.
        while width == 0, let next = rest.first {
            width = of(next)
            rest = rest.dropFirst()
        }
        return width
    }

    /// Cells for a whole string (the sum of its graphemes).
    public static func of(_ text: some StringProtocol) -> Int {
        // Plain ASCII is one cell per byte; skip grapheme breaking for it.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// East Asian Wide (W) and Fullwidth (F) code points outside the emoji set, sorted for binary search.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,    // Hangul Jamo initial consonants
        0x2329...0x232A,    // angle brackets
        0x2E80...0x303E,    // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
        0x3041...0x33FF,    // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, enclosed CJK
        0x3400...0x4DBF,    // CJK Extension A
        0x4E00...0x9FFF,    // CJK Unified Ideographs
        0xA000...0xA4CF,    // Yi
        0xA960...0xA97F,    // Hangul Jamo Extended-A
        0xAC00...0xD7A3,    // Hangul syllables
        0xF900...0xFAFF,    // CJK Compatibility Ideographs
        0xFE10...0xFE19,    // vertical forms
        0xFE30...0xFE6F,    // CJK compatibility forms, small form variants
        0xFF00...0xFF60,    // fullwidth ASCII
        0xFFE0...0xFFE6,    // fullwidth signs
        0x16FE0...0x16FE4,  // ideographic symbols
        0x17000...0x18CFF,  // Tangut, Khitan
        0x1AFF0...0x1B2FF,  // Kana supplement and extensions, Nushu
        0x1F200...0x1F2FF,  // enclosed ideographic supplement
        0x20000...0x2FFFD,  // CJK Extensions B–F, compatibility supplement
        0x30000...0x3FFFD,  // CJK Extensions G–H
    ]

    private static func isWide(_ value: UInt32) -> Bool {
        guard value >= 0x1100 else { return false }
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = wideRanges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
