import BackupModel
@testable import DeckUI
import Foundation
import Testing

@Suite("Command line")
struct CommandLineTests {
    let size = Size(columns: 120, rows: 30)

    func type(_ state: inout State, _ text: String) -> [Effect] {
        var effects: [Effect] = []
        for character in text { effects += reduce(&state, .key(.char(character))) }
        return effects
    }

    func run(_ state: inout State, _ line: String) -> [Effect] {
        var effects = Fixture.press(&state, .char(":"))
        effects += type(&state, line)
        return effects + Fixture.press(&state, .enter)
    }

    @Test func jumpsToAProviderAndFocusesItsInstances() throws {
        var state = Fixture.loadedState(size: size)
        let effects = run(&state, "rds-staging")
        #expect(state.prompt == nil)
        #expect(state.selectedProvider?.name == "rds-staging")
        #expect(state.focus == .instances)
        #expect(effects.contains { if case .loadInstances("rds-staging", _) = $0 { true } else { false } })
    }

    @Test func jumpsToAnInstanceByIDNameOrUniquePrefix() {
        var state = Fixture.loadedState(size: size)
        _ = run(&state, "user-db")
        #expect(state.selectedInstanceID == "rm-2zeb61q0w7c4y")
        #expect(state.focus == .backups)
        _ = run(&state, "pgm-2ze9k3m8v5")
        #expect(state.selectedInstanceID == "pgm-2ze9k3m8v5")
        _ = run(&state, "rm-2ze8")
        #expect(state.selectedInstanceID == "rm-2ze8n7f3k1a9x")
    }

    @Test func bkJumpsToALoadedBackupClearingAFilterThatHidesIt() {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .enter, .enter, .char("f"))
        #expect(state.shownBackups.map(\.id) == ["327329805"])
        _ = run(&state, "bk 327329806")
        #expect(state.selectedBackupID == "327329806")
        #expect(state.focus == .backups)
        #expect(state.statusFilter == .all)
    }

    @Test func bkFindsBackupsOfAnotherInstanceAndMovesThere() throws {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .enter)
        let token = try #require(loadToken(Fixture.press(&state, .down)))
        let other = Backup(id: "555", instanceID: "rm-2zeb61q0w7c4y", status: .ok, statusText: "Success", start: nil,
                           end: nil, size: nil, type: "Full", mode: "Manual", detail: .rds(Fixture.rdsDetail()))
        _ = reduce(&state, .backupsLoaded(token: token, items: [other], progress: Fixture.finished(1)))
        _ = Fixture.press(&state, .up)
        #expect(state.selectedInstanceID == "rm-2ze8n7f3k1a9x")
        _ = run(&state, "bk 555")
        #expect(state.selectedInstanceID == "rm-2zeb61q0w7c4y")
        #expect(state.selectedBackupID == "555")
    }

    @Test func unknownInputSaysSoAndStaysOpen() {
        var state = Fixture.loadedState(size: size)
        _ = run(&state, "nosuchthing")
        #expect(state.prompt?.kind == .command)
        #expect(state.prompt?.text == "nosuchthing")
        let status = render(state).lines[size.rows - 2]
        #expect(status.hasPrefix(":nosuchthing"))
        #expect(status.contains("✗ unknown: \"nosuchthing\" is not a provider"), "\(status)")
        #expect(state.prompt?.error?.hasSuffix("; the instances of 1 provider are not loaded yet") == true)
        // Typing again clears the error; Esc leaves.
        _ = Fixture.press(&state, .backspace)
        #expect(state.prompt?.error == nil)
        _ = Fixture.press(&state, .escape)
        #expect(state.prompt == nil)

        _ = run(&state, "bk 1")
        #expect(state.prompt?.error == "no backup \"1\" in the loaded lists")
    }

    @Test func themeAsksTheRuntimeAndChecksTheName() {
        var state = Fixture.loadedState(size: size)
        state.themeNames = ["default", "light", "mono"]
        #expect(run(&state, "theme light") == [.setTheme("light")])
        #expect(state.prompt == nil)
        _ = run(&state, "theme purple")
        #expect(state.prompt?.error == "no theme \"purple\" (default, light, mono)")
    }

    @Test func qQuits() {
        var state = Fixture.loadedState(size: size)
        #expect(run(&state, "q") == [.quit])
    }

    @Test func tabCompletesThenCyclesAndTheCandidatesShowInTheHintLine() {
        var state = Fixture.loadedState(size: size)
        state.themeNames = ["default", "high-contrast", "light"]
        _ = Fixture.press(&state, .char(":"))
        _ = type(&state, "rds-")
        _ = Fixture.press(&state, .tab)
        #expect(state.prompt?.text == "rds-prod", "nothing longer in common: the first candidate")
        #expect(state.prompt?.completions == ["rds-prod", "rds-staging"])
        #expect(render(state).lines.last == "rds-prod  rds-staging")
        _ = Fixture.press(&state, .tab)
        #expect(state.prompt?.text == "rds-staging")
        _ = Fixture.press(&state, .tab)
        #expect(state.prompt?.text == "rds-prod")

        _ = Fixture.press(&state, .ctrl("u"))
        _ = type(&state, "th")
        _ = Fixture.press(&state, .tab)
        #expect(state.prompt?.text == "theme ")
        _ = type(&state, "h")
        _ = Fixture.press(&state, .tab)
        #expect(state.prompt?.text == "theme high-contrast")

        _ = Fixture.press(&state, .ctrl("u"))
        _ = type(&state, "bk 32732980")
        _ = Fixture.press(&state, .tab)
        #expect(state.prompt?.completions.count == 4)
    }

    @Test func upAndDownWalkTheHistory() {
        var state = Fixture.loadedState(size: size)
        _ = run(&state, "rds-staging")
        _ = run(&state, "rds-prod")
        _ = Fixture.press(&state, .char(":"))
        _ = type(&state, "dr")
        _ = Fixture.press(&state, .up)
        #expect(state.prompt?.text == "rds-prod")
        _ = Fixture.press(&state, .up)
        #expect(state.prompt?.text == "rds-staging")
        _ = Fixture.press(&state, .up)
        #expect(state.prompt?.text == "rds-staging", "stops at the oldest")
        _ = Fixture.press(&state, .down, .down)
        #expect(state.prompt?.text == "dr", "back to what was being typed")
    }

    @Test func windowCommandSetsATypedRange() throws {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .enter, .enter)
        let effects = run(&state, "window 2026-01-01..2026-02-01")
        let expected = DateInterval(start: Fixture.utc(2026, 1, 1, 0, 0), end: Fixture.utc(2026, 2, 1, 0, 0))
        #expect(effects.contains { if case .loadBackups(_, _, .range(expected), _) = $0 { true } else { false } })
        #expect(render(state).lines[1].contains("backups · 2026-01-01..2026-02-01"))
    }
}
