/// Huawei GaussDB NoSQL (GeminiDB) v3.1 backup beyond the common fields (filled in by issue 3).
public struct HuaweiBackupDetail: Sendable, Hashable {
    public init() {}
}
