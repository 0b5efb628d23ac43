import AsyncHTTPClient
import BackupModel
import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTPCompression

/// One HTTP request, ready to send: the signer has already produced every header.
public struct HTTPRequestSpec: Sendable {
    public var method: String
    /// Full URL, query already percent-encoded.
    public var url: URL
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(method: String, url: URL, headers: [(String, String)], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// First value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }
}

/// A complete HTTP response (the body is read in full: these APIs answer with one JSON document).
public struct HTTPResult: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// First value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }
}

/// Sends requests over one shared, keep-alive `HTTPClient` and turns every failure into a `ServiceError`
/// that names host:port and the failure in plain words — never the query, which can hold signatures.
public final class HTTPTransport: Sendable {
    /// Sent when the request does not set its own `User-Agent`.
    public static let userAgent = "backdeck/\(BackdeckVersion.current) (Swift; \(platform))"
    /// Pooled keep-alive connections per host: enough for the widest fetch concurrency a provider may configure.
    public static let connectionsPerHost = 16
    /// Larger bodies are refused rather than buffered: a page of backups is a few hundred KiB at most.
    public static let maxBodyBytes = 64 * 1024 * 1024

    private let client: HTTPClient
    private let connectTimeout: Duration
    private let readTimeout: Duration

    public init(connectTimeout: Duration = .seconds(5), readTimeout: Duration = .seconds(30)) {
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        var configuration = HTTPClient.Configuration(
            timeout: .init(connect: Self.timeAmount(connectTimeout), read: Self.timeAmount(readTimeout)))
        // Signed headers must never be replayed to another host.
        configuration.redirectConfiguration = .disallow
        // Fail at once when nobody listens (set again below with the pool): retrying is the fetch engine's decision.
        // HTTP/1.1 as the official SDKs speak it: the signed `host` header reaches the server as sent.
        configuration.httpVersion = .http1Only
        configuration.connectionPool = .init(idleTimeout: .seconds(60),
                                             concurrentHTTP1ConnectionsPerHostSoftLimit: Self.connectionsPerHost)
        configuration.connectionPool.retryConnectionEstablishment = false
        // A compressed answer (offered with `accept-encoding`) is inflated, no larger than a body may be (a zip bomb
        // stops there; a ratio limit would refuse honest pages of near-identical records).
        configuration.decompression = .enabled(limit: .size(Self.maxBodyBytes))
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    deinit {
        // AsyncHTTPClient traps in debug builds when a client is released unshut; a second shutdown is a no-op.
        client.shutdown { _ in }
    }

    /// Sends the request and reads the whole response. Any HTTP status is a result, not an error.
    public func send(_ request: HTTPRequestSpec) async throws(ServiceError) -> HTTPResult {
        let target = Target(request.url)
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method.uppercased())
        for (name, value) in request.headers {
            outgoing.headers.add(name: name, value: value)
        }
        if !outgoing.headers.contains(name: "user-agent") {
            outgoing.headers.add(name: "user-agent", value: Self.userAgent)
        }
        if !outgoing.headers.contains(name: "accept-encoding") {
            outgoing.headers.add(name: "accept-encoding", value: "gzip, deflate")
        }
        if !request.body.isEmpty {
            outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        }
        let deadline = NIODeadline.now() + Self.timeAmount(connectTimeout + readTimeout)
        do {
            let response = try await client.execute(outgoing, deadline: deadline)
            let buffer = try await response.body.collect(upTo: Self.maxBodyBytes)
            return HTTPResult(
                status: Int(response.status.code),
                headers: response.headers.map { ($0.name, $0.value) },
                body: Array(buffer.readableBytesView))
        } catch {
            throw classify(error, target: target)
        }
    }

    /// Closes pooled connections. Requests after this fail with a transport error.
    public func shutdown() async {
        try? await client.shutdown().get()
    }

    // MARK: - Errors in plain words

    /// Where a request went, for messages: `127.0.0.1:9000`, `[::1]:8080`.
    struct Target {
        var hostPort: String

        init(_ url: URL) {
            let host = url.host ?? "?"
            let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
            let port = url.port ?? (url.scheme?.lowercased() == "http" ? 80 : 443)
            hostPort = "\(shownHost):\(port)"
        }

        func error(_ kind: ServiceError.Kind, code: String, _ message: String) -> ServiceError {
            ServiceError(kind: kind, code: code, message: message)
        }
    }

    private func classify(_ error: any Error, target: Target) -> ServiceError {
        let hostPort = target.hostPort
        if error is CancellationError {
            return target.error(.transport, code: "Cancelled", "request to \(hostPort) was cancelled")
        }
        if error is NIOTooManyBytesError {
            return target.error(.transport, code: "ResponseTooLarge",
                                "response from \(hostPort) is larger than \(Self.maxBodyBytes / 1_048_576) MiB")
        }
        if let http = error as? HTTPClientError {
            switch http {
            case .connectTimeout:
                return target.error(.timeout, code: "ConnectTimeout",
                                    "connecting to \(hostPort) timed out after \(Self.seconds(connectTimeout))")
            case .readTimeout, .writeTimeout, .deadlineExceeded, .getConnectionFromPoolTimeout:
                return target.error(.timeout, code: "Timeout",
                                    "\(hostPort) did not answer within \(Self.seconds(connectTimeout + readTimeout))")
            case .tlsHandshakeTimeout:
                return target.error(.timeout, code: "TLSTimeout", "TLS handshake with \(hostPort) timed out")
            case .remoteConnectionClosed:
                return target.error(.transport, code: "ConnectionClosed",
                                    "\(hostPort) closed the connection before answering")
            case .cancelled:
                return target.error(.transport, code: "Cancelled", "request to \(hostPort) was cancelled")
            case .alreadyShutdown:
                return target.error(.transport, code: "ShutDown", "the HTTP client is shut down")
            default:
                // HTTPClientError's own description is a fixed phrase without URLs.
                return target.error(.transport, code: "Transport", "request to \(hostPort) failed: \(http)")
            }
        }
        if let cause = Self.rootCause(error) {
            return cause.serviceError(target)
        }
        let typeName = String(describing: type(of: error))
        if typeName.contains("SSL") || typeName.contains("TLS") {
            return target.error(.transport, code: "TLS", "TLS handshake with \(hostPort) failed")
        }
        return target.error(.transport, code: "Transport", "request to \(hostPort) failed (\(typeName))")
    }

    /// The low-level failures we can name, found in the error or (for NIO's happy-eyeballs connection error,
    /// whose module this target does not import) in its stored properties.
    enum RootCause {
        case refused, reset, timedOut, unreachable, unresolved, closed
        case other(errno: Int32)

        func serviceError(_ target: Target) -> ServiceError {
            let hostPort = target.hostPort
            switch self {
            case .refused:
                return target.error(.transport, code: "ConnectionRefused", "connection refused by \(hostPort)")
            case .reset:
                return target.error(.transport, code: "ConnectionReset", "connection reset by \(hostPort)")
            case .timedOut:
                return target.error(.timeout, code: "ConnectTimeout", "connecting to \(hostPort) timed out")
            case .unreachable:
                return target.error(.transport, code: "HostUnreachable", "\(hostPort) is unreachable")
            case .unresolved:
                let host = hostPort.split(separator: ":").dropLast().joined(separator: ":")
                return target.error(.transport, code: "DNS", "could not resolve host \(host)")
            case .closed:
                return target.error(.transport, code: "ConnectionClosed",
                                    "\(hostPort) closed the connection before answering")
            case let .other(errno):
                let reason = String(cString: strerror(errno))
                return target.error(.transport, code: "Transport", "request to \(hostPort) failed: \(reason)")
            }
        }
    }

    static func rootCause(_ error: any Error, depth: Int = 0) -> RootCause? {
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED: return .refused
            case ECONNRESET, EPIPE, ECONNABORTED: return .reset
            case ETIMEDOUT: return .timedOut
            case EHOSTUNREACH, ENETUNREACH, EHOSTDOWN, ENETDOWN: return .unreachable
            default: return .other(errno: io.errnoCode)
            }
        }
        if let channel = error as? ChannelError {
            switch channel {
            case .connectTimeout: return .timedOut
            case .ioOnClosedChannel, .alreadyClosed, .eof, .outputClosed, .inputClosed: return .closed
            default: return nil
            }
        }
        if error is SocketAddressError || error is SocketAddressError.UnknownHost {
            return .unresolved
        }
        guard depth < 4 else { return nil }
        // Prefer a connection failure over a DNS failure: with happy eyeballs one address family may not resolve
        // while the other is refused.
        var found: [RootCause] = []
        collectErrors(in: Mirror(reflecting: error), depth: depth, into: &found)
        return found.first { if case .unresolved = $0 { false } else { true } } ?? found.first
    }

    private static func collectErrors(in mirror: Mirror, depth: Int, into found: inout [RootCause]) {
        for child in mirror.children {
            if let nested = child.value as? any Error, let cause = rootCause(nested, depth: depth + 1) {
                found.append(cause)
            } else if depth < 4 {
                collectErrors(in: Mirror(reflecting: child.value), depth: depth + 1, into: &found)
            }
        }
    }

    private static var platform: String {
        #if os(Linux)
        "Linux"
        #elseif os(macOS)
        "macOS"
        #else
        "unknown"
        #endif
    }

    // MARK: - Durations

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        let clamped = min(max(seconds, 0), Int64(Int32.max))
        return .nanoseconds(clamped * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 { return "\(seconds) s" }
        let value = Double(seconds) + Double(attoseconds) / 1e18
        return String(format: "%.1f s", value)
    }
}

/// `https` always; `http` only to a loopback host (127.0.0.0/8, ::1, localhost), so keys never cross a network
/// in clear text.
public func validateEndpoint(_ url: URL) throws(ServiceError) {
    guard let scheme = url.scheme?.lowercased() else {
        throw ServiceError(kind: .configuration, code: "InvalidEndpoint",
                           message: "endpoint \(url.absoluteString) has no scheme; use https://host")
    }
    guard let rawHost = url.host, !rawHost.isEmpty else {
        throw ServiceError(kind: .configuration, code: "InvalidEndpoint",
                           message: "endpoint \(url.absoluteString) has no host")
    }
    guard url.user == nil, url.password == nil else {
        throw ServiceError(kind: .configuration, code: "InvalidEndpoint",
                           message: "an endpoint must not carry a user name or password")
    }
    switch scheme {
    case "https":
        return
    case "http":
        guard isLoopbackHost(rawHost) else {
            throw ServiceError(kind: .configuration, code: "InsecureEndpoint",
                               message: "plain http is only allowed to loopback hosts; use https://\(rawHost)")
        }
    default:
        throw ServiceError(kind: .configuration, code: "InvalidEndpoint",
                           message: "endpoint scheme \"\(scheme)\" is not supported; use https")
    }
}

/// 127.0.0.0/8, ::1 (with or without brackets) or localhost.
func isLoopbackHost(_ rawHost: String) -> Bool {
    var host = rawHost.lowercased()
    if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    if host == "localhost" || host == "localhost." || host == "::1" { return true }
    let octets = host.split(separator: ".", omittingEmptySubsequences: false)
    guard octets.count == 4, octets[0] == "127" else { return false }
    return octets.allSatisfy { part in
        !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber)
            && (Int(part) ?? 256) <= 255
    }
}
