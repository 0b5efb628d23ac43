import Foundation

/// Compact JSON text re-indented two spaces a level, every character of the text kept (numbers as sent).
enum PrettyJSON {
    static func lines(_ compact: String) -> [String] {
        var lines: [String] = []
        var line = ""
        var depth = 0
        var inString = false
        var escaped = false
        let characters = Array(compact)
        func newline() {
            lines.append(line)
            line = String(repeating: "  ", count: depth)
        }
        var index = 0
        while index < characters.count {
            let character = characters[index]
            defer { index += 1 }
            if inString {
                line.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                continue
            }
            switch character {
            case "\"":
                inString = true
                line.append(character)
            case "{", "[":
                let closing: Character = character == "{" ? "}" : "]"
                if index + 1 < characters.count, characters[index + 1] == closing {
                    line += String([character, closing])
                    index += 1
                } else {
                    line.append(character)
                    depth += 1
                    newline()
                }
            case "}", "]":
                depth -= 1
                newline()
                line.append(character)
            case ",":
                line.append(character)
                newline()
            case ":":
                line += ": "
            case " ", "\n", "\t", "\r":
                break
            default:
                line.append(character)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
