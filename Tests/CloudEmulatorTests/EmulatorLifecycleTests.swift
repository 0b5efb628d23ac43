import CloudEmulator
import Foundation
import Testing

@Suite("Emulator lifecycle")
struct EmulatorLifecycleTests {
    @Test func startsOnAFreePortAndStopsCleanlyWithAKeptAliveConnection() async throws {
        var ports: [Int] = []
        for _ in 0..<5 {
            let emulator = try await Emulator.start(testOptions())
            #expect(emulator.port > 0)
            #expect(emulator.baseURL.absoluteString == "http://127.0.0.1:\(emulator.port)")
            let client = AlibabaTestClient(port: emulator.port)
            // The shared HTTP client keeps this connection alive; stop must not wait for it to go idle.
            let response = try await client.describeInstances()
            #expect(response.status == 200)
            let clock = ContinuousClock()
            let elapsed = await clock.measure { await emulator.stop() }
            // Well under a second when idle; the margin is for a machine busy with builds (5.5 s was seen at load 6).
            #expect(elapsed < .seconds(15))
            ports.append(emulator.port)
            // AsyncHTTPClient retries a refused connection until the deadline, so keep the deadline short.
            await #expect(throws: (any Error).self) {
                _ = try await client.send(method: "POST", pathAndQuery: "/?RegionId=cn-hangzhou", timeout: .seconds(1))
            }
        }
        #expect(ports.count == 5)
    }

    @Test func aTakenPortIsReportedNotHung() async throws {
        let first = try await Emulator.start(testOptions())
        var options = testOptions()
        options.port = first.port
        await #expect(throws: EmulatorStartError.self) {
            let second = try await Emulator.start(options)
            await second.stop()
        }
        await first.stop()
    }
}
