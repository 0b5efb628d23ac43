/// A line typed at the bottom of the screen: the filter (`/`), the command line (`:`) or a time window (`T`).
/// While it is open every key goes to it, except Ctrl-C, which always quits.
public struct Prompt: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Filters this list pane as the user types.
        case filter(Focus)
        case command
        case window
    }

    public var kind: Kind
    public internal(set) var text: String
    /// Shown after the text in the error colour; the prompt stays open so the user can fix the line.
    public internal(set) var error: String?
    /// Tab's candidates for the current text, shown in the hint line; `completionIndex` is the one Tab last chose.
    public internal(set) var completions: [String] = []
    var completionIndex: Int?
    /// The text Tab completed from, so repeated Tabs cycle through the same candidates.
    var completionBase: String?
    /// Where ↑/↓ are in the history; `nil` when editing a fresh line.
    var historyIndex: Int?
    /// The fresh line, kept while ↑ shows older ones.
    var draft = ""

    init(kind: Kind, text: String = "") {
        self.kind = kind
        self.text = text
    }

    /// `/`, `:`, `window: `.
    var lead: String {
        switch kind {
        case .filter: "/"
        case .command: ":"
        case .window: "window (24h 7d 30d 90d default, or FROM..TO): "
        }
    }

    mutating func edit(_ newText: String) {
        text = newText
        error = nil
        completions = []
        completionIndex = nil
        completionBase = nil
    }
}

extension State {
    mutating func openPrompt(_ kind: Prompt.Kind) {
        var text = ""
        if case .filter(let pane) = kind { text = filters[pane]?.text ?? "" }
        prompt = Prompt(kind: kind, text: text)
    }

    /// A key while a prompt is open.
    mutating func handlePromptKey(_ key: Key) -> [Effect] {
        guard var prompt else { return [] }
        switch key {
        case .escape:
            self.prompt = nil
            if case .filter(let pane) = prompt.kind { setFilter("", for: pane) }
            return []
        case .enter:
            return submit(prompt)
        case .backspace:
            if prompt.text.isEmpty {
                self.prompt = nil
                return []
            }
            prompt.edit(String(prompt.text.dropLast()))
        case .ctrl("u"):
            prompt.edit("")
        case .char(let character):
            prompt.edit(prompt.text + String(character))
        case .tab, .backTab:
            if prompt.kind == .command { complete(&prompt, backwards: key == .backTab) }
        case .up, .down:
            if prompt.kind == .command { walkHistory(&prompt, older: key == .up) }
        default:
            return []
        }
        self.prompt = prompt
        if case .filter(let pane) = prompt.kind { setFilter(prompt.text, for: pane) }
        return []
    }

    private mutating func submit(_ prompt: Prompt) -> [Effect] {
        switch prompt.kind {
        case .filter:
            self.prompt = nil
            return []
        case .window:
            do throws(TimeWindowError) {
                let window = try TimeWindow(parsing: prompt.text)
                self.prompt = nil
                return setTimeWindow(window)
            } catch {
                self.prompt?.error = error.message
                return []
            }
        case .command:
            let line = prompt.text.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else {
                self.prompt = nil
                return []
            }
            if commandHistory.last != line { commandHistory.append(line) }
            if commandHistory.count > 100 { commandHistory.removeFirst(commandHistory.count - 100) }
            switch runCommandLine(line) {
            case .done(let effects):
                self.prompt = nil
                return effects
            case .failed(let message):
                var open = prompt
                open.error = message
                open.historyIndex = nil
                self.prompt = open
                return []
            }
        }
    }

    /// Tab: the longest common prefix of the candidates; once there, each Tab shows the next candidate.
    private func complete(_ prompt: inout Prompt, backwards: Bool) {
        let base = prompt.completionBase ?? prompt.text
        let candidates = commandCompletions(for: base)
        guard !candidates.isEmpty else {
            prompt.error = "no completion for \"\(base)\""
            return
        }
        let common = Self.commonPrefix(candidates)
        if prompt.completionBase == nil, common.count > base.count || candidates.count == 1 {
            prompt.edit(candidates.count == 1 ? candidates[0] : common)
            if candidates.count > 1 {
                prompt.completions = candidates
            }
            return
        }
        let count = candidates.count
        let next: Int
        if let index = prompt.completionIndex {
            next = (index + (backwards ? count - 1 : 1)) % count
        } else {
            next = backwards ? count - 1 : 0
        }
        prompt.text = candidates[next]
        prompt.error = nil
        prompt.completions = candidates
        prompt.completionIndex = next
        prompt.completionBase = base
    }

    private static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    private func walkHistory(_ prompt: inout Prompt, older: Bool) {
        guard !commandHistory.isEmpty else { return }
        let index: Int?
        switch (prompt.historyIndex, older) {
        case (nil, true):
            prompt.draft = prompt.text
            index = commandHistory.count - 1
        case (nil, false): return
        case (let current?, true): index = max(0, current - 1)
        case (let current?, false): index = current + 1 < commandHistory.count ? current + 1 : nil
        }
        let draft = prompt.draft
        prompt.edit(index.map { commandHistory[$0] } ?? draft)
        prompt.historyIndex = index
        prompt.draft = draft
    }
}
