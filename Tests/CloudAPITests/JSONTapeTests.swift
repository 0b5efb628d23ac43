import BackupModel
@testable import CloudAPI
import Foundation
import Testing

private func tape(_ text: String) throws -> JSONTape {
    try JSONTape(Array(text.utf8))
}

private func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
    try decodeJSON(type, from: Array(text.utf8))
}

/// The one-pass reader every response body goes through (`JSONTape`) and the decoder over it.
@Suite struct JSONTapeTests {
    @Test func everyFormOfValueIsReadWithItsKindAndExtent() throws {
        let text = #" {"o":{},"a":[1,"x",true,false,null,{"k":[]}],"s":"t","n":-1.5e3} "#
        let read = try tape(text)
        #expect(read.entries.map(\.kind) == [.object, .string, .object, .string, .array, .number, .string, .true,
                                             .false, .null, .object, .string, .array, .string, .string, .string,
                                             .number])
        #expect(read.entries[0].count == 4)
        #expect(read.entries[4].count == 6)
        #expect(Int(read.entries[0].next) == read.entries.count)
        #expect(read.compactText(4) == #"[1,"x",true,false,null,{"k":[]}]"#)
        #expect(read.numberText(16) == "-1.5e3")
    }

    @Test func escapesAreResolvedIncludingSurrogatePairs() throws {
        let value = try decode(String.self, #""q\" b\\ s\/ \b\f\n\r\t \u00e9 \u8ba2 \ud83d\ude00""#)
        #expect(value == "q\" b\\ s/ \u{08}\u{0C}\n\r\t é 订 😀")
    }

    @Test func loneSurrogatesBecomeTheReplacementCharacter() throws {
        #expect(try decode(String.self, #""a\ud83d b""#) == "a\u{FFFD} b")
        #expect(try decode(String.self, #""a\ude00""#) == "a\u{FFFD}")
        #expect(try decode(String.self, #""\ud83d\u0041""#) == "\u{FFFD}A")
    }

    @Test func invalidUTF8InAStringIsReplacedNotRefused() throws {
        let body: [UInt8] = Array(#"{"BackupId":"a"#.utf8) + [0xFF, 0xC3] + Array(#"b"}"#.utf8)
        let read = try JSONTape(body)
        #expect(read.string(2) == "a\u{FFFD}\u{FFFD}b")
    }

    @Test func integersAtTheEdgesOfInt64() throws {
        #expect(try decode(Int64.self, "9223372036854775807") == .max)
        #expect(try decode(Int64.self, "-9223372036854775808") == .min)
        #expect(throws: DecodingError.self) { try decode(Int64.self, "9223372036854775808") }
        #expect(try decode(UInt64.self, "18446744073709551615") == .max)
        #expect(try decode(FlexibleInt.self, "2167808.0").value == 2_167_808)
        #expect(try decode(FlexibleInt.self, "1e3").value == 1000)
        #expect(try decode(FlexibleInt.self, #"" 42 ""#) == FlexibleInt(value: 42, wasText: true))
        #expect(throws: DecodingError.self) { try decode(FlexibleInt.self, "1.5") }
        #expect(throws: DecodingError.self) { try decode(FlexibleInt.self, "1e19") }
    }

    @Test func numbersBeyondDoubleAreUnreadableNotInfinite() throws {
        #expect(throws: DecodingError.self) { try decode(Double.self, "1e309") }
        #expect(throws: DecodingError.self) { try decode(FlexibleString.self, "-1e309") }
        #expect(try decode(FlexibleString.self, "18446744073709551615").value == "1.8446744073709552e+19")
        #expect(try decode(FlexibleString.self, "0.5").value == "0.5")
        #expect(try decode(Double.self, "-0") == 0)
    }

    @Test func malformedNumbersAreSyntaxErrors() {
        for text in ["01", "-", "1.", ".5", "1e", "1e+", "+1", "0x10", "1.5.2", "NaN", "Infinity"] {
            #expect(throws: JSONSyntaxError.self, "\(text)") { try tape(text) }
        }
    }

    @Test func truncatedAndInvalidBodiesAreRefusedWithTheirOffset() throws {
        for text in ["", " ", "{", #"{"a""#, #"{"a":"#, #"{"a":1"#, #"{"a":1,"#, "[1,2", #""abc"#, #""\u12"#,
                     #""\"#, "tru", "nul", "{a:1}", "{'a':1}", "[1,]", #"{"a":1,}"#, "[1] [2]", #""a\x""#,
                     "\"tab\there\""] {
            #expect(throws: JSONSyntaxError.self, "\(text)") { try tape(text) }
        }
        let error = #expect(throws: JSONSyntaxError.self) { try tape(#"{"a": [1, 2 x]}"#) }
        #expect(error?.offset == 12)
    }

    @Test func nestingIsLimitedWithoutExhaustingTheStack() throws {
        let depth = JSONTape.maxDepth
        let allowed = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(try tape(allowed).entries.count == JSONTape.maxDepth)
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error = #expect(throws: JSONSyntaxError.self) { try tape(deep) }
        #expect(error?.reason.contains("nested deeper") == true)
    }

    @Test func rawTextIsTheValuesOwnBytesWithoutTheWhitespaceBetweenTokens() throws {
        let read = try tape("{ \"list\" : [ { \"b\" : \"x y\\\" z\" ,\n\t\"a\" : [ 1 , 2 ] } ] }")
        #expect(read.compactText(3) == #"{"b":"x y\" z","a":[1,2]}"#)
        #expect(read.compactText(0) == #"{"list":[{"b":"x y\" z","a":[1,2]}]}"#)
    }

    @Test func keysAreFoundInAnyOrderAndEscapedKeysToo() throws {
        struct Record: Decodable, Equatable {
            var a: String
            var b: Int
            var c: Bool?
        }
        #expect(try decode(Record.self, #"{"c":true,"b":2,"x":null,"a":"A"}"#) == Record(a: "A", b: 2, c: true))
        #expect(try decode(Record.self, #"{"\u0061":"A","b":2}"#) == Record(a: "A", b: 2, c: nil))
        let error = #expect(throws: DecodingError.self) { try decode(Record.self, #"{"a":"A"}"#) }
        guard case .keyNotFound(let key, _)? = error else { Issue.record("expected keyNotFound"); return }
        #expect(key.stringValue == "b")
    }

    @Test func arraysDecodeElementByElementWithTheirPath() throws {
        #expect(try decode([Int?].self, "[1,null,3]") == [1, nil, 3])
        let error = #expect(throws: DecodingError.self) { try decode([String].self, #"["a",2]"#) }
        guard case .typeMismatch(_, let context)? = error else { Issue.record("expected typeMismatch"); return }
        #expect(context.codingPath.map { $0.intValue } == [1])
    }

    @Test func shapesAreReadByLooking() throws {
        #expect(try decode([JSONShape].self, #"[{},[],"",0,true,null]"#)
            == [.object, .array, .string, .number, .bool, .null])
    }

    @Test func aRecordWithAnUnreadableNumberIsKeptWithItsRawTextAndANote() throws {
        let page = try decodeBackups(#"""
            {"TotalRecordCount":2,"Items":{"Backup":[
              {"BackupId":"1","BackupSize":1e309,"BackupStatus":"Success"},
              {"BackupId":"2","BackupSize":5,"BackupStatus":"Success"}]}}
            """#)
        #expect(page.items.map(\.id) == ["1", "2"])
        #expect(page.items[0].size == nil)
        #expect(page.items[0].anomalies.contains { $0.hasPrefix("BackupSize") })
        #expect(page.items[0].raw == #"{"BackupId":"1","BackupSize":1e309,"BackupStatus":"Success"}"#)
        #expect(page.items[1].raw == #"{"BackupId":"2","BackupSize":5,"BackupStatus":"Success"}"#)
    }

    @Test func invalidUTF8InOneRecordLeavesEveryRecordItsRawText() throws {
        let body: [UInt8] = Array(#"{"Items":{"Backup":[{"BackupId":"1","BackupStatus":"Succ"#.utf8) + [0xFF]
            + Array(#"ess"},{"BackupId":"2","BackupStatus":"Success"}]}}"#.utf8)
        let result = HTTPResult(status: 200, headers: [], body: body)
        let response = try AlibabaRPC.decode(result, action: "DescribeBackups", as: RDSDescribeBackupsResponse.self)
        let page = testRDSClient().backupsPage(response, instanceID: "rm-requested",
                                               page: PageRequest(number: 1, size: 30))
        #expect(page.items.map(\.id) == ["1", "2"])
        #expect(page.items[0].statusText == "Succ\u{FFFD}ess")
        #expect(page.items[0].raw == #"{"BackupId":"1","BackupStatus":"Succ\#u{FFFD}ess"}"#)
        #expect(page.items[1].raw == #"{"BackupId":"2","BackupStatus":"Success"}"#)
    }

    @Test func aBodyThatIsNotJSONIsAPageErrorNotAnEmptyPage() {
        for body in [#"{"Items":{"Backup":[{"BackupId":"1"}]"#, "<html>busy</html>",
                     String(repeating: "[", count: 600) + String(repeating: "]", count: 600)] {
            #expect(decodingError(body)?.kind == .decoding, "\(body.prefix(30))")
        }
    }
}

/// The native trimming the decoders use trims exactly what Foundation's `trimmingCharacters(in:)` does.
@Suite struct TrimmingTests {
    static let samples = ["", " ", "a", " a ", "\ta b\t", "\u{00A0}x\u{3000}", "\r\nx\n", "\u{2028}x\u{2029}",
                          "\u{0085}x", "\u{200B}x", "\u{180E}x", "\u{FEFF}x", "订单 ", " \u{1F600} ",
                          "x\u{000B}\u{000C}", "\u{1680}a\u{202F}"]

    @Test(arguments: samples) func whitespaceMatchesFoundation(_ text: String) {
        #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
