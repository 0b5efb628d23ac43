import Foundation

/// A theme that could not be loaded, said the way a compiler would: `themes/x.theme:4: unknown role "curser"`.
public struct ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as it was found (search directory + `NAME.theme`), or the theme's file name when none was found.
    public var file: String
    /// 1-based; `nil` when the problem is not on one line (file missing or unreadable).
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// One parsed `.theme` file, before `extends` is followed.
public struct ThemeFile: Sendable, Hashable {
    public var extends: String?
    /// The line of `extends`, for errors about it (a missing parent, a cycle).
    public var extendsLine: Int?
    public var styles: [StyleRole: TextStyle]
}

/// Where theme texts come from. DeckUI reads no files: BackdeckApp hands in a source over the theme folders
/// (`ThemeResolver.files(in:)`), tests one over texts they hold.
public struct ThemeSource: Sendable {
    /// Where themes are looked for, for "no theme named … in …".
    public var searched: String
    /// `NAME.theme`'s text and the file to name in errors (its path), or nil when there is none.
    public var read: @Sendable (_ name: String) throws(ThemeError) -> (file: String, text: String)?

    public init(searched: String, read: @escaping @Sendable (_ name: String) throws(ThemeError) -> (file: String, text: String)?) {
        self.searched = searched
        self.read = read
    }

    /// Themes held as text, by name; errors name them `NAME.theme`.
    public init(texts: [String: String], searched: String) {
        self.init(searched: searched) { name in texts[name].map { ("\(name).theme", $0) } }
    }
}

/// Parses `NAME.theme` texts and follows `extends`.
///
/// Format, one setting per line:
/// ```
/// # comment (a line starting with `#`, or ` # ` after a value)
/// extends = default          (optional, first setting only)
/// cursor  = black on 37 bold (ROLE = [FG] [on BG] [bold] [dim] [underline] [reverse])
/// ```
/// Colours: `default`, `black` `red` `green` `yellow` `blue` `magenta` `cyan` `white` and their `bright-` forms,
/// `0`–`255`, `#rrggbb`. A role set in a theme replaces the parent's style for that role as a whole.
public enum ThemeLoader {
    /// The theme `name` from `source`, following `extends` (in the same source, so a user theme can extend an
    /// installed one) and detecting cycles.
    public static func load(named name: String, from source: ThemeSource) throws(ThemeError) -> Theme {
        var chain: [String] = []
        var styles: [StyleRole: TextStyle] = [:]
        var next: (name: String, referrer: (file: String, line: Int?)?)? = (name, nil)
        var files: [ThemeFile] = []
        while let (currentName, referrer) = next {
            if chain.contains(currentName) {
                let cycle = (chain + [currentName]).joined(separator: " → ")
                throw ThemeError(file: referrer?.file ?? "\(currentName).theme", line: referrer?.line,
                                 message: "extends cycle: \(cycle)")
            }
            chain.append(currentName)
            let (path, text) = try read(currentName, from: source, referrer: referrer)
            let file = try parse(text, file: path)
            files.append(file)
            next = file.extends.map { ($0, (path, file.extendsLine)) }
        }
        // Parents first, so each child's roles replace theirs.
        for file in files.reversed() {
            styles.merge(file.styles) { _, child in child }
        }
        return Theme(name: name, styles: styles)
    }

    /// Parses one file's text. `file` is only used in error messages.
    public static func parse(_ text: String, file: String) throws(ThemeError) -> ThemeFile {
        var result = ThemeFile(extends: nil, extendsLine: nil, styles: [:])
        var firstLineOfRole: [StyleRole: Int] = [:]
        var sawSetting = false
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            func failure(_ message: String) -> ThemeError {
                ThemeError(file: file, line: lineNumber, message: message)
            }
            let content = stripComment(String(rawLine))
            if content.isEmpty { continue }
            guard let equals = content.firstIndex(of: "=") else {
                throw failure("expected ROLE = STYLE, found \"\(Sanitize.forDisplay(content))\"")
            }
            let key = content[..<equals].trimmingCharacters(in: .whitespacesAndNewlines)
            let value = content[content.index(after: equals)...].trimmingCharacters(in: .whitespacesAndNewlines)
            if key == "extends" {
                guard !sawSetting else { throw failure("extends must be the first setting") }
                guard isValidName(value) else { throw failure("extends needs a theme name, found \"\(Sanitize.forDisplay(value))\"") }
                result.extends = value
                result.extendsLine = lineNumber
                sawSetting = true
                continue
            }
            sawSetting = true
            guard let role = StyleRole(rawValue: key) else {
                throw failure("unknown role \"\(Sanitize.forDisplay(key))\"")
            }
            if let first = firstLineOfRole[role] {
                throw failure("\"\(key)\" is already set on line \(first)")
            }
            firstLineOfRole[role] = lineNumber
            do {
                result.styles[role] = try parseStyle(value)
            } catch {
                throw failure(error.message)
            }
        }
        return result
    }

    // MARK: - Pieces

    private struct StyleProblem: Error {
        var message: String
    }

    private static let attributes: Set<String> = ["bold", "dim", "underline", "reverse"]

    /// `[FG] [on BG] [attribute…]`.
    private static func parseStyle(_ value: String) throws(StyleProblem) -> TextStyle {
        let tokens = value.split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
        guard !tokens.isEmpty else { throw StyleProblem(message: "no style after =") }
        var style = TextStyle()
        var index = 0
        if tokens[0] != "on" && !attributes.contains(tokens[0]) {
            style.foreground = try color(tokens[0])
            index = 1
        }
        if index < tokens.count, tokens[index] == "on" {
            guard index + 1 < tokens.count else { throw StyleProblem(message: "\"on\" needs a background colour") }
            style.background = try color(tokens[index + 1])
            index += 2
        }
        for token in tokens[index...] {
            switch token {
            case "bold": style.bold = true
            case "dim": style.dim = true
            case "underline": style.underline = true
            case "reverse": style.reverse = true
            default:
                if (try? color(token)) != nil {
                    throw StyleProblem(message: "colour \"\(token)\" out of place: write FG on BG, then attributes")
                }
                throw StyleProblem(message: "unknown attribute \"\(Sanitize.forDisplay(token))\" (use bold, dim, underline, reverse)")
            }
        }
        return style
    }

    private static let colorNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    private static func color(_ token: String) throws(StyleProblem) -> ThemeColor {
        if token == "default" { return .terminalDefault }
        if let index = colorNames.firstIndex(of: token) { return .ansi(index) }
        if token.hasPrefix("bright-"), let index = colorNames.firstIndex(of: String(token.dropFirst(7))) {
            return .ansi(index + 8)
        }
        if token.allSatisfy(\.isASCII), token.allSatisfy(\.isNumber), token.count <= 3, let number = Int(token), number <= 255 {
            return .indexed(number)
        }
        if token.hasPrefix("#"), token.count == 7 {
            let hex = token.dropFirst()
            if hex.allSatisfy(\.isHexDigit), hex.allSatisfy(\.isASCII), let value = UInt32(hex, radix: 16) {
                return .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
            }
        }
        throw StyleProblem(message: "bad colour \"\(Sanitize.forDisplay(token))\" (use default, a colour name such as red or bright-blue, 0–255, or #rrggbb)")
    }

    /// Drops a comment: a line whose first non-blank character is `#`, or a `#` standing alone after a value
    /// (`#rrggbb` colours are not comments).
    private static func stripComment(_ line: String) -> String {
        let characters = Array(line)
        var end = characters.count
        for index in characters.indices where characters[index] == "#" {
            let startsWord = index == 0 || characters[index - 1].isWhitespace
            let endsWord = index + 1 == characters.count || characters[index + 1].isWhitespace
            let isFirst = characters[..<index].allSatisfy(\.isWhitespace)
            if isFirst || (startsWord && endsWord) {
                end = index
                break
            }
        }
        return String(characters[..<end]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Theme names are file names without a path: letters, digits, `.`, `_`, `-`, not starting with `.`.
    private static func isValidName(_ name: String) -> Bool {
        guard let first = name.first, first != ".", name.count <= 64 else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") }
    }

    private static func read(
        _ name: String, from source: ThemeSource, referrer: (file: String, line: Int?)?
    ) throws(ThemeError) -> (file: String, text: String) {
        guard isValidName(name) else {
            throw ThemeError(file: referrer?.file ?? "theme", line: referrer?.line,
                             message: "\"\(Sanitize.forDisplay(name))\" is not a theme name (letters, digits, . _ -)")
        }
        if let found = try source.read(name) { return found }
        if let referrer {
            throw ThemeError(file: referrer.file, line: referrer.line,
                             message: "extends \"\(name)\", but there is no \(name).theme in \(source.searched)")
        }
        throw ThemeError(file: "\(name).theme", line: nil, message: "no theme named \"\(name)\" in \(source.searched)")
    }
}
