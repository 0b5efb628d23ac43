@testable import BackdeckApp
import DeckUI
import Foundation
import Testing

/// The theme files are read here, in BackdeckApp, and handed to DeckUI's loader as text.
@Suite struct ThemeFilesTests {
    /// A fresh folder holding the given `NAME.theme` files.
    func folder(_ files: [String: String]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("backdeck-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: url.appendingPathComponent("\(name).theme"), atomically: true, encoding: .utf8)
        }
        return url.path
    }

    func loadError(_ name: String, in folders: [String]) -> ThemeError? {
        do throws(ThemeError) {
            _ = try ThemeLoader.load(named: name, from: ThemeResolver.files(in: folders))
            return nil
        } catch {
            return error
        }
    }

    @Test func theFirstFolderWinsAndAUserThemeExtendsAnInstalledOne() throws {
        let installed = try folder(["default": "cursor = red on blue\nheader = bold\n"])
        let user = try folder(["default": "cursor = green\n", "mine": "extends = default\nlink = underline\n"])
        let source = ThemeResolver.files(in: [user, installed])
        let shadowing = try ThemeLoader.load(named: "default", from: source)
        #expect(shadowing.styles[.cursor] == TextStyle(foreground: .ansi(2)))
        #expect(shadowing.styles[.header] == nil, "the user's file replaces the installed one whole")
        let mine = try ThemeLoader.load(named: "mine", from: ThemeResolver.files(in: [user + "/", installed]))
        #expect(mine.styles[.link] == TextStyle(underline: true))
        #expect(mine.styles[.cursor] == TextStyle(foreground: .ansi(2)))
    }

    @Test func errorsNameTheFileByItsPathAndAMissingThemeTheFolders() throws {
        let empty = try folder([:])
        #expect(loadError("nope", in: [empty])?.description == "nope.theme: no theme named \"nope\" in \(empty)")
        let orphan = try folder(["kid": "extends = ghost\n"])
        #expect(loadError("kid", in: [orphan])?.description
            == "\(orphan)/kid.theme:1: extends \"ghost\", but there is no ghost.theme in \(orphan)")
        let broken = try folder(["x": "# x\ncurser = red\n"])
        #expect(loadError("x", in: [broken])?.description == "\(broken)/x.theme:2: unknown role \"curser\"")
        try Data([0xff, 0xfe, 0x00]).write(to: URL(fileURLWithPath: "\(broken)/bin.theme"))
        #expect(loadError("bin", in: [broken])?.description == "\(broken)/bin.theme: not UTF-8 text")
        #expect(loadError("x", in: [])?.message == "no theme named \"x\" in no directories")
    }
}
