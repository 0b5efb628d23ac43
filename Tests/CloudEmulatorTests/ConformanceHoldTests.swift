import CloudEmulator
import Foundation
import Testing

/// Not a test: a way to run the emulator on a fixed port for the vendor-SDK conformance check
/// (`shared/conformance/sdk_conformance.py`) without the `backdeck` executable.
///
///     BACKDECK_CONFORMANCE_PORT_HOLD=18765 swift test --skip-build --filter holdEmulatorForConformance
///
/// Optional: `BACKDECK_CONFORMANCE_HOLD_SECONDS` (default 600). Skipped unless the port variable is set.
@Test(.enabled(if: ProcessInfo.processInfo.environment["BACKDECK_CONFORMANCE_PORT_HOLD"] != nil))
func holdEmulatorForConformance() async throws {
    let environment = ProcessInfo.processInfo.environment
    let port = try #require(environment["BACKDECK_CONFORMANCE_PORT_HOLD"].flatMap { Int($0) })
    let seconds = environment["BACKDECK_CONFORMANCE_HOLD_SECONDS"].flatMap { Int($0) } ?? 600
    let emulator = try await Emulator.start(EmulatorOptions(port: port))
    print("emulator listening on \(emulator.baseURL) for \(seconds) s")
    try? await Task.sleep(for: .seconds(seconds))
    await emulator.stop()
}
