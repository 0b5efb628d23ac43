import CloudAPI
import CloudEmulator
import Foundation
import Testing

@Suite("RDS over loopback HTTP")
struct RDSEmulatorTests {
    // MARK: - Signatures

    @Test func v3SignedDescribeDBInstancesListsOnlyTheRequestedRegion() async throws {
        try await withEmulator { _, client in
            let response = try await client.describeInstances()
            #expect(response.status == 200)
            let instances = items(response, "Items", "DBInstance")
            #expect((4...6).contains(instances.count))
            #expect(instances.allSatisfy { $0["RegionId"] as? String == "cn-hangzhou" })
            #expect(response.json?["TotalRecordCount"] as? Int == instances.count)
            #expect(response.json?["PageRecordCount"] as? Int == instances.count)
            #expect(response.json?["PageNumber"] as? Int == 1)
            let ids = instances.compactMap { $0["DBInstanceId"] as? String }
            #expect(ids.count == instances.count)
            #expect(ids.allSatisfy { $0.wholeMatch(of: /rm-[a-z0-9]{16}/) != nil })
            let descriptions = instances.compactMap { $0["DBInstanceDescription"] as? String }
            #expect(descriptions.contains("订单库主实例"))
            #expect(descriptions.contains("用户中心"))
            let engines = Set(instances.compactMap { instance in
                (instance["Engine"] as? String).map { "\($0) \(instance["EngineVersion"] as? String ?? "")" }
            })
            #expect(engines.isSuperset(of: ["MySQL 8.0", "MySQL 5.7", "PostgreSQL 16.0"]))
            #expect(engines.contains { $0.hasPrefix("SQLServer 2019") })

            let shanghai = try await client.describeInstances(region: "cn-shanghai")
            let shanghaiIDs = items(shanghai, "Items", "DBInstance").compactMap { $0["DBInstanceId"] as? String }
            #expect(!shanghaiIDs.isEmpty)
            #expect(Set(shanghaiIDs).isDisjoint(with: ids))
        }
    }

    @Test func optionsRegionGetsItsOwnInstances() async throws {
        try await withEmulator(testOptions(region: "eu-central-1")) { _, client in
            let response = try await client.describeInstances(region: "eu-central-1")
            let instances = items(response, "Items", "DBInstance")
            #expect(instances.count >= 1)
            #expect(instances.allSatisfy { $0["RegionId"] as? String == "eu-central-1" })
        }
    }

    @Test func legacyRPCSignatureIsAcceptedOverPostAndGet() async throws {
        try await withEmulator { emulator, client in
            let id = emulator.dataset.rds.bigInstanceID
            let v3 = try await client.describeBackups(id, pageNumber: 1, pageSize: 30)
            let post = try await client.describeBackups(id, pageNumber: 1, pageSize: 30, signing: .legacy)
            let get = try await client.call(
                action: "DescribeBackups", query: [("DBInstanceId", id), ("PageNumber", "1"), ("PageSize", "30")],
                method: "GET", signing: .legacy)
            #expect(v3.status == 200)
            #expect(post.status == 200, "\(post.text)")
            #expect(get.status == 200, "\(get.text)")
            let firstPage = items(v3, "Items", "Backup").compactMap { $0["BackupId"] as? String }
            #expect(firstPage.count == 30)
            #expect(items(post, "Items", "Backup").compactMap { $0["BackupId"] as? String } == firstPage)
            #expect(items(get, "Items", "Backup").compactMap { $0["BackupId"] as? String } == firstPage)
        }
    }

    @Test func legacyRPCSignsFormBodyParameters() async throws {
        try await withEmulator { emulator, client in
            let body = Array("DBInstanceId=\(emulator.dataset.rds.bigInstanceID)&PageSize=50".utf8)
            let response = try await client.call(
                action: "DescribeBackups", query: [], signing: .legacy, body: body,
                contentType: "application/x-www-form-urlencoded")
            #expect(response.status == 200, "\(response.text)")
            #expect(response.json?["PageRecordCount"] as? String == "50")
        }
    }

    @Test func querySpacesSentAsPlusStillVerify() async throws {
        try await withEmulator { _, client in
            // The Python SDK sends a space as '+' but signs it as %20.
            let response = try await client.call(
                action: "DescribeDBInstances", query: [("RegionId", "cn-hangzhou"), ("SearchKey", "财务报表 SQL")],
                plusForSpace: true)
            #expect(response.status == 200, "\(response.text)")
            let descriptions = items(response, "Items", "DBInstance").compactMap { $0["DBInstanceDescription"] as? String }
            #expect(descriptions == ["财务报表 SQL Server"])
        }
    }

    @Test func stsTokenHeaderIsAccepted() async throws {
        try await withEmulator { _, client in
            let response = try await client.call(
                action: "DescribeDBInstances", query: [("RegionId", "cn-hangzhou")],
                extraHeaders: [("x-acs-accesskey-id", "testid"), ("x-acs-security-token", "CAIS-example-token")])
            #expect(response.status == 200, "\(response.text)")
        }
    }

    @Test func wrongSecretIsRejectedWithoutLeakingTheExpectedSignature() async throws {
        try await withEmulator { _, client in
            var wrong = client
            wrong.secret = "testsecret-definitely-wrong"
            for signing in [AlibabaTestClient.Signing.v3, .legacy] {
                let response = try await wrong.call(
                    action: "DescribeDBInstances", query: [("RegionId", "cn-hangzhou")], signing: signing)
                #expect(response.status == 403)
                #expect(response.code == "SignatureDoesNotMatch")
                #expect(!(response.message ?? "").isEmpty)
                #expect(!response.text.contains("testsecret"))
            }
            // The V3 signature the right secret gives for the same canonical request must not be echoed either.
            let headers: [(String, String)] = [
                ("host", client.host), ("x-acs-action", "DescribeDBInstances"), ("x-acs-version", "2014-08-15"),
                ("x-acs-date", "2026-01-01T00:00:00Z"), ("x-acs-signature-nonce", "0123456789abcdef0123456789abcdef"),
            ]
            let right = ACS3Signer.authorization(
                accessKeyID: "testid", secret: "testsecret", method: "POST", path: "/",
                query: [("RegionId", "cn-hangzhou")], headers: headers, body: [])
            let rightSignature = String(right.split(separator: "=").last ?? "")
            let forged = right.replacingOccurrences(of: rightSignature, with: String(repeating: "0", count: 64))
            let response = try await client.send(
                method: "POST", pathAndQuery: "/?RegionId=cn-hangzhou",
                headers: headers.filter { $0.0 != "host" } + [
                    ("x-acs-content-sha256", ACS3Signer.payloadHash([])), ("Authorization", forged),
                ])
            #expect(response.status == 403)
            #expect(response.code == "SignatureDoesNotMatch")
            #expect(!rightSignature.isEmpty)
            #expect(!response.text.contains(rightSignature))
        }
    }

    @Test func unsignedAndGarbledRequestsAreRejectedWithACode() async throws {
        try await withEmulator { _, client in
            let unsigned = try await client.call(
                action: "DescribeDBInstances", query: [("RegionId", "cn-hangzhou")], signing: .none)
            #expect(unsigned.status == 400)
            #expect(unsigned.code == "IncompleteSignature")

            let garbled = try await client.call(
                action: "DescribeDBInstances", query: [("RegionId", "cn-hangzhou")],
                signing: .authorization("ACS3-HMAC-SHA256 Credential=testid;Signature"))
            #expect(garbled.status == 400)
            #expect(garbled.code == "IncompleteSignature")

            let tooFewHeaders = try await client.call(
                action: "DescribeDBInstances", query: [("RegionId", "cn-hangzhou")],
                signing: .authorization("ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host,Signature=00"))
            #expect(tooFewHeaders.status == 400)
            #expect(tooFewHeaders.code == "IncompleteSignature")
        }
    }

    @Test func unknownAccessKeyIsNotFound() async throws {
        try await withEmulator { _, client in
            var stranger = client
            stranger.accessKeyID = "LTAIsomeoneelse"
            for signing in [AlibabaTestClient.Signing.v3, .legacy] {
                let response = try await stranger.call(
                    action: "DescribeDBInstances", query: [("RegionId", "cn-hangzhou")], signing: signing)
                #expect(response.status == 404)
                #expect(response.code == "InvalidAccessKeyId.NotFound")
            }
        }
    }

    @Test func bodyThatDoesNotMatchItsDeclaredHashIsRejected() async throws {
        try await withEmulator { _, client in
            let response = try await client.call(
                action: "DescribeDBInstances", query: [("RegionId", "cn-hangzhou")],
                body: Array("tampered".utf8), contentType: "application/octet-stream",
                bodyHashOverride: ACS3Signer.payloadHash([]))
            #expect(response.status == 403)
            #expect(response.code == "SignatureDoesNotMatch")
        }
    }

    // MARK: - Errors

    @Test func errorBodiesHaveTheGatewayShapeAndAContentLength() async throws {
        try await withEmulator { emulator, client in
            let response = try await client.describeBackups(emulator.dataset.rds.bigInstanceID, pageSize: 7)
            #expect(response.status == 400)
            #expect(response.code == "InvalidParameter")
            #expect(response.message?.contains("PageSize") == true)
            for key in ["RequestId", "HostId", "Code", "Message", "Recommend"] {
                #expect((response.json?[key] as? String).map { !$0.isEmpty } == true, "missing \(key)")
            }
            #expect(response.json?["HostId"] as? String == client.host)
            #expect(response.header("content-length") == String(response.body.count))
            #expect(response.header("content-type")?.hasPrefix("application/json") == true)
        }
    }

    @Test(arguments: ["7", "0", "20", "200", "abc", "-30"])
    func describeBackupsAcceptsOnlyPageSizes30_50_100(_ pageSize: String) async throws {
        try await withEmulator { emulator, client in
            let response = try await client.call(
                action: "DescribeBackups",
                query: [("DBInstanceId", emulator.dataset.rds.bigInstanceID), ("PageSize", pageSize)])
            #expect(response.status == 400)
            #expect(response.code == "InvalidParameter")
            #expect(!(response.message ?? "").isEmpty)
        }
    }

    @Test func describeBackupsRejectsBadPageNumbers() async throws {
        try await withEmulator { emulator, client in
            for number in ["0", "-1", "x"] {
                let response = try await client.call(
                    action: "DescribeBackups",
                    query: [("DBInstanceId", emulator.dataset.rds.bigInstanceID), ("PageNumber", number)])
                #expect(response.status == 400)
                #expect(response.code == "InvalidPageNumbers.Malformed")
            }
        }
    }

    @Test func describeDBInstancesValidatesPaging() async throws {
        try await withEmulator { _, client in
            for (name, value) in [("PageSize", "0"), ("PageSize", "101"), ("PageNumber", "0")] {
                let response = try await client.describeInstances(extra: [(name, value)])
                #expect(response.status == 400, "\(name)=\(value)")
                #expect(response.code == "InvalidParameter")
            }
            let one = try await client.describeInstances(extra: [("PageSize", "1"), ("PageNumber", "2")])
            #expect(one.status == 200)
            #expect(items(one, "Items", "DBInstance").count == 1)
            #expect(one.json?["PageNumber"] as? Int == 2)
        }
    }

    @Test func describeDBInstancesTokenModeWalksEveryInstanceOnce() async throws {
        try await withEmulator { _, client in
            var seen: [String] = []
            var token: String?
            repeat {
                var extra = [("MaxResults", "2")]
                if let token { extra.append(("NextToken", token)) }
                let response = try await client.describeInstances(extra: extra)
                #expect(response.status == 200)
                #expect(response.json?["PageNumber"] as? Int == 1)
                seen += items(response, "Items", "DBInstance").compactMap { $0["DBInstanceId"] as? String }
                token = (response.json?["NextToken"] as? String).flatMap { $0.isEmpty ? nil : $0 }
            } while token != nil && seen.count < 100
            let paged = try await client.describeInstances()
            let all = items(paged, "Items", "DBInstance").compactMap { $0["DBInstanceId"] as? String }
            #expect(seen == all)

            let bad = try await client.describeInstances(extra: [("NextToken", "not-a-token")])
            #expect(bad.status == 400)
        }
    }

    @Test func missingRequiredParametersAreReported() async throws {
        try await withEmulator { _, client in
            let noRegion = try await client.call(action: "DescribeDBInstances", query: [])
            #expect(noRegion.status == 400)
            #expect(noRegion.code == "MissingParameter")
            #expect(noRegion.message?.contains("RegionId") == true)
            let noInstance = try await client.call(action: "DescribeBackups", query: [("PageSize", "30")])
            #expect(noInstance.status == 400)
            #expect(noInstance.code == "MissingParameter")
            #expect(noInstance.message?.contains("DBInstanceId") == true)
        }
    }

    @Test func unknownInstanceIsNotFound() async throws {
        try await withEmulator { _, client in
            let response = try await client.describeBackups("rm-doesnotexist0000")
            #expect(response.status == 400)
            #expect(response.code == "InvalidDBInstanceId.NotFound")
        }
    }

    @Test func unknownActionsVersionsAndPathsGetVendorErrors() async throws {
        try await withEmulator { _, client in
            let action = try await client.call(action: "DescribeNothing", query: [("RegionId", "cn-hangzhou")])
            #expect(action.status == 400)
            #expect(action.code == "InvalidAction.NotFound")
            let version = try await client.call(
                action: "DescribeBackups", version: "1999-01-01", query: [("DBInstanceId", "rm-x")])
            #expect(version.status == 400)
            #expect(version.code == "InvalidVersion")
            let path = try await client.send(method: "GET", pathAndQuery: "/no/such/path")
            #expect(path.status == 404)
            #expect(path.code != nil)
        }
    }

    // MARK: - Backups

    @Test func pagingTheBigInstanceCollectsEveryBackupExactlyOnce() async throws {
        try await withEmulator { emulator, client in
            let id = emulator.dataset.rds.bigInstanceID
            for pageSize in [100, 30] {
                let listing = try await client.allBackups(id, pageSize: pageSize)
                #expect(listing.backups.count >= 1_200)
                #expect(Set(listing.ids).count == listing.backups.count)
                for (index, page) in listing.pages.enumerated() {
                    #expect(page.pageNumber == String(index + 1))
                    #expect(page.pageRecordCount == String(page.count))
                    #expect(page.totalRecordCount == String(listing.backups.count))
                    #expect(page.count <= pageSize)
                }
                #expect(listing.pages.dropLast().allSatisfy { $0.count == pageSize })
                #expect(listing.backups.allSatisfy { $0["DBInstanceId"] as? String == id })
                let starts = listing.backups.compactMap { $0["BackupStartTime"] as? String }
                #expect(starts.count == listing.backups.count)
                #expect(zip(starts, starts.dropFirst()).allSatisfy { $0 >= $1 }, "newest first")
            }
            let past = try await client.describeBackups(id, pageNumber: 1_000, pageSize: 100)
            #expect(past.status == 200)
            #expect(items(past, "Items", "Backup").isEmpty)
            #expect(past.json?["PageRecordCount"] as? String == "0")
            #expect(past.json?["PageNumber"] as? String == "1000")
        }
    }

    @Test func backupRecordsCarryEveryFieldWithTheSDKTypes() async throws {
        try await withEmulator { emulator, client in
            let strings = [
                "BackupDownloadURL", "BackupEndTime", "BackupId", "BackupInitiator", "BackupIntranetDownloadURL",
                "BackupMethod", "BackupMode", "BackupStartTime", "BackupStatus", "BackupType", "Checksum",
                "CopyOnlyBackup", "DBInstanceId", "Encryption", "Engine", "EngineVersion", "ExpectExpireTime",
                "HostInstanceID", "MetaStatus", "StorageClass", "StoreStatus",
            ]
            for instance in emulator.dataset.rds.instances(inRegion: "cn-hangzhou") {
                let response = try await client.describeBackups(instance.id, pageSize: 100)
                #expect(response.status == 200)
                #expect(response.json?["TotalEcsSnapshotSize"] is Int)
                for backup in items(response, "Items", "Backup") {
                    for key in strings { #expect(backup[key] is String, "\(key)") }
                    for key in ["BackupSize", "ConsistentTime", "IsAvail"] { #expect(backup[key] is Int, "\(key)") }
                    let links = backup["BackupDownloadLinkByDB"] as? [String: Any]
                    #expect(links?["BackupDownloadLinkByDB"] is [[String: Any]])
                    if let start = backup["BackupStartTime"] as? String {
                        #expect(start.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil)
                    }
                    #expect((backup["Checksum"] as? String)?.wholeMatch(of: /\d{1,20}/) != nil)
                }
            }
        }
    }

    @Test func datasetHasTheHistoriesTheUINeeds() async throws {
        try await withEmulator { emulator, client in
            let base = emulator.baseURL.absoluteString
            var all: [[String: Any]] = []
            for instance in emulator.dataset.rds.instances(inRegion: "cn-hangzhou") {
                all += try await client.allBackups(instance.id).backups
            }
            let logical = all.filter { $0["BackupMethod"] as? String == "Logical" && $0["BackupStatus"] as? String == "Success" }
            let databases = Set(logical.flatMap { backup in
                (((backup["BackupDownloadLinkByDB"] as? [String: Any])?["BackupDownloadLinkByDB"] as? [[String: Any]]) ?? [])
                    .compactMap { $0["DataBase"] as? String }
            })
            #expect(databases.isSuperset(of: ["orders", "订单库", "user_center", "库存"]))
            let link = logical.lazy.compactMap {
                (($0["BackupDownloadLinkByDB"] as? [String: Any])?["BackupDownloadLinkByDB"] as? [[String: Any]])?.first
            }.first
            #expect((link?["DownloadLink"] as? String)?.hasPrefix(base + "/download/") == true)
            #expect((link?["IntranetDownloadLink"] as? String)?.hasPrefix(base + "/download-internal/") == true)

            let downloadable = all.filter { !($0["BackupDownloadURL"] as? String ?? "").isEmpty }
            #expect(!downloadable.isEmpty)
            for backup in downloadable {
                let url = backup["BackupDownloadURL"] as? String ?? ""
                #expect(url.hasPrefix("\(base)/download/\(backup["DBInstanceId"] as? String ?? "")/"))
                #expect(url.contains(".tar.gz?Expires="))
                #expect(url.contains("&OSSAccessKeyId=") && url.contains("&Signature="))
            }

            let failed = all.filter { $0["BackupStatus"] as? String == "Failed" }
            #expect(!failed.isEmpty)
            #expect(failed.allSatisfy {
                $0["BackupSize"] as? Int == 0 && $0["BackupDownloadURL"] as? String == "" && $0["IsAvail"] as? Int == 0
            })
            let running = all.filter { $0["BackupStatus"] as? String == "Running" }
            #expect((1...3).contains(running.count))
            #expect(running.allSatisfy { $0["BackupEndTime"] as? String == "" })
            #expect(all.contains {
                $0["BackupStatus"] as? String == "Success" && $0["IsAvail"] as? Int == 0
                    && $0["BackupDownloadURL"] as? String == ""
            })
            #expect(all.contains {
                $0["BackupType"] as? String == "IncrementalBackup" && $0["BackupMethod"] as? String == "Physical"
            })
            #expect(all.contains { $0["BackupMode"] as? String == "Manual" && $0["BackupInitiator"] as? String == "User" })
            #expect(all.contains { ($0["Encryption"] as? String)?.contains("\u{1B}[") == true })

            let instances = items(try await client.describeInstances(), "Items", "DBInstance")
            #expect(instances.contains { description in
                (description["DBInstanceDescription"] as? String)?.unicodeScalars
                    .contains { $0.value < 0x20 || $0.value == 0x7F } == true
            })
        }
    }

    @Test func minuteFormWindowKeepsExactlyTheBackupsStartedInside() async throws {
        try await withEmulator { emulator, client in
            let id = emulator.dataset.rds.instances(inRegion: "cn-hangzhou")[1].id
            let everything = try await client.allBackups(id).backups
            let start = "2025-12-10T00:00Z"
            let end = "2025-12-20T12:30Z"
            let windowed = try await client.allBackups(id, extra: [("StartTime", start), ("EndTime", end)])
            // String order is time order for this fixed-width UTC form.
            let expected = everything.filter { backup in
                let time = backup["BackupStartTime"] as? String ?? ""
                return time >= "2025-12-10T00:00:00Z" && time <= "2025-12-20T12:30:00Z"
            }.compactMap { $0["BackupId"] as? String }
            #expect(!expected.isEmpty)
            #expect(expected.count < everything.count)
            #expect(windowed.ids == expected)
            #expect(windowed.pages.first?.totalRecordCount == String(expected.count))
        }
    }

    @Test func badWindowsAreRejectedWithTheDocumentedCodes() async throws {
        try await withEmulator { emulator, client in
            let id = emulator.dataset.rds.bigInstanceID
            let cases: [([(String, String)], String)] = [
                ([("StartTime", "2025-12-10T00:00:00Z")], "InvalidStartTime.Format"),
                ([("StartTime", "2025-12-10")], "InvalidStartTime.Format"),
                ([("StartTime", "2025-02-30T00:00Z")], "InvalidStartTime.Format"),
                ([("EndTime", "2025-12-10 00:00")], "InvalidEndTime.Format"),
                ([("EndTime", "2025-12-10T24:00Z")], "InvalidEndTime.Format"),
                ([("StartTime", "2025-12-20T00:00Z"), ("EndTime", "2025-12-10T00:00Z")], "InvalidParameterCombination"),
            ]
            for (extra, code) in cases {
                let response = try await client.describeBackups(id, extra: extra)
                #expect(response.status == 400, "\(extra)")
                #expect(response.code == code, "\(extra)")
            }
        }
    }

    @Test func filtersNarrowTheListing() async throws {
        try await withEmulator { emulator, client in
            let id = emulator.dataset.rds.bigInstanceID
            let failed = try await client.allBackups(id, extra: [("BackupStatus", "Failed")])
            #expect(!failed.backups.isEmpty)
            #expect(failed.backups.allSatisfy { $0["BackupStatus"] as? String == "Failed" })
            let manual = try await client.allBackups(id, extra: [("BackupMode", "Manual")])
            #expect(!manual.backups.isEmpty)
            #expect(manual.backups.allSatisfy { $0["BackupMode"] as? String == "Manual" })
            let incremental = try await client.allBackups(id, extra: [("BackupType", "IncrementalBackup")])
            #expect(incremental.backups.count > 1_000 / 2)
            #expect(incremental.backups.allSatisfy { $0["BackupType"] as? String == "IncrementalBackup" })
            let one = try #require(failed.ids.first)
            let byID = try await client.allBackups(id, extra: [("BackupId", one)])
            #expect(byID.ids == [one])
        }
    }

    @Test func emptyInstanceListsNothing() async throws {
        try await withEmulator { emulator, client in
            let empty = try #require(emulator.dataset.rds.instances.first { emulator.dataset.rds.backups(of: $0.id)?.isEmpty == true })
            let response = try await client.describeBackups(empty.id)
            #expect(response.status == 200)
            #expect(items(response, "Items", "Backup").isEmpty)
            #expect(response.json?["TotalRecordCount"] as? String == "0")
        }
    }

    // MARK: - Dataset

    @Test func sameSeedGivesTheSameFirstPageAndAnotherSeedDoesNot() async throws {
        func firstPage(seed: UInt64) async throws -> (instances: [String], backups: String) {
            try await withEmulator(testOptions(seed: seed)) { emulator, client in
                let instances = items(try await client.describeInstances(), "Items", "DBInstance")
                    .compactMap { $0["DBInstanceId"] as? String }
                let id = try #require(instances.first)
                let response = try await client.describeBackups(id, pageSize: 50)
                let page = try JSONSerialization.data(withJSONObject: response.json?["Items"] ?? [:], options: [.sortedKeys])
                // Links name the emulator's own port, which differs between runs.
                let text = String(decoding: page, as: UTF8.self)
                    .replacingOccurrences(of: "127.0.0.1:\(emulator.port)", with: "HOST")
                return (instances, text)
            }
        }
        let first = try await firstPage(seed: 7)
        let again = try await firstPage(seed: 7)
        let other = try await firstPage(seed: 8)
        #expect(first.instances == again.instances)
        #expect(first.backups == again.backups)
        #expect(first.backups.count > 1_000)
        #expect(first.instances != other.instances)
    }

    @Test func scaleMultipliesTheBigInstancesHistory() async throws {
        let tenfold = EmulatorDataset(options: testOptions(scale: 10))
        let big = try #require(tenfold.rds.backups(of: tenfold.rds.bigInstanceID))
        #expect(big.count >= 12_000)
        #expect(Set(big.map(\.id)).count == big.count)
        let single = EmulatorDataset(options: testOptions(scale: 1))
        let small = try #require(single.rds.backups(of: single.rds.bigInstanceID))
        #expect((1_200...1_300).contains(small.count))

        try await withEmulator(testOptions(scale: 10)) { emulator, client in
            let response = try await client.describeBackups(emulator.dataset.rds.bigInstanceID, pageNumber: 121, pageSize: 100)
            #expect(response.status == 200)
            #expect(Int(response.json?["TotalRecordCount"] as? String ?? "") == big.count)
            #expect(!items(response, "Items", "Backup").isEmpty)
        }
    }

    @Test func optionsDescriptionHidesTheSecret() {
        let options = EmulatorOptions(accessKeySecret: "s3cr3t-value")
        #expect(!String(describing: options).contains("s3cr3t-value"))
        #expect(!String(reflecting: options).contains("s3cr3t-value"))
        var dumped = ""
        dump(options, to: &dumped)
        #expect(!dumped.contains("s3cr3t-value"))
    }
}
