internal import CNcursesw
import DeckUI

/// Theme styles turned into curses attributes and colour pairs, quantised to what the terminal can show.
struct Palette {
    struct Look {
        var attributes: UInt32
        var pair: Int32
    }

    private var looks: [StyleRole: Look] = [:]

    /// `colorDepth` is curses' COLORS (0 = no colour at all).
    @MainActor
    init(theme: Theme, colorDepth: Int, maxPairs: Int) {
        var pairs: [PairKey: Int32] = [:]
        for role in StyleRole.allCases {
            let style = theme.style(for: role)
            var attributes: UInt32 = 0
            if style.bold { attributes |= bd_attr_bold }
            if style.dim { attributes |= bd_attr_dim }
            if style.underline { attributes |= bd_attr_underline }
            if style.reverse { attributes |= bd_attr_reverse }
            var pair: Int32 = 0
            if colorDepth > 0 {
                let key = PairKey(
                    foreground: ColorQuantizer.curses(style.foreground, depth: colorDepth),
                    background: ColorQuantizer.curses(style.background, depth: colorDepth)
                )
                if key.foreground != -1 || key.background != -1 {
                    if let existing = pairs[key] {
                        pair = existing
                    } else if pairs.count + 1 < maxPairs {
                        pair = Int32(pairs.count + 1)
                        pairs[key] = pair
                        _ = bd_init_pair(pair, key.foreground, key.background)
                    }
                }
            } else if role == .cursor || role == .cursorInactive {
                // Without colour the selected row must still stand out.
                attributes |= bd_attr_reverse
            }
            looks[role] = Look(attributes: attributes, pair: pair)
        }
    }

    func look(for role: StyleRole) -> Look {
        looks[role] ?? Look(attributes: 0, pair: 0)
    }

    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }
}

/// Maps theme colours to the terminal's depth: direct colour (≥ 2^24), 256, 16 or 8.
enum ColorQuantizer {
    static func curses(_ color: ThemeColor, depth: Int) -> Int32 {
        switch color {
        case .terminalDefault:
            return -1
        case .ansi(let n):
            return Int32(depth >= 16 ? n : n % 8)
        case .indexed(let n):
            if depth >= 256 { return Int32(n) }
            let (r, g, b) = rgb(ofIndexed: n)
            return Int32(nearestANSI(r, g, b, limit: depth >= 16 ? 16 : 8))
        case .rgb(let r, let g, let b):
            if depth >= 1 << 24 { return Int32(Int(r) << 16 | Int(g) << 8 | Int(b)) }
            if depth >= 256 { return Int32(nearest256(r, g, b)) }
            return Int32(nearestANSI(Int(r), Int(g), Int(b), limit: depth >= 16 ? 16 : 8))
        }
    }

    /// xterm's 256-colour palette: 16 system colours, a 6×6×6 cube, 24 greys.
    static func rgb(ofIndexed n: Int) -> (Int, Int, Int) {
        if n < 16 { return ansiRGB[max(0, n)] }
        if n < 232 {
            let levels = [0, 95, 135, 175, 215, 255]
            let i = n - 16
            return (levels[i / 36], levels[(i / 6) % 6], levels[i % 6])
        }
        let grey = 8 + (min(n, 255) - 232) * 10
        return (grey, grey, grey)
    }

    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        var best = 16
        var bestDistance = Int.max
        for n in 16..<256 {
            let d = distance(rgb(ofIndexed: n), (Int(r), Int(g), Int(b)))
            if d < bestDistance { bestDistance = d; best = n }
        }
        return best
    }

    static func nearestANSI(_ r: Int, _ g: Int, _ b: Int, limit: Int) -> Int {
        var best = 0
        var bestDistance = Int.max
        for n in 0..<limit {
            let d = distance(ansiRGB[n], (r, g, b))
            if d < bestDistance { bestDistance = d; best = n }
        }
        return best
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return dr * dr + dg * dg + db * db
    }

    private static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
}
