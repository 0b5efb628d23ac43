internal import CNcursesw
import DeckUI
import Foundation

/// What the terminal reports between frames.
public enum TerminalEvent: Sendable, Equatable {
    case key(Key)
    case mouse(MouseEvent)
    case resized(Size)
}

public struct TerminalStartError: Error, CustomStringConvertible {
    public let description: String
}

/// The only code that touches the terminal. Lives on the main thread; `stop()` restores the terminal and is safe to
/// call more than once (quit, signals and fatal errors all end here).
@MainActor
public final class CursesTerminal {
    public private(set) var size: Size
    /// Set when the terminal type had to be replaced, so the UI can say why colours or keys may look off.
    public let startupNote: String?
    private var palette: Palette
    private var lastPresented: Grid?
    private var stopped = false
    private let synchronizedOutput: Bool

    /// Starts curses. `theme` decides colours; `useColor: false` (NO_COLOR) keeps attributes only.
    public init(theme: Theme, useColor: Bool) throws(TerminalStartError) {
        Self.selectUTF8Locale()
        var note: String?
        if bd_newterm(nil) == nil {
            // An unknown TERM (xterm-kitty on an old bastion) would make initscr() exit the process: retry with a
            // type every terminfo has, and say so.
            let term = ProcessInfo.processInfo.environment["TERM"] ?? "(unset)"
            guard bd_newterm("xterm-256color") != nil else {
                throw TerminalStartError(description: "cannot start the terminal: no terminfo for TERM=\(term) nor xterm-256color")
            }
            note = "no terminfo for TERM=\(term); using xterm-256color"
        }
        bd_setup_input()
        let colors = useColor && bd_has_colors() != 0 && bd_start_color() == OK
        palette = Palette(theme: theme, colorDepth: colors ? Int(bd_colors()) : 0, maxPairs: colors ? Int(bd_color_pairs()) : 0)
        size = Size(columns: Int(bd_cols()), rows: Int(bd_lines()))
        startupNote = note
        // tmux and most modern terminals honour DEC mode 2026; others ignore it. It stops half-drawn frames over slow links.
        synchronizedOutput = ProcessInfo.processInfo.environment["BACKDECK_NO_SYNC_OUTPUT"] == nil
    }

    /// Restores the terminal (cooked mode, cursor, main screen). Idempotent.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        _ = bd_endwin()
        bd_flush_stdout()
    }

    /// Switches theme live; the next frame is repainted in full.
    public func apply(theme: Theme, useColor: Bool) {
        let depth = useColor && bd_has_colors() != 0 ? Int(bd_colors()) : 0
        palette = Palette(theme: theme, colorDepth: depth, maxPairs: depth > 0 ? Int(bd_color_pairs()) : 0)
        lastPresented = nil
    }

    /// Every key that is pending, decoded. ncurses may hold bytes poll() cannot see, so drain until ERR.
    public func readEvents() -> [TerminalEvent] {
        var events: [TerminalEvent] = []
        var code: UInt32 = 0
        while true {
            let result = bd_get_wch(&code)
            if result == ERR { break }
            if result == KEY_CODE_YES {
                if Int32(code) == KEY_MOUSE {
                    if let event = Self.mouseEvent() { events.append(.mouse(event)) }
                } else if Int32(code) == KEY_RESIZE {
                    size = Size(columns: Int(bd_cols()), rows: Int(bd_lines()))
                    lastPresented = nil
                    events.append(.resized(size))
                } else if let key = KeyDecoder.functionKey(Int32(code)) {
                    events.append(.key(key))
                }
            } else if let key = KeyDecoder.character(code) {
                events.append(.key(key))
            }
        }
        return events
    }

    /// Reports clicks and the wheel (config `mouse = true`); off by default so terminal text selection works.
    public func enableMouse() {
        bd_mouse(1)
    }

    private static func mouseEvent() -> MouseEvent? {
        var x: Int32 = 0
        var y: Int32 = 0
        let kind: MouseEvent.Kind
        switch bd_mouse_event(&x, &y) {
        case 1: kind = .click
        case 2: kind = .doubleClick
        case 4: kind = .wheelUp
        case 5: kind = .wheelDown
        default: return nil
        }
        return MouseEvent(kind: kind, x: Int(x), y: Int(y))
    }

    /// Draws the grid: only the cells that differ from the last frame go to ncurses, which sends only what differs
    /// from the screen; an unchanged grid sends nothing.
    public func present(_ grid: Grid) {
        guard !stopped, grid != lastPresented else { return }
        let previous = lastPresented.flatMap { $0.size == grid.size ? $0 : nil }
        let rows = min(grid.size.rows, size.rows)
        let columns = min(grid.size.columns, size.columns)
        var changedRows = 0
        for y in 0..<rows {
            var rowChanged = false
            var x = 0
            while x < columns {
                let cell = grid[x, y]
                if cell.width == 0 { x += 1; continue }  // right half of a wide glyph: already drawn
                let width = max(1, cell.width)
                // A wide glyph is redrawn whenever its cell or its right half changed.
                if let previous, previous[x, y] == cell, width == 1 || (x + 1 < columns && previous[x + 1, y] == grid[x + 1, y]) {
                    x += width
                    continue
                }
                rowChanged = true
                let look = palette.look(for: cell.role)
                var text = cell.text
                // A wide glyph in the last column would wrap: draw a space instead.
                if cell.width == 2 && x == columns - 1 { text = " " }
                Self.put(text, y: y, x: x, attrs: look.attributes, pair: look.pair)
                x += width
            }
            if rowChanged { changedRows += 1 }
        }
        // Synchronised output keeps a slow link from showing half a frame; a cursor step (a few rows) cannot tear
        // visibly, and its 16 bytes of brackets would be a tenth of the step.
        let bracket = synchronizedOutput && changedRows > Self.smallFrameRows
        if bracket { Self.writeRaw("\u{1b}[?2026h") }
        _ = bd_refresh()
        if bracket { Self.writeRaw("\u{1b}[?2026l") }
        lastPresented = grid
    }

    /// Frames that change at most this many rows are sent without synchronised-output brackets.
    static let smallFrameRows = 4

    /// Forces the next frame to repaint every cell (Ctrl-L).
    public func invalidate() {
        _ = bd_clearok()
        lastPresented = nil
    }

    /// Writes bytes straight to the tty, after curses' own output (synchronised-output brackets; OSC 52 later).
    public static func writeRaw(_ text: String) {
        bd_flush_stdout()
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }

    private static func put(_ text: String, y: Int, x: Int, attrs: UInt32, pair: Int32) {
        // wchar_t is UTF-32 on Linux; a grapheme is at most a few scalars (base + combining marks), NUL-terminated.
        var scalars: [wchar_t] = []
        scalars.reserveCapacity(4)
        for scalar in text.unicodeScalars.prefix(4) { scalars.append(wchar_t(bitPattern: scalar.value)) }
        if scalars.isEmpty { scalars.append(32) }
        scalars.append(0)
        _ = scalars.withUnsafeBufferPointer { bd_put_cell(Int32(y), Int32(x), $0.baseAddress, attrs, pair) }
    }

    /// Without a UTF-8 locale CJK renders as blanks: take the environment's, else C.UTF-8 (always on Debian).
    private static func selectUTF8Locale() {
        _ = setlocale(LC_ALL, "")
        if !isUTF8Codeset() { _ = setlocale(LC_ALL, "C.UTF-8") }
    }

    private static func isUTF8Codeset() -> Bool {
        guard let codeset = bd_codeset() else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}
