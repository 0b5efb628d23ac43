import CloudAPI

/// The bytes the emulator serves at its download links: deterministic from a key (the file's place in the dataset),
/// small enough for tests. The dataset reports these files' sizes, and for RDS sets their CRC-64 as `Checksum`.
public enum DownloadContent {
    /// Whole RDS backup sets: the checksum is computed per set as its page is served, so they stay small.
    static let rdsSetSizes = 1_024...8_192
    /// Per-database RDS files: no size or checksum in the API, only served; large enough to show progress.
    static let perDatabaseSizes = 64 * 1_024...1_024 * 1_024
    /// Redis node backups (`.rdb` files): size reported, no checksum.
    static let redisNodeSizes = 8 * 1_024...64 * 1_024

    public static func rdsSetKey(instanceID: String, backupID: String) -> String { "rds/\(instanceID)/\(backupID)" }
    public static func rdsDatabaseKey(instanceID: String, backupID: String, database: String) -> String {
        "rds/\(instanceID)/\(backupID)/db/\(database)"
    }
    public static func redisNodeKey(instanceID: String, fileName: String) -> String { "redis/\(instanceID)/\(fileName)" }

    /// A size in `range`, fixed by the key (the dataset's random stream is not touched).
    static func size(forKey key: String, in range: ClosedRange<Int>) -> Int {
        var generator = SplitMix64(seed: StableHash.fnv1a64("size:" + key))
        return range.lowerBound + Int(generator.next() % UInt64(range.count))
    }

    /// The file's bytes in `range` (0-based, upper bound excluded) of a file of `size` bytes: the little-endian
    /// words of a SplitMix64 stream seeded by the key.
    public static func bytes(forKey key: String, size: Int, range: Range<Int>? = nil) -> [UInt8] {
        let wanted = range ?? 0..<size
        let lower = max(0, wanted.lowerBound), upper = min(size, wanted.upperBound)
        guard lower < upper else { return [] }
        // Whole words from the one holding `lower` to the one holding `upper - 1`, then the slice asked for.
        let firstWord = lower / 8
        let wordCount = (upper - 1) / 8 - firstWord + 1
        var generator = SplitMix64(seed: StableHash.fnv1a64("bytes:" + key))
        for _ in 0..<firstWord { _ = generator.next() }
        let words = [UInt64](unsafeUninitializedCapacity: wordCount) { buffer, count in
            for index in 0..<wordCount { buffer[index] = generator.next().littleEndian }
            count = wordCount
        }
        let skip = lower - firstWord * 8
        return words.withUnsafeBytes { Array($0[skip..<skip + (upper - lower)]) }
    }

    /// The RDS `Checksum` of the file: its CRC-64 as OSS computes it, in decimal.
    public static func checksum(forKey key: String, size: Int) -> String {
        String(CRC64.checksum(bytes(forKey: key, size: size)))
    }
}
