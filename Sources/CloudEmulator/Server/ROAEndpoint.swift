import CloudAPI
import Hummingbird

/// One authenticated Alibaba ROA call as a handler sees it: the parameters come from the query string only (the
/// SDK sends an empty body).
struct ROACall: Sendable {
    let action: String
    let version: String
    let parameters: [String: String]
    let requestID: String

    func parameter(_ name: String) -> String? {
        guard let value = parameters[name], !value.isEmpty else { return nil }
        return value
    }
}

/// Checks the signatures an Alibaba SDK puts on an ROA call (reference/signing.md §2 and §4):
/// - V3 `ACS3-HMAC-SHA256` with the ROA path as the canonical URI — `SignatureVerifier`'s V3 check, which already
///   signs the path as received;
/// - legacy ROA HMAC-SHA1 (`authorization: acs <AK>:<base64>`, `signature_algorithm='v2'`): `date`, `accept`,
///   `content-md5`, `content-type`, every `x-acs-*` header as received, and the path with the decoded query.
/// A legacy RPC `Signature` query parameter is refused: ROA APIs never take it.
struct ROAVerifier: Sendable {
    let verifier: SignatureVerifier

    struct Verified: Sendable {
        let action: String?
        let version: String
        let parameters: [String: String]
    }

    func verify(_ request: IncomingRequest) throws(AlibabaError) -> Verified {
        let query = Percent.decodeQuery(request.rawQuery)
        if let authorization = request.header("authorization"), authorization.hasPrefix("acs ") {
            return try verifyLegacy(request, authorization: authorization, query: query)
        }
        if query.contains(where: { $0.name == "Signature" }) {
            throw .incompleteSignature("Legacy RPC signatures are not accepted for ROA-style APIs.")
        }
        let call = try verifier.verifyRPC(request)
        // ROA parameters are the query's own; a form body (which the SDK never sends here) is not read.
        return Verified(action: call.action, version: call.version, parameters: Self.dictionary(query))
    }

    private func verifyLegacy(
        _ request: IncomingRequest, authorization: String, query: [(name: String, value: String)]
    ) throws(AlibabaError) -> Verified {
        let credential = authorization.dropFirst("acs ".count)
        guard let colon = credential.lastIndex(of: ":") else {
            throw .incompleteSignature("The Authorization header must be \"acs <AccessKeyId>:<Signature>\".")
        }
        let keyID = String(credential[credential.startIndex..<colon])
        let signature = String(credential[credential.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        guard !keyID.isEmpty, !signature.isEmpty else {
            throw .incompleteSignature("The Authorization header must be \"acs <AccessKeyId>:<Signature>\".")
        }
        guard keyID == verifier.accessKeyID else { throw AlibabaError.accessKeyNotFound }
        guard request.header("date") != nil else { throw .incompleteSignature("The Date header is required.") }
        guard request.header("x-acs-signature-method") == "HMAC-SHA1" else {
            throw .incompleteSignature("x-acs-signature-method must be HMAC-SHA1.")
        }
        guard let version = request.header("x-acs-version") else {
            throw .incompleteSignature("x-acs-version is required.")
        }
        let headers = request.headers.map { ($0.name, $0.value) }
        let text = ROASigner.stringToSign(
            method: request.method, path: request.path, query: query.map { ($0.name, $0.value) }, headers: headers)
        let expected = ROASigner.signature(secret: verifier.accessKeySecret, stringToSign: text)
        guard constantTimeEquals(signature, expected) else { throw .signatureMismatch() }
        return Verified(action: request.header("x-acs-action"), version: version, parameters: Self.dictionary(query))
    }

    /// Last value wins for a repeated name, as the vendors' gateways read query strings.
    static func dictionary(_ pairs: [(name: String, value: String)]) -> [String: String] {
        var result: [String: String] = [:]
        for pair in pairs { result[pair.name] = pair.value }
        return result
    }
}

/// Serves Alibaba ROA routes (StarRocks): verify the signature, check the API version and that the action the
/// request names is the path's, then answer with the handler's JSON — HTTP 200 even when the body says
/// `Success: false`. Gateway failures are 4xx with `Code`/`Message`.
struct ROAEndpoint: Sendable {
    typealias Handler = @Sendable (ROACall) -> JSONValue

    let version: String
    let product: String
    let verifier: ROAVerifier

    init(options: EmulatorOptions, version: String, product: String) {
        self.version = version
        self.product = product
        verifier = ROAVerifier(verifier: SignatureVerifier(accessKeyID: options.accessKeyID,
                                                           accessKeySecret: options.accessKeySecret))
    }

    func register(
        _ routes: [(path: String, action: String, handler: @Sendable (ROACall) -> JSONValue)],
        in router: Router<BasicRequestContext>
    ) {
        for route in routes {
            let endpoint = self
            router.post(RouterPath(route.path)) { request, _ in
                await endpoint.respond(to: request, action: route.action, handler: route.handler)
            }
        }
    }

    /// StarRocks: `POST /webapi/starrocks/describeInstances` and `POST /webapi/backup/manage/describe`.
    static func registerStarRocks(options: EmulatorOptions, dataset: StarRocksDataset, in router: Router<BasicRequestContext>) {
        ROAEndpoint(options: options, version: StarRocksService.version, product: "starrocks")
            .register(StarRocksService(dataset: dataset).routes, in: router)
    }

    func respond(to request: Request, action: String, handler: Handler) async -> Response {
        let host = request.head.authority ?? ""
        let rawQuery = request.uri.query ?? ""
        guard let buffer = try? await request.body.collect(upTo: EmulatorRoutes.maximumBodyBytes) else {
            let tooLarge = AlibabaError(status: .contentTooLarge, code: "RequestEntityTooLarge",
                                        message: "The request body exceeds \(EmulatorRoutes.maximumBodyBytes) bytes.")
            return AlibabaResponse.error(tooLarge, requestID: StableHash.uuidLike(rawQuery), hostID: host,
                                         product: product)
        }
        let incoming = IncomingRequest(
            method: request.method.rawValue, path: request.uri.path, rawQuery: rawQuery, host: host,
            headers: request.headers.map { (name: $0.name.canonicalName, value: $0.value) },
            body: Array(buffer.readableBytesView))
        let requestID = StableHash.uuidLike(
            [incoming.method, incoming.path, rawQuery, incoming.header("x-acs-signature-nonce") ?? "",
             incoming.header("date") ?? ""].joined(separator: "\n"))
        do throws(AlibabaError) {
            let verified = try verifier.verify(incoming)
            guard verified.version == version else { throw .versionNotFound(verified.version) }
            if let named = verified.action, named != action {
                throw .actionNotFound(action: named, version: verified.version)
            }
            let call = ROACall(action: action, version: verified.version, parameters: verified.parameters,
                               requestID: requestID)
            return AlibabaResponse.json(handler(call))
        } catch {
            return AlibabaResponse.error(error, requestID: requestID, hostID: host, product: product)
        }
    }
}
