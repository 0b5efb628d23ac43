import CloudAPI
import Foundation
import Hummingbird

/// The dataset's download links, served like OSS serves a signed URL: the file's bytes (`DownloadContent`), a
/// `Range` request answered with 206 (or 416), `Expires` checked against the real clock, and OSS's XML errors.
///
/// - `/download[-internal]/<instance>/<backup>.tar.gz?Expires=…&OSSAccessKeyId=…&Signature=…` — a whole RDS set;
///   with `&dbList=<database>` one database's file.
/// - `/download[-internal]/redis/<instance>/<file>.rdb?Expires=…` — a Redis node backup.
struct DownloadEndpoint: Sendable {
    let dataset: EmulatorDataset

    func register(in router: Router<BasicRequestContext>) {
        for root in ["download", "download-internal"] {
            router.get("\(root)/**") { request, _ in respond(to: request) }
            router.head("\(root)/**") { request, _ in respond(to: request, headOnly: true) }
        }
    }

    /// A file found at a path: its content key and size, and its CRC-64 when the dataset reports one.
    struct File {
        var key: String
        var size: Int
        var crc64: String?
    }

    func respond(to request: Request, headOnly: Bool = false) -> Response {
        let parameters = Self.queryParameters(request.uri.query ?? "")
        let requestID = StableHash.uuidLike("download " + request.uri.string).replacingOccurrences(of: "-", with: "").uppercased()
        guard let expires = parameters["Expires"].flatMap({ Int64($0) }), parameters["Signature"] != nil,
              parameters["OSSAccessKeyId"] != nil
        else {
            return Self.ossError(.forbidden, code: "AccessDenied", message: "AnonymousAccessForbidden: the URL is not signed.",
                                 requestID: requestID)
        }
        let now = Int64(Date().timeIntervalSince1970)
        if expires < now {
            return Self.ossError(.forbidden, code: "AccessDenied", message: "Request has expired.", requestID: requestID,
                                 extra: [("Expires", Self.isoTime(expires)), ("ServerTime", Self.isoTime(now))])
        }
        guard let file = find(path: request.uri.path, database: parameters["dbList"]) else {
            return Self.ossError(.notFound, code: "NoSuchKey", message: "The specified key does not exist.", requestID: requestID)
        }

        var headers = HTTPFields()
        headers[.contentType] = "application/octet-stream"
        headers[.acceptRanges] = "bytes"
        headers[.eTag] = "\"\(String(StableHash.fnv1a64(file.key), radix: 16).uppercased())\""
        if let crc = file.crc64, let name = HTTPFields.Element.Name("x-oss-hash-crc64ecma") { headers[name] = crc }
        if let name = HTTPFields.Element.Name("x-oss-request-id") { headers[name] = requestID }

        var status = HTTPResponse.Status.ok
        var range = 0..<file.size
        if let header = request.headers[.range] {
            guard let asked = Self.byteRange(header, size: file.size) else {
                headers[.contentRange] = "bytes */\(file.size)"
                return Self.ossError(.rangeNotSatisfiable, code: "InvalidRange",
                                     message: "The requested range cannot be satisfied.", requestID: requestID, headers: headers)
            }
            range = asked
            status = .partialContent
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(file.size)"
        }
        headers[.contentLength] = String(range.count)
        let body = headOnly ? [] : DownloadContent.bytes(forKey: file.key, size: file.size, range: range)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The dataset's file at `path`, if it has one there and it is downloadable.
    func find(path: String, database: String?) -> File? {
        var parts = path.split(separator: "/").map { $0.removingPercentEncoding ?? String($0) }
        guard parts.first == "download" || parts.first == "download-internal" else { return nil }
        parts.removeFirst()
        if parts.count == 3, parts[0] == "redis" {
            let (instanceID, fileName) = (parts[1], parts[2])
            for backup in dataset.redis.backups(of: instanceID) ?? [] {
                if let node = backup.nodes.first(where: { $0.fileName == fileName && $0.downloadPath != nil }) {
                    return File(key: DownloadContent.redisNodeKey(instanceID: instanceID, fileName: fileName),
                                size: Int(node.sizeBytes), crc64: nil)
                }
            }
            return nil
        }
        guard parts.count == 2, parts[1].hasSuffix(".tar.gz") else { return nil }
        let instanceID = parts[0]
        let backupID = String(parts[1].dropLast(".tar.gz".count))
        guard let backup = dataset.rds.backups(of: instanceID)?.first(where: { $0.id == backupID }),
              backup.downloadPath != nil
        else { return nil }
        if let database {
            guard backup.databaseLinks.contains(where: { $0.database == database }) else { return nil }
            let key = DownloadContent.rdsDatabaseKey(instanceID: instanceID, backupID: backupID, database: database)
            let size = DownloadContent.size(forKey: key, in: DownloadContent.perDatabaseSizes)
            return File(key: key, size: size, crc64: DownloadContent.checksum(forKey: key, size: size))
        }
        return File(key: DownloadContent.rdsSetKey(instanceID: instanceID, backupID: backupID),
                    size: Int(backup.sizeBytes), crc64: backup.checksum)
    }

    /// `bytes=N-`, `bytes=N-M` or `bytes=-K` (the last K bytes), clamped to the file; nil when unsatisfiable or not
    /// a single range.
    static func byteRange(_ header: String, size: Int) -> Range<Int>? {
        guard header.hasPrefix("bytes="), !header.contains(",") else { return nil }
        let spec = header.dropFirst("bytes=".count).split(separator: "-", omittingEmptySubsequences: false)
        guard spec.count == 2 else { return nil }
        if spec[0].isEmpty {
            guard let suffix = Int(spec[1]), suffix > 0, size > 0 else { return nil }
            return max(0, size - suffix)..<size
        }
        guard let start = Int(spec[0]), start >= 0, start < size else { return nil }
        let end = spec[1].isEmpty ? size - 1 : (Int(spec[1]) ?? -1)
        guard end >= start else { return nil }
        return start..<min(size, end + 1)
    }

    static func queryParameters(_ query: String) -> [String: String] {
        var parameters: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1 ? String(parts[1]).removingPercentEncoding ?? String(parts[1]) : ""
            parameters[name] = value
        }
        return parameters
    }

    /// OSS's error body: `<Error><Code>…</Code><Message>…</Message><RequestId>…</RequestId>…</Error>`.
    static func ossError(
        _ status: HTTPResponse.Status, code: String, message: String, requestID: String,
        extra: [(String, String)] = [], headers: HTTPFields = HTTPFields()
    ) -> Response {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>\(code)</Code>\n  <Message>\(message)</Message>\n"
        xml += "  <RequestId>\(requestID)</RequestId>\n  <HostId>backdeck-emulator.oss</HostId>\n"
        for (name, value) in extra { xml += "  <\(name)>\(value)</\(name)>\n" }
        xml += "</Error>\n"
        var headers = headers
        headers[.contentType] = "application/xml"
        headers[.contentLength] = String(xml.utf8.count)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: xml)))
    }

    /// `2026-11-20T02:13:05.000Z`, as OSS writes times in errors.
    static func isoTime(_ unix: Int64) -> String {
        UTCTime.seconds(unix).replacingOccurrences(of: "Z", with: ".000Z")
    }
}
