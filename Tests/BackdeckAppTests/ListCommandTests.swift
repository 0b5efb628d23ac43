@testable import BackdeckApp
import BackupModel
import Foundation
import Testing

@Suite struct ListCommandUnitTests {
    @Test func agesAndTimesParse() {
        #expect(ListCommand.parseDuration("7d") == 604_800.0)
        #expect(ListCommand.parseDuration("90m") == 5_400.0)
        #expect(ListCommand.parseDuration("2w") == 1_209_600.0)
        #expect(ListCommand.parseDuration("7") == nil)
        #expect(ListCommand.parseDuration("0d") == nil)
        #expect(ListCommand.parseTime("2026-11-01") == Date(timeIntervalSince1970: 1_793_491_200))
        #expect(ListCommand.parseTime("2026-11-01T02:00Z") == Date(timeIntervalSince1970: 1_793_498_400))
        #expect(ListCommand.parseTime("2026-11-01 10:00:00+08:00") == Date(timeIntervalSince1970: 1_793_498_400))
        #expect(ListCommand.parseTime("2026-02-30") == nil)
        #expect(ListCommand.parseTime("yesterday") == nil)
    }

    @Test func fieldsParseInOrderAndUnknownOnesAreNamed() throws {
        #expect(try ListCommand.parseFields("id,size,raw") == [.id, .size, .raw])
        #expect(throws: ListCommand.UsageError.self) { try ListCommand.parseFields("id,colour") }
    }

    static func row(_ id: String, status: BackupStatus = .ok, text: String = "Success") -> ListCommand.Row {
        let detail = RDSBackupDetail(mode: "Automated", type: "FullBackup", method: "Physical", initiator: "System", engine: "MySQL",
                                     engineVersion: "8.0", consistentTime: nil, checksum: "1", downloadURL: nil, intranetDownloadURL: nil,
                                     databaseLinks: [], isAvailable: true, storeStatus: "", expectExpireTime: nil, hostInstanceID: "")
        var backup = Backup(id: id, instanceID: "rm-订单", status: status, statusText: text,
                            start: Date(timeIntervalSince1970: 1_793_498_400), end: Date(timeIntervalSince1970: 1_793_502_125),
                            size: ByteCount(bytes: 2_170_000), type: "Full", mode: "Auto", detail: .rds(detail))
        backup.raw = #"{"BackupId":"\#(id)"}"#
        return ListCommand.Row(provider: ProviderConfig(name: "p", service: .alibabaRDS, region: "cn"), backup: backup)
    }

    @Test func csvQuotesWhatNeedsIt() {
        let text = ListCommand.csv([Self.row("1", text: "Odd, \"quoted\"\nline")], fields: [.id, .vendorStatus, .size, .duration, .start])
        #expect(text == "id,vendor_status,size,duration,start\n1,\"Odd, \"\"quoted\"\"\nline\",2170000,3725,2026-11-01T02:00:00Z\n")
    }

    @Test func jsonEmbedsTheRawRecordAndNumbers() throws {
        let text = ListCommand.json([Self.row("1"), Self.row("2")], fields: [.id, .size, .start, .raw])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(parsed.count == 2)
        #expect(parsed[0]["size"] as? Int == 2_170_000)
        #expect((parsed[1]["raw"] as? [String: Any])?["BackupId"] as? String == "2")
        #expect(ListCommand.json([], fields: [.id]) == "[]\n")
    }

    @Test func tableDropsColumnsFromTheRightToFitAndSanitises() {
        let rows = [Self.row("327329803", text: "Bad\u{1b}[31m")]
        let wide = ListCommand.table(rows, fields: [.provider, .instance, .id, .size, .vendorStatus], width: 120)
        #expect(wide == """
            PROVIDER  INSTANCE  ID             SIZE  VENDOR STATUS
            p         rm-订单   327329803  2.07 MiB  Bad\\e[31m

            """)
        let narrow = ListCommand.table(rows, fields: [.provider, .instance, .id, .size, .vendorStatus], width: 30)
        #expect(narrow.split(separator: "\n").first == "PROVIDER  INSTANCE  ID")
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 30 })
    }
}
