import BackupModel

/// How failed requests are tried again: exponential backoff with jitter, a bounded number of times, only for
/// failures that a later attempt can cure.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included (1: never retry).
    public var maxAttempts: Int
    /// The first retry waits about this long; each further one twice as long, up to `maxDelay`.
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(8)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = max(.zero, baseDelay)
        self.maxDelay = max(self.baseDelay, maxDelay)
    }

    public static let standard = RetryPolicy()
    public static let never = RetryPolicy(maxAttempts: 1)

    /// The wait before attempt `attempt` (2 for the first retry): "equal jitter", between half and all of
    /// `baseDelay · 2^(attempt-2)`, capped, so concurrent pages that failed together do not retry together. A
    /// service that says how long to wait (Alibaba's `x-acs-retry-after`) is obeyed, within `maxDelay`.
    public func delay(beforeAttempt attempt: Int, after error: ServiceError, unit: Double) -> Duration {
        if let milliseconds = error.retryAfterMilliseconds {
            return min(.milliseconds(milliseconds), maxDelay)
        }
        let exponent = min(max(0, attempt - 2), 30)
        let ceiling = min(baseDelay * (1 << exponent), maxDelay)
        return ceiling * (0.5 + 0.5 * min(max(unit, 0), 1))
    }

    /// Sends `operation` until it succeeds, fails in a way not worth retrying, runs out of attempts, or the task is
    /// cancelled (a cancelled wait ends at once with the last error). `notify` hears each retry before its wait.
    public func run<T: Sendable>(
        page: Int?,
        notify: (RetryNotice) -> Void,
        _ operation: () async throws(ServiceError) -> T
    ) async throws(ServiceError) -> T {
        var attempt = 1
        while true {
            do {
                return try await operation()
            } catch let failure {
                guard attempt < maxAttempts, let reason = failure.retryReason, !Task.isCancelled else { throw failure }
                attempt += 1
                let wait = delay(beforeAttempt: attempt, after: failure, unit: Double.random(in: 0...1))
                notify(RetryNotice(reason: reason, page: page, attempt: attempt, maxAttempts: maxAttempts,
                                   delay: wait, error: failure))
                do { try await Task.sleep(for: wait) } catch { throw failure }
            }
        }
    }
}

extension ServiceError {
    /// Why a later attempt may succeed, or nil when it would fail the same way (bad parameters, signatures,
    /// permissions, a refused connection, a body we cannot read).
    public var retryReason: RetryReason? {
        switch kind {
        case .http:
            // Alibaba throttles with HTTP 400 and a `Throttling…` code; Huawei's gateway with 429 `APIGW.0308`.
            if httpStatus == 429 || code.hasPrefix("Throttling") || code == "APIGW.0308" { return .throttled }
            if let httpStatus, (500...599).contains(httpStatus) { return .serverError }
            return nil
        case .timeout:
            return .timeout
        case .transport:
            return ["ConnectionReset", "ConnectionClosed"].contains(code) ? .connectionLost : nil
        case .decoding, .configuration:
            return nil
        }
    }
}
