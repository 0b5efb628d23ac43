import BackupModel
import Foundation

/// Each service's public endpoint for a region, as the vendors' SDKs resolve it (cloud-apis.md §0 "Hosts per region").
public enum VendorEndpoints {
    /// RDS regions served by the central `rds.aliyuncs.com` (the SDK's endpoint map); others use `rds.{region}…`.
    static let rdsCentralRegions: Set<String> = [
        "cn-qingdao", "cn-beijing", "cn-hangzhou", "cn-shanghai", "cn-shenzhen", "cn-heyuan", "cn-hongkong",
        "ap-southeast-1", "us-west-1", "us-east-1",
    ]

    public static func defaultURL(for kind: ProviderKind, region: String) -> URL? {
        let host: String
        switch kind {
        case .alibabaRDS:
            host = region == "cn-hangzhou-finance" ? "rds-vpc.cn-hangzhou-finance.aliyuncs.com"
                : rdsCentralRegions.contains(region) ? "rds.aliyuncs.com" : "rds.\(region).aliyuncs.com"
        case .alibabaRedis:
            host = region == "cn-hangzhou" ? "r-kvstore.aliyuncs.com" : "r-kvstore.\(region).aliyuncs.com"
        case .alibabaStarRocks:
            host = "starrocks.\(region).aliyuncs.com"
        case .alibabaHBR:
            host = "hbr.\(region).aliyuncs.com"
        case .huaweiGaussDBNoSQL:
            host = region == "eu-west-101" ? "gaussdb-nosql.\(region).myhuaweicloud.eu" : "gaussdb-nosql.\(region).myhuaweicloud.com"
        }
        return URL(string: "https://\(host)")
    }

    /// Huawei IAM for password-token login: the region's IAM endpoint.
    public static func huaweiIAM(region: String) -> URL? {
        URL(string: region == "eu-west-101" ? "https://iam.\(region).myhuaweicloud.eu" : "https://iam.\(region).myhuaweicloud.com")
    }
}
