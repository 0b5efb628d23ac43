import BackupModel
@testable import DeckUI
import Testing

@Suite("Help and key rebinding")
struct HelpAndKeysTests {
    let size = Size(columns: 100, rows: 40)

    @Test func questionMarkListsEveryKeyOfThePaneFromTheKeymap() {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .enter, .enter, .char("?"))
        #expect(state.help?.place == .pane(.backups))
        let lines = render(state).lines
        #expect(lines[2].contains("┌─ help · backups · esc closes "), "\(lines[2])")
        for binding in Keymap.standard.bindings where binding.focuses.contains(.backups) {
            let keys = binding.keys.map { $0.label() }.joined(separator: " ")
            #expect(lines.contains { $0.contains(keys) && $0.contains(String(binding.help.prefix(30))) },
                    "help lacks \(binding.command)\n\(lines.joined(separator: "\n"))")
        }
        // Keys of other panes only are not listed: the detail view has no sort.
        _ = Fixture.press(&state, .escape)
        #expect(state.help == nil)
        _ = Fixture.press(&state, .enter, .char("?"))
        let detail = render(state).lines
        #expect(detail.contains { $0.contains("Scroll") || $0.contains("scroll down") })
        #expect(!detail.contains { $0.contains("Sort the backups") })
    }

    @Test func helpScrollsWhenTallerThanTheScreenAndClosesWithQWithoutQuitting() {
        var state = Fixture.loadedState(size: Size(columns: 80, rows: 16))
        _ = Fixture.press(&state, .enter, .enter, .char("?"))
        let before = render(state).lines
        #expect(before.contains { $0.contains(" of ") && $0.contains("1–") }, "\(before.joined(separator: "\n"))")
        _ = Fixture.press(&state, .char("j"))
        #expect(state.help?.scroll == 1)
        #expect(render(state).lines != before)
        let effects = Fixture.press(&state, .char("q"))
        #expect(effects.isEmpty)
        #expect(state.help == nil)
        #expect(Fixture.press(&state, .ctrl("c")) == [.quit])
    }

    @Test func helpFollowsARebinding() throws {
        let keymap = try Keymap.standard.rebinding([(.reload, [.char("R")]), (.sort, [])])
        var state = State(providers: Fixture.providers, size: size, banner: Fixture.banner, keymap: keymap)
        _ = Fixture.press(&state, .char("?"))
        let lines = render(state).lines
        #expect(lines.contains { $0.contains("R ") && $0.contains("Reload the focused list") })
        #expect(!lines.contains { $0.contains("Sort the backups") })
    }

    @Test func rebindingMovesAKeyAndDisablesCommands() throws {
        let keymap = try Keymap.standard.rebinding([(.moveDown, [.char("n"), .down]), (.reload, [.char("j")]), (.sort, [])])
        #expect(keymap.command(for: .char("n"), in: .backups) == .moveDown)
        #expect(keymap.command(for: .char("j"), in: .backups) == .reload, "j taken from down")
        #expect(keymap.command(for: .char("r"), in: .backups) == nil)
        #expect(keymap.command(for: .char("s"), in: .backups) == nil)
        #expect(keymap.command(for: .char("S"), in: .backups) == .reverseSort)
        #expect(keymap.hints(for: .backups).first?.keys == "n/↓")
        var state = Fixture.loadedState(size: size)
        state.keymap = keymap
        _ = Fixture.press(&state, .enter, .enter, .char("n"))
        #expect(state.selectedBackupID == "327329804")
    }

    @Test func twoCommandsGivenOneKeyAreAConflict() {
        #expect(throws: KeyConflict(key: .char("x"), first: .reload, second: .sort)) {
            try Keymap.standard.rebinding([(.reload, [.char("x")]), (.sort, [.char("x")])])
        }
        // A command keeping a key it already had is no conflict.
        #expect(throws: Never.self) {
            try Keymap.standard.rebinding([(.statusFilter, [.char("x")]), (.open, [.enter])])
        }
    }

    @Test func keyNames() {
        #expect(Key(name: "j") == .char("j"))
        #expect(Key(name: "G") == .char("G"))
        #expect(Key(name: "PgDn") == .pageDown)
        #expect(Key(name: "ctrl-n") == .ctrl("n"))
        #expect(Key(name: "esc") == .escape)
        #expect(Key(name: "space") == .char(" "))
        #expect(Key(name: "shift-tab") == .backTab)
        #expect(Key(name: "ctrl-") == nil)
        #expect(Key(name: "jk") == nil)
        #expect(Key(name: "") == nil)
    }
}

@Suite("Overlay keys from the keymap")
struct OverlayKeysTests {
    let size = Size(columns: 100, rows: 40)

    @Test func aReboundOverlayKeyWorksAndTheOldOneNoLonger() throws {
        let keymap = try Keymap.standard.rebinding([(.close, [.char("c")]), (.downloads, [.char("v")])])
        var state = Fixture.loadedState(size: size)
        state.keymap = keymap
        _ = Fixture.press(&state, .enter, .enter)
        _ = Fixture.press(&state, .downloads)
        #expect(state.keyPlace == .overlay(.downloads))
        _ = Fixture.press(&state, .escape)
        #expect(state.keyPlace == .overlay(.downloads), "esc no longer closes")
        _ = Fixture.press(&state, .char("c"))
        #expect(state.keyPlace == .pane(.backups))
        _ = Fixture.press(&state, .char("v"), .char("v"))
        #expect(state.keyPlace == .pane(.backups), "the downloads key closes the list again")
    }

    @Test func theHintLineAndHelpListTheOverlaysKeys() {
        var state = Fixture.loadedState(size: size)
        _ = Fixture.press(&state, .enter, .enter, .char("y"))
        #expect(state.keyPlace == .overlay(.copyMenu))
        let hints = Fixture.screen(state).hints
        #expect(hints.contains("⏎ copy") && hints.contains("1-9 pick") && hints.contains("esc close"), "\(hints)")
        _ = Fixture.press(&state, .help)
        #expect(state.help?.place == .overlay(.copyMenu))
        let lines = render(state).lines
        #expect(lines.contains { $0.contains("help · copy menu · esc closes") })
        for binding in Keymap.standard.bindings where binding.applies(in: .overlay(.copyMenu)) {
            #expect(lines.contains { $0.contains(String(binding.help.prefix(25))) }, "help lacks \(binding.command)")
        }
        #expect(!lines.contains { $0.contains("Sort the backups") })
        _ = Fixture.press(&state, .close)
        #expect(state.keyPlace == .overlay(.copyMenu), "closing help returns to the menu")
    }

    @Test func pickNumberFollowsTheOrderOfItsKeys() throws {
        let keymap = try Keymap.standard.rebinding([(.pickNumber, [.char("a"), .char("b")])])
        var state = Fixture.loadedState(size: size)
        state.keymap = keymap
        _ = Fixture.press(&state, .enter, .enter, .char("y"))
        #expect(Fixture.press(&state, .char("1")).isEmpty)
        #expect(state.keyPlace == .overlay(.copyMenu), "1 no longer picks")
        let effects = Fixture.press(&state, .char("b"))
        #expect(!effects.isEmpty, "b picks the second entry")
        #expect(state.keyPlace == .pane(.backups))
    }

    @Test func aRebindingKeepsACommandsRowsInEachPlace() throws {
        let keymap = try Keymap.standard.rebinding([(.reload, [.char("R")]), (.confirm, [.char("o")])])
        #expect(keymap.command(for: .char("R"), at: .pane(.detail)) == .reload)
        #expect(keymap.command(for: .char("o"), at: .overlay(.quitPrompt)) == .confirm)
        #expect(keymap.command(for: .char("o"), at: .overlay(.overwritePrompt)) == .confirm)
        #expect(keymap.command(for: .char("y"), at: .overlay(.overwritePrompt)) == nil)
    }
}
