import Foundation

/// Everything the emulator serves, generated once from the options (see `RDSDataset` for the RDS part).
/// Later services add their own parts here.
public struct EmulatorDataset: Sendable {
    public let rds: RDSDataset

    public init(options: EmulatorOptions) {
        rds = RDSDataset(seed: options.seed, scale: options.clampedScale, now: options.now, extraRegion: options.region)
    }
}
