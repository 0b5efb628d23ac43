import Foundation

/// Alibaba Cloud V3 request signing, `ACS3-HMAC-SHA256` (reference/signing.md §2).
public enum ACS3Signer {
    public static let algorithm = "ACS3-HMAC-SHA256"

    /// hex(sha256(body))
    public static func payloadHash(_ body: [UInt8]) -> String {
        Digest.sha256Hex(body)
    }

    /// The canonical request exactly as in signing.md §2 step 5. `headers` are the headers to sign (any case; the
    /// function lower-cases names, trims values, sorts by name). `query` values are plain (unencoded).
    ///
    /// The headers are signed exactly as given: `x-acs-content-sha256` is included only if it is in `headers`
    /// (`authorization(...)` adds it when missing).
    public static func canonicalRequest(
        method: String, path: String, query: [(String, String)],
        headers: [(String, String)], payloadHash: String
    ) -> String {
        let canonical = canonicalHeaders(headers)
        return [
            method,
            path,
            canonicalQuery(query),
            canonical.block,
            canonical.signedNames.joined(separator: ";"),
            payloadHash,
        ].joined(separator: "\n")
    }

    public static func stringToSign(canonicalRequest: String) -> String {
        algorithm + "\n" + Digest.sha256Hex(canonicalRequest)
    }

    /// Lower-case hex of HMAC-SHA256(secret, stringToSign).
    public static func signature(secret: String, stringToSign: String) -> String {
        Digest.hex(Digest.hmacSHA256(key: secret, message: stringToSign))
    }

    /// Full `Authorization` header value: `ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=..`
    ///
    /// Signs every header in `headers`, plus `x-acs-content-sha256` (computed from `body`) when it is absent —
    /// the caller must then send that header too.
    public static func authorization(
        accessKeyID: String, secret: String, method: String, path: String,
        query: [(String, String)], headers: [(String, String)], body: [UInt8]
    ) -> String {
        let hash = payloadHash(body)
        var signed = headers
        if !headers.contains(where: { $0.0.lowercased() == "x-acs-content-sha256" }) {
            signed.append(("x-acs-content-sha256", hash))
        }
        let request = canonicalRequest(method: method, path: path, query: query, headers: signed, payloadHash: hash)
        let sig = signature(secret: secret, stringToSign: stringToSign(canonicalRequest: request))
        let names = canonicalHeaders(signed).signedNames.joined(separator: ";")
        return "\(algorithm) Credential=\(accessKeyID),SignedHeaders=\(names),Signature=\(sig)"
    }

    /// Parses an Authorization header value into its three parts; nil if malformed.
    ///
    /// Tolerates spaces after the commas (the SDKs never send them, hand-written clients sometimes do).
    public static func parseAuthorization(
        _ value: String
    ) -> (credential: String, signedHeaders: [String], signature: String)? {
        let trimmed = value.trimmingWhitespace()
        let prefix = algorithm + " "
        guard trimmed.hasPrefix(prefix) else { return nil }
        var credential: String?
        var signedHeaders: [String]?
        var signature: String?
        for part in trimmed.dropFirst(prefix.count).split(separator: ",", omittingEmptySubsequences: false) {
            let item = part.trimmingWhitespace()
            guard let equals = item.firstIndex(of: "=") else { return nil }
            let key = item[item.startIndex..<equals]
            let text = String(item[item.index(after: equals)...])
            switch key {
            case "Credential" where credential == nil: credential = text
            case "SignedHeaders" where signedHeaders == nil:
                signedHeaders = text.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            case "Signature" where signature == nil: signature = text
            default: return nil
            }
        }
        guard let credential, !credential.isEmpty, let signedHeaders, !signedHeaders.contains(where: \.isEmpty),
              let signature, !signature.isEmpty
        else { return nil }
        return (credential, signedHeaders, signature)
    }

    // MARK: - Parts

    /// `key=pct(value)` sorted by key, joined by `&`. Keys are not encoded (as the Python SDK does).
    static func canonicalQuery(_ query: [(String, String)]) -> String {
        sortedPairs(query).map { "\($0.0)=\(Percent.encode($0.1))" }.joined(separator: "&")
    }

    /// Lower-cased, trimmed, sorted headers: the `name:value\n` block and the signed names.
    /// Several values for one name are sorted and joined with `,`.
    static func canonicalHeaders(_ headers: [(String, String)]) -> (block: String, signedNames: [String]) {
        var grouped: [String: [String]] = [:]
        for (name, value) in headers {
            grouped[name.lowercased(), default: []].append(value.trimmingWhitespaceAndNewlines())
        }
        let names = grouped.keys.sorted(by: utf8Precedes)
        var block = ""
        for name in names {
            let values = (grouped[name] ?? []).sorted(by: utf8Precedes)
            block += name + ":" + values.joined(separator: ",") + "\n"
        }
        return (block, names)
    }
}
