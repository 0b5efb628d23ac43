@testable import BackdeckApp
import DeckUI
import Testing

@Suite struct KeysConfigTests {
    func error(_ text: String) -> ConfigError? {
        do throws(ConfigError) {
            _ = try ConfigLoader.parse(text, file: "c.toml")
            return nil
        } catch {
            return error
        }
    }

    @Test func keysRebindAndDisableCommands() throws {
        let text = """
        theme = "light"

        [keys]
        reload = "R"
        down = ["n", "down"]
        sort = []
        """
        let keymap = try ConfigLoader.parse(text, file: "c.toml").keymap
        // Through a typed helper: #expect's expansion of `command(for:in:) == nil` misreads the optional.
        func command(_ key: Key) -> Command? { keymap.command(for: key, in: .backups) }
        #expect(command(.char("R")) == .reload)
        #expect(command(.char("r")) == nil)
        #expect(command(.char("n")) == .moveDown)
        #expect(command(.char("j")) == nil)
        #expect(command(.char("s")) == nil)
    }

    @Test func withoutKeysTheStandardKeymap() throws {
        #expect(try ConfigLoader.parse("theme = \"mono\"\n", file: "c.toml").keymap == .standard)
    }

    @Test func overlayCommandsRebindAndConflictOnlyWhereBothApply() throws {
        let keymap = try ConfigLoader.parse("[keys]\nclose = \"c\"\nnext-match = \"m\"\n", file: "c.toml").keymap
        func command(_ key: Key, _ overlay: OverlayKind) -> Command? { keymap.command(for: key, at: .overlay(overlay)) }
        #expect(command(.char("c"), .copyMenu) == .close)
        #expect(command(.escape, .copyMenu) == nil)
        #expect(command(.char("m"), .rawView) == .nextMatch)
        // close (overlays) and reload (panes) never apply in one place: one key for both is no conflict.
        #expect(throws: Never.self) { try ConfigLoader.parse("[keys]\nclose = \"c\"\nreload = \"c\"\n", file: "c.toml") }
        let text = "[keys]\ncancel-download = \"z\"\nclose = [\"esc\", \"z\"]\n"
        #expect(error(text)?.description == "c.toml:3: key \"z\" is bound to both cancel-download (line 2) and close")
    }

    @Test func aConflictIsReportedWithBothLines() {
        let text = "[keys]\nreload = \"x\"\n# note\nsort = [\"s\", \"x\"]\n"
        #expect(error(text)?.description == "c.toml:4: key \"x\" is bound to both reload (line 2) and sort")
    }

    @Test func unknownCommandsAndKeysAreErrorsOnTheirLine() {
        let command = error("[keys]\nreload = \"R\"\nexplode = \"x\"\n")
        #expect(command?.line == 3)
        #expect(command?.problem.hasPrefix("unknown command \"explode\" in [keys] (one of: down, up,") == true)
        let key = error("[keys]\n\nreload = \"ctrl-alt-r\"\n")
        #expect(key?.line == 3)
        #expect(key?.problem.hasPrefix("unknown key \"ctrl-alt-r\" for reload") == true)
        #expect(error("[keys]\nreload = 5\n")?.problem == "reload must be a key name or a list of key names")
        #expect(error("keys = 3\n")?.problem == "keys must be a table: write [keys]")
    }
}

@Suite struct ProviderLabelConfigTests {
    let base = "[[provider]]\nname = \"rds-prod\"\nservice = \"alibaba-rds\"\nregion = \"cn-hangzhou\"\n"

    @Test func labelAndAccentReachTheProvider() throws {
        let config = try ConfigLoader.parse(base + "label = \"PROD\"\naccent = \"red\"\n", file: "c.toml")
        #expect(config.providers.first?.label == "PROD")
        #expect(config.providers.first?.accent == "red")
    }

    @Test func badAccentsAndLongLabelsAreErrorsOnTheirLine() {
        do {
            _ = try ConfigLoader.parse(base + "accent = \"#ff0000\"\n", file: "c.toml")
            Issue.record("accepted a colour code as an accent name")
        } catch {
            #expect(error.description == "c.toml:5: unknown accent \"#ff0000\" (one of: red, green, yellow, blue, magenta, cyan)")
        }
        do {
            _ = try ConfigLoader.parse(base + "label = \"PRODUCTION-EU-WEST\"\n", file: "c.toml")
            Issue.record("accepted a long label")
        } catch {
            #expect(error.line == 5)
        }
    }
}

@Suite struct OnOffSettingsTests {
    @Test func readOnlyIsOffUnlessTheConfigTurnsItOn() throws {
        #expect(try ConfigLoader.parse("theme = \"mono\"\n", file: "c.toml").readOnly == false)
        #expect(try ConfigLoader.parse("read_only = true\n", file: "c.toml").readOnly == true)
        do {
            _ = try ConfigLoader.parse("theme = \"mono\"\nread_only = 1\n", file: "c.toml")
            Issue.record("accepted a number for read_only")
        } catch {
            #expect(error.description == "c.toml:2: read_only must be true or false")
        }
    }

    @Test func mouseIsOffUnlessTheConfigTurnsItOn() throws {
        #expect(try ConfigLoader.parse("theme = \"mono\"\n", file: "c.toml").mouse == false)
        #expect(try ConfigLoader.parse("mouse = true\n", file: "c.toml").mouse == true)
        do {
            _ = try ConfigLoader.parse("theme = \"mono\"\nmouse = \"yes\"\n", file: "c.toml")
            Issue.record("accepted a string for mouse")
        } catch {
            #expect(error.description == "c.toml:2: mouse must be true or false")
        }
    }
}
