import BackupModel
import Foundation

// The keys inside the operator overlays: the copy and download menus, the folder and overwrite prompts, the
// downloads list, the raw view and the quit prompt.
extension Overlay {
    /// The keymap's overlay this one reads keys from; `nil` for the folder prompt, which is text entry.
    var keyKind: OverlayKind? {
        switch self {
        case .copyMenu: .copyMenu
        case .downloadMenu: .downloadMenu
        case .folderPrompt: nil
        case .overwritePrompt: .overwritePrompt
        case .downloads: .downloads
        case .raw: .rawView
        case .quitPrompt: .quitPrompt
        }
    }
}

extension State {
    /// Where keys are read now: help, else the operator overlay, else the focused pane.
    public var keyPlace: KeyPlace {
        if help != nil { return .overlay(.help) }
        if let kind = operatorState.overlay?.keyKind { return .overlay(kind) }
        return .pane(focus)
    }

    mutating func overlayKey(_ key: Key) -> [Effect] {
        guard let overlay = operatorState.overlay else { return [] }
        if key == .ctrl("c") { return [.quit] }
        guard let kind = overlay.keyKind else {
            if case .folderPrompt(let link, let text) = overlay { return folderPromptKey(key, link: link, text: text) }
            return []
        }
        if case .raw(var view) = overlay, view.typing != nil {
            searchKey(key, &view)
            return []
        }
        let binding = keymap.binding(for: key, at: .overlay(kind))
        if binding?.command == .help {
            help = HelpOverlay(place: .overlay(kind))
            return []
        }
        switch overlay {
        case .copyMenu(let entries, let cursor):
            switch menuKey(key, binding, cursor: cursor, count: entries.count) {
            case .moved(let next): operatorState.overlay = .copyMenu(entries: entries, cursor: next)
            case .chosen(let index):
                operatorState.overlay = nil
                return copy(entries[index])
            case .closed: operatorState.overlay = nil
            case .ignored: break
            }
        case .downloadMenu(let links, let cursor):
            switch menuKey(key, binding, cursor: cursor, count: links.count) {
            case .moved(let next): operatorState.overlay = .downloadMenu(links: links, cursor: next)
            case .chosen(let index): operatorState.overlay = .folderPrompt(link: links[index], text: operatorSettings.downloadFolder)
            case .closed: operatorState.overlay = nil
            case .ignored: break
            }
        case .folderPrompt:
            break
        case .overwritePrompt(var request):
            switch binding?.command {
            case .confirm:
                operatorState.overlay = nil
                request.overwrite = true
                return restart(request)
            case .decline:
                operatorState.overlay = nil
                statusMessage = StatusMessage(text: "kept the existing \(request.fileName); nothing downloaded", isError: false)
            default: break
            }
        case .downloads(let cursor):
            if binding?.command == .cancelDownload {
                guard operatorState.downloads.indices.contains(cursor),
                      operatorState.downloads[cursor].phase == .running else { break }
                return [.cancelDownload(id: operatorState.downloads[cursor].request.id)]
            }
            switch menuKey(key, binding, cursor: cursor, count: operatorState.downloads.count) {
            case .moved(let next): operatorState.overlay = .downloads(cursor: next)
            case .closed: operatorState.overlay = nil
            case .chosen, .ignored: break
            }
        case .raw(var view):
            rawKey(binding?.command, &view)
        case .quitPrompt:
            // Any key but a yes stays: quitting by accident costs the downloads.
            operatorState.overlay = nil
            if binding?.command == .confirm { return [.quit] }
        }
        return []
    }

    enum MenuOutcome { case moved(Int), chosen(Int), closed, ignored }

    /// A menu's rows of the keymap: movement, pick (the entry under the cursor), pick-number (the n-th key picks
    /// the n-th entry), and close (as does the command that opened it, for the downloads list).
    func menuKey(_ key: Key, _ binding: KeyBinding?, cursor: Int, count: Int) -> MenuOutcome {
        guard let binding else { return .ignored }
        let last = max(0, count - 1)
        switch binding.command {
        case .moveDown: return .moved(min(last, cursor + 1))
        case .moveUp: return .moved(max(0, cursor - 1))
        case .first: return .moved(0)
        case .last: return .moved(last)
        case .pick where count > 0: return .chosen(min(cursor, last))
        case .pickNumber:
            guard let index = binding.keys.firstIndex(of: key), index < count else { return .ignored }
            return .chosen(index)
        case .close, .downloads: return .closed
        default: return .ignored
        }
    }

    /// The folder prompt is text entry, like the `/` and `:` prompts: its keys are not rebindable.
    private mutating func folderPromptKey(_ key: Key, link: BackupLink, text: String) -> [Effect] {
        switch key {
        case .escape: operatorState.overlay = nil
        case .enter:
            operatorState.overlay = nil
            let folder = text.trimmingCharacters(in: .whitespaces)
            return startDownload(link, folder: folder.isEmpty ? operatorSettings.downloadFolder : folder)
        case .backspace:
            operatorState.overlay = .folderPrompt(link: link, text: String(text.dropLast()))
        case .ctrl("u"):
            operatorState.overlay = .folderPrompt(link: link, text: "")
        case .char(let character):
            operatorState.overlay = .folderPrompt(link: link, text: text + String(character))
        default: break
        }
        return []
    }

    /// Typing the raw view's search text (text entry, not rebindable).
    private mutating func searchKey(_ key: Key, _ view: inout RawViewState) {
        guard let typing = view.typing else { return }
        switch key {
        case .escape: view.typing = nil
        case .enter:
            view.typing = nil
            view.query = typing
            if !typing.isEmpty { findMatch(in: &view, from: view.scroll, forward: true) }
        case .backspace: view.typing = String(typing.dropLast())
        case .char(let character): view.typing = typing + String(character)
        default: break
        }
        operatorState.overlay = .raw(view)
    }

    /// The raw view's rows of the keymap: scroll, search, next and previous match, close (as does `raw-view`).
    mutating func rawKey(_ command: Command?, _ view: inout RawViewState) {
        let viewport = RawViewLayout(size: size).viewport
        let maxScroll = max(0, view.lines.count - viewport)
        switch command {
        case .close, .rawView:
            operatorState.overlay = nil
            return
        case .moveDown, .moveUp, .pageDown, .pageUp, .first, .last:
            view.scroll = Command.scrolled(view.scroll, by: command, page: viewport, maxScroll: maxScroll)
        case .search: view.typing = ""
        case .nextMatch where !view.query.isEmpty: findMatch(in: &view, from: view.scroll + 1, forward: true)
        case .previousMatch where !view.query.isEmpty: findMatch(in: &view, from: view.scroll - 1, forward: false)
        default: break
        }
        view.scroll = min(max(0, view.scroll), maxScroll)
        operatorState.overlay = .raw(view)
    }

    /// Scrolls so the next (or previous) line holding the query is at the top; wraps around once.
    mutating func findMatch(in view: inout RawViewState, from start: Int, forward: Bool) {
        let count = view.lines.count
        guard count > 0 else { return }
        let query = view.query.lowercased()
        for step in 0..<count {
            let index = ((forward ? start + step : start - step) % count + count) % count
            if view.lines[index].lowercased().contains(query) {
                view.scroll = index
                statusMessage = StatusMessage(text: "/\(view.query): line \(index + 1) of \(count)", isError: false)
                return
            }
        }
        statusMessage = StatusMessage(text: "/\(view.query): not found", isError: true)
    }
}
