import BackupModel
@testable import CloudAPI
import Foundation
import Testing

/// Each backup keeps its vendor record as JSON text (for `J` and `list --format json`).
@Suite struct RawRecordTests {
    @Test func backupsKeepTheirRecordAsSentInTheVendorsOrder() throws {
        let page = try decodeBackups(#"""
            {"RequestId":"R","TotalRecordCount":"1","PageRecordCount":"1","PageNumber":"1",
             "Items":{"Backup":[{"BackupId":"321020562","BackupSize":18446744073709,"IsAvail":1,
               "Ratio":0.5,"Big":18446744073709551615,"Flag":true,"Gone":null,"Text":"a\"b\u001b[31m订单",
               "BackupDownloadLinkByDB":{"BackupDownloadLinkByDB":[{"DataBase":"db","DownloadLink":"http://x?Expires=1"}]},
               "Empty":[]}]}}
            """#)
        let raw = try #require(page.items.first?.raw)
        // The vendor's own text: its key order, its escapes and digits; only the whitespace between tokens goes.
        #expect(raw == #"{"BackupId":"321020562","BackupSize":18446744073709,"IsAvail":1,"Ratio":0.5,"#
            + #""Big":18446744073709551615,"Flag":true,"Gone":null,"Text":"a\"b\u001b[31m订单","#
            + #""BackupDownloadLinkByDB":{"BackupDownloadLinkByDB":[{"DataBase":"db","DownloadLink":"http://x?Expires=1"}]},"#
            + #""Empty":[]}"#)
        // It parses back to the same values.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(raw.utf8)) as? [String: Any])
        #expect(object["Text"] as? String == "a\"b\u{1b}[31m订单")
    }
}
