/// Redis/Tair `DescribeClusterBackupList` cluster backup beyond the common fields (filled in by issue 3).
public struct RedisBackupDetail: Sendable, Hashable {
    public init() {}
}
