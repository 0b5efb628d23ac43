import CloudAPI
import CloudEmulator
import Foundation
import Testing

@Suite struct CRC64Tests {
    @Test func matchesThePublishedCheckValuesOfCRC64XZ() {
        // The catalogue's check value for CRC-64/XZ (ECMA-182 polynomial, reflected, all-ones init and xorout).
        #expect(CRC64.checksum(Array("123456789".utf8)) == 0x995D_C9BB_DF19_39FA)
        #expect(CRC64.checksum([UInt8]()) == 0)
        // OSS's crc64ecma of "hello world", as its SDKs' tests use it.
        #expect(CRC64.checksum(Array("hello world".utf8)) == 5_981_764_153_023_615_706)
    }

    @Test func chunkedUpdatesEqualOneShot() {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var running = CRC64()
        for chunk in stride(from: 0, to: bytes.count, by: 777) { running.update(bytes[chunk..<min(bytes.count, chunk + 777)]) }
        #expect(running.value == CRC64.checksum(bytes))
        #expect(running.value != CRC64.checksum(bytes.dropLast()))
    }
}

/// FileDownloader against the emulator's download links over loopback: whole sets, per-database files and Redis
/// nodes; resume, size and checksum checks, expired links, and refusing to overwrite.
@Suite(.serialized) struct DownloadTests {
    /// Links that expire a day after the dataset's "now": the current hour keeps them valid.
    static let liveOptions = EmulatorOptions(seed: 1, now: EmulatorOptions.currentHour())

    struct Fixture {
        let emulator: Emulator
        let folder: URL
        let downloader = FileDownloader()

        /// A successful RDS set with per-database links.
        var rdsSet: RDSBackupRecord {
            dataset.rds.instances.lazy.compactMap { instance in
                dataset.rds.backups(of: instance.id)?.first { $0.downloadPath != nil && !$0.databaseLinks.isEmpty }
            }.first!
        }

        var dataset: EmulatorDataset { emulator.dataset }

        func url(_ path: String) -> URL { URL(string: emulator.baseURL.absoluteString + path)! }

        func job(_ record: RDSBackupRecord, overwrite: Bool = false) -> DownloadJob {
            let link = url(record.downloadPath!)
            return DownloadJob(url: link, destination: folder.appendingPathComponent(DownloadLink.fileName(for: link)),
                               expectedSize: record.sizeBytes, expectedCRC64: UInt64(record.checksum), overwrite: overwrite)
        }

        func content(_ record: RDSBackupRecord) -> [UInt8] {
            DownloadContent.bytes(forKey: DownloadContent.rdsSetKey(instanceID: record.instanceID, backupID: record.id),
                                  size: Int(record.sizeBytes))
        }
    }

    func withFixture(_ options: EmulatorOptions = liveOptions, _ body: (Fixture) async throws -> Void) async throws {
        let emulator = try await Emulator.start(options)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backdeck-dl-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let fixture = Fixture(emulator: emulator, folder: folder)
        do {
            try await body(fixture)
        } catch {
            Issue.record(error)
        }
        await fixture.downloader.shutdown()
        await emulator.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    @Test func downloadsAWholeSetVerifiesSizeAndChecksumAndRenames() async throws {
        try await withFixture { fixture in
            let record = fixture.rdsSet
            let job = fixture.job(record)
            let seen = ProgressLog()
            let result = try await fixture.downloader.run(job, progress: { seen.add($0) })
            #expect(result.bytes == record.sizeBytes)
            #expect(result.resumedFrom == 0)
            #expect(result.verifiedCRC64 == UInt64(record.checksum))
            #expect(try Data(contentsOf: job.destination) == Data(fixture.content(record)))
            #expect(!FileManager.default.fileExists(atPath: job.partPath.path))
            #expect(seen.last?.bytesDone == record.sizeBytes)
            #expect(seen.last?.totalBytes == record.sizeBytes)
            // The dataset's Checksum is the file's CRC-64 as OSS computes it.
            #expect(UInt64(record.checksum) == CRC64.checksum(fixture.content(record)))
        }
    }

    @Test func resumesAPartFileWithARangeRequest() async throws {
        try await withFixture { fixture in
            let record = fixture.rdsSet
            let job = fixture.job(record)
            let content = fixture.content(record)
            try Data(content.prefix(1_000)).write(to: job.partPath)
            let result = try await fixture.downloader.run(job)
            #expect(result.resumedFrom == 1_000)
            #expect(result.bytes == record.sizeBytes)
            #expect(try Data(contentsOf: job.destination) == Data(content))
        }
    }

    @Test func aCorruptPartFailsTheChecksumAndIsKept() async throws {
        try await withFixture { fixture in
            let record = fixture.rdsSet
            let job = fixture.job(record)
            try Data(repeating: 0xAB, count: 500).write(to: job.partPath)
            do throws(DownloadError) {
                _ = try await fixture.downloader.run(job)
            } catch {
                guard case .checksumMismatch(let expected, let actual, let part) = error else {
                    Issue.record("expected a checksum mismatch, got \(error)")
                    return
                }
                #expect(expected == UInt64(record.checksum))
                #expect(actual != expected)
                #expect(part == job.partPath.path)
                #expect(error.description.contains("kept \(job.partPath.path)"))
            }
            #expect((try FileManager.default.attributesOfItem(atPath: job.partPath.path)[.size] as? Int).map(Int64.init) == record.sizeBytes)
            #expect(!FileManager.default.fileExists(atPath: job.destination.path))
        }
    }

    @Test func aWrongReportedChecksumOrSizeKeepsThePartFile() async throws {
        try await withFixture { fixture in
            let record = fixture.rdsSet
            var job = fixture.job(record)
            job.expectedCRC64 = (job.expectedCRC64 ?? 0) ^ 1
            do throws(DownloadError) {
                _ = try await fixture.downloader.run(job)
                Issue.record("a wrong checksum was accepted")
            } catch {
                #expect(error == .checksumMismatch(expected: job.expectedCRC64!, actual: UInt64(record.checksum)!, partPath: job.partPath.path))
            }
            try FileManager.default.removeItem(at: job.partPath)
            job = fixture.job(record)
            job.expectedSize = record.sizeBytes + 10
            do throws(DownloadError) {
                _ = try await fixture.downloader.run(job)
                Issue.record("a wrong size was accepted")
            } catch {
                #expect(error == .sizeMismatch(expected: record.sizeBytes + 10, actual: record.sizeBytes, partPath: job.partPath.path))
            }
            #expect(FileManager.default.fileExists(atPath: job.partPath.path))
            #expect(!FileManager.default.fileExists(atPath: job.destination.path))
        }
    }

    @Test func refusesToOverwriteUnlessToldTo() async throws {
        try await withFixture { fixture in
            let record = fixture.rdsSet
            let job = fixture.job(record)
            try Data("mine".utf8).write(to: job.destination)
            do throws(DownloadError) {
                _ = try await fixture.downloader.run(job)
                Issue.record("an existing file was overwritten")
            } catch {
                #expect(error == .exists(path: job.destination.path))
            }
            #expect(try String(contentsOf: job.destination, encoding: .utf8) == "mine")
            #expect(!FileManager.default.fileExists(atPath: job.partPath.path))
            let result = try await fixture.downloader.run(fixture.job(record, overwrite: true))
            #expect(result.bytes == record.sizeBytes)
            #expect(try Data(contentsOf: job.destination) == Data(fixture.content(record)))
        }
    }

    @Test func anExpiredLinkIsReportedFromTheURLAndFromTheServer() async throws {
        // The dataset's links expire a day after its "now": 2026-01-02.
        try await withFixture(EmulatorOptions(seed: 1, now: Date(timeIntervalSince1970: 1_767_225_600))) { fixture in
            let record = fixture.rdsSet
            let job = fixture.job(record)
            do throws(DownloadError) {
                _ = try await fixture.downloader.run(job)
                Issue.record("an expired link downloaded")
            } catch {
                #expect(error == .expired(at: Date(timeIntervalSince1970: 1_767_225_600 + 86_400)))
                #expect(error.description.contains("press r to refresh"))
            }
            // A clock that says the link is still valid: the server refuses it as OSS does.
            do throws(DownloadError) {
                _ = try await fixture.downloader.run(job, now: { Date(timeIntervalSince1970: 1_767_225_600) })
                Issue.record("the server served an expired link")
            } catch {
                #expect(error == .expired(at: Date(timeIntervalSince1970: 1_767_225_600 + 86_400)))
            }
            #expect(!FileManager.default.fileExists(atPath: job.partPath.path))
        }
    }

    @Test func perDatabaseFilesAreNamedByDatabaseAndCheckedByTheServersCRC() async throws {
        try await withFixture { fixture in
            let record = fixture.rdsSet
            let link = try #require(record.databaseLinks.first { $0.database.unicodeScalars.contains { $0.value > 0x7F } }
                ?? record.databaseLinks.first)
            let url = fixture.url(link.downloadPath)
            let name = DownloadLink.fileName(for: url)
            #expect(name == "\(record.id)_\(link.database).tar.gz")
            let result = try await fixture.downloader.run(DownloadJob(url: url, destination: fixture.folder.appendingPathComponent(name)))
            let key = DownloadContent.rdsDatabaseKey(instanceID: record.instanceID, backupID: record.id, database: link.database)
            let bytes = try Data(contentsOf: result.path)
            #expect(bytes == Data(DownloadContent.bytes(forKey: key, size: bytes.count)))
            #expect(result.verifiedCRC64 == CRC64.checksum(bytes))
        }
    }

    @Test func redisNodeFilesHaveTheReportedSize() async throws {
        try await withFixture { fixture in
            let redis = fixture.dataset.redis
            let nodes = redis.instances.flatMap { redis.backups(of: $0.id) ?? [] }.flatMap(\.nodes)
            let node = try #require(nodes.first { $0.downloadPath != nil })
            let url = fixture.url(node.downloadPath!)
            let result = try await fixture.downloader.run(DownloadJob(
                url: url, destination: fixture.folder.appendingPathComponent(DownloadLink.fileName(for: url)), expectedSize: node.sizeBytes))
            #expect(result.path.lastPathComponent == node.fileName)
            #expect(result.bytes == node.sizeBytes)
            #expect(node.sizeBytes >= 8 * 1_024 && node.sizeBytes <= 64 * 1_024)
        }
    }

    @Test func theServerAnswersRangesAndUnknownKeysAsOSSDoes() async throws {
        try await withFixture { fixture in
            let record = fixture.rdsSet
            let client = AlibabaTestClient(port: fixture.emulator.port)
            let path = record.downloadPath!
            let partial = try await client.send(method: "GET", pathAndQuery: path, headers: [("Range", "bytes=10-19")])
            #expect(partial.status == 206)
            #expect(partial.header("Content-Range") == "bytes 10-19/\(record.sizeBytes)")
            #expect(partial.body == Array(fixture.content(record)[10..<20]))
            let beyond = try await client.send(method: "GET", pathAndQuery: path, headers: [("Range", "bytes=\(record.sizeBytes)-")])
            #expect(beyond.status == 416)
            #expect(beyond.header("Content-Range") == "bytes */\(record.sizeBytes)")
            let missing = try await client.send(method: "GET", pathAndQuery: path.replacingOccurrences(of: record.id, with: "999"))
            #expect(missing.status == 404)
            #expect(missing.text.contains("<Code>NoSuchKey</Code>"))
            let unsigned = try await client.send(method: "GET", pathAndQuery: String(path.prefix { $0 != "?" }))
            #expect(unsigned.status == 403)
        }
    }
}

/// Progress reports as they arrived.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [DownloadProgress] = []

    func add(_ report: DownloadProgress) { lock.withLock { reports.append(report) } }

    var last: DownloadProgress? { lock.withLock { reports.last } }
}
