import Foundation

/// The bytes that put text on the user's local clipboard through the terminal (OSC 52), which works over SSH
/// without X11. Inside tmux (`TMUX` set) the sequence is wrapped in tmux's DCS passthrough; inside GNU screen
/// (`STY` set) it is cut into pieces each wrapped in a DCS, since screen limits one DCS string to a few hundred bytes.
public enum OSC52 {
    /// `ESC ] 52 ; c ; BASE64 BEL`, wrapped for the multiplexer the environment names.
    public static func sequence(for text: String, environment: [String: String]) -> String {
        let plain = "\u{1b}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
        if let tmux = environment["TMUX"], !tmux.isEmpty {
            // Every ESC inside the passthrough is doubled; tmux needs `allow-passthrough on` (3.3+) or its own
            // `set-clipboard` to hand it on.
            return "\u{1b}Ptmux;" + plain.replacingOccurrences(of: "\u{1b}", with: "\u{1b}\u{1b}") + "\u{1b}\\"
        }
        if let screen = environment["STY"], !screen.isEmpty {
            let characters = Array(plain)
            return stride(from: 0, to: characters.count, by: screenChunk).map { start in
                "\u{1b}P" + String(characters[start..<min(characters.count, start + screenChunk)]) + "\u{1b}\\"
            }.joined()
        }
        return plain
    }

    /// Bytes per DCS piece for screen (its limit is 768 including the wrapper).
    static let screenChunk = 76
}

extension CursesTerminal {
    /// Sends the text to the clipboard (see `OSC52`); it never shows on screen.
    public func copyToClipboard(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        Self.writeRaw(OSC52.sequence(for: text, environment: environment))
    }
}
