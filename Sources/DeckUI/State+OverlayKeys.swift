import BackupModel
import Foundation

// The keys inside the operator overlays: the copy and download menus, the folder and overwrite prompts, the
// downloads list, the raw view and the quit prompt.
extension State {
    mutating func overlayKey(_ key: Key) -> [Effect] {
        guard let overlay = operatorState.overlay else { return [] }
        if key == .ctrl("c") { return [.quit] }
        switch overlay {
        case .copyMenu(let entries, let cursor):
            switch menuKey(key, cursor: cursor, count: entries.count) {
            case .moved(let next): operatorState.overlay = .copyMenu(entries: entries, cursor: next)
            case .chosen(let index):
                operatorState.overlay = nil
                return copy(entries[index])
            case .closed: operatorState.overlay = nil
            case .ignored: break
            }
        case .downloadMenu(let links, let cursor):
            switch menuKey(key, cursor: cursor, count: links.count) {
            case .moved(let next): operatorState.overlay = .downloadMenu(links: links, cursor: next)
            case .chosen(let index): operatorState.overlay = .folderPrompt(link: links[index], text: operatorSettings.downloadFolder)
            case .closed: operatorState.overlay = nil
            case .ignored: break
            }
        case .folderPrompt(let link, var text):
            switch key {
            case .escape: operatorState.overlay = nil
            case .enter:
                operatorState.overlay = nil
                let folder = text.trimmingCharacters(in: .whitespaces)
                return startDownload(link, folder: folder.isEmpty ? operatorSettings.downloadFolder : folder)
            case .backspace:
                if !text.isEmpty { text.removeLast() }
                operatorState.overlay = .folderPrompt(link: link, text: text)
            case .ctrl("u"):
                operatorState.overlay = .folderPrompt(link: link, text: "")
            case .char(let character):
                operatorState.overlay = .folderPrompt(link: link, text: text + String(character))
            default: break
            }
        case .overwritePrompt(var request):
            switch key {
            case .char("y"), .char("Y"):
                operatorState.overlay = nil
                request.overwrite = true
                return restart(request)
            case .char("n"), .char("N"), .escape, .enter, .char("q"):
                operatorState.overlay = nil
                statusMessage = StatusMessage(text: "kept the existing \(request.fileName); nothing downloaded", isError: false)
            default: break
            }
        case .downloads(let cursor):
            let count = operatorState.downloads.count
            switch key {
            case .char("x"), .char("X"):
                guard operatorState.downloads.indices.contains(cursor),
                      operatorState.downloads[cursor].phase == .running else { break }
                return [.cancelDownload(id: operatorState.downloads[cursor].request.id)]
            default:
                switch menuKey(key, cursor: cursor, count: count, choosesWithEnter: false) {
                case .moved(let next): operatorState.overlay = .downloads(cursor: next)
                case .closed: operatorState.overlay = nil
                case .chosen, .ignored: if key == .char("D") { operatorState.overlay = nil }
                }
            }
        case .raw(var view):
            rawKey(key, &view)
        case .quitPrompt:
            if key == .char("y") || key == .char("Y") || key == .char("q") { return [.quit] }
            operatorState.overlay = nil
        }
        return []
    }

    enum MenuOutcome { case moved(Int), chosen(Int), closed, ignored }

    /// j/k/arrows move, Enter or a digit chooses, Esc or q closes.
    func menuKey(_ key: Key, cursor: Int, count: Int, choosesWithEnter: Bool = true) -> MenuOutcome {
        let last = max(0, count - 1)
        switch key {
        case .down, .char("j"): return .moved(min(last, cursor + 1))
        case .up, .char("k"): return .moved(max(0, cursor - 1))
        case .home, .char("g"): return .moved(0)
        case .end, .char("G"): return .moved(last)
        case .enter where choosesWithEnter && count > 0: return .chosen(min(cursor, last))
        case .char(let digit) where choosesWithEnter:
            guard let number = digit.wholeNumberValue, number >= 1, number <= count else { return .ignored }
            return .chosen(number - 1)
        case .escape, .char("q"): return .closed
        default: return .ignored
        }
    }

    mutating func rawKey(_ key: Key, _ view: inout RawViewState) {
        let viewport = RawViewLayout(size: size).viewport
        let maxScroll = max(0, view.lines.count - viewport)
        if let typing = view.typing {
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
            return
        }
        switch key {
        case .escape, .char("q"), .char("J"):
            operatorState.overlay = nil
            return
        case .down, .char("j"): view.scroll += 1
        case .up, .char("k"): view.scroll -= 1
        case .pageDown, .char(" "): view.scroll += viewport
        case .pageUp: view.scroll -= viewport
        case .home, .char("g"): view.scroll = 0
        case .end, .char("G"): view.scroll = maxScroll
        case .char("/"): view.typing = ""
        case .char("n") where !view.query.isEmpty: findMatch(in: &view, from: view.scroll + 1, forward: true)
        case .char("N") where !view.query.isEmpty: findMatch(in: &view, from: view.scroll - 1, forward: false)
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
