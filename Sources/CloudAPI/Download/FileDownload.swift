import AsyncHTTPClient
import BackupModel
import Foundation
import NIOCore
import NIOHTTP1

/// One file to fetch from a backup's download link.
public struct DownloadJob: Sendable, Equatable {
    public var url: URL
    /// The final path; bytes go to `destination + ".part"` until verified.
    public var destination: URL
    /// The size the API reported, checked before the rename.
    public var expectedSize: Int64?
    /// The CRC-64 the API reported (RDS `Checksum`); else the server's `x-oss-hash-crc64ecma` is used when sent.
    public var expectedCRC64: UInt64?
    /// Replace an existing file at `destination` (the user said yes); otherwise an existing file is an error.
    public var overwrite: Bool

    public init(url: URL, destination: URL, expectedSize: Int64? = nil, expectedCRC64: UInt64? = nil, overwrite: Bool = false) {
        self.url = url
        self.destination = destination
        self.expectedSize = expectedSize
        self.expectedCRC64 = expectedCRC64
        self.overwrite = overwrite
    }

    public var partPath: URL { URL(fileURLWithPath: destination.path + ".part") }
}

/// How far a download has come.
public struct DownloadProgress: Sendable, Equatable {
    public var bytesDone: Int64
    public var totalBytes: Int64?
    /// Bytes a previous attempt had left in the `.part` file (not counted in the rate).
    public var resumedFrom: Int64
    /// Over this attempt so far; 0 until something arrived.
    public var bytesPerSecond: Double

    public init(bytesDone: Int64, totalBytes: Int64?, resumedFrom: Int64, bytesPerSecond: Double) {
        self.bytesDone = bytesDone
        self.totalBytes = totalBytes
        self.resumedFrom = resumedFrom
        self.bytesPerSecond = bytesPerSecond
    }

    /// Seconds left at the current rate, when known.
    public var secondsLeft: Double? {
        guard let totalBytes, bytesPerSecond > 0 else { return nil }
        return Double(max(0, totalBytes - bytesDone)) / bytesPerSecond
    }
}

/// What a finished download did.
public struct DownloadResult: Sendable, Equatable {
    public var path: URL
    public var bytes: Int64
    public var resumedFrom: Int64
    /// The CRC-64 checked, when there was one to check against.
    public var verifiedCRC64: UInt64?
    public var seconds: Double
}

/// Why a download stopped. Every message says where the bytes are; none carries the URL's signature.
public enum DownloadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The target exists and the user has not agreed to replace it.
    case exists(path: String)
    /// The link's `Expires` has passed (seen in the URL, or the server said so).
    case expired(at: Date?)
    case http(status: Int, code: String, message: String)
    case transport(String)
    case sizeMismatch(expected: Int64, actual: Int64, partPath: String)
    case checksumMismatch(expected: UInt64, actual: UInt64, partPath: String)
    case file(String)
    /// Stopped by the user; the `.part` file stays for a later resume.
    case cancelled(partPath: String)

    public var description: String {
        switch self {
        case .exists(let path): "\(path) exists"
        case .expired(let date):
            "the download link has expired" + (date.map { " (Expires \(DownloadLink.isoTime($0)))" } ?? "")
                + "; press r to refresh the backup for a fresh link"
        case .http(let status, let code, let message): "HTTP \(status)" + (code.isEmpty ? "" : " \(code):") + " \(message)"
        case .transport(let message): message
        case .sizeMismatch(let expected, let actual, let part):
            "size mismatch: got \(actual) bytes, the API reported \(expected); kept \(part)"
        case .checksumMismatch(let expected, let actual, let part):
            "checksum mismatch: CRC-64 \(actual), the API reported \(expected); kept \(part)"
        case .file(let message): message
        case .cancelled(let part): "cancelled; \(part) kept for a resume"
        }
    }
}

/// Facts read from a download link itself.
public enum DownloadLink {
    /// The link's `Expires=` (Unix seconds), if it has one.
    public static func expiry(of url: URL) -> Date? {
        guard let query = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems,
              let value = query.first(where: { $0.name == "Expires" })?.value, let seconds = Double(value)
        else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    /// The file name for a link (see `DownloadFileName`).
    public static func fileName(for url: URL) -> String { DownloadFileName.forLink(url.absoluteString) }

    /// The link without its query (where the signature is), for messages.
    public static func redacted(_ url: URL) -> String {
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        components?.query = nil
        return components?.string ?? "the link"
    }

    /// `2026-11-20 02:13 UTC`.
    static func isoTime(_ date: Date) -> String {
        let (year, month, day, hour, minute, _) = UTCCalendar.fields(unixSeconds: Int(date.timeIntervalSince1970.rounded(.down)))
        return String(format: "%04d-%02d-%02d %02d:%02d UTC", year, month, day, hour, minute)
    }
}

/// Streams download links to files: `Range` resume of a `.part` file, size and CRC-64 checks, atomic rename.
/// One client serves all downloads; its HTTP connections are separate from the API calls'.
public final class FileDownloader: Sendable {
    private let client: HTTPClient

    public init() {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: 5, allowCycles: false),
            timeout: .init(connect: .seconds(10), read: .seconds(60)))
        configuration.decompression = .disabled
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    /// Progress is reported at most ten times a second, and once at the end.
    public func run(
        _ job: DownloadJob, now: @Sendable () -> Date = { Date() },
        progress: @escaping @Sendable (DownloadProgress) -> Void = { _ in }
    ) async throws(DownloadError) -> DownloadResult {
        let files = FileManager.default
        if !job.overwrite && files.fileExists(atPath: job.destination.path) {
            throw .exists(path: job.destination.path)
        }
        if let expires = DownloadLink.expiry(of: job.url), expires < now() {
            throw .expired(at: expires)
        }
        let part = job.partPath
        var resumeFrom = Self.fileSize(part.path) ?? 0
        if let expected = job.expectedSize, resumeFrom > expected { resumeFrom = 0 }

        let started = Date()
        var request = HTTPClientRequest(url: job.url.absoluteString)
        request.headers.add(name: "User-Agent", value: HTTPTransport.userAgent)
        if resumeFrom > 0 { request.headers.add(name: "Range", value: "bytes=\(resumeFrom)-") }

        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(60))
        } catch {
            if Task.isCancelled { throw .cancelled(partPath: part.path) }
            throw .transport(Self.describe(error, url: job.url))
        }

        var crc = CRC64()
        var appendAt: Int64
        var total: Int64?
        let serverCRC = response.headers.first(name: "x-oss-hash-crc64ecma").flatMap { UInt64($0) }
        switch response.status.code {
        case 206:
            // `Content-Range: bytes START-END/TOTAL`: append only when the server starts where the file ends.
            let range = Self.contentRange(response.headers.first(name: "Content-Range"))
            guard let range, range.start == resumeFrom else {
                throw .http(status: 206, code: "", message: "the server answered a different range than asked")
            }
            appendAt = resumeFrom
            total = range.total
            try Self.checksum(of: part, upTo: resumeFrom, into: &crc)
        case 200:
            appendAt = 0
            total = response.headers.first(name: "Content-Length").flatMap { Int64($0) }
        case 416 where resumeFrom > 0 && resumeFrom == job.expectedSize:
            // The .part already holds every byte: verify it as it is.
            appendAt = resumeFrom
            total = resumeFrom
            try Self.checksum(of: part, upTo: resumeFrom, into: &crc)
        default:
            let body = (try? await response.body.collect(upTo: 64 * 1024)).map { String(buffer: $0) } ?? ""
            let (code, message) = Self.ossError(body)
            if response.status.code == 403 && message.lowercased().contains("expired") {
                throw .expired(at: DownloadLink.expiry(of: job.url))
            }
            throw .http(status: Int(response.status.code), code: code,
                        message: message.isEmpty ? response.status.reasonPhrase : message)
        }

        // Write: create or truncate for a fresh start, append for a resume.
        if appendAt == 0 && !files.createFile(atPath: part.path, contents: nil) {
            throw .file("cannot write \(part.path): \(String(cString: strerror(errno)))")
        }
        guard let handle = FileHandle(forWritingAtPath: part.path) else {
            throw .file("cannot write \(part.path): \(String(cString: strerror(errno)))")
        }
        defer { try? handle.close() }
        var done = appendAt
        do {
            try handle.truncate(atOffset: UInt64(appendAt))
            try handle.seek(toOffset: UInt64(appendAt))
            var lastReport = Date.distantPast
            if response.status.code != 416 {
                for try await buffer in response.body {
                    if Task.isCancelled { throw CancellationError() }
                    try buffer.withUnsafeReadableBytes { bytes in
                        try handle.write(contentsOf: bytes)
                        crc.update(bytes)
                    }
                    done += Int64(buffer.readableBytes)
                    let moment = Date()
                    if moment.timeIntervalSince(lastReport) >= 0.1 {
                        lastReport = moment
                        progress(Self.progress(done: done, total: total ?? job.expectedSize, resumedFrom: appendAt, since: started))
                    }
                }
            }
            try handle.synchronize()
        } catch is CancellationError {
            throw .cancelled(partPath: part.path)
        } catch {
            if Task.isCancelled { throw .cancelled(partPath: part.path) }
            throw .transport("the transfer broke off after \(done) bytes (\(Self.describe(error, url: job.url))); "
                + "\(part.lastPathComponent) kept for a resume")
        }
        progress(Self.progress(done: done, total: total ?? job.expectedSize, resumedFrom: appendAt, since: started))

        if let expected = job.expectedSize ?? total, done != expected {
            throw .sizeMismatch(expected: expected, actual: done, partPath: part.path)
        }
        let expectedCRC = job.expectedCRC64 ?? serverCRC
        if let expectedCRC, crc.value != expectedCRC {
            throw .checksumMismatch(expected: expectedCRC, actual: crc.value, partPath: part.path)
        }
        if !job.overwrite && files.fileExists(atPath: job.destination.path) {
            throw .exists(path: job.destination.path)
        }
        // rename(2) replaces atomically: a reader sees the old file or the whole new one, never half.
        guard rename(part.path, job.destination.path) == 0 else {
            throw .file("cannot rename \(part.lastPathComponent) to \(job.destination.lastPathComponent): \(String(cString: strerror(errno)))")
        }
        return DownloadResult(path: job.destination, bytes: done, resumedFrom: appendAt,
                              verifiedCRC64: expectedCRC, seconds: Date().timeIntervalSince(started))
    }

    static func progress(done: Int64, total: Int64?, resumedFrom: Int64, since started: Date) -> DownloadProgress {
        let elapsed = Date().timeIntervalSince(started)
        let rate = elapsed > 0 ? Double(done - resumedFrom) / elapsed : 0
        return DownloadProgress(bytesDone: done, totalBytes: total, resumedFrom: resumedFrom, bytesPerSecond: rate)
    }

    static func fileSize(_ path: String) -> Int64? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
    }

    /// Feeds the first `count` bytes of `file` to `crc` (a resumed download's earlier bytes).
    static func checksum(of file: URL, upTo count: Int64, into crc: inout CRC64) throws(DownloadError) {
        guard let handle = FileHandle(forReadingAtPath: file.path) else { throw .file("cannot read \(file.path)") }
        defer { try? handle.close() }
        var left = count
        while left > 0 {
            guard let chunk = try? handle.read(upToCount: Int(min(left, 1 << 20))), !chunk.isEmpty else {
                throw .file("\(file.path) is shorter than \(count) bytes")
            }
            crc.update(chunk)
            left -= Int64(chunk.count)
        }
    }

    /// `bytes 100-199/1000` → (100, 1000).
    static func contentRange(_ header: String?) -> (start: Int64, total: Int64?)? {
        guard let header, let match = header.wholeMatch(of: /bytes (\d+)-(\d+)\/(\d+|\*)/), let start = Int64(match.1) else {
            return nil
        }
        return (start, Int64(match.3))
    }

    /// OSS's `<Code>` and `<Message>` from an XML error body.
    static func ossError(_ body: String) -> (code: String, message: String) {
        func element(_ name: String) -> String {
            guard let open = body.range(of: "<\(name)>"), let close = body.range(of: "</\(name)>", range: open.upperBound..<body.endIndex)
            else { return "" }
            return String(body[open.upperBound..<close.lowerBound])
        }
        return (element("Code"), element("Message"))
    }

    /// A connection failure in words, naming host and port, never the signed query.
    static func describe(_ error: any Error, url: URL) -> String {
        let target = HTTPTransport.Target(url)
        if let cause = HTTPTransport.rootCause(error) { return cause.serviceError(target).message }
        if let http = error as? HTTPClientError {
            return http == .readTimeout || http == .deadlineExceeded ? "\(target.hostPort): timed out" : "\(target.hostPort): \(http)"
        }
        return "\(target.hostPort): \(String(describing: type(of: error)))"
    }
}
