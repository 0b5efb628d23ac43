import BackupModel
import Foundation
import Testing
@testable import DeckUI

@Test func zzTiming() throws {
    var t = Date()
    let all = LargeListTests.backups(100_000)
    print("build", Date().timeIntervalSince(t)); t = Date()
    var list = ItemList<Backup>()
    list.receive(page: all, progress: Fixture.finished(100_000))
    print("receive", Date().timeIntervalSince(t)); t = Date()
    var state = try LargeListTests.state(backups: 100_000, size: Size(columns: 120, rows: 40))
    print("state", Date().timeIntervalSince(t)); t = Date()
    for _ in 0..<100 { _ = reduce(&state, .key(.down)) }
    print("100 keys", Date().timeIntervalSince(t)); t = Date()
    for _ in 0..<100 { _ = render(state) }
    print("100 renders", Date().timeIntervalSince(t)); t = Date()
}
