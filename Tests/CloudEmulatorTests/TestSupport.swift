import AsyncHTTPClient
import CloudAPI
import CloudEmulator
import Foundation
import NIOCore

/// 2026-01-01T00:00:00Z: tests pin the dataset's "today".
let fixedNow = Date(timeIntervalSince1970: 1_767_225_600)

func testOptions(seed: UInt64 = 1, scale: Int = 1, region: String = "cn-hangzhou") -> EmulatorOptions {
    EmulatorOptions(region: region, seed: seed, scale: scale, now: fixedNow)
}

/// Starts an emulator for the duration of `body` and always stops it.
func withEmulator<T>(
    _ options: EmulatorOptions = testOptions(),
    _ body: (Emulator, AlibabaTestClient) async throws -> T
) async throws -> T {
    let emulator = try await Emulator.start(options)
    let client = AlibabaTestClient(port: emulator.port)
    do {
        let result = try await body(emulator, client)
        await emulator.stop()
        return result
    } catch {
        await emulator.stop()
        throw error
    }
}

/// A response as received, with its body parsed as a JSON object when it is one.
struct WireResponse: @unchecked Sendable {   // `json` is a read-only Foundation tree
    let status: Int
    let headers: [(name: String, value: String)]
    let body: [UInt8]
    let json: [String: Any]?

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var code: String? { json?["Code"] as? String }
    var message: String? { json?["Message"] as? String }
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// Sends Alibaba RPC requests to the emulator, signed with the project's own signers (or deliberately not).
struct AlibabaTestClient: Sendable {
    let port: Int
    var accessKeyID = "testid"
    var secret = "testsecret"

    var host: String { "127.0.0.1:\(port)" }

    enum Signing: Sendable {
        case v3
        case legacy
        case none
        /// V3 with this literal Authorization header value.
        case authorization(String)
    }

    /// Sends `query` to `/` as the SDK would: names and values percent-encoded, spaces as `+` when `plusForSpace`.
    func call(
        action: String, version: String = "2014-08-15", query: [(String, String)],
        method: String = "POST", signing: Signing = .v3, extraHeaders: [(String, String)] = [],
        body: [UInt8] = [], contentType: String? = nil, bodyHashOverride: String? = nil, plusForSpace: Bool = false
    ) async throws -> WireResponse {
        var parameters = query
        var headers: [(String, String)] = [("accept", "application/json")]
        if let contentType { headers.append(("content-type", contentType)) }
        switch signing {
        case .legacy:
            parameters += [
                ("Action", action), ("Format", "json"), ("Version", version),
                ("Timestamp", "2026-01-01T00:00:00Z"), ("SignatureNonce", UUID().uuidString),
                ("SignatureMethod", "HMAC-SHA1"), ("SignatureVersion", "1.0"), ("AccessKeyId", accessKeyID),
            ]
            var signed = parameters
            if contentType == "application/x-www-form-urlencoded" {
                signed += Percent.decodeQuery(String(decoding: body, as: UTF8.self)).map { ($0.name, $0.value) }
            }
            parameters.append(("Signature", RPCSigner.signature(secret: secret, method: method, parameters: signed)))
        case .v3, .authorization:
            headers += [
                ("x-acs-action", action), ("x-acs-version", version),
                ("x-acs-date", "2026-01-01T00:00:00Z"),
                ("x-acs-signature-nonce", UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()),
                ("x-acs-content-sha256", bodyHashOverride ?? ACS3Signer.payloadHash(body)),
            ]
            headers += extraHeaders
            if case .authorization(let value) = signing {
                headers.append(("Authorization", value))
            } else {
                let authorization = ACS3Signer.authorization(
                    accessKeyID: accessKeyID, secret: secret, method: method, path: "/", query: query,
                    headers: headers + [("host", host)], body: body)
                headers.append(("Authorization", authorization))
            }
        case .none:
            headers += [("x-acs-action", action), ("x-acs-version", version)]
        }
        let wireQuery = parameters.map { name, value in
            let encoded = Percent.encode(value)
            return Percent.encode(name) + "=" + (plusForSpace ? encoded.replacingOccurrences(of: "%20", with: "+") : encoded)
        }.joined(separator: "&")
        return try await send(method: method, pathAndQuery: "/?" + wireQuery, headers: headers, body: body)
    }

    func send(
        method: String, pathAndQuery: String, headers: [(String, String)] = [], body: [UInt8] = [],
        timeout: TimeAmount = .seconds(30)
    ) async throws -> WireResponse {
        var request = HTTPClientRequest(url: "http://\(host)\(pathAndQuery)")
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if !body.isEmpty { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let buffer = try await response.body.collect(upTo: 64 << 20)
        let bytes = Array(buffer.readableBytesView)
        let json = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
        return WireResponse(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            body: bytes, json: json)
    }

    // MARK: - RDS conveniences

    func describeBackups(
        _ instanceID: String, pageNumber: Int? = nil, pageSize: Int? = nil, extra: [(String, String)] = [],
        signing: Signing = .v3
    ) async throws -> WireResponse {
        var query = [("DBInstanceId", instanceID)]
        if let pageNumber { query.append(("PageNumber", String(pageNumber))) }
        if let pageSize { query.append(("PageSize", String(pageSize))) }
        return try await call(action: "DescribeBackups", query: query + extra, signing: signing)
    }

    func describeInstances(region: String = "cn-hangzhou", extra: [(String, String)] = []) async throws -> WireResponse {
        try await call(action: "DescribeDBInstances", query: [("RegionId", region)] + extra)
    }

    /// Every backup of an instance, paged with `pageSize`; fails the caller on any non-200 page.
    func allBackups(_ instanceID: String, pageSize: Int = 100, extra: [(String, String)] = []) async throws -> BackupListing {
        var listing = BackupListing()
        var page = 1
        while true {
            let response = try await describeBackups(instanceID, pageNumber: page, pageSize: pageSize, extra: extra)
            guard response.status == 200, let json = response.json else {
                throw TestFailure("page \(page): HTTP \(response.status) \(response.text)")
            }
            let items = ((json["Items"] as? [String: Any])?["Backup"] as? [[String: Any]]) ?? []
            listing.pages.append(BackupListing.Page(
                pageNumber: json["PageNumber"] as? String, pageRecordCount: json["PageRecordCount"] as? String,
                totalRecordCount: json["TotalRecordCount"] as? String, count: items.count))
            listing.backups += items
            if items.count < pageSize { break }
            page += 1
        }
        return listing
    }
}

struct BackupListing {
    struct Page {
        let pageNumber: String?
        let pageRecordCount: String?
        let totalRecordCount: String?
        let count: Int
    }

    var pages: [Page] = []
    var backups: [[String: Any]] = []
    var ids: [String] { backups.compactMap { $0["BackupId"] as? String } }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func items(_ response: WireResponse, _ wrapper: String, _ list: String) -> [[String: Any]] {
    ((response.json?[wrapper] as? [String: Any])?[list] as? [[String: Any]]) ?? []
}
