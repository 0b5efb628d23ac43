/// Alibaba legacy ROA signing, HMAC-SHA1 (reference/signing.md §4). Only needed to verify old SDKs' requests.
public enum ROASigner {
    /// `METHOD\nAccept\nContent-MD5\nContent-Type\nDate\n` + sorted `x-acs-*` headers + path and raw sorted query.
    public static func stringToSign(
        method: String, path: String, query: [(String, String)], headers: [(String, String)]
    ) -> String {
        var lowered: [String: String] = [:]
        for (name, value) in headers { lowered[name.lowercased()] = value }
        let acsHeaders = lowered.keys.filter { $0.hasPrefix("x-acs-") }.sorted(by: utf8Precedes)
            .map { "\($0):\(lowered[$0] ?? "")\n" }
            .joined()
        var resource = path
        if !query.isEmpty {
            // Raw, not percent-encoded; a key alone when its value is empty.
            resource += "?" + sortedPairs(query).map { $0.1.isEmpty ? $0.0 : "\($0.0)=\($0.1)" }.joined(separator: "&")
        }
        let fixed = [method, lowered["accept"] ?? "", lowered["content-md5"] ?? "", lowered["content-type"] ?? "",
                     lowered["date"] ?? ""]
        return fixed.joined(separator: "\n") + "\n" + acsHeaders + resource
    }

    /// base64(HMAC-SHA1(secret, stringToSign)) — the key is the secret itself, without `&`.
    public static func signature(secret: String, stringToSign: String) -> String {
        Digest.base64(Digest.hmacSHA1(key: secret, message: stringToSign))
    }

    /// `acs <AccessKeyId>:<signature>`
    public static func authorization(
        accessKeyID: String, secret: String, method: String, path: String,
        query: [(String, String)], headers: [(String, String)]
    ) -> String {
        let text = stringToSign(method: method, path: path, query: query, headers: headers)
        return "acs \(accessKeyID):" + signature(secret: secret, stringToSign: text)
    }
}
