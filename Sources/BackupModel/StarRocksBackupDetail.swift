/// E-MapReduce Serverless StarRocks `DescribeBackups` task beyond the common fields (filled in by issue 3).
public struct StarRocksBackupDetail: Sendable, Hashable {
    public init() {}
}
