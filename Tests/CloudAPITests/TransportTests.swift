import BackupModel
import Foundation
import Testing
@testable import CloudAPI

@Suite struct EndpointTests {
    @Test(arguments: [
        "https://rds.aliyuncs.com", "https://rds.cn-zhangjiakou.aliyuncs.com:8443/", "http://127.0.0.1:9000",
        "http://127.10.20.30", "http://localhost:8765", "http://LOCALHOST", "http://[::1]:8080",
    ])
    func acceptedEndpoints(_ text: String) throws {
        let url = try #require(URL(string: text))
        #expect(throws: Never.self) { try validateEndpoint(url) }
    }

    @Test(arguments: [
        "http://rds.aliyuncs.com", "http://10.0.0.1:9000", "http://128.0.0.1", "http://127.0.0.1.evil.com",
        "http://localhost.evil.com", "ftp://127.0.0.1", "rds.aliyuncs.com", "https://user:pw@rds.aliyuncs.com",
        "http://[::2]:80", "http://127.0.0.256",
    ])
    func refusedEndpoints(_ text: String) throws {
        let url = try #require(URL(string: text))
        do {
            try validateEndpoint(url)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.kind == .configuration)
            #expect(!error.message.contains("pw"))
        }
    }
}

@Suite struct TransportTests {
    @Test func refusedConnectionNamesHostAndPortButNotTheQuery() async throws {
        let transport = HTTPTransport(connectTimeout: .seconds(2), readTimeout: .seconds(2))
        // Port 1 (tcpmux) is not served on a test machine's loopback.
        let url = try #require(URL(string: "http://127.0.0.1:1/?Signature=SECRET-SIGNATURE&PageSize=30"))
        let request = HTTPRequestSpec(method: "POST", url: url, headers: [("authorization", "ACS3 Signature=abc")])
        do {
            _ = try await transport.send(request)
            Issue.record("a request to a closed port succeeded")
        } catch {
            #expect(error.kind == .transport)
            #expect(error.code == "ConnectionRefused")
            #expect(error.message == "connection refused by 127.0.0.1:1")
            #expect(!error.summary.contains("SECRET"))
        }
        await transport.shutdown()
    }

    @Test func sendAfterShutdownIsATransportError() async throws {
        let transport = HTTPTransport()
        await transport.shutdown()
        let url = try #require(URL(string: "http://127.0.0.1:1/"))
        do {
            _ = try await transport.send(HTTPRequestSpec(method: "GET", url: url, headers: []))
            Issue.record("sent after shutdown")
        } catch {
            #expect(error.kind == .transport)
        }
    }

    @Test func unresolvableHostIsNamed() async throws {
        let transport = HTTPTransport(connectTimeout: .seconds(3), readTimeout: .seconds(3))
        let url = try #require(URL(string: "https://backdeck-no-such-host.invalid/?Signature=SECRET"))
        do {
            _ = try await transport.send(HTTPRequestSpec(method: "GET", url: url, headers: []))
            Issue.record("resolved an .invalid host")
        } catch {
            #expect(error.kind == .transport || error.kind == .timeout)
            #expect(error.message.contains("backdeck-no-such-host.invalid"))
            if error.code == "DNS" {
                #expect(error.message == "could not resolve host backdeck-no-such-host.invalid")
            }
            #expect(!error.message.contains("SECRET"))
        }
        await transport.shutdown()
    }

    @Test func durationsConvert() {
        #expect(HTTPTransport.timeAmount(.seconds(5)).nanoseconds == 5_000_000_000)
        #expect(HTTPTransport.timeAmount(.milliseconds(1500)).nanoseconds == 1_500_000_000)
        #expect(HTTPTransport.seconds(.seconds(30)) == "30 s")
        #expect(HTTPTransport.seconds(.milliseconds(2500)) == "2.5 s")
    }

    @Test func headerLookupIsCaseInsensitive() throws {
        let result = HTTPResult(status: 200, headers: [("X-Acs-Request-Id", "abc")], body: [])
        #expect(result.header("x-acs-request-id") == "abc")
        #expect(result.header("missing") == nil)
    }
}

@Suite struct VendorTimeTests {
    @Test(arguments: [
        ("2019-02-03T12:20:00Z", 1_549_196_400.0),
        ("2019-02-03T12:20Z", 1_549_196_400.0),
        ("2019-02-03T12:20:00.5Z", 1_549_196_400.5),
        ("2019-02-03T20:20:00+08:00", 1_549_196_400.0),
        ("2019-02-03T20:20:00+0800", 1_549_196_400.0),
        ("2019-02-03T07:20:00-05:00", 1_549_196_400.0),
        ("2019-02-03 12:20:00", 1_549_196_400.0),
        ("2024-02-29T00:00:00Z", 1_709_164_800.0),
        ("1970-01-01T00:00:00Z", 0.0),
    ])
    func parsesVendorForms(_ text: String, _ expected: Double) {
        #expect(VendorTime.parseISO8601(text) == Date(timeIntervalSince1970: expected))
    }

    @Test(arguments: ["", "2019", "2019-02-03", "2019-02-03T12", "2019-13-01T00:00Z", "2023-02-29T00:00Z",
                      "2019-02-03T24:00Z", "2019-02-03T12:20:00ZZ", "2019-02-03T12:20:00.Z", "٢٠١٩-02-03T12:20Z",
                      "2019-02-03T12:20:00+25:00", "1549196400"])
    func rejectsEverythingElse(_ text: String) {
        #expect(VendorTime.parseISO8601(text) == nil)
    }

    @Test func minuteFormRoundsAsAsked() {
        let date = Date(timeIntervalSince1970: 1_549_196_400 + 42)  // 2019-02-03T12:20:42Z
        #expect(VendorTime.minuteUTC(date, roundingUp: false) == "2019-02-03T12:20Z")
        #expect(VendorTime.minuteUTC(date, roundingUp: true) == "2019-02-03T12:21Z")
        let exact = Date(timeIntervalSince1970: 1_549_196_400)
        #expect(VendorTime.minuteUTC(exact, roundingUp: true) == "2019-02-03T12:20Z")
        #expect(VendorTime.minuteUTC(Date(timeIntervalSince1970: -60), roundingUp: false) == "1969-12-31T23:59Z")
    }

    @Test func acsDateIsSecondsUTC() {
        #expect(AlibabaRPC.acsDate(Date(timeIntervalSince1970: 1_704_067_200.9)) == "2024-01-01T00:00:00Z")
        #expect(AlibabaRPC.acsDate(Date(timeIntervalSince1970: 1_698_315_752)) == "2023-10-26T10:22:32Z")
    }

    @Test func unixSecondsTreatsZeroAsUnsetAndHugeAsMilliseconds() {
        #expect(VendorTime.unixSeconds(0).date == nil)
        #expect(VendorTime.unixSeconds(1_576_506_856).date == Date(timeIntervalSince1970: 1_576_506_856))
        let millis = VendorTime.unixSeconds(1_576_506_856_000)
        #expect(millis.date == Date(timeIntervalSince1970: 1_576_506_856))
        #expect(millis.readAsMilliseconds)
    }
}
