import BackupModel

/// What `:` understands. Jumps search what is loaded; nothing here starts a request of its own, except what the
/// new selection previews anyway.
///
/// - `:NAME` — a provider by name; else an instance by ID or name (any provider whose instances are loaded), or by
///   a unique ID prefix.
/// - `:bk ID` — a backup by ID, in any loaded backup list.
/// - `:theme NAME`, `:window 7d` / `:window 2026-01-01..2026-02-01`, `:help`, `:q` / `:quit`.
enum CommandOutcome {
    case done([Effect])
    /// Said in the command line, which stays open.
    case failed(String)
}

extension State {
    static let commandWords = ["bk ", "help", "q", "quit", "theme ", "window "]

    mutating func runCommandLine(_ line: String) -> CommandOutcome {
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        let word = parts[0]
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch word {
        case "q", "quit":
            return .done([.quit])
        case "help":
            help = HelpOverlay(place: .pane(focus))
            return .done([])
        case "theme":
            guard !argument.isEmpty else { return .failed("which theme? (\(themeNames.joined(separator: ", ")))") }
            if !themeNames.isEmpty, !themeNames.contains(argument) {
                return .failed("no theme \"\(argument)\" (\(themeNames.joined(separator: ", ")))")
            }
            return .done([.setTheme(argument)])
        case "window":
            do throws(TimeWindowError) {
                return .done(setTimeWindow(try TimeWindow(parsing: argument)))
            } catch {
                return .failed(error.message)
            }
        case "bk":
            guard !argument.isEmpty else { return .failed("which backup? :bk ID") }
            return jumpToBackup(argument)
        default:
            return jump(to: line)
        }
    }

    private mutating func jump(to target: String) -> CommandOutcome {
        if providerList.index(of: target) != nil {
            reveal(provider: target, instanceID: nil, backupID: nil)
            return .done([])
        }
        var prefixMatches: [(provider: String, id: String)] = []
        for provider in providerList.items {
            guard let list = instanceLists[provider.name] else { continue }
            if let exact = list.items.first(where: { $0.id == target || $0.name == target }) {
                reveal(provider: provider.name, instanceID: exact.id, backupID: nil)
                return .done([])
            }
            prefixMatches += list.items.filter { $0.id.hasPrefix(target) }.map { (provider.name, $0.id) }
        }
        if prefixMatches.count == 1 {
            reveal(provider: prefixMatches[0].provider, instanceID: prefixMatches[0].id, backupID: nil)
            return .done([])
        }
        if prefixMatches.count > 1 {
            return .failed("\"\(target)\" starts \(prefixMatches.count) instance IDs: press Tab")
        }
        let unloaded = providerList.items.filter { instanceLists[$0.name] == nil }.count
        let note = unloaded == 0 ? "" : "; the instances of \(unloaded) provider\(unloaded == 1 ? "" : "s") are not loaded yet"
        return .failed("unknown: \"\(target)\" is not a provider, a loaded instance or a command (bk, theme, window, q)\(note)")
    }

    private mutating func jumpToBackup(_ id: String) -> CommandOutcome {
        // The selected instance first, then every other loaded list, in provider order.
        var keys = backupLists.keys.sorted { ($0.provider, $0.instanceID) < ($1.provider, $1.instanceID) }
        if let current = backupKey, let position = keys.firstIndex(of: current) {
            keys.remove(at: position)
            keys.insert(current, at: 0)
        }
        for key in keys where backupLists[key]?.index(of: id) != nil {
            reveal(provider: key.provider, instanceID: key.instanceID, backupID: id)
            return .done([])
        }
        return .failed("no backup \"\(id)\" in the loaded lists")
    }

    /// Selects the path down to the target, clearing any filter that hides a step, and focuses the pane under it.
    private mutating func reveal(provider: String, instanceID: String?, backupID: String?) {
        if !providerList.shows(provider) { setFilter("", for: .providers) }
        arrangeVisibleLists()
        providerList.select(id: provider)
        arrangeVisibleLists()
        focus = .instances
        guard let instanceID else { return }
        if instanceLists[provider]?.shows(instanceID) == false {
            setFilter("", for: .instances)
            arrangeVisibleLists()
        }
        instanceLists[provider]?.select(id: instanceID)
        arrangeVisibleLists()
        focus = .backups
        guard let backupID, let key = backupKey else { return }
        if backupLists[key]?.shows(backupID) == false {
            setFilter("", for: .backups)
            statusFilter = .all
            arrangeVisibleLists()
        }
        backupLists[key]?.select(id: backupID)
    }

    /// Tab's candidates for the text typed so far.
    func commandCompletions(for text: String) -> [String] {
        func matching(_ words: [String], prefix: String = "", argument: String) -> [String] {
            var seen: Set<String> = []
            return words.filter { $0.hasPrefix(argument) && seen.insert($0).inserted }.map { prefix + $0 }
        }
        if text.hasPrefix("bk ") {
            let ids = backupLists.values.flatMap { $0.items.map(\.id) }.sorted { BackupSort.compareIDs($0, $1) == .orderedAscending }
            return Array(matching(ids, prefix: "bk ", argument: String(text.dropFirst(3))).prefix(500))
        }
        if text.hasPrefix("theme ") {
            return matching(themeNames.sorted(), prefix: "theme ", argument: String(text.dropFirst(6)))
        }
        if text.hasPrefix("window ") {
            return matching(TimeWindow.presets.map(\.label), prefix: "window ", argument: String(text.dropFirst(7)))
        }
        var words = providerList.items.map(\.name)
        for provider in providerList.items {
            for instance in instanceLists[provider.name]?.items ?? [] {
                words.append(instance.id)
                if !instance.name.isEmpty, !instance.name.contains(" ") { words.append(instance.name) }
            }
        }
        return matching(words + Self.commandWords, argument: text)
    }
}
