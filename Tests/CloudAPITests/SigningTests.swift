import Testing
@testable import CloudAPI

/// Every vector of reference/signing.md §6, plus the RDS wire examples of reference/cloud-apis.md §3.
@Suite struct SigningTests {
    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    // MARK: Percent

    @Test func percentEncodingKeepsOnlyUnreservedCharacters() {
        #expect(Percent.encode("AZaz09-_.~") == "AZaz09-_.~")
        #expect(Percent.encode("a b*c/d:e+f=g&h") == "a%20b%2Ac%2Fd%3Ae%2Bf%3Dg%26h")
        #expect(Percent.encode("é") == "%C3%A9")
        #expect(Percent.encode("") == "")
    }

    @Test func decodeQueryTurnsPlusIntoSpaceAndDecodesEscapes() {
        let pairs = Percent.decodeQuery("a=1+2&b=x%3Ay&flag&&c=%2B%zz&d=")
        #expect(pairs.map(\.name) == ["a", "b", "flag", "c", "d"])
        #expect(pairs.map(\.value) == ["1 2", "x:y", "", "+%zz", ""])
    }

    @Test func decodeQueryRoundTripsEncodedValues() {
        let original = "2011-06-01T16:00Z ünïcode *&="
        let decoded = Percent.decodeQuery("k=" + Percent.encode(original))
        #expect(decoded.count == 1)
        #expect(decoded.first?.value == original)
    }

    @Test func constantTimeEqualsComparesContents() {
        #expect(constantTimeEquals("abc", "abc"))
        #expect(!constantTimeEquals("abc", "abd"))
        #expect(!constantTimeEquals("abc", "abcd"))
        #expect(constantTimeEquals("", ""))
    }

    // MARK: V3 — P1, P2 (published Alibaba examples)

    static let p1Query = [("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"), ("RegionId", "cn-shanghai")]

    static func p1Headers(date: String, nonce: String) -> [(String, String)] {
        [("host", "ecs.cn-shanghai.aliyuncs.com"), ("x-acs-action", "RunInstances"),
         ("x-acs-version", "2014-05-26"), ("x-acs-date", date), ("x-acs-signature-nonce", nonce)]
    }

    @Test func vectorP1PublishedV3Example() {
        let headers = Self.p1Headers(date: "2023-10-26T10:22:32Z", nonce: "3156853299f313e23d1673dc12e1703d")
        let canonical = ACS3Signer.canonicalRequest(
            method: "POST", path: "/", query: Self.p1Query,
            headers: headers + [("x-acs-content-sha256", Self.emptyHash)], payloadHash: Self.emptyHash)
        #expect(canonical == """
            POST
            /
            ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai
            host:ecs.cn-shanghai.aliyuncs.com
            x-acs-action:RunInstances
            x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-acs-date:2023-10-26T10:22:32Z
            x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d
            x-acs-version:2014-05-26

            host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        let toSign = ACS3Signer.stringToSign(canonicalRequest: canonical)
        #expect(toSign == "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259")
        #expect(ACS3Signer.signature(secret: "YourAccessKeySecret", stringToSign: toSign)
            == "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0")
        let authorization = ACS3Signer.authorization(
            accessKeyID: "YourAccessKeyId", secret: "YourAccessKeySecret", method: "POST", path: "/",
            query: Self.p1Query, headers: headers, body: [])
        #expect(authorization == "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0")
    }

    @Test func vectorP2PublishedV3ExampleSecondDate() {
        let headers = Self.p1Headers(date: "2023-10-26T09:01:01Z", nonce: "d410180a5abf7fe235dd9b74aca91fc0")
        let canonical = ACS3Signer.canonicalRequest(
            method: "POST", path: "/", query: Self.p1Query,
            headers: headers + [("x-acs-content-sha256", Self.emptyHash)], payloadHash: Self.emptyHash)
        #expect(canonical.contains("\nx-acs-date:2023-10-26T09:01:01Z\nx-acs-signature-nonce:d410180a5abf7fe235dd9b74aca91fc0\n"))
        #expect(ACS3Signer.stringToSign(canonicalRequest: canonical)
            == "ACS3-HMAC-SHA256\n29622f5feb1e9fcaaa2e276a72889c975f7b16f00e02be1ca34965b18cd85015")
        let authorization = ACS3Signer.authorization(
            accessKeyID: "YourAccessKeyId", secret: "YourAccessKeySecret", method: "POST", path: "/",
            query: Self.p1Query, headers: headers, body: [])
        #expect(authorization == "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804")
    }

    // MARK: V3 — A, B, C, D

    static let rdsQuery = [("DBInstanceId", "rm-uf6wjk5xxxxxxx"), ("PageNumber", "1"), ("PageSize", "30"),
                           ("StartTime", "2011-06-01T16:00Z"), ("EndTime", "2011-06-15T16:00Z")]
    static let rdsHeaders = [("host", "rds.aliyuncs.com"), ("x-acs-action", "DescribeBackups"),
                             ("x-acs-version", "2014-08-15"), ("x-acs-date", "2024-01-01T00:00:00Z"),
                             ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d")]

    @Test func vectorAMinimalHeaderSet() {
        let canonical = ACS3Signer.canonicalRequest(
            method: "POST", path: "/", query: Self.rdsQuery,
            headers: Self.rdsHeaders + [("x-acs-content-sha256", ACS3Signer.payloadHash([]))],
            payloadHash: ACS3Signer.payloadHash([]))
        #expect(canonical == """
            POST
            /
            DBInstanceId=rm-uf6wjk5xxxxxxx&EndTime=2011-06-15T16%3A00Z&PageNumber=1&PageSize=30&StartTime=2011-06-01T16%3A00Z
            host:rds.aliyuncs.com
            x-acs-action:DescribeBackups
            x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-acs-date:2024-01-01T00:00:00Z
            x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d
            x-acs-version:2014-08-15

            host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(ACS3Signer.stringToSign(canonicalRequest: canonical)
            == "ACS3-HMAC-SHA256\n80cf7bb0013a519147810302d757a8dbb913b50521a8c47929251b9d259f45d0")
        let authorization = ACS3Signer.authorization(
            accessKeyID: "testid", secret: "testsecret", method: "POST", path: "/",
            query: Self.rdsQuery, headers: Self.rdsHeaders, body: [])
        #expect(authorization == "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=4cb6072517049a98154fa74939456afe07790630cacfb6165b47f26ace20a2ae")
    }

    @Test func vectorBPythonSDKHeaderSetWithMixedCaseAndPadding() {
        // Names in mixed case and values with stray spaces must canonicalise to the same request.
        let headers = Self.rdsHeaders + [
            ("Accept", "application/json"),
            ("User-Agent", "  AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.3 TeaDSL/2 "),
        ]
        let canonical = ACS3Signer.canonicalRequest(
            method: "POST", path: "/", query: Self.rdsQuery,
            headers: headers + [("X-Acs-Content-Sha256", Self.emptyHash)], payloadHash: Self.emptyHash)
        #expect(canonical == """
            POST
            /
            DBInstanceId=rm-uf6wjk5xxxxxxx&EndTime=2011-06-15T16%3A00Z&PageNumber=1&PageSize=30&StartTime=2011-06-01T16%3A00Z
            accept:application/json
            host:rds.aliyuncs.com
            user-agent:AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.3 TeaDSL/2
            x-acs-action:DescribeBackups
            x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-acs-date:2024-01-01T00:00:00Z
            x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d
            x-acs-version:2014-08-15

            accept;host;user-agent;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(ACS3Signer.stringToSign(canonicalRequest: canonical)
            == "ACS3-HMAC-SHA256\nf460aa00f09adbd4822bf52de40180463757da5b27acc6237b1e0bd860734ba1")
        let authorization = ACS3Signer.authorization(
            accessKeyID: "testid", secret: "testsecret", method: "POST", path: "/",
            query: Self.rdsQuery, headers: headers, body: [])
        #expect(authorization == "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=accept;host;user-agent;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=a4ccd2b629563722a75dbd102c73870408b2d6267d5920a954b85b117d5cc758")
    }

    @Test func vectorCWithSTSToken() {
        let query = [("DBInstanceId", "rm-uf6wjk5xxxxxxx"), ("PageSize", "30")]
        let headers = Self.rdsHeaders + [("x-acs-accesskey-id", "testid"), ("x-acs-security-token", "testststoken")]
        let canonical = ACS3Signer.canonicalRequest(
            method: "POST", path: "/", query: query,
            headers: headers + [("x-acs-content-sha256", Self.emptyHash)], payloadHash: Self.emptyHash)
        #expect(canonical == """
            POST
            /
            DBInstanceId=rm-uf6wjk5xxxxxxx&PageSize=30
            host:rds.aliyuncs.com
            x-acs-accesskey-id:testid
            x-acs-action:DescribeBackups
            x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-acs-date:2024-01-01T00:00:00Z
            x-acs-security-token:testststoken
            x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d
            x-acs-version:2014-08-15

            host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(ACS3Signer.stringToSign(canonicalRequest: canonical)
            == "ACS3-HMAC-SHA256\nff715e7bdcecd28fdb7f9bae97a7d99794abc7b9bbf5988c650567630229db3e")
        let authorization = ACS3Signer.authorization(
            accessKeyID: "testid", secret: "testsecret", method: "POST", path: "/",
            query: query, headers: headers, body: [])
        #expect(authorization == "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,Signature=242942dcae7de7a9ef4d1e653461d7165e96433e83714f16562c3328bc4cac30")
    }

    @Test func vectorDROAPathStarRocks() {
        let query = [("InstanceId", "c-b25e21e24388xxxx"), ("PageNumber", "1"), ("PageSize", "10"),
                     ("RegionId", "cn-hangzhou")]
        let headers = [("host", "starrocks.cn-hangzhou.aliyuncs.com"), ("x-acs-action", "DescribeBackups"),
                       ("x-acs-version", "2022-10-19"), ("x-acs-date", "2024-01-01T00:00:00Z"),
                       ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d")]
        let canonical = ACS3Signer.canonicalRequest(
            method: "POST", path: "/webapi/backup/manage/describe", query: query,
            headers: headers + [("x-acs-content-sha256", Self.emptyHash)], payloadHash: Self.emptyHash)
        #expect(canonical.hasPrefix("POST\n/webapi/backup/manage/describe\nInstanceId=c-b25e21e24388xxxx&PageNumber=1&PageSize=10&RegionId=cn-hangzhou\nhost:starrocks.cn-hangzhou.aliyuncs.com\n"))
        #expect(ACS3Signer.stringToSign(canonicalRequest: canonical)
            == "ACS3-HMAC-SHA256\n2c9a28e2b49e673635606df7449fe5194f8d1468ea360f2d8c40be6488711ddd")
        let authorization = ACS3Signer.authorization(
            accessKeyID: "testid", secret: "testsecret", method: "POST", path: "/webapi/backup/manage/describe",
            query: query, headers: headers, body: [])
        #expect(authorization == "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=f8979e8c9570a75cf76697daff958f4fa72feffcab4291088ebde919880b6dc7")
    }

    @Test func v3SignatureChangesWithBodyAndMethod() {
        let base = ACS3Signer.authorization(accessKeyID: "testid", secret: "testsecret", method: "POST", path: "/",
                                            query: Self.rdsQuery, headers: Self.rdsHeaders, body: [])
        let withBody = ACS3Signer.authorization(accessKeyID: "testid", secret: "testsecret", method: "POST",
                                                path: "/", query: Self.rdsQuery, headers: Self.rdsHeaders,
                                                body: Array("x".utf8))
        let asGet = ACS3Signer.authorization(accessKeyID: "testid", secret: "testsecret", method: "GET", path: "/",
                                             query: Self.rdsQuery, headers: Self.rdsHeaders, body: [])
        #expect(base != withBody)
        #expect(base != asGet)
    }

    @Test func parseAuthorizationSplitsTheThreeParts() throws {
        let value = "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-action,Signature=abc123"
        let parsed = try #require(ACS3Signer.parseAuthorization(value))
        #expect(parsed.credential == "testid")
        #expect(parsed.signedHeaders == ["host", "x-acs-action"])
        #expect(parsed.signature == "abc123")
        let spaced = ACS3Signer.parseAuthorization(
            "ACS3-HMAC-SHA256 Credential=testid, SignedHeaders=host, Signature=abc")
        #expect(spaced?.signedHeaders == ["host"])
    }

    @Test(arguments: [
        "",
        "ACS3-HMAC-SHA256",
        "ACS3-HMAC-SHA1 Credential=a,SignedHeaders=host,Signature=b",
        "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host",
        "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=",
        "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=b,Extra=c",
        "ACS3-HMAC-SHA256 Credential=a,Credential=b,SignedHeaders=host,Signature=c",
        "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host;;x,Signature=b",
        "ACS3-HMAC-SHA256 Credential,SignedHeaders=host,Signature=b",
        "acs testid:abc=",
    ])
    func parseAuthorizationRejectsMalformedValues(_ value: String) {
        #expect(ACS3Signer.parseAuthorization(value) == nil)
    }

    // MARK: Legacy RPC — P3, E, F, G

    static let regionParams = [("AccessKeyId", "testid"), ("Action", "DescribeRegions"), ("Format", "XML"),
                               ("SignatureMethod", "HMAC-SHA1"),
                               ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
                               ("SignatureVersion", "1.0"), ("Version", "2014-05-26")]

    @Test func vectorP3PublishedRPCExample() {
        let params = Self.regionParams + [("TimeStamp", "2016-02-23T12:46:24Z")]
        #expect(RPCSigner.stringToSign(method: "GET", parameters: params)
            == "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26")
        let signature = RPCSigner.signature(secret: "testsecret", method: "GET", parameters: params)
        #expect(signature == "CT9X0VtwR86fNWSnsc6v8YGOjuE=")
        #expect(Percent.encode(signature) == "CT9X0VtwR86fNWSnsc6v8YGOjuE%3D")
    }

    @Test func vectorGTimestampSpelling() {
        let params = Self.regionParams + [("Timestamp", "2016-02-23T12:46:24Z")]
        #expect(RPCSigner.stringToSign(method: "GET", parameters: params)
            == "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26")
        #expect(RPCSigner.signature(secret: "testsecret", method: "GET", parameters: params)
            == "OLeaidS1JvxuMvnyHOwuJ+uX5qY=")
    }

    static let rpcBackupParams = [
        ("Action", "DescribeBackups"), ("Format", "json"), ("Version", "2014-08-15"),
        ("Timestamp", "2024-01-01T00:00:00Z"), ("SignatureNonce", "3156853299f313e23d1673dc12e1703d"),
        ("SignatureMethod", "HMAC-SHA1"), ("SignatureVersion", "1.0"), ("AccessKeyId", "testid"),
    ] + rdsQuery

    @Test func vectorERPCPost() {
        #expect(RPCSigner.stringToSign(method: "POST", parameters: Self.rpcBackupParams)
            == "POST&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeBackups%26DBInstanceId%3Drm-uf6wjk5xxxxxxx%26EndTime%3D2011-06-15T16%253A00Z%26Format%3Djson%26PageNumber%3D1%26PageSize%3D30%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3156853299f313e23d1673dc12e1703d%26SignatureVersion%3D1.0%26StartTime%3D2011-06-01T16%253A00Z%26Timestamp%3D2024-01-01T00%253A00%253A00Z%26Version%3D2014-08-15")
        let signature = RPCSigner.signature(secret: "testsecret", method: "POST", parameters: Self.rpcBackupParams)
        #expect(signature == "lujnzj1J5lQZfulZdz0+o/TFKNk=")
        #expect(Percent.encode(signature) == "lujnzj1J5lQZfulZdz0%2Bo%2FTFKNk%3D")
    }

    @Test func vectorFRPCGet() {
        #expect(RPCSigner.stringToSign(method: "GET", parameters: Self.rpcBackupParams)
            == "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeBackups%26DBInstanceId%3Drm-uf6wjk5xxxxxxx%26EndTime%3D2011-06-15T16%253A00Z%26Format%3Djson%26PageNumber%3D1%26PageSize%3D30%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3156853299f313e23d1673dc12e1703d%26SignatureVersion%3D1.0%26StartTime%3D2011-06-01T16%253A00Z%26Timestamp%3D2024-01-01T00%253A00%253A00Z%26Version%3D2014-08-15")
        let signature = RPCSigner.signature(secret: "testsecret", method: "GET", parameters: Self.rpcBackupParams)
        #expect(signature == "+eHc9W62a/gQ3tjKZj7DBlcBg1I=")
        #expect(Percent.encode(signature) == "%2BeHc9W62a%2FgQ3tjKZj7DBlcBg1I%3D")
    }

    @Test func rpcStringToSignIgnoresTheSignatureParameter() {
        let with = RPCSigner.stringToSign(method: "POST", parameters: Self.rpcBackupParams + [("Signature", "x")])
        #expect(with == RPCSigner.stringToSign(method: "POST", parameters: Self.rpcBackupParams))
    }

    // MARK: Legacy ROA — H

    @Test func vectorHLegacyROA() {
        let headers = [("date", "Mon, 01 Jan 2024 00:00:00 GMT"), ("host", "starrocks.cn-hangzhou.aliyuncs.com"),
                       ("x-acs-version", "2022-10-19"), ("x-acs-action", "DescribeBackups"),
                       ("accept", "application/json"),
                       ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
                       ("x-acs-signature-method", "HMAC-SHA1"), ("x-acs-signature-version", "1.0")]
        let query = [("InstanceId", "c-b25e21e24388xxxx"), ("PageNumber", "1"), ("PageSize", "10"),
                     ("RegionId", "cn-hangzhou")]
        let text = ROASigner.stringToSign(method: "POST", path: "/webapi/backup/manage/describe", query: query,
                                          headers: headers)
        #expect(text == """
            POST
            application/json


            Mon, 01 Jan 2024 00:00:00 GMT
            x-acs-action:DescribeBackups
            x-acs-signature-method:HMAC-SHA1
            x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d
            x-acs-signature-version:1.0
            x-acs-version:2022-10-19
            /webapi/backup/manage/describe?InstanceId=c-b25e21e24388xxxx&PageNumber=1&PageSize=10&RegionId=cn-hangzhou
            """)
        #expect(ROASigner.authorization(accessKeyID: "testid", secret: "testsecret", method: "POST",
                                        path: "/webapi/backup/manage/describe", query: query, headers: headers)
            == "acs testid:MsV7LS1pYKXa+lp1qNuSEjDwhE4=")
    }

    // MARK: Huawei — I, J

    static let projectID = "0123456789abcdef0123456789abcdef"

    @Test func vectorIHuaweiBackups() {
        let headers = [("Content-Type", "application/json"), ("X-Sdk-Date", "20240101T000000Z"),
                       ("X-Project-Id", Self.projectID), ("Host", "gaussdb-nosql.cn-north-4.myhuaweicloud.com")]
        let query = [("datastore_type", "cassandra"), ("limit", "100"), ("offset", "0")]
        let path = "/v3.1/\(Self.projectID)/backups"
        let canonical = HuaweiSigner.canonicalRequest(method: "GET", path: path, query: query, headers: headers,
                                                      body: [])
        #expect(canonical == """
            GET
            /v3.1/0123456789abcdef0123456789abcdef/backups/
            datastore_type=cassandra&limit=100&offset=0
            content-type:application/json
            host:gaussdb-nosql.cn-north-4.myhuaweicloud.com
            x-project-id:0123456789abcdef0123456789abcdef
            x-sdk-date:20240101T000000Z

            content-type;host;x-project-id;x-sdk-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(HuaweiSigner.stringToSign(canonicalRequest: canonical, sdkDate: "20240101T000000Z")
            == "SDK-HMAC-SHA256\n20240101T000000Z\nbbc148b6acda8cc91634b8a5eedc99f1201fbe79474242530640c95513b90ddb")
        let authorization = HuaweiSigner.authorization(accessKey: "testid", secret: "testsecret", method: "GET",
                                                       path: path, query: query, headers: headers, body: [])
        #expect(authorization == "SDK-HMAC-SHA256 Access=testid, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=10df25b78aba4ac851f6f59aa1c15f007aa1895e2922678dd0f2b142a0b631e2")
        let parsed = HuaweiSigner.parseAuthorization(authorization)
        #expect(parsed?.accessKey == "testid")
        #expect(parsed?.signedHeaders == ["content-type", "host", "x-project-id", "x-sdk-date"])
    }

    @Test func vectorJHuaweiMinimal() {
        let headers = [("Content-Type", "application/json"), ("X-Sdk-Date", "20240101T000000Z"),
                       ("Host", "gaussdb-nosql.cn-north-4.myhuaweicloud.com")]
        let path = "/v3/\(Self.projectID)/instances"
        let canonical = HuaweiSigner.canonicalRequest(method: "GET", path: path, query: [], headers: headers,
                                                      body: [])
        #expect(canonical == """
            GET
            /v3/0123456789abcdef0123456789abcdef/instances/

            content-type:application/json
            host:gaussdb-nosql.cn-north-4.myhuaweicloud.com
            x-sdk-date:20240101T000000Z

            content-type;host;x-sdk-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(HuaweiSigner.stringToSign(canonicalRequest: canonical, sdkDate: "20240101T000000Z")
            == "SDK-HMAC-SHA256\n20240101T000000Z\n7a60866535f8c1bee05a89ae2fa14d7f27d8cad69e6729a24ac06be1eee8f2aa")
        #expect(HuaweiSigner.authorization(accessKey: "testid", secret: "testsecret", method: "GET", path: path,
                                           query: [], headers: headers, body: [])
            == "SDK-HMAC-SHA256 Access=testid, SignedHeaders=content-type;host;x-sdk-date, Signature=1b495bba746fab6bd914d2bc4708ddec845980ddb7ef0ea018a0b7a2204400ce")
    }

    @Test func huaweiSkipsHeadersWithUnderscores() {
        let canonical = HuaweiSigner.canonicalRequest(
            method: "GET", path: "/v3/p/instances", query: [],
            headers: [("Host", "h"), ("X-Sdk-Date", "20240101T000000Z"), ("x_custom", "v")], body: [])
        #expect(!canonical.contains("x_custom"))
        #expect(canonical.contains("\nhost;x-sdk-date\n"))
    }

    // MARK: RDS wire examples (cloud-apis.md §3), secret `testsecret`

    @Test func rdsV3WireExampleVerifies() throws {
        let rawQuery = "BackupStatus=Success&DBInstanceId=rm-uf6wjk5xxxxxxx&EndTime=2011-06-15T16%3A00Z&PageNumber=1&PageSize=30&StartTime=2011-06-01T16%3A00Z"
        let received: [(String, String)] = [
            ("Accept-Encoding", "identity"), ("host", "rds.aliyuncs.com"), ("x-acs-version", "2014-08-15"),
            ("x-acs-action", "DescribeBackups"),
            ("user-agent", "AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.3 TeaDSL/2"),
            ("x-acs-date", "2026-11-22T12:52:30Z"), ("x-acs-signature-nonce", "eba2c6e02983d6d19ecb8591183ba0f2"),
            ("accept", "application/json"), ("x-acs-content-sha256", Self.emptyHash),
            ("x-acs-credentials-provider", "static_ak"), ("Content-Length", "0"),
        ]
        let authorization = "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=accept;host;user-agent;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=16cf43675b8d56b3e84890592b7d55ce9a566af50702da9a14c6ba58d5b3b077"
        // Verify the way an emulator does: only the headers named in SignedHeaders, the query rebuilt from values.
        let parsed = try #require(ACS3Signer.parseAuthorization(authorization))
        let signed = received.filter { parsed.signedHeaders.contains($0.0.lowercased()) }
        #expect(signed.count == parsed.signedHeaders.count)
        let query = Percent.decodeQuery(rawQuery).map { ($0.name, $0.value) }
        let canonical = ACS3Signer.canonicalRequest(method: "POST", path: "/", query: query, headers: signed,
                                                    payloadHash: ACS3Signer.payloadHash([]))
        let expected = ACS3Signer.signature(secret: "testsecret",
                                            stringToSign: ACS3Signer.stringToSign(canonicalRequest: canonical))
        #expect(constantTimeEquals(expected, parsed.signature))
        // And a wrong secret does not verify.
        let wrong = ACS3Signer.signature(secret: "othersecret",
                                         stringToSign: ACS3Signer.stringToSign(canonicalRequest: canonical))
        #expect(!constantTimeEquals(wrong, parsed.signature))
    }

    @Test func rdsLegacyRPCWireExampleVerifies() throws {
        let rawQuery = "Action=DescribeBackups&Format=json&Version=2014-08-15&Timestamp=2026-11-22T12%3A52%3A51Z&SignatureNonce=c400186f78bcc40b60fadecfdae5af82&BackupStatus=Success&DBInstanceId=rm-uf6wjk5xxxxxxx&EndTime=2011-06-15T16%3A00Z&PageNumber=1&PageSize=30&StartTime=2011-06-01T16%3A00Z&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&AccessKeyId=testid&Signature=cmORLO7AqadfwyvPiCLaiQB8vyc%3D"
        let params = Percent.decodeQuery(rawQuery).map { ($0.name, $0.value) }
        let sent = try #require(params.first { $0.0 == "Signature" }?.1)
        #expect(sent == "cmORLO7AqadfwyvPiCLaiQB8vyc=")
        let expected = RPCSigner.signature(secret: "testsecret", method: "POST", parameters: params)
        #expect(constantTimeEquals(expected, sent))
        #expect(RPCSigner.signature(secret: "testsecret", method: "GET", parameters: params) != sent)
    }
}
