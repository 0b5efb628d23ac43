import CloudAPI

/// Checks Alibaba request signatures the way the gateway does (reference/signing.md §7), against the
/// one key pair the emulator accepts.
///
/// - V3 `ACS3-HMAC-SHA256`: the headers named in `SignedHeaders` with their values as received (`host` with its
///   port), `x-acs-content-sha256` checked against the body actually received, the canonical query rebuilt from
///   decoded values (`+` is a space).
/// - Legacy RPC HMAC-SHA1: a `Signature` query parameter over every other query parameter plus the form-body
///   parameters when the body is form-encoded.
/// - STS: an `x-acs-security-token` header (V3) or `SecurityToken` parameter (RPC) is accepted without being checked —
///   there is no STS service to ask — as long as the request is signed with the configured pair.
/// - Not checked: `x-acs-date`/`Timestamp` skew and nonce reuse (tests would otherwise have to control the clock).
struct SignatureVerifier: Sendable {
    let accessKeyID: String
    let accessKeySecret: String

    /// The call a verified request makes.
    struct VerifiedCall: Sendable {
        let action: String
        let version: String
        /// Business parameters: query (and form body) minus the legacy scheme's common parameters.
        let parameters: [String: String]
        let scheme: Scheme
    }

    enum Scheme: Sendable { case v3, legacyRPC }

    static let requiredV3Headers = [
        "host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256",
    ]

    /// Common parameters of the legacy RPC scheme, which are not the API's own.
    static let legacyCommonParameters: Set<String> = [
        "Action", "Version", "Format", "Timestamp", "SignatureNonce", "SignatureMethod", "SignatureVersion",
        "AccessKeyId", "Signature", "SecurityToken", "SignatureType",
    ]

    func verifyRPC(_ request: IncomingRequest) throws(AlibabaError) -> VerifiedCall {
        let query = Percent.decodeQuery(request.rawQuery)
        let form = request.isFormEncoded
            ? Percent.decodeQuery(String(decoding: request.body, as: UTF8.self)) : []
        if query.contains(where: { $0.name == "Signature" }) {
            return try verifyLegacyRPC(request, parameters: query + form)
        }
        if let authorization = request.header("authorization") {
            return try verifyV3(request, authorization: authorization, query: query, form: form)
        }
        if request.header("x-acs-bearer-token") != nil {
            throw .incompleteSignature("Bearer-token authentication is not supported by this emulator.")
        }
        throw .incompleteSignature("The request carries neither an Authorization header nor a Signature parameter.")
    }

    // MARK: - V3

    private func verifyV3(
        _ request: IncomingRequest, authorization: String,
        query: [(name: String, value: String)], form: [(name: String, value: String)]
    ) throws(AlibabaError) -> VerifiedCall {
        if authorization.hasPrefix("acs ") {
            throw .incompleteSignature("Legacy ROA signatures are not accepted for RPC-style APIs.")
        }
        if authorization.hasPrefix("ACS3-"), !authorization.hasPrefix(ACS3Signer.algorithm + " ") {
            throw .incompleteSignature("Only the ACS3-HMAC-SHA256 algorithm is supported.")
        }
        guard let parsed = ACS3Signer.parseAuthorization(authorization) else {
            throw .incompleteSignature("The Authorization header is malformed.")
        }
        guard parsed.credential == accessKeyID else { throw AlibabaError.accessKeyNotFound }
        let signedNames = parsed.signedHeaders.map { $0.lowercased() }
        let missing = Self.requiredV3Headers.filter { !signedNames.contains($0) }
        guard missing.isEmpty else {
            throw .incompleteSignature("SignedHeaders must include \(missing.joined(separator: ", ")).")
        }
        var signedHeaders: [(String, String)] = []
        for name in signedNames {
            let values = request.values(of: name)
            guard !values.isEmpty else {
                throw .incompleteSignature("The signed header \(name) is not present in the request.")
            }
            for value in values { signedHeaders.append((name, value)) }
        }
        let bodyHash = ACS3Signer.payloadHash(request.body)
        guard let claimedHash = request.header("x-acs-content-sha256"), constantTimeEquals(claimedHash, bodyHash) else {
            throw .signatureMismatch("The x-acs-content-sha256 header does not match the request body.")
        }
        let canonical = ACS3Signer.canonicalRequest(
            method: request.method, path: request.path, query: query.map { ($0.name, $0.value) },
            headers: signedHeaders, payloadHash: bodyHash)
        let expected = ACS3Signer.signature(
            secret: accessKeySecret, stringToSign: ACS3Signer.stringToSign(canonicalRequest: canonical))
        guard constantTimeEquals(parsed.signature.lowercased(), expected) else { throw .signatureMismatch() }

        guard let action = request.header("x-acs-action"), let version = request.header("x-acs-version") else {
            throw .incompleteSignature("x-acs-action and x-acs-version are required.")
        }
        return VerifiedCall(action: action, version: version,
                            parameters: Self.dictionary(query + form), scheme: .v3)
    }

    // MARK: - Legacy RPC

    private func verifyLegacyRPC(
        _ request: IncomingRequest, parameters: [(name: String, value: String)]
    ) throws(AlibabaError) -> VerifiedCall {
        let all = Self.dictionary(parameters)
        if let type = all["SignatureType"], !type.isEmpty {
            throw .incompleteSignature("SignatureType \(type) is not supported by this emulator.")
        }
        if let method = all["SignatureMethod"], method != "HMAC-SHA1" {
            throw .incompleteSignature("SignatureMethod must be HMAC-SHA1.")
        }
        guard let keyID = all["AccessKeyId"], !keyID.isEmpty else {
            throw .incompleteSignature("The AccessKeyId parameter is missing.")
        }
        guard keyID == accessKeyID else { throw AlibabaError.accessKeyNotFound }
        guard let signature = all["Signature"], !signature.isEmpty else {
            throw .incompleteSignature("The Signature parameter is empty.")
        }
        let signed = parameters.filter { $0.name != "Signature" }.map { ($0.name, $0.value) }
        let expected = RPCSigner.signature(secret: accessKeySecret, method: request.method, parameters: signed)
        guard constantTimeEquals(signature, expected) else { throw .signatureMismatch() }
        guard let action = all["Action"], !action.isEmpty else { throw .missingParameter("Action") }
        guard let version = all["Version"], !version.isEmpty else { throw .missingParameter("Version") }
        let business = parameters.filter { !Self.legacyCommonParameters.contains($0.name) }
        return VerifiedCall(action: action, version: version, parameters: Self.dictionary(business), scheme: .legacyRPC)
    }

    /// Later values win, as most servers treat repeated simple parameters.
    private static func dictionary(_ pairs: [(name: String, value: String)]) -> [String: String] {
        var result: [String: String] = [:]
        for pair in pairs { result[pair.name] = pair.value }
        return result
    }
}
