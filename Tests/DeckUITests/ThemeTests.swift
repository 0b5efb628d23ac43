import Foundation
import Testing
@testable import DeckUI

@Suite("Themes")
struct ThemeTests {
    /// The repository's `themes/` folder (three levels above this file).
    static let shippedThemes = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes").path

    /// The shipped themes as texts (DeckUI reads no files; the app hands it a source over the theme folders).
    static let shipped: ThemeSource = {
        var texts: [String: String] = [:]
        for file in (try? FileManager.default.contentsOfDirectory(atPath: shippedThemes)) ?? [] where file.hasSuffix(".theme") {
            texts[String(file.dropLast(6))] = try? String(contentsOfFile: "\(shippedThemes)/\(file)", encoding: .utf8)
        }
        return ThemeSource(texts: texts, searched: "themes")
    }()

    /// These themes, in front of the shipped ones when `overShipped`.
    func source(_ texts: [String: String], overShipped: Bool = false) -> ThemeSource {
        let shipped = Self.shipped
        return ThemeSource(searched: "test") { name throws(ThemeError) in
            if let text = texts[name] { return ("\(name).theme", text) }
            return overShipped ? try shipped.read(name) : nil
        }
    }

    func loadError(_ name: String, in source: ThemeSource) -> ThemeError? {
        do throws(ThemeError) {
            _ = try ThemeLoader.load(named: name, from: source)
            return nil
        } catch {
            return error
        }
    }

    @Test func theDefaultThemeDefinesEveryRole() throws {
        let theme = try ThemeLoader.load(named: "default", from: Self.shipped)
        #expect(theme.name == "default")
        #expect(Set(theme.styles.keys) == Set(StyleRole.allCases))
        #expect(theme.style(for: .cursor) == TextStyle(foreground: .ansi(0), background: .indexed(37), bold: true))
        #expect(theme.style(for: .link) == TextStyle(foreground: .indexed(111), underline: true))
    }

    @Test func theBuiltInThemeIsTheShippedDefault() throws {
        let shipped = try ThemeLoader.load(named: "default", from: Self.shipped)
        #expect(Theme.builtIn == shipped)
    }

    @Test func monoHasNoColourAndAReversedCursor() throws {
        let mono = try ThemeLoader.load(named: "mono", from: Self.shipped)
        #expect(Set(mono.styles.keys) == Set(StyleRole.allCases))
        #expect(mono.style(for: .cursor).reverse)
        #expect(mono.style(for: .cursorInactive).reverse)
        for role in StyleRole.allCases {
            let style = mono.style(for: role)
            #expect(style.foreground == .terminalDefault && style.background == .terminalDefault, "\(role)")
        }
    }

    @Test func extendsTakesTheParentsRolesAndOverridesSome() throws {
        let dark = source(["dark": "# my theme\nextends = default\ncursor = #ff8000 on bright-blue underline\n"], overShipped: true)
        let theme = try ThemeLoader.load(named: "dark", from: dark)
        #expect(theme.name == "dark")
        #expect(theme.style(for: .cursor) == TextStyle(foreground: .rgb(255, 128, 0), background: .ansi(12), underline: true))
        #expect(theme.style(for: .header) == TextStyle(foreground: .indexed(250), bold: true), "from default")
    }

    @Test func aCycleIsAnErrorNamingTheLoop() throws {
        let error = try #require(loadError("a", in: source(["a": "extends = b\n", "b": "# b\nextends = a\n"])))
        #expect(error.file == "b.theme")
        #expect(error.line == 2)
        #expect(error.message == "extends cycle: a → b → a")
        #expect(error.description == "b.theme:2: extends cycle: a → b → a")
        #expect(loadError("me", in: source(["me": "extends = me\n"]))?.message == "extends cycle: me → me")
    }

    @Test func anUnknownRoleIsAnErrorWithItsLine() throws {
        let error = try #require(loadError("x", in: source(["x": "# x\nnormal = default\n\ncurser = red\n"])))
        #expect(error.description == "x.theme:4: unknown role \"curser\"")
    }

    @Test func aBadColourIsAnErrorWithItsLine() throws {
        let dir = source(["x": "cursor = black on purple\n", "y": "link = 256\n", "z": "link = #12345g\n"])
        let error = try #require(loadError("x", in: dir))
        #expect(error.line == 1)
        #expect(error.message.hasPrefix("bad colour \"purple\""))
        #expect(loadError("y", in: dir)?.message.hasPrefix("bad colour \"256\"") == true)
        #expect(loadError("z", in: dir)?.message.hasPrefix("bad colour \"#12345g\"") == true)
    }

    @Test func otherMistakesAreReported() throws {
        let cases: [(String, String)] = [
            ("cursor = bold red", "colour \"red\" out of place: write FG on BG, then attributes"),
            ("cursor = red blink", "unknown attribute \"blink\" (use bold, dim, underline, reverse)"),
            ("cursor = red on", "\"on\" needs a background colour"),
            ("cursor =", "no style after ="),
            ("cursor red", "expected ROLE = STYLE, found \"cursor red\""),
            ("cursor = red\ncursor = blue", "\"cursor\" is already set on line 1"),
            ("normal = default\nextends = default", "extends must be the first setting"),
        ]
        for (text, message) in cases {
            #expect(throws: ThemeError.self) { try ThemeLoader.parse(text, file: "t.theme") }
            do throws(ThemeError) {
                _ = try ThemeLoader.parse(text, file: "t.theme")
            } catch {
                #expect(error.message == message, "for \(text)")
            }
        }
    }

    @Test func colourFormsAndComments() throws {
        let text = """
        # comment
          # indented comment
        normal = DEFAULT
        link = #5fafff underline # trailing comment
        error = bright-red on 0 bold dim reverse
        muted = on 236
        header = bold
        """
        let file = try ThemeLoader.parse(text, file: "t.theme")
        #expect(file.styles[.normal] == TextStyle())
        #expect(file.styles[.link] == TextStyle(foreground: .rgb(0x5f, 0xaf, 0xff), underline: true))
        #expect(file.styles[.error] == TextStyle(foreground: .ansi(9), background: .indexed(0), bold: true, dim: true, reverse: true))
        #expect(file.styles[.muted] == TextStyle(background: .indexed(236)))
        #expect(file.styles[.header] == TextStyle(bold: true))
    }

    @Test func rolesLeftOutLookLikeNormalAndTheCursorStillStandsOut() {
        let theme = Theme(name: "t", styles: [.normal: TextStyle(foreground: .indexed(250), background: .indexed(234))])
        #expect(theme.style(for: .header) == TextStyle(foreground: .indexed(250), background: .indexed(234)))
        #expect(theme.style(for: .cursor).reverse, "no cursor style: reverse the normal one")
        let bold = Theme(name: "b", styles: [.cursor: TextStyle(bold: true)])
        #expect(bold.style(for: .cursor).reverse, "bold alone is invisible in some terminals")
        let colored = Theme(name: "c", styles: [.cursor: TextStyle(background: .indexed(37))])
        #expect(!colored.style(for: .cursor).reverse)
    }

    @Test func aMissingThemeAndBadNamesAreErrors() throws {
        let missing = try #require(loadError("nope", in: source([:])))
        #expect(missing.description == "nope.theme: no theme named \"nope\" in test")
        #expect(loadError("../etc/passwd", in: source([:]))?.message.contains("is not a theme name") == true)
        let error = try #require(loadError("kid", in: source(["kid": "extends = ghost\n"])))
        #expect(error.description == "kid.theme:1: extends \"ghost\", but there is no ghost.theme in test")
    }
}
