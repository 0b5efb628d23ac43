/// CRC-64 as Alibaba Cloud OSS computes it (`x-oss-hash-crc64ecma`, the RDS `Checksum`): the ECMA-182 polynomial in
/// the reflected form with all-ones initial value and final XOR, the variant catalogued as CRC-64/XZ
/// (check value of "123456789": 0x995DC9BBDF1939FA). OSS prints it as an unsigned decimal.
public struct CRC64: Sendable, Equatable {
    /// The running value before the final XOR.
    private var state: UInt64 = ~0

    public init() {}

    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        // Slicing-by-8 would be faster; a byte-at-a-time table keeps the code obvious and still outruns loopback.
        var crc = state
        Self.table.withUnsafeBufferPointer { table in
            let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
                for byte in buffer { crc = table[Int((crc ^ UInt64(byte)) & 0xFF)] ^ (crc >> 8) }
            }
            if handled == nil {
                for byte in bytes { crc = table[Int((crc ^ UInt64(byte)) & 0xFF)] ^ (crc >> 8) }
            }
        }
        state = crc
    }

    public var value: UInt64 { ~state }

    public static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var crc = CRC64()
        crc.update(bytes)
        return crc.value
    }

    /// The reflected ECMA-182 polynomial.
    static let polynomial: UInt64 = 0xC96C_5795_D787_0F42

    private static let table: [UInt64] = (0..<256).map { index in
        var value = UInt64(index)
        for _ in 0..<8 { value = value & 1 == 1 ? (value >> 1) ^ polynomial : value >> 1 }
        return value
    }
}
