import CloudAPI
@testable import CloudEmulator
import Foundation
import Testing

extension AlibabaTestClient {
    static let hbrVersion = "2017-09-08"

    func describeVaults(_ query: [(String, String)], signing: Signing = .v3) async throws -> WireResponse {
        try await call(action: "DescribeVaults", version: Self.hbrVersion, query: query, signing: signing)
    }

    /// DescribeBackupJobs2 with `SourceType` and the `VaultId IN [vault]` filter, as the SDK sends it.
    func describeBackupJobs2(
        vault: String?, sourceType: String? = "ECS_FILE", pageNumber: Int? = nil, pageSize: Int? = nil,
        extra: [(String, String)] = [], signing: Signing = .v3
    ) async throws -> WireResponse {
        var query: [(String, String)] = []
        if let sourceType { query.append(("SourceType", sourceType)) }
        if let vault {
            query += [("Filters.1.Key", "VaultId"), ("Filters.1.Operator", "IN"), ("Filters.1.Values.1", vault)]
        }
        if let pageNumber { query.append(("PageNumber", String(pageNumber))) }
        if let pageSize { query.append(("PageSize", String(pageSize))) }
        return try await call(action: "DescribeBackupJobs2", version: Self.hbrVersion, query: query + extra,
                              signing: signing)
    }

    /// Every job of a vault, paged; fails on any non-success page.
    func allJobs(vault: String, sourceType: String = "ECS_FILE", pageSize: Int = 99,
                 extra: [(String, String)] = []) async throws -> [[String: Any]] {
        var jobs: [[String: Any]] = []
        var page = 1
        while true {
            let response = try await describeBackupJobs2(vault: vault, sourceType: sourceType, pageNumber: page,
                                                         pageSize: pageSize, extra: extra)
            guard response.status == 200, response.json?["Success"] as? Bool == true else {
                throw TestFailure("page \(page): HTTP \(response.status) \(response.text)")
            }
            let batch = items(response, "BackupJobs", "BackupJob")
            jobs += batch
            if batch.count < pageSize { break }
            page += 1
        }
        return jobs
    }
}

func jobIDs(_ jobs: [[String: Any]]) -> [String] { jobs.compactMap { $0["JobId"] as? String } }

@Suite("HBR emulator")
struct HBREmulatorTests {
    @Test func vaultsAreWrappedPagedAndCarryCJKNames() async throws {
        try await withEmulator { emulator, client in
            let expected = emulator.dataset.hbr.vaults(inRegion: "cn-hangzhou")
            #expect(expected.count > 10)
            var seen: [String] = []
            var page = 1
            while true {
                let response = try await client.describeVaults([("VaultRegionId", "cn-hangzhou"),
                                                                ("PageNumber", String(page)), ("PageSize", "5")])
                #expect(response.status == 200)
                let json = try #require(response.json)
                #expect(json["Success"] as? Bool == true)
                #expect(json["Code"] as? String == "200")
                #expect(json["TotalCount"] as? Int == expected.count)
                #expect(json["PageNumber"] as? Int == page)
                #expect(json["PageSize"] as? Int == 5)
                let vaults = items(response, "Vaults", "Vault")
                for vault in vaults {
                    #expect(vault["VaultRegionId"] as? String == "cn-hangzhou")
                    #expect((vault["SourceTypes"] as? [String: Any])?["SourceType"] is [String])
                    #expect(vault["CreatedTime"] is Int)
                }
                seen += vaults.compactMap { $0["VaultId"] as? String }
                if vaults.count < 5 { break }
                page += 1
            }
            #expect(seen == expected.map(\.id))
            #expect(expected.contains { $0.name == "生产文件备份库" })
            #expect(expected.contains { $0.name.contains("\u{1B}[31m") })
        }
    }

    @Test func vaultPageSizeAboveNinetyNineIsSuccessFalseWithHTTP200() async throws {
        try await withEmulator { _, client in
            for size in ["100", "0", "x"] {
                let response = try await client.describeVaults([("PageSize", size)])
                #expect(response.status == 200)
                #expect(response.json?["Success"] as? Bool == false)
                #expect(response.code == "InvalidParameter")
                #expect(response.message?.contains("PageSize") == true)
                #expect(response.json?["RequestId"] is String)
            }
            let ok = try await client.describeVaults([("PageSize", "99")])
            #expect(ok.json?["Success"] as? Bool == true)
        }
    }

    @Test func vaultTagsInAFormBodyFilterAndAreSigned() async throws {
        try await withEmulator { emulator, client in
            let body = Array("Tag.1.Key=env&Tag.1.Value=prod".utf8)
            for signing in [AlibabaTestClient.Signing.v3, .legacy] {
                let response = try await client.call(
                    action: "DescribeVaults", version: AlibabaTestClient.hbrVersion,
                    query: [("VaultRegionId", "cn-hangzhou")], signing: signing, body: body,
                    contentType: "application/x-www-form-urlencoded")
                #expect(response.status == 200)
                let expected = emulator.dataset.hbr.vaults(inRegion: "cn-hangzhou")
                    .filter { $0.tags.contains(HBRTag(key: "env", value: "prod")) }
                #expect(response.json?["TotalCount"] as? Int == expected.count)
                #expect(!expected.isEmpty)
            }
            // The SDK's empty form body with its content type.
            let empty = try await client.call(action: "DescribeVaults", version: AlibabaTestClient.hbrVersion,
                                              query: [("PageSize", "10")], contentType: "application/x-www-form-urlencoded")
            #expect(empty.json?["Success"] as? Bool == true)
        }
    }

    @Test func jobsOfTheBigVaultPageCompletelyNewestFirst() async throws {
        try await withEmulator { emulator, client in
            let vault = emulator.dataset.hbr.bigVaultID
            let expected = emulator.dataset.hbr.jobs(inVault: vault, sourceType: "ECS_FILE")
            #expect(expected.count > 200)
            let first = try await client.describeBackupJobs2(vault: vault, pageNumber: 1, pageSize: 99)
            #expect(first.json?["TotalCount"] as? Int == expected.count)
            #expect(first.json?["Code"] as? String == "200")
            #expect(first.json?["Message"] as? String == "successful")
            let jobs = try await client.allJobs(vault: vault, pageSize: 99)
            #expect(jobIDs(jobs) == expected.map(\.id))
            let created = jobs.compactMap { $0["CreatedTime"] as? Int }
            #expect(created == created.sorted(by: >))
            let small = try await client.allJobs(vault: vault, pageSize: 10)
            #expect(jobIDs(small) == jobIDs(jobs))
            let ascending = try await client.allJobs(vault: vault, pageSize: 99, extra: [("SortDirection", "ASCEND")])
            #expect(jobIDs(ascending) == jobIDs(jobs).reversed())
            for job in jobs {
                #expect(job["VaultId"] as? String == vault)
                #expect(job["SourceType"] as? String == "ECS_FILE")
                #expect((job["Paths"] as? [String: Any])?["Path"] is [String])
                #expect(job["BytesDone"] is Int)
                #expect(job["SpeedLimit"] is String)
            }
        }
    }

    @Test func theBigVaultHasEveryStatusAndRunningJobsHavePartialProgress() async throws {
        try await withEmulator { emulator, client in
            let jobs = try await client.allJobs(vault: emulator.dataset.hbr.bigVaultID)
            let statuses = Set(jobs.compactMap { $0["Status"] as? String })
            #expect(statuses == ["COMPLETE", "PARTIAL_COMPLETE", "FAILED", "RUNNING", "QUEUED", "CREATED",
                                 "CANCELING", "CANCELED", "EXPIRED"])
            let running = jobs.filter { $0["Status"] as? String == "RUNNING" }
            #expect(running.count >= 2)
            for job in running {
                let progress = try #require(job["Progress"] as? Int)
                #expect(progress > 0 && progress < 10_000)
                #expect(job["CompleteTime"] as? Int == 0)
                #expect((job["StartTime"] as? Int ?? 0) > 0)
                #expect((job["BytesDone"] as? Int ?? 0) < (job["BytesTotal"] as? Int ?? 0))
            }
            for job in jobs where job["Status"] as? String == "COMPLETE" {
                #expect(job["Progress"] as? Int == 10_000)
                #expect((job["CompleteTime"] as? Int ?? 0) > 0)
            }
            let queued = try #require(jobs.first { $0["Status"] as? String == "QUEUED" })
            #expect(queued["StartTime"] as? Int == 0)
        }
    }

    @Test func sourceTypeSelectsTheJobsAndTheirSourceFields() async throws {
        try await withEmulator { emulator, client in
            let hbr = emulator.dataset.hbr
            let hangzhou = hbr.vaults(inRegion: "cn-hangzhou")
            let ossVault = try #require(hangzhou.first { $0.sourceTypes.contains("OSS") })
            let oss = try await client.allJobs(vault: ossVault.id, sourceType: "OSS")
            #expect(oss.count == hbr.jobs(inVault: ossVault.id, sourceType: "OSS").count)
            #expect(oss.allSatisfy { $0["SourceType"] as? String == "OSS" && ($0["Bucket"] as? String)?.isEmpty == false })

            let otsVault = try #require(hangzhou.first { $0.vaultType == "OTS_BACKUP" })
            let ots = try await client.allJobs(vault: otsVault.id, sourceType: "OTS")
            let tables = ots.compactMap {
                (($0["OtsDetail"] as? [String: Any])?["TableNames"] as? [String: Any])?["TableName"] as? [String]
            }
            #expect(tables.count == ots.count)
            #expect(tables.contains { $0.contains("用户画像") })

            let udmVault = try #require(hangzhou.first { $0.sourceTypes.contains("UDM_ECS") })
            let udm = try await client.allJobs(vault: udmVault.id, sourceType: "UDM_ECS")
            let detail = try #require(udm.first?["Detail"] as? [String: Any])
            #expect((detail["DiskNativeSnapshotIdList"] as? [String: Any])?["DiskNativeSnapshotId"] is [String])
            let parent = try #require(udm.first?["JobId"] as? String)
            let disks = try await client.allJobs(vault: udmVault.id, sourceType: "UDM_ECS_DISK", extra: [
                ("Filters.2.Key", "ParentId"), ("Filters.2.Operator", "EQUAL"), ("Filters.2.Values.1", parent),
            ])
            #expect(disks.count == 2)

            // No ECS_FILE jobs in the OTS vault.
            let none = try await client.describeBackupJobs2(vault: otsVault.id)
            #expect(none.json?["TotalCount"] as? Int == 0)
            #expect(items(none, "BackupJobs", "BackupJob").isEmpty)
        }
    }

    @Test func createdTimeComparisonsAndBothBetweenFormsAgree() async throws {
        try await withEmulator { emulator, client in
            let vault = emulator.dataset.hbr.bigVaultID
            let all = emulator.dataset.hbr.jobs(inVault: vault, sourceType: "ECS_FILE")
            let low = all[60].createdTime
            let high = all[20].createdTime
            let expected = all.filter { $0.createdTime >= low && $0.createdTime <= high }.map(\.id)
            #expect(expected.count == 41)
            let comparisons = try await client.allJobs(vault: vault, extra: [
                ("Filters.2.Key", "CreatedTime"), ("Filters.2.Operator", "GREATER_THAN_OR_EQUAL"),
                ("Filters.2.Values.1", String(low)),
                ("Filters.3.Key", "CreatedTime"), ("Filters.3.Operator", "LESS_THAN_OR_EQUAL"),
                ("Filters.3.Values.1", String(high)),
            ])
            #expect(jobIDs(comparisons) == expected)
            let twoValues = try await client.allJobs(vault: vault, extra: [
                ("Filters.2.Key", "CreatedTime"), ("Filters.2.Operator", "BETWEEN"),
                ("Filters.2.Values.1", String(low)), ("Filters.2.Values.2", String(high)),
            ])
            #expect(jobIDs(twoValues) == expected)
            let jsonArray = try await client.allJobs(vault: vault, extra: [
                ("Filters.2.Key", "CreatedTime"), ("Filters.2.Operator", "BETWEEN"),
                ("Filters.2.Values.1", "[\(low),\(high)]"),
            ])
            #expect(jobIDs(jsonArray) == expected)
            let status = try await client.allJobs(vault: vault, extra: [
                ("Filters.2.Key", "Status"), ("Filters.2.Operator", "IN"), ("Filters.2.Values.1", "FAILED"),
                ("Filters.2.Values.2", "PARTIAL_COMPLETE"),
            ])
            #expect(!status.isEmpty)
            #expect(status.allSatisfy { ["FAILED", "PARTIAL_COMPLETE"].contains($0["Status"] as? String ?? "") })
        }
    }

    @Test func parameterErrorsAreSuccessFalseWithHTTP200() async throws {
        try await withEmulator { emulator, client in
            let vault = emulator.dataset.hbr.bigVaultID
            let cases: [(WireResponse, String)] = [
                (try await client.describeBackupJobs2(vault: vault, sourceType: nil), "MissingParameter"),
                (try await client.describeBackupJobs2(vault: vault, sourceType: "MYSQL"), "InvalidParameter"),
                (try await client.describeBackupJobs2(vault: vault, pageSize: 100), "InvalidParameter"),
                (try await client.describeBackupJobs2(vault: vault, pageNumber: 0), "InvalidParameter"),
                (try await client.describeBackupJobs2(vault: vault, extra: [("SortDirection", "UP")]), "InvalidParameter"),
                (try await client.describeBackupJobs2(vault: vault, extra: [
                    ("Filters.2.Key", "Colour"), ("Filters.2.Values.1", "red")]), "InvalidParameter"),
                (try await client.describeBackupJobs2(vault: vault, extra: [
                    ("Filters.2.Key", "CompleteTime"), ("Filters.2.Operator", "IN"),
                    ("Filters.2.Values.1", "1")]), "InvalidParameter"),
                (try await client.describeBackupJobs2(vault: vault, extra: [
                    ("Filters.2.Key", "CreatedTime"), ("Filters.2.Operator", "GREATER_THAN"),
                    ("Filters.2.Values.1", "yesterday")]), "InvalidParameter"),
                (try await client.describeBackupJobs2(vault: vault, extra: [
                    ("Filters.2.Key", "CreatedTime"), ("Filters.2.Operator", "BETWEEN"),
                    ("Filters.2.Values.1", "1")]), "InvalidParameter"),
                (try await client.describeBackupJobs2(vault: vault, extra: [
                    ("Filters.2.Key", "BackupType"), ("Filters.2.Values.1", "COMPLETE")]), "InvalidParameter"),
            ]
            for (response, code) in cases {
                #expect(response.status == 200)
                #expect(response.json?["Success"] as? Bool == false)
                #expect(response.code == code)
                #expect(response.message?.isEmpty == false)
                #expect(response.json?["BackupJobs"] == nil)
            }
        }
    }

    @Test func legacySignatureIsAcceptedAndWrongSecretsAreGatewayErrors() async throws {
        try await withEmulator { emulator, client in
            let vault = emulator.dataset.hbr.bigVaultID
            let v3 = try await client.describeBackupJobs2(vault: vault, pageNumber: 1, pageSize: 10)
            let legacy = try await client.describeBackupJobs2(vault: vault, pageNumber: 1, pageSize: 10, signing: .legacy)
            #expect(legacy.status == 200)
            #expect(jobIDs(items(legacy, "BackupJobs", "BackupJob")) == jobIDs(items(v3, "BackupJobs", "BackupJob")))

            var wrong = client
            wrong.secret = "not-the-secret"
            for signing in [AlibabaTestClient.Signing.v3, .legacy] {
                let rejected = try await wrong.describeVaults([("PageSize", "10")], signing: signing)
                #expect(rejected.status == 403)
                #expect(rejected.code == "SignatureDoesNotMatch")
                #expect(!rejected.text.contains("not-the-secret"))
            }
            let unsigned = try await client.describeVaults([], signing: .none)
            #expect((400..<500).contains(unsigned.status))
            #expect(unsigned.code == "IncompleteSignature")
        }
    }

    @Test func oneJobErrorMessageCarriesAnEscapeSequenceAsAJSONEscape() async throws {
        try await withEmulator { emulator, client in
            let hbr = emulator.dataset.hbr
            let vault = try #require(hbr.vaults.first { $0.name.contains("\u{1B}") })
            let response = try await client.describeBackupJobs2(vault: vault.id, pageSize: 99)
            #expect(response.text.contains("\\u001b[31m"))
            #expect(!response.body.contains(0x1B))
            let messages = items(response, "BackupJobs", "BackupJob").compactMap { $0["ErrorMessage"] as? String }
            #expect(messages.contains { $0.contains("\u{1B}[31m") && $0.contains("\u{07}") })
        }
    }

    @Test func datasetIsAPureFunctionOfSeedAndNow() {
        let a = HBRDataset(seed: 7, now: fixedNow, extraRegion: "cn-beijing")
        let b = HBRDataset(seed: 7, now: fixedNow, extraRegion: "cn-beijing")
        let c = HBRDataset(seed: 8, now: fixedNow, extraRegion: "cn-beijing")
        #expect(a.vaults == b.vaults)
        #expect(a.jobs == b.jobs)
        #expect(a.vaults.map(\.id) != c.vaults.map(\.id))
        #expect(a.vaults.contains { $0.regionID == "cn-beijing" })
        #expect(Set(a.jobs.map(\.id)).count == a.jobs.count)
        #expect(Set(a.jobs.map(\.sourceType)).isSuperset(of: ["ECS_FILE", "OSS", "NAS", "OTS", "UDM_ECS", "SYNC"]))
    }
}
