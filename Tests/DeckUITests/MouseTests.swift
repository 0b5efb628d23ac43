import BackupModel
@testable import DeckUI
import Testing

@Suite("Mouse")
struct MouseTests {
    let size = Size(columns: 120, rows: 40)

    func click(_ state: inout State, x: Int, y: Int, _ kind: MouseEvent.Kind = .click) -> [Effect] {
        reduce(&state, .mouse(MouseEvent(kind: kind, x: x, y: y)))
    }

    @Test func clickSelectsTheRowAndFocusesItsPane() throws {
        var state = Fixture.loadedState(size: size)
        // The backups pane starts at column 54; its rows start under the header, on screen row 3.
        _ = click(&state, x: 70, y: 5)
        #expect(state.focus == .backups)
        #expect(state.selectedBackupID == "327329805")
        // The instances pane: the second instance, and its backups start loading.
        let effects = click(&state, x: 25, y: 3)
        #expect(state.focus == .instances)
        #expect(state.selectedInstanceID == "rm-2zeb61q0w7c4y")
        #expect(effects.contains { if case .loadBackups(_, "rm-2zeb61q0w7c4y", _, _) = $0 { true } else { false } })
        // Below the last row nothing happens.
        _ = click(&state, x: 25, y: 20)
        #expect(state.selectedInstanceID == "rm-2zeb61q0w7c4y")
    }

    @Test func doubleClickDrillsIn() {
        var state = Fixture.loadedState(size: size)
        _ = click(&state, x: 70, y: 4, .doubleClick)
        #expect(state.focus == .detail)
        #expect(state.selectedBackupID == "327329804")
    }

    @Test func theWheelMovesThePaneUnderThePointerAndLeavesFocusAlone() {
        var state = Fixture.loadedState(size: size)
        _ = click(&state, x: 70, y: 10, .wheelDown)
        #expect(state.focus == .providers)
        #expect(state.selectedBackupID == "327329806")
        _ = click(&state, x: 70, y: 10, .wheelUp)
        #expect(state.selectedBackupID == "327329803")
        // In the full detail view the wheel scrolls it.
        var detail = Fixture.loadedState(size: Size(columns: 80, rows: 16))
        _ = Fixture.press(&detail, .enter, .enter, .enter)
        _ = click(&detail, x: 10, y: 5, .wheelDown)
        #expect(detail.detailScroll == 3)
    }

    @Test func ignoredWhileAPromptOrHelpIsOpen() {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .char("?"))
        _ = click(&state, x: 70, y: 5)
        #expect(state.focus == .providers)
        #expect(state.help != nil)
    }
}
