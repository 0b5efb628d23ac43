/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same sequence on every platform,
/// which is all the dataset needs — `SystemRandomNumberGenerator` would make it unrepeatable.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A generator for one named part of the dataset, so adding records to one part never
    /// shifts the random stream of another.
    static func stream(seed: UInt64, label: String) -> SplitMix64 {
        SplitMix64(seed: seed ^ StableHash.fnv1a64(label))
    }

    /// Uniform in `range` (inclusive), without `Int.random(in:using:)` whose algorithm may change
    /// between standard-library versions.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        if span == 0 { return Int(truncatingIfNeeded: next()) }
        return range.lowerBound + Int(next() % span)
    }

    /// True with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool { int(in: 0...99) < percent }

    /// `count` characters from `alphabet`.
    mutating func string(count: Int, alphabet: [Character]) -> String {
        guard !alphabet.isEmpty else { return "" }
        return String((0..<count).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] })
    }
}

/// Deterministic, platform-independent hashes (Swift's `Hasher` is seeded per process).
enum StableHash {
    static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// A UUID-shaped string (`8-4-4-4-12`, upper-case hex) derived from `text`; the vendors' request IDs look like this.
    static func uuidLike(_ text: String) -> String {
        var generator = SplitMix64(seed: fnv1a64(text))
        let high = generator.next()
        let low = generator.next()
        let hex = String(high, radix: 16, uppercase: true).leftPadded(to: 16)
            + String(low, radix: 16, uppercase: true).leftPadded(to: 16)
        let chars = Array(hex)
        func part(_ from: Int, _ to: Int) -> String { String(chars[from..<to]) }
        return [part(0, 8), part(8, 12), part(12, 16), part(16, 20), part(20, 32)].joined(separator: "-")
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
