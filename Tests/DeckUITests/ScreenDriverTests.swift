import BackupModel
import DeckUI
import ScreenDriver
import Testing

/// The driver reads a rendered grid and a tmux capture of the same screen alike.
@Suite("Screen driver")
struct ScreenDriverTests {
    @Test func aGridReadsAsPanesWithTheirTitlesRowsAndSelectedRow() throws {
        var state = Fixture.loadedState(size: Size(columns: 120, rows: 30))
        _ = Fixture.press(&state, .open, .open, .moveDown)
        let screen = Fixture.screen(state)
        let backups = try #require(screen.pane("backups"))
        #expect(backups.title == "backups · 4")
        #expect(backups.rows.first?.contains("START (UTC) ▼") == true, "the header is the first row")
        #expect(backups.selectedRow?.hasPrefix("● 327329804") == true)
        // The instances pane keeps its (inactive) cursor on the instance whose backups these are.
        #expect(screen.pane("instances")?.selectedRow?.hasPrefix("订单库主实例") == true)
        #expect(screen.pane("backup 327329804") != nil, "the preview")
        #expect(screen.breadcrumbs.hasPrefix("backdeck › rds-prod › "))
        #expect(screen.hints.contains("q quit"))
    }

    @Test func aTmuxCaptureReadsTheSame() throws {
        // Two panes side by side; the second row of the right one has a background (a cursor), a wide glyph on the left.
        let capture = [
            "┌─ left ──┐┌─ right · 2 ─┐",
            "│订单     ││one          │",
            "│         ││\u{1b}[30;48;5;37mtwo          \u{1b}[0m│",
            "└─────────┘└─────────────┘",
            "status",
            "\u{1b}[1mq\u{1b}[22m quit",
        ].joined(separator: "\n") + "\n"
        let screen = Screen(tmuxCapture: capture, columns: 26)
        #expect(screen.panes.map(\.title) == ["left", "right · 2"])
        #expect(screen.pane("left")?.rows == ["订单", ""])
        #expect(screen.pane("left")?.selectedRow == nil)
        #expect(screen.pane("right")?.rows == ["one", "two"])
        #expect(screen.pane("right")?.selectedRow == "two")
        #expect(screen.statusLine == "status")
        #expect(screen.hints == "q quit")
    }

    @Test func pressLooksTheKeyUpInTheKeymapSoARebindingDoesNotBreakATest() {
        var keymap = Keymap.standard
        #expect(keymap.key(for: .open) == .enter)
        keymap.bindings.removeAll { $0.command == .open }
        keymap.bindings.insert(KeyBinding(keys: [.char("o")], command: .open, hint: "open", help: "", focuses: [.providers, .instances, .backups]), at: 0)
        var state = State(providers: Fixture.providers, size: Size(columns: 120, rows: 30), banner: "", keymap: keymap)
        _ = reduce(&state, .start)
        _ = Fixture.press(&state, .open)
        #expect(state.focus == .instances)
        #expect(Key.ctrl("u").tmuxName == "C-u" && Key.pageDown.tmuxName == "NPage")
    }
}
