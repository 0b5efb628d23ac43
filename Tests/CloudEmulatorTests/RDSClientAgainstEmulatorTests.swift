import BackupModel
import CloudAPI
import CloudEmulator
import Foundation
import Testing

/// The project's own RDS client against the emulator: the two sides agree on signing, paging and decoding.
@Suite("RDSClient against the emulator")
struct RDSClientAgainstEmulatorTests {
    @Test func clientPagesEveryBackupOfTheBigInstanceAndMapsTheDetail() async throws {
        try await withEmulator { emulator, _ in
            let transport = HTTPTransport()
            let client = RDSClient(
                endpoint: emulator.baseURL, region: "cn-hangzhou",
                credentials: AlibabaCredentials(accessKeyID: "testid", accessKeySecret: "testsecret", source: "test"),
                transport: transport)
            do {
                let instances = try await client.listInstances(PageRequest(number: 1, size: 30))
                #expect(instances.items.map(\.id) == emulator.dataset.rds.instances(inRegion: "cn-hangzhou").map(\.id))

                let id = emulator.dataset.rds.bigInstanceID
                var collected: [Backup] = []
                var number = 1
                var total: Int?
                repeat {
                    let page = try await client.listBackups(instanceID: id, page: PageRequest(number: number, size: 100), window: nil)
                    total = page.totalCount
                    collected += page.items
                    number += 1
                    if page.items.isEmpty { break }
                } while collected.count < (total ?? 0)
                #expect(total == emulator.dataset.rds.backups(of: id)?.count)
                #expect(collected.count == total)
                #expect(Set(collected.map(\.id)).count == collected.count)
                #expect(collected.contains { $0.status == .running })
                #expect(collected.contains { $0.status == .failed })
                if case .rds(let detail) = collected.first(where: { $0.status == .ok })?.detail {
                    #expect(detail.downloadURL?.hasPrefix(emulator.baseURL.absoluteString + "/download/") == true)
                } else {
                    Issue.record("no successful backup with an RDS detail")
                }
            } catch {
                await transport.shutdown()
                throw error
            }
            await transport.shutdown()
        }
    }

    @Test func clientSeesTheEmulatorsErrorsAsServiceErrors() async throws {
        try await withEmulator { emulator, _ in
            let transport = HTTPTransport()
            let client = RDSClient(
                endpoint: emulator.baseURL, region: "cn-hangzhou",
                credentials: AlibabaCredentials(accessKeyID: "testid", accessKeySecret: "wrong-secret", source: "test"),
                transport: transport)
            do throws(ServiceError) {
                _ = try await client.listInstances(PageRequest(number: 1, size: 30))
                Issue.record("a wrong secret was accepted")
            } catch {
                #expect(error.httpStatus == 403)
                #expect(error.code == "SignatureDoesNotMatch")
                #expect(!error.message.contains("wrong-secret"))
            }
            await transport.shutdown()
        }
    }
}
