@testable import CursesTerminal
import Testing

/// The exact bytes the terminal backend sends to put text on the clipboard.
@Suite struct OSC52Tests {
    @Test func plainSequenceIsBase64BetweenOSC52AndBEL() {
        #expect(OSC52.sequence(for: "327329803", environment: [:]) == "\u{1b}]52;c;MzI3MzI5ODAz\u{07}")
        // UTF-8 before base64: 订单 is six bytes.
        #expect(OSC52.sequence(for: "订单", environment: ["TERM": "xterm"]) == "\u{1b}]52;c;6K6i5Y2V\u{07}")
    }

    @Test func insideTmuxItIsWrappedInAPassthroughWithEscapesDoubled() {
        let bytes = OSC52.sequence(for: "327329803", environment: ["TMUX": "/tmp/tmux-0/default,123,0"])
        #expect(bytes == "\u{1b}Ptmux;\u{1b}\u{1b}]52;c;MzI3MzI5ODAz\u{07}\u{1b}\\")
    }

    @Test func insideScreenItIsCutIntoShortDCSPieces() {
        let text = String(repeating: "x", count: 300)
        let bytes = OSC52.sequence(for: text, environment: ["STY": "1234.pts-0.host"])
        let pieces = bytes.components(separatedBy: "\u{1b}\\").dropLast()
        #expect(pieces.count == 6)
        #expect(pieces.allSatisfy { $0.hasPrefix("\u{1b}P") && $0.count <= 2 + OSC52.screenChunk })
        let inner = pieces.map { String($0.dropFirst(2)) }.joined()
        #expect(inner == OSC52.sequence(for: text, environment: [:]))
    }
}
