import BackupModel
import CloudAPI
import CloudEmulator
import Foundation
import Testing

/// The project's own GeminiDB client against the emulator: signing, offset/limit paging, decoding and errors agree.
@Suite("HuaweiGaussDBNoSQLClient against the emulator")
struct HuaweiClientAgainstEmulatorTests {
    static let project = "0123456789abcdef0123456789abcdef"

    func withClient(
        auth: HuaweiAuth = .aksk(HuaweiAccessKey(accessKey: "testid", secretKey: "testsecret", source: "test")),
        projectID: String = project,
        _ body: (Emulator, HuaweiGaussDBNoSQLClient) async throws -> Void
    ) async throws {
        try await withEmulator { emulator, _ in
            let transport = HTTPTransport()
            let client = HuaweiGaussDBNoSQLClient(endpoint: emulator.baseURL, projectID: projectID, auth: auth,
                                                  transport: transport, region: "cn-north-4")
            do {
                try await body(emulator, client)
            } catch {
                await transport.shutdown()
                throw error
            }
            await transport.shutdown()
        }
    }

    @Test func clientPagesEveryBackupOfTheBigInstanceByOffset() async throws {
        try await withClient { emulator, client in
            let instances = try await client.listInstances(PageRequest(number: 1, size: 100))
            #expect(instances.items.map(\.id) == emulator.dataset.huawei.instances.map(\.id))
            #expect(instances.totalCount == 5)
            #expect(instances.items.contains { $0.engine == "cassandra" && $0.engineVersion == "3.11" })
            let secondInstancePage = try await client.listInstances(PageRequest(number: 2, size: 2))
            #expect(secondInstancePage.items.map(\.id) == emulator.dataset.huawei.instances[2...3].map(\.id))

            let id = emulator.dataset.huawei.bigInstanceID
            let expected = emulator.dataset.huawei.backups(of: id)
            var collected: [Backup] = []
            var number = 1
            var pages = 0
            while true {
                let page = try await client.listBackups(instanceID: id, page: PageRequest(number: number, size: 50),
                                                        window: nil)
                #expect(page.totalCount == expected.count)
                #expect(page.skipped.isEmpty)
                collected += page.items
                pages += 1
                if page.items.count < page.size || collected.count >= (page.totalCount ?? 0) { break }
                number += 1
            }
            #expect(pages > 2)
            #expect(collected.map(\.id) == expected.map(\.id))
            #expect(collected.contains { $0.status == .running && $0.end == nil })
            #expect(collected.contains { $0.status == .failed })
            let tableLevel = try #require(collected.first { $0.type == "Tables" })
            guard case .huawei(let detail) = tableLevel.detail else {
                Issue.record("no Huawei detail")
                return
            }
            #expect(detail.databases.contains { $0.isWholeDatabase })
            #expect(detail.databases.contains { $0.tables?.contains("订单明细") == true })
            #expect(detail.datastoreType == "cassandra")
            let record = try #require(expected.first { $0.id == tableLevel.id })
            #expect(tableLevel.size == ByteCount(bytes: record.sizeKB * 1024))
            #expect(tableLevel.start == Date(timeIntervalSince1970: Double(record.beginTime)))
            #expect(tableLevel.anomalies.isEmpty)
        }
    }

    @Test func windowNarrowsTheList() async throws {
        try await withClient { emulator, client in
            let id = emulator.dataset.huawei.bigInstanceID
            let expected = emulator.dataset.huawei.backups(of: id)
            let start = Date(timeIntervalSince1970: Double(expected[20].beginTime))
            let end = Date(timeIntervalSince1970: Double(expected[5].beginTime))
            let page = try await client.listBackups(instanceID: id, page: PageRequest(number: 1, size: 100),
                                                    window: DateInterval(start: start, end: end))
            #expect(page.items.map(\.id) == expected[5...20].map(\.id))
        }
    }

    @Test func aRejectedSignatureIsAServiceError() async throws {
        try await withClient(auth: .aksk(HuaweiAccessKey(accessKey: "testid", secretKey: "wrong", source: "test"))) { _, client in
            do throws(ServiceError) {
                _ = try await client.listInstances(PageRequest(number: 1, size: 10))
                Issue.record("a wrong secret was accepted")
            } catch {
                #expect(error.kind == .http)
                #expect(error.httpStatus == 401)
                #expect(error.code == "APIGW.0301")
                #expect(error.requestID?.isEmpty == false)
                #expect(!error.summary.contains("wrong"))
            }
        }
    }

    @Test func vendorErrorsMapToServiceErrors() async throws {
        try await withClient { _, client in
            do throws(ServiceError) {
                _ = try await client.listBackups(instanceID: "no-such-instance", page: PageRequest(number: 1, size: 10),
                                                 window: nil)
                Issue.record("an unknown instance was accepted")
            } catch {
                #expect(error == ServiceError(kind: .http, httpStatus: 404, code: "DBS.200002",
                                              message: "The instance does not exist.", requestID: error.requestID))
                #expect(error.requestID?.isEmpty == false)
            }
        }
        try await withClient(projectID: "ffffffffffffffffffffffffffffffff") { _, client in
            do throws(ServiceError) {
                _ = try await client.listInstances(PageRequest(number: 1, size: 10))
                Issue.record("another project was accepted")
            } catch {
                #expect(error.httpStatus == 403)
                #expect(error.code == "APIGW.0302")
            }
        }
    }

    @Test func tokenModeAfterIAMPasswordLogin() async throws {
        try await withEmulator { emulator, _ in
            let transport = HTTPTransport()
            do {
                let token = try await HuaweiIAM.requestToken(
                    iamEndpoint: emulator.baseURL,
                    login: HuaweiPasswordLogin(userName: "backdeck", password: "backdeck-demo", domainName: "demo"),
                    projectID: Self.project, regionName: nil, transport: transport)
                #expect(token.expiresAt.map { $0 > Date().addingTimeInterval(23 * 3600) } == true)
                let client = HuaweiGaussDBNoSQLClient(endpoint: emulator.baseURL, projectID: Self.project,
                                                      auth: .token(token.value), transport: transport)
                let page = try await client.listBackups(instanceID: emulator.dataset.huawei.bigInstanceID,
                                                        page: PageRequest(number: 2, size: 10), window: nil)
                #expect(page.items.count == 10)
                do throws(ServiceError) {
                    _ = try await HuaweiIAM.requestToken(
                        iamEndpoint: emulator.baseURL,
                        login: HuaweiPasswordLogin(userName: "backdeck", password: "wrong", domainName: "demo"),
                        projectID: Self.project, regionName: nil, transport: transport)
                    Issue.record("a wrong password was accepted")
                } catch {
                    #expect(error.httpStatus == 401)
                }
                let forged = HuaweiGaussDBNoSQLClient(endpoint: emulator.baseURL, projectID: Self.project,
                                                      auth: .token("MIIforged"), transport: transport)
                await #expect(throws: ServiceError.self) {
                    _ = try await forged.listInstances(PageRequest(number: 1, size: 10))
                }
            } catch {
                await transport.shutdown()
                throw error
            }
            await transport.shutdown()
        }
    }

    @Test func tokenSourceLogsInOnceAndRenewsNearExpiry() async throws {
        try await withEmulator { emulator, _ in
            let transport = HTTPTransport()
            let login = HuaweiPasswordLogin(userName: "backdeck", password: "backdeck-demo", domainName: "demo")
            do {
                let source = HuaweiTokenSource(iamEndpoint: emulator.baseURL, login: login, projectID: Self.project,
                                               regionName: nil, transport: transport)
                let first = try await source.token()
                #expect(try await source.token() == first)
                await source.invalidate(first)
                let second = try await source.token()
                #expect(second != first)
                // A margin longer than the token's 24 hours means every call renews.
                let eager = HuaweiTokenSource(iamEndpoint: emulator.baseURL, login: login, projectID: Self.project,
                                              regionName: nil, transport: transport, renewalMargin: 25 * 3600)
                #expect(try await eager.token() != (try await eager.token()))

                let client = HuaweiGaussDBNoSQLClient(endpoint: emulator.baseURL, projectID: Self.project,
                                                      auth: .iamLogin(source), transport: transport)
                #expect(!String(describing: HuaweiAuth.iamLogin(source)).contains("backdeck-demo"))
                let page = try await client.listBackups(instanceID: emulator.dataset.huawei.bigInstanceID,
                                                        page: PageRequest(number: 1, size: 7), window: nil)
                #expect(page.items.count == 7)

                let badSource = HuaweiTokenSource(
                    iamEndpoint: emulator.baseURL,
                    login: HuaweiPasswordLogin(userName: "backdeck", password: "nope", domainName: "demo"),
                    projectID: Self.project, regionName: nil, transport: transport)
                let refused = HuaweiGaussDBNoSQLClient(endpoint: emulator.baseURL, projectID: Self.project,
                                                       auth: .iamLogin(badSource), transport: transport)
                do throws(ServiceError) {
                    _ = try await refused.listInstances(PageRequest(number: 1, size: 10))
                    Issue.record("a wrong password was accepted")
                } catch {
                    #expect(error.httpStatus == 401)
                    #expect(!error.summary.contains("nope"))
                }
            } catch {
                await transport.shutdown()
                throw error
            }
            await transport.shutdown()
        }
    }
}
