import Hummingbird

/// Wires the services into one Hummingbird router: Alibaba RPC at `/` (GET and POST), dispatched by `RPCRouter`;
/// StarRocks on its ROA paths; Huawei under `/v3…` and IAM at `/v3/auth/tokens`; the dataset's download links.
enum EmulatorRoutes {
    /// Requests larger than this are refused (the APIs served here take no bodies worth the name).
    static let maximumBodyBytes = 1 << 20

    static func makeRouter(
        options: EmulatorOptions, dataset: EmulatorDataset, baseURL: BaseURLBox, faults: FaultState
    ) -> Router<BasicRequestContext> {
        var rpc = RPCRouter()
        RDSService(dataset: dataset.rds).register(in: &rpc)
        RedisService(dataset: dataset.redis).register(in: &rpc)
        HBRService(dataset: dataset.hbr).register(in: &rpc)
        let endpoint = RPCEndpoint(
            router: rpc,
            verifier: SignatureVerifier(accessKeyID: options.accessKeyID, accessKeySecret: options.accessKeySecret),
            baseURL: baseURL)

        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: VendorErrorMiddleware())
        // Always in place: it also counts the calls (and the most in flight) that tests read from `Emulator.stats`.
        router.add(middleware: FaultMiddleware(options: options.faults, state: faults))
        router.on("/", method: .post) { request, _ in await endpoint.respond(to: request) }
        router.on("/", method: .get) { request, _ in await endpoint.respond(to: request) }
        HuaweiEndpoint(options: options, dataset: dataset.huawei).register(in: router)
        ROAEndpoint.registerStarRocks(options: options, dataset: dataset.starRocks, in: router)
        DownloadEndpoint(dataset: dataset).register(in: router)
        return router
    }
}

/// `/`: verify the signature, route by action and version, answer in the vendor's JSON shapes.
struct RPCEndpoint: Sendable {
    let router: RPCRouter
    let verifier: SignatureVerifier
    let baseURL: BaseURLBox

    func respond(to request: Request) async -> Response {
        let host = request.head.authority ?? ""
        let rawQuery = request.uri.query ?? ""
        let body: [UInt8]
        do {
            let buffer = try await request.body.collect(upTo: EmulatorRoutes.maximumBodyBytes)
            body = Array(buffer.readableBytesView)
        } catch {
            let tooLarge = AlibabaError(status: .contentTooLarge, code: "RequestEntityTooLarge",
                                        message: "The request body exceeds \(EmulatorRoutes.maximumBodyBytes) bytes.")
            return AlibabaResponse.error(tooLarge, requestID: StableHash.uuidLike(rawQuery), hostID: host)
        }
        let incoming = IncomingRequest(
            method: request.method.rawValue, path: request.uri.path, rawQuery: rawQuery, host: host,
            headers: request.headers.map { (name: $0.name.canonicalName, value: $0.value) }, body: body)
        let requestID = StableHash.uuidLike(
            [incoming.method, incoming.path, rawQuery, incoming.header("x-acs-signature-nonce") ?? "",
             incoming.header("x-acs-action") ?? ""].joined(separator: "\n"))
        do throws(AlibabaError) {
            let verified = try verifier.verifyRPC(incoming)
            let call = RPCCall(action: verified.action, version: verified.version, parameters: verified.parameters,
                               requestID: requestID, baseURL: baseURL.current)
            return AlibabaResponse.json(try router.handle(call))
        } catch {
            return AlibabaResponse.error(error, requestID: requestID, hostID: host)
        }
    }
}

/// Unknown paths and unexpected failures still answer with a vendor-shaped JSON body, never an empty one.
struct VendorErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let host = request.head.authority ?? ""
        let requestID = StableHash.uuidLike(request.method.rawValue + " " + request.uri.string)
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound || error.status == .methodNotAllowed {
            let notFound = AlibabaError(status: .notFound, code: "InvalidUri.NotFound",
                                        message: "Specified path \(request.uri.path) with method \(request.method.rawValue) is not found.")
            return AlibabaResponse.error(notFound, requestID: requestID, hostID: host)
        } catch {
            let failure = AlibabaError(status: .internalServerError, code: "InternalError",
                                        message: "The request processing has failed due to some unknown error.")
            return AlibabaResponse.error(failure, requestID: requestID, hostID: host)
        }
    }
}
