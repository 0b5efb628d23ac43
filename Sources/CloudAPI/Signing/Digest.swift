import Crypto
import Foundation

/// Small wrappers over swift-crypto shared by the three signers.
enum Digest {
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func sha256Hex(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    static func sha256Hex(_ text: String) -> String {
        sha256Hex(Array(text.utf8))
    }

    static func hmacSHA256(key: String, message: String) -> [UInt8] {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: SymmetricKey(data: Array(key.utf8)))
        return Array(mac)
    }

    static func hmacSHA1(key: String, message: String) -> [UInt8] {
        let mac = HMAC<Insecure.SHA1>.authenticationCode(
            for: Array(message.utf8), using: SymmetricKey(data: Array(key.utf8)))
        return Array(mac)
    }

    static func base64(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }
}

/// Byte-order comparison of UTF-8 strings, as Python's `sorted` does for ASCII keys.
func utf8Precedes(_ lhs: String, _ rhs: String) -> Bool {
    lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
}

/// Sorts (name, value) pairs by name, then value, in byte order.
func sortedPairs(_ pairs: [(String, String)]) -> [(String, String)] {
    pairs.sorted { lhs, rhs in
        if !lhs.0.utf8.elementsEqual(rhs.0.utf8) { return utf8Precedes(lhs.0, rhs.0) }
        return utf8Precedes(lhs.1, rhs.1)
    }
}

/// Constant-time comparison for signature checks (the length is not secret; the contents are).
public func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let left = Array(a.utf8)
    let right = Array(b.utf8)
    guard left.count == right.count else { return false }
    var difference: UInt8 = 0
    for index in left.indices {
        difference |= left[index] ^ right[index]
    }
    return difference == 0
}
