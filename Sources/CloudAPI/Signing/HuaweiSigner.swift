/// Huawei Cloud `SDK-HMAC-SHA256` signing (reference/signing.md §5).
public enum HuaweiSigner {
    public static let algorithm = "SDK-HMAC-SHA256"

    /// The canonical request. `headers` must include `Host` and `X-Sdk-Date`; every header whose name has no `_`
    /// is signed. `path` is the path as sent (a trailing `/` is added to the canonical URI).
    public static func canonicalRequest(
        method: String, path: String, query: [(String, String)],
        headers: [(String, String)], body: [UInt8]
    ) -> String {
        let signed = signedHeaders(headers)
        return [
            method,
            canonicalURI(path),
            sortedPairs(query).map { Percent.encode($0.0) + "=" + Percent.encode($0.1) }.joined(separator: "&"),
            signed.block,
            signed.names.joined(separator: ";"),
            Digest.sha256Hex(body),
        ].joined(separator: "\n")
    }

    /// `SDK-HMAC-SHA256\n<X-Sdk-Date>\nhex(sha256(canonicalRequest))`
    public static func stringToSign(canonicalRequest: String, sdkDate: String) -> String {
        algorithm + "\n" + sdkDate + "\n" + Digest.sha256Hex(canonicalRequest)
    }

    public static func signature(secret: String, stringToSign: String) -> String {
        Digest.hex(Digest.hmacSHA256(key: secret, message: stringToSign))
    }

    /// `SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<a;b>, Signature=<hex>` (comma + space separators).
    public static func authorization(
        accessKey: String, secret: String, method: String, path: String,
        query: [(String, String)], headers: [(String, String)], body: [UInt8]
    ) -> String {
        let request = canonicalRequest(method: method, path: path, query: query, headers: headers, body: body)
        let date = headers.first { $0.0.lowercased() == "x-sdk-date" }?.1 ?? ""
        let sig = signature(secret: secret, stringToSign: stringToSign(canonicalRequest: request, sdkDate: date))
        let names = signedHeaders(headers).names.joined(separator: ";")
        return "\(algorithm) Access=\(accessKey), SignedHeaders=\(names), Signature=\(sig)"
    }

    /// Parses `SDK-HMAC-SHA256 Access=.., SignedHeaders=.., Signature=..`; nil if malformed.
    public static func parseAuthorization(
        _ value: String
    ) -> (accessKey: String, signedHeaders: [String], signature: String)? {
        let prefix = algorithm + " "
        guard value.hasPrefix(prefix) else { return nil }
        var fields: [String: String] = [:]
        for part in value.dropFirst(prefix.count).split(separator: ",") {
            let item = part.trimmingWhitespace()
            guard let equals = item.firstIndex(of: "=") else { return nil }
            let key = String(item[item.startIndex..<equals])
            guard fields[key] == nil else { return nil }
            fields[key] = String(item[item.index(after: equals)...])
        }
        guard fields.count == 3, let access = fields["Access"], !access.isEmpty,
              let names = fields["SignedHeaders"], !names.isEmpty,
              let signature = fields["Signature"], !signature.isEmpty
        else { return nil }
        return (access, names.split(separator: ";").map(String.init), signature)
    }

    /// Each segment unquoted then re-encoded, joined by `/`, with a trailing `/`.
    static func canonicalURI(_ path: String) -> String {
        var uri = path.split(separator: "/", omittingEmptySubsequences: false)
            .map { Percent.encode(Percent.decode($0, plusIsSpace: false)) }
            .joined(separator: "/")
        if !uri.hasSuffix("/") { uri += "/" }
        return uri
    }

    static func signedHeaders(_ headers: [(String, String)]) -> (block: String, names: [String]) {
        let canonical = ACS3Signer.canonicalHeaders(headers.filter { !$0.0.contains("_") })
        return (canonical.block, canonical.signedNames)
    }
}
