/// Cloud Backup (HBR) `DescribeBackupJobs2` job beyond the common fields (filled in by issue 3).
public struct HBRBackupDetail: Sendable, Hashable {
    public init() {}
}
