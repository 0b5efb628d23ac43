import Foundation
import Hummingbird

/// How to run an `Emulator`.
public struct EmulatorOptions: Sendable {
    /// Address to listen on; loopback by default.
    public var host: String
    /// 0 picks any free port (read it back from `Emulator.port`).
    public var port: Int
    /// The only key pair the emulator accepts.
    public var accessKeyID: String
    public var accessKeySecret: String
    /// The region the demo browses: instances are generated for `cn-hangzhou`, `cn-shanghai` and this region.
    public var region: String
    /// The dataset is a pure function of `seed`, `scale` and `now`.
    public var seed: UInt64
    /// Multiplies the history of the dataset's one "big" RDS instance: it holds 1,200 × `scale` automated backups
    /// (plus a few manual ones), so `scale: 10` gives an instance with 12,000+. Clamped to 1...100.
    public var scale: Int
    /// The dataset's "today": backups are laid out backwards from it. Defaults to the current time rounded down
    /// to the hour, so restarts within an hour serve the same data; inject a fixed date in tests.
    public var now: Date
    /// The Huawei project served under `/v3…/{project_id}/…` (32 hex characters, as the conformance check assumes).
    public var huaweiProjectID: String
    /// Latency, throttling and server errors added to every API call (none by default).
    public var faults: FaultOptions
    /// When > 0, each service's dataset ends with one more instance (an HBR vault) whose history is exactly this
    /// many successful backups (for `backdeck-bench`; 0: off). Clamped to 0...100,000.
    public var benchBackups: Int

    public init(
        host: String = "127.0.0.1", port: Int = 0,
        accessKeyID: String = "testid", accessKeySecret: String = "testsecret",
        region: String = "cn-hangzhou", seed: UInt64 = 1, scale: Int = 1,
        now: Date = EmulatorOptions.currentHour(), huaweiProjectID: String = HuaweiDataset.defaultProjectID,
        faults: FaultOptions = .none, benchBackups: Int = 0
    ) {
        self.host = host
        self.port = port
        self.accessKeyID = accessKeyID
        self.accessKeySecret = accessKeySecret
        self.region = region
        self.seed = seed
        self.scale = scale
        self.now = now
        self.huaweiProjectID = huaweiProjectID
        self.faults = faults
        self.benchBackups = benchBackups
    }

    /// The real current time, rounded down to the hour.
    public static func currentHour() -> Date {
        let seconds = Date().timeIntervalSince1970
        return Date(timeIntervalSince1970: (seconds / 3600).rounded(.down) * 3600)
    }

    var clampedScale: Int { min(max(scale, 1), 100) }

    var clampedBenchBackups: Int { min(max(benchBackups, 0), 100_000) }
}

extension EmulatorOptions: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Never shows the secret.
    public var description: String {
        "EmulatorOptions(host: \(host), port: \(port), accessKeyID: \(accessKeyID), accessKeySecret: <redacted>, "
            + "region: \(region), seed: \(seed), scale: \(scale), now: \(now), huaweiProjectID: \(huaweiProjectID), "
            + "faults: \(faults), benchBackups: \(benchBackups))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: [
            "host": host, "port": port, "accessKeyID": accessKeyID, "accessKeySecret": "<redacted>",
            "region": region, "seed": seed, "scale": scale, "now": now, "huaweiProjectID": huaweiProjectID,
            "faults": faults, "benchBackups": benchBackups,
        ])
    }
}

/// Why `Emulator.start` failed.
public struct EmulatorStartError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// A local stand-in for the cloud APIs over real HTTP/1.1 (Hummingbird on SwiftNIO), with the vendors' routing,
/// signatures, paging and errors, for all five services on one port: Alibaba RDS, Redis and HBR at `/` (RPC),
/// StarRocks on its ROA paths, Huawei GaussDB NoSQL and IAM by path. Each dataset part is described on its type
/// (`RDSDataset`, `RedisDataset`, `StarRocksDataset`, `HBRDataset`, `HuaweiDataset`).
///
/// ```swift
/// let emulator = try await Emulator.start(EmulatorOptions())
/// defer { Task { await emulator.stop() } }
/// print(emulator.baseURL)   // http://127.0.0.1:PORT
/// ```
public final class Emulator: Sendable {
    public let port: Int
    public let baseURL: URL
    public let options: EmulatorOptions
    public let dataset: EmulatorDataset
    private let server: Task<Void, any Error>
    private let faults: FaultState

    /// Calls served so far per service, with the most that were in flight at once and the faults injected.
    public var stats: EmulatorStats { faults.stats }

    private init(port: Int, baseURL: URL, options: EmulatorOptions, dataset: EmulatorDataset, server: Task<Void, any Error>,
                 faults: FaultState) {
        self.faults = faults
        self.port = port
        self.baseURL = baseURL
        self.options = options
        self.dataset = dataset
        self.server = server
    }

    deinit { server.cancel() }

    /// Generates the dataset, binds, and returns once the port is listening.
    public static func start(_ options: EmulatorOptions) async throws -> Emulator {
        let dataset = EmulatorDataset(options: options)
        let ownBaseURL = BaseURLBox()
        let faults = FaultState(seed: options.seed)
        let router = EmulatorRoutes.makeRouter(options: options, dataset: dataset, baseURL: ownBaseURL, faults: faults)
        let (boundPorts, boundContinuation) = AsyncStream.makeStream(of: Int.self)
        let urlHost = Self.urlHost(options.host)
        var app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                ownBaseURL.set("http://\(urlHost):\(port)")
                boundContinuation.yield(port)
                boundContinuation.finish()
            }
        )
        // The demo runs under curses: nothing may be written to the terminal.
        app.logger.logLevel = .critical
        let application = app
        let server = Task<Void, any Error> {
            defer { boundContinuation.finish() }
            try await application.run()
        }
        var boundPort: Int?
        for await port in boundPorts {
            boundPort = port
            break
        }
        guard let boundPort, boundPort > 0, let url = URL(string: "http://\(urlHost):\(boundPort)") else {
            server.cancel()
            if case .failure(let error) = await server.result {
                throw EmulatorStartError(description: "the emulator could not listen on \(options.host):\(options.port): \(error)")
            }
            throw EmulatorStartError(description: "the emulator stopped before listening on \(options.host):\(options.port)")
        }
        return Emulator(port: boundPort, baseURL: url, options: options, dataset: dataset, server: server, faults: faults)
    }

    /// Stops listening, closes open connections and waits until the server has shut down. Safe to call twice.
    public func stop() async {
        server.cancel()
        _ = await server.result
    }

    /// Runs until the surrounding task is cancelled (for `backdeck emulator --port N`).
    public func waitUntilStopped() async {
        await withTaskCancellationHandler {
            _ = await server.result
        } onCancel: {
            server.cancel()
        }
    }

    private static func urlHost(_ host: String) -> String {
        switch host {
        case "0.0.0.0", "": "127.0.0.1"
        case "::": "[::1]"
        default: host.contains(":") ? "[\(host)]" : host
        }
    }
}

/// The emulator's own `http://host:port`, known only once the socket is bound; read by every request.
/// A lock rather than an actor keeps request handling synchronous.
final class BaseURLBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value = ""

    func set(_ newValue: String) { lock.withLock { value = newValue } }

    var current: String { lock.withLock { value } }
}
