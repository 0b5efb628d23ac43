/// Alibaba legacy RPC signing: HMAC-SHA1, `SignatureVersion=1.0` (reference/signing.md §3).
public enum RPCSigner {
    /// `METHOD&%2F&pct(canonicalized query)` over every parameter except `Signature`.
    public static func stringToSign(method: String, parameters: [(String, String)]) -> String {
        let canonical = sortedPairs(parameters.filter { $0.0 != "Signature" })
            .map { Percent.encode($0.0) + "=" + Percent.encode($0.1) }
            .joined(separator: "&")
        return method + "&" + Percent.encode("/") + "&" + Percent.encode(canonical)
    }

    /// base64(HMAC-SHA1(secret + "&", stringToSign)).
    public static func signature(secret: String, method: String, parameters: [(String, String)]) -> String {
        let message = stringToSign(method: method, parameters: parameters)
        return Digest.base64(Digest.hmacSHA1(key: secret + "&", message: message))
    }
}
