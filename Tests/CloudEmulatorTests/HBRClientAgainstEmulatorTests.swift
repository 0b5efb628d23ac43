import BackupModel
import CloudAPI
import CloudEmulator
import Foundation
import Testing

/// The project's HBR client against the emulator: signing, paging (1–99), Filters, Success:false and decoding agree.
@Suite("HBRClient against the emulator")
struct HBRClientAgainstEmulatorTests {
    func client(_ emulator: Emulator, secret: String = "testsecret", sourceType: String = "ECS_FILE",
                transport: HTTPTransport) -> HBRClient {
        HBRClient(endpoint: emulator.baseURL, region: "cn-hangzhou", sourceType: sourceType,
                  credentials: AlibabaCredentials(accessKeyID: "testid", accessKeySecret: secret, source: "test"),
                  transport: transport)
    }

    @Test func clientPagesVaultsAndEveryJobOfTheBigVault() async throws {
        try await withEmulator { emulator, _ in
            let transport = HTTPTransport()
            defer { Task { await transport.shutdown() } }
            let hbr = client(emulator, transport: transport)

            var vaults: [Instance] = []
            var number = 1
            while true {
                let page = try await hbr.listInstances(PageRequest(number: number, size: 5))
                #expect(page.size == 5)
                #expect(page.totalCount == emulator.dataset.hbr.vaults(inRegion: "cn-hangzhou").count)
                vaults += page.items
                if page.items.count < 5 { break }
                number += 1
            }
            #expect(number > 2)
            #expect(vaults.map(\.id) == emulator.dataset.hbr.vaults(inRegion: "cn-hangzhou").map(\.id))
            #expect(vaults.first?.name == "生产文件备份库")

            let vault = emulator.dataset.hbr.bigVaultID
            var jobs: [Backup] = []
            var total: Int?
            number = 1
            repeat {
                // 250 asked for, 99 sent: the client clamps to HBR's cap.
                let page = try await hbr.listBackups(instanceID: vault, page: PageRequest(number: number, size: 250),
                                                     window: nil)
                #expect(page.size == 99)
                #expect(page.skipped.isEmpty)
                total = page.totalCount
                jobs += page.items
                number += 1
                if page.items.isEmpty { break }
            } while jobs.count < (total ?? 0)
            let expected = emulator.dataset.hbr.jobs(inVault: vault, sourceType: "ECS_FILE")
            #expect(number - 1 == 3)
            #expect(jobs.map(\.id) == expected.map(\.id))
            #expect(jobs.allSatisfy { $0.instanceID == vault && $0.anomalies.isEmpty })

            let running = try #require(jobs.first { $0.status == .running && $0.statusText == "RUNNING" })
            guard case .hbr(let detail) = running.detail else {
                Issue.record("a running job without an HBR detail")
                return
            }
            let fraction = try #require(detail.progressFraction)
            #expect(fraction > 0 && fraction < 1)
            #expect(running.end == nil)
            #expect((detail.bytesDone?.bytes ?? 0) < (detail.bytesTotal?.bytes ?? 0))
            #expect(!detail.paths.isEmpty)
            #expect(!detail.speedLimits.isEmpty)
            #expect(jobs.contains { $0.status == .failed && $0.statusText == "PARTIAL_COMPLETE" })
            #expect(jobs.contains { $0.status == .ok })
        }
    }

    @Test func aWindowKeepsOnlyJobsCreatedInsideIt() async throws {
        try await withEmulator { emulator, _ in
            let transport = HTTPTransport()
            defer { Task { await transport.shutdown() } }
            let vault = emulator.dataset.hbr.bigVaultID
            let all = emulator.dataset.hbr.jobs(inVault: vault, sourceType: "ECS_FILE")
            let window = DateInterval(start: Date(timeIntervalSince1970: Double(all[30].createdTime)),
                                      end: Date(timeIntervalSince1970: Double(all[5].createdTime)))
            let page = try await client(emulator, transport: transport)
                .listBackups(instanceID: vault, page: PageRequest(number: 1, size: 99), window: window)
            #expect(page.items.map(\.id) == all[5...30].map(\.id))
            #expect(page.totalCount == 26)
        }
    }

    @Test func otherSourceTypesDecodeTheirDetails() async throws {
        try await withEmulator { emulator, _ in
            let transport = HTTPTransport()
            defer { Task { await transport.shutdown() } }
            let hangzhou = emulator.dataset.hbr.vaults(inRegion: "cn-hangzhou")
            let udmVault = try #require(hangzhou.first { $0.sourceTypes.contains("UDM_ECS") })
            let udm = try await client(emulator, sourceType: "UDM_ECS", transport: transport)
                .listBackups(instanceID: udmVault.id, page: PageRequest(number: 1, size: 10), window: nil)
            guard case .hbr(let detail)? = udm.items.first(where: { $0.status == .ok })?.detail else {
                Issue.record("no finished UDM_ECS job")
                return
            }
            #expect(detail.ecsSnapshot?.nativeSnapshotID.hasPrefix("s-") == true)
            #expect(detail.ecsSnapshot?.diskNativeSnapshotIDs.count == 2)

            let otsVault = try #require(hangzhou.first { $0.vaultType == "OTS_BACKUP" })
            let ots = try await client(emulator, sourceType: "OTS", transport: transport)
                .listBackups(instanceID: otsVault.id, page: PageRequest(number: 1, size: 10), window: nil)
            #expect(ots.items.contains {
                if case .hbr(let detail) = $0.detail { return detail.otsTableNames.contains("用户画像") }
                return false
            })
        }
    }

    @Test func wrongSecretIsARejectedSignature() async throws {
        try await withEmulator { emulator, _ in
            let transport = HTTPTransport()
            defer { Task { await transport.shutdown() } }
            do throws(ServiceError) {
                _ = try await client(emulator, secret: "wrong-secret", transport: transport)
                    .listInstances(PageRequest(number: 1, size: 10))
                Issue.record("a wrong secret was accepted")
            } catch {
                #expect(error.kind == .http)
                #expect(error.httpStatus == 403)
                #expect(error.code == "SignatureDoesNotMatch")
                #expect(!error.message.contains("wrong-secret"))
            }
        }
    }

    @Test func successFalseFromTheEmulatorIsAServiceErrorNotAnEmptyPage() async throws {
        try await withEmulator { emulator, _ in
            let transport = HTTPTransport()
            defer { Task { await transport.shutdown() } }
            do throws(ServiceError) {
                let page = try await client(emulator, sourceType: "MYSQL", transport: transport)
                    .listBackups(instanceID: emulator.dataset.hbr.bigVaultID, page: PageRequest(number: 1, size: 10),
                                 window: nil)
                Issue.record("Success:false became a page of \(page.items.count) jobs")
            } catch {
                #expect(error.kind == .http)
                #expect(error.httpStatus == 200)
                #expect(error.code == "InvalidParameter")
                #expect(error.message.contains("SourceType"))
                #expect(error.requestID?.isEmpty == false)
            }
        }
    }
}
