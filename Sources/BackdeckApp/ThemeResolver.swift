import DeckUI
import Foundation

/// Finds themes in the user's folder first, then the installed `themes/` folder, and never fails to give one.
enum ThemeResolver {
    /// `NO_COLOR` wins over everything and gives `mono`. A broken theme falls back to `default` with a message.
    static func resolve(requested: String?, environment: [String: String]) -> (Theme, String?) {
        let name = (environment["NO_COLOR"] ?? "").isEmpty ? (requested ?? "default") : "mono"
        let source = files(in: searchDirectories(environment: environment))
        do throws(ThemeError) {
            return (try ThemeLoader.load(named: name, from: source), nil)
        } catch {
            let fallback = (try? ThemeLoader.load(named: "default", from: source)) ?? Theme.builtIn
            return (fallback, "theme error: \(error); using \(fallback.name)")
        }
    }

    /// `:theme NAME`: the theme to switch to and what to say, or `nil` and the reason (the current theme stays).
    static func switchTo(_ name: String, environment: [String: String]) -> (Theme?, String) {
        if !(environment["NO_COLOR"] ?? "").isEmpty {
            return (nil, "NO_COLOR is set: staying on mono")
        }
        do throws(ThemeError) {
            let theme = try ThemeLoader.load(named: name, from: files(in: searchDirectories(environment: environment)))
            return (theme, "theme \(name)")
        } catch {
            return (nil, "theme error: \(error); keeping the current theme")
        }
    }

    /// The `.theme` files of these folders, the first folder that has a name winning; errors name the file's path.
    static func files(in directories: [String]) -> ThemeSource {
        ThemeSource(searched: directories.isEmpty ? "no directories" : directories.joined(separator: ", ")) { name throws(ThemeError) in
            for directory in directories {
                let path = directory.hasSuffix("/") ? "\(directory)\(name).theme" : "\(directory)/\(name).theme"
                guard FileManager.default.fileExists(atPath: path) else { continue }
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ThemeError(file: path, line: nil, message: "cannot read the file")
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    throw ThemeError(file: path, line: nil, message: "not UTF-8 text")
                }
                return (path, text)
            }
            return nil
        }
    }

    /// The names of every theme found, for `:theme` completion.
    static func available(environment: [String: String]) -> [String] {
        var names: Set<String> = []
        for directory in searchDirectories(environment: environment) {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files where file.hasSuffix(".theme") { names.insert(String(file.dropLast(6))) }
        }
        return names.sorted()
    }

    static func searchDirectories(environment: [String: String]) -> [String] {
        var directories: [String] = []
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            directories.append(xdg + "/backdeck/themes")
        } else if let home = environment["HOME"] {
            directories.append(home + "/.config/backdeck/themes")
        }
        if let installed = environment["BACKDECK_THEMES_DIR"] { directories.append(installed) }
        // Running from a checkout (.build/debug/backdeck): the repository's themes/ is a few levels up.
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent("themes")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("default.theme").path) {
                directories.append(candidate.path)
                break
            }
            folder = folder.deletingLastPathComponent()
        }
        directories.append(FileManager.default.currentDirectoryPath + "/themes")
        directories.append("/usr/local/share/backdeck/themes")
        return directories
    }
}
