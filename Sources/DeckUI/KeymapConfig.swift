/// Rebinding keys from the config's `[keys]` table:
///
/// ```toml
/// [keys]
/// reload = "R"                 # one key
/// down = ["j", "down", "ctrl-n"]
/// sort = []                    # disabled
/// ```
///
/// Key names: a single character (`j`, `G`, `/`), `up` `down` `left` `right` `pgup` `pgdn` `home` `end` `enter`
/// `esc` `tab` `backtab` `backspace` `space`, and `ctrl-X`. Ctrl-C always quits, whatever the table says.
extension Key {
    public init?(name: String) {
        let lower = name.lowercased()
        switch lower {
        case "up": self = .up
        case "down": self = .down
        case "left": self = .left
        case "right": self = .right
        case "pgup", "pageup", "page-up": self = .pageUp
        case "pgdn", "pagedown", "page-down": self = .pageDown
        case "home": self = .home
        case "end": self = .end
        case "enter", "return": self = .enter
        case "esc", "escape": self = .escape
        case "tab": self = .tab
        case "backtab", "shift-tab", "s-tab": self = .backTab
        case "backspace", "bksp": self = .backspace
        case "space": self = .char(" ")
        default:
            if lower.hasPrefix("ctrl-"), lower.count == 6, let letter = lower.last, letter.isASCII, letter.isLetter {
                self = .ctrl(letter)
            } else if name.count == 1, let character = name.first, !character.isWhitespace,
                      character.unicodeScalars.allSatisfy({ $0.value >= 0x21 && $0.value != 0x7F }) {
                self = .char(character)
            } else {
                return nil
            }
        }
    }
}

/// Two rebindings that claim the same key where both apply.
public struct KeyConflict: Error, Sendable, Hashable {
    public var key: Key
    public var first: Command
    public var second: Command
}

extension Keymap {
    /// The keymap with each command in `overrides` bound to exactly the given keys (none: disabled). A key given to
    /// a command here is taken away from the defaults that had it in a place in common (a pane or an overlay), so
    /// `down = ["n"]` needs no other change; two entries of the table that claim one key in a place in common are a
    /// conflict.
    public func rebinding(_ overrides: [(command: Command, keys: [Key])]) throws(KeyConflict) -> Keymap {
        var claimed: [(key: Key, row: KeyBinding)] = []
        var result = bindings
        for (command, keys) in overrides {
            let rows = bindings.filter { $0.command == command }
            for key in keys {
                for row in rows {
                    if let other = claimed.first(where: { $0.key == key && $0.row.command != command && $0.row.sharesPlace(with: row) }) {
                        throw KeyConflict(key: key, first: other.row.command, second: command)
                    }
                    claimed.append((key, row))
                }
            }
            // In each place set, the command's first row takes the new keys (keeping its hint and help); its other
            // rows there (Ctrl-C beside q, l beside Enter) go.
            var seen: [KeyBinding] = []
            result = result.compactMap { binding in
                guard binding.command == command else { return binding }
                guard !seen.contains(where: { $0.focuses == binding.focuses && $0.overlays == binding.overlays }) else { return nil }
                seen.append(binding)
                var rebound = binding
                rebound.keys = keys
                return rebound
            }
        }
        let overridden = Set(overrides.map(\.command))
        for index in result.indices where !overridden.contains(result[index].command) {
            let row = result[index]
            result[index].keys.removeAll { key in
                claimed.contains { $0.key == key && $0.row.sharesPlace(with: row) }
            }
        }
        return Keymap(bindings: result.filter { !$0.keys.isEmpty })
    }
}
