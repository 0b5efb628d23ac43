import Foundation

/// Everything the emulator serves, generated once from the options (see `RDSDataset` for the RDS part).
/// Later services add their own parts here.
public struct EmulatorDataset: Sendable {
    public let rds: RDSDataset
    public let redis: RedisDataset
    public let huawei: HuaweiDataset
    public let hbr: HBRDataset
    public let starRocks: StarRocksDataset

    public init(options: EmulatorOptions) {
        let bench = options.clampedBenchBackups
        rds = RDSDataset(seed: options.seed, scale: options.clampedScale, now: options.now, extraRegion: options.region,
                         benchBackups: bench)
        redis = RedisDataset(seed: options.seed, now: options.now, extraRegion: options.region, benchBackups: bench)
        huawei = HuaweiDataset(seed: options.seed, now: options.now, projectID: options.huaweiProjectID,
                               benchBackups: bench)
        hbr = HBRDataset(seed: options.seed, now: options.now, extraRegion: options.region, benchBackups: bench)
        starRocks = StarRocksDataset(seed: options.seed, now: options.now, extraRegion: options.region,
                                     benchBackups: bench)
    }
}
