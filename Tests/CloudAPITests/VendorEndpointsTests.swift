import BackupModel
import CloudAPI
import Foundation
import Testing

@Suite struct VendorEndpointsTests {
    @Test(arguments: [
        (ProviderKind.alibabaRDS, "cn-hangzhou", "https://rds.aliyuncs.com"),
        (.alibabaRDS, "cn-beijing", "https://rds.aliyuncs.com"),
        (.alibabaRDS, "cn-zhangjiakou", "https://rds.cn-zhangjiakou.aliyuncs.com"),
        (.alibabaRDS, "eu-central-1", "https://rds.eu-central-1.aliyuncs.com"),
        (.alibabaRedis, "cn-hangzhou", "https://r-kvstore.aliyuncs.com"),
        (.alibabaRedis, "cn-shanghai", "https://r-kvstore.cn-shanghai.aliyuncs.com"),
        (.alibabaStarRocks, "cn-hangzhou", "https://starrocks.cn-hangzhou.aliyuncs.com"),
        (.alibabaHBR, "ap-southeast-1", "https://hbr.ap-southeast-1.aliyuncs.com"),
        (.huaweiGaussDBNoSQL, "cn-north-4", "https://gaussdb-nosql.cn-north-4.myhuaweicloud.com"),
        (.huaweiGaussDBNoSQL, "eu-west-101", "https://gaussdb-nosql.eu-west-101.myhuaweicloud.eu"),
    ])
    func resolvesTheSDKsHostForTheRegion(kind: ProviderKind, region: String, expected: String) {
        #expect(VendorEndpoints.defaultURL(for: kind, region: region)?.absoluteString == expected)
    }
}
