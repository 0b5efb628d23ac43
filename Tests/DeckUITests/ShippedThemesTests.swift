import Foundation
import Testing
@testable import DeckUI

@Suite("Shipped themes")
struct ShippedThemesTests {
    static let names = ["default", "light", "high-contrast", "solarized-dark", "mono"]

    @Test(arguments: names) func everyShippedThemeLoadsAndDefinesEveryRole(name: String) throws {
        let theme = try ThemeLoader.load(named: name, from: ThemeTests.shipped)
        #expect(theme.name == name)
        #expect(Set(theme.styles.keys) == Set(StyleRole.allCases), "\(name) leaves roles to chance")
        // The selected row always has a background (or is reversed).
        let normal = theme.style(for: .normal)
        for role in [StyleRole.cursor, .cursorInactive] {
            let style = theme.style(for: role)
            #expect(style.reverse || style.background != normal.background, "\(name): \(role)")
        }
    }

    @Test func derivedThemesAreSmallFilesThatExtendDefault() throws {
        for name in ["light", "high-contrast", "solarized-dark"] {
            let path = "\(ThemeTests.shippedThemes)/\(name).theme"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let file = try ThemeLoader.parse(text, file: path)
            #expect(file.extends == "default", "\(name)")
        }
        let high = try ThemeLoader.load(named: "high-contrast", from: ThemeTests.shipped)
        #expect(high.style(for: .link) == Theme.builtIn.style(for: .link), "inherited from default")
        #expect(high.style(for: .cursor).background == .ansi(11))
    }

    @Test func solarizedIsGivenInRGB() throws {
        let theme = try ThemeLoader.load(named: "solarized-dark", from: ThemeTests.shipped)
        #expect(theme.style(for: .normal) == TextStyle(foreground: .rgb(0x83, 0x94, 0x96), background: .rgb(0x00, 0x2b, 0x36)))
    }

    @Test func theSortedHeaderHasItsOwnRole() {
        var state = Fixture.loadedState(size: Size(columns: 120, rows: 30))
        _ = Fixture.press(&state, .enter, .enter)
        let grid = render(state)
        let header = grid.lines[2]
        guard let column = header.range(of: "START (UTC) ▼") else {
            Issue.record("no sorted START header: \(header)")
            return
        }
        let x = header.distance(from: header.startIndex, to: column.lowerBound)
        // The header row is one cell per character here (no wide glyphs in it before START).
        let offset = DisplayWidth.of(String(header[..<column.lowerBound])) - x
        #expect(grid[x + offset, 2].role == .headerSorted)
        #expect(grid[x + offset - 3, 2].role == .header)
    }
}
