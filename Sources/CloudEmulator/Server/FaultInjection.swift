import Foundation
import Hummingbird
import Synchronization

/// Network and service faults the emulator adds to every API call, so the fetch engine's concurrency, retries and
/// cancellation can be tested and measured as they behave against a real cloud.
///
/// Rates are applied evenly, not by chance: with `throttleRate: 0.25` every fourth call of a service is throttled.
/// That keeps tests repeatable (a retry is a new call, so it passes) while still interleaving faults with successes.
public struct FaultOptions: Sendable, Equatable {
    /// Added before every answer (a round trip to a faraway region).
    public var latency: Duration
    /// Each answer waits `latency` ± up to this much (uniform, seeded).
    public var jitter: Duration
    /// Share of calls answered with the vendor's throttling response (0…1).
    public var throttleRate: Double
    /// Share of calls answered with a server error (0…1).
    public var errorRate: Double
    /// Calls of one service in flight beyond this are throttled, as the real gateways do; nil: no limit.
    public var maxConcurrentPerService: Int?
    /// Alibaba throttling answers carry `x-acs-retry-after: N` (milliseconds) when set.
    public var retryAfterMilliseconds: Int?

    public init(
        latency: Duration = .zero, jitter: Duration = .zero, throttleRate: Double = 0, errorRate: Double = 0,
        maxConcurrentPerService: Int? = nil, retryAfterMilliseconds: Int? = nil
    ) {
        self.latency = latency
        self.jitter = jitter
        self.throttleRate = min(max(throttleRate, 0), 1)
        self.errorRate = min(max(errorRate, 0), 1)
        self.maxConcurrentPerService = maxConcurrentPerService.map { max(1, $0) }
        self.retryAfterMilliseconds = retryAfterMilliseconds.map { max(1, $0) }
    }

    public static let none = FaultOptions()
}

/// What the emulator has served, per service: for tests that check concurrency was really used.
public struct EmulatorStats: Sendable, Equatable {
    public var calls: [EmulatedService: Int] = [:]
    /// The most calls of one service that were in flight at the same moment.
    public var maxInFlight: [EmulatedService: Int] = [:]
    public var throttled: [EmulatedService: Int] = [:]
    public var serverErrors: [EmulatedService: Int] = [:]
}

/// The services the emulator serves, as the fault layer tells them apart.
public enum EmulatedService: String, Sendable, Hashable, CaseIterable {
    case rds, redis, hbr, starRocks = "starrocks", huawei

    /// Alibaba RPC calls by their API version (`x-acs-version`, or `Version` in the query; a legacy call with its
    /// parameters in a form body is not recognised and gets no faults); StarRocks by its ROA path; Huawei by its
    /// `/v3…` path. IAM login (`/v3/auth/tokens`) and anything else is not an API call and gets no faults.
    static func of(path: String, version: String?) -> EmulatedService? {
        if path == "/" {
            switch version {
            case RDSService.version: return .rds
            case RedisService.version: return .redis
            case HBRService.version: return .hbr
            default: return nil
            }
        }
        if path.hasPrefix("/webapi/") { return .starRocks }
        if path.hasPrefix("/v3"), path != "/v3/auth/tokens" { return .huawei }
        return nil
    }

    var isAlibaba: Bool { self != .huawei }

    /// The `product` of Alibaba's troubleshooting link.
    var alibabaProduct: String {
        switch self {
        case .rds: "Rds"
        case .redis: "R-kvstore"
        case .hbr: "hbr"
        case .starRocks, .huawei: "starrocks"
        }
    }
}

/// Shared counters of the fault layer; one per emulator.
final class FaultState: Sendable {
    private struct Counters {
        var stats = EmulatorStats()
        var inFlight: [EmulatedService: Int] = [:]
        var throttleTicks: [EmulatedService: UInt64] = [:]
        var errorTicks: [EmulatedService: UInt64] = [:]
        var rng: SplitMix64
    }

    private let counters: Mutex<Counters>

    init(seed: UInt64) {
        counters = Mutex(Counters(rng: SplitMix64.stream(seed: seed, label: "faults")))
    }

    var stats: EmulatorStats { counters.withLock { $0.stats } }

    enum Verdict { case serve, throttle, fail }

    /// Counts the call in and decides its fate; `finish` must follow.
    func begin(_ service: EmulatedService, options: FaultOptions) -> (verdict: Verdict, delay: Duration) {
        counters.withLock { counters in
            counters.stats.calls[service, default: 0] += 1
            let inFlight = counters.inFlight[service, default: 0] + 1
            counters.inFlight[service] = inFlight
            counters.stats.maxInFlight[service] = max(counters.stats.maxInFlight[service] ?? 0, inFlight)

            var delay = options.latency
            if options.jitter > .zero {
                let span = Int(options.jitter / .microseconds(1))
                delay += .microseconds(counters.rng.int(in: -span...span))
                if delay < .zero { delay = .zero }
            }
            var verdict = Verdict.serve
            if let limit = options.maxConcurrentPerService, inFlight > limit {
                verdict = .throttle
            } else if Self.tick(&counters.throttleTicks[service, default: 0], rate: options.throttleRate) {
                verdict = .throttle
            } else if Self.tick(&counters.errorTicks[service, default: 0], rate: options.errorRate) {
                verdict = .fail
            }
            switch verdict {
            case .throttle: counters.stats.throttled[service, default: 0] += 1
            case .fail: counters.stats.serverErrors[service, default: 0] += 1
            case .serve: break
            }
            return (verdict, delay)
        }
    }

    func finish(_ service: EmulatedService) {
        counters.withLock { $0.inFlight[service, default: 1] -= 1 }
    }

    /// Evenly spread: call n is hit when ⌊(n+1)·rate⌋ > ⌊n·rate⌋, so `rate` of all calls are, at regular intervals.
    private static func tick(_ counter: inout UInt64, rate: Double) -> Bool {
        guard rate > 0 else { return false }
        let n = Double(counter)
        counter += 1
        return ((n + 1) * rate).rounded(.down) > (n * rate).rounded(.down)
    }
}

/// Applies `FaultOptions` in front of every API route: latency first (the answer travels either way), then the
/// verdict: the vendor's own throttling or server-error response instead of the real answer.
struct FaultMiddleware<Context: RequestContext>: RouterMiddleware {
    let options: FaultOptions
    let state: FaultState

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let version = request.headers[HTTPFields.Element.Name("x-acs-version")!]
            ?? request.uri.queryParameters.get("Version")
        guard let service = EmulatedService.of(path: request.uri.path, version: version) else {
            return try await next(request, context)
        }
        let (verdict, delay) = state.begin(service, options: options)
        defer { state.finish(service) }
        if delay > .zero { try await Task.sleep(for: delay) }
        let requestID = StableHash.uuidLike("fault \(request.uri.string) \(delay)")
        switch verdict {
        case .serve:
            return try await next(request, context)
        case .throttle:
            return Self.throttled(service, requestID: requestID, host: request.head.authority ?? "",
                                  retryAfterMilliseconds: options.retryAfterMilliseconds)
        case .fail:
            return Self.serverError(service, requestID: requestID, host: request.head.authority ?? "")
        }
    }

    /// Alibaba: HTTP 400 `Throttling.User` (optionally with `x-acs-retry-after`); Huawei's gateway: 429 `APIGW.0308`.
    static func throttled(_ service: EmulatedService, requestID: String, host: String, retryAfterMilliseconds: Int?) -> Response {
        guard service.isAlibaba else {
            return HuaweiResponse.error(HuaweiError(
                status: .tooManyRequests, code: "APIGW.0308",
                message: "The throttling threshold has been reached: policy user over ratelimit,limit:20,time:1 second"),
                requestID: requestID)
        }
        var response = AlibabaResponse.error(
            AlibabaError(status: .badRequest, code: "Throttling.User", message: "Request was denied due to user flow control."),
            requestID: requestID, hostID: host, product: service.alibabaProduct)
        if let retryAfterMilliseconds {
            response.headers[HTTPFields.Element.Name("x-acs-retry-after")!] = String(retryAfterMilliseconds)
        }
        return response
    }

    /// Alibaba: 503 `ServiceUnavailable`; Huawei: 500 `DBS.200000` (the emulator's choice: the vendor documents no
    /// code for an internal failure).
    static func serverError(_ service: EmulatedService, requestID: String, host: String) -> Response {
        guard service.isAlibaba else {
            return HuaweiResponse.error(HuaweiError(status: .internalServerError, code: "DBS.200000",
                                                    message: "Internal server error."), requestID: requestID)
        }
        return AlibabaResponse.error(
            AlibabaError(status: .serviceUnavailable, code: "ServiceUnavailable",
                         message: "The request has failed due to a temporary failure of the server."),
            requestID: requestID, hostID: host, product: service.alibabaProduct)
    }
}
