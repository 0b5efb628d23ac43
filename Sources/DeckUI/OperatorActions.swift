import BackupModel
import Foundation

// Copy (`y`), download (`d`, `D`) and the raw view (`J`): the state they keep, the keys inside their overlays, and
// the effects they ask the runtime for.

/// A file the runtime should download into `folder` (`~` expanded by the runtime) as `fileName`.
public struct DownloadRequest: Sendable, Equatable {
    public var id: Int
    public var url: String
    public var folder: String
    public var fileName: String
    /// What the API reported: checked before the rename.
    public var expectedSize: Int64?
    /// The RDS `Checksum` (CRC-64 in decimal), when the link is a whole set.
    public var checksum: String?
    /// The user agreed to replace an existing file.
    public var overwrite: Bool

    public init(id: Int, url: String, folder: String, fileName: String, expectedSize: Int64?, checksum: String?, overwrite: Bool) {
        self.id = id
        self.url = url
        self.folder = folder
        self.fileName = fileName
        self.expectedSize = expectedSize
        self.checksum = checksum
        self.overwrite = overwrite
    }
}

public struct TransferProgress: Sendable, Equatable {
    public var bytesDone: Int64
    public var totalBytes: Int64?
    public var bytesPerSecond: Double

    public init(bytesDone: Int64, totalBytes: Int64?, bytesPerSecond: Double) {
        self.bytesDone = bytesDone
        self.totalBytes = totalBytes
        self.bytesPerSecond = bytesPerSecond
    }
}

/// How a download ended, as the runtime reports it.
public enum DownloadOutcome: Sendable, Equatable {
    case completed(path: String, bytes: Int64, checksumVerified: Bool)
    /// The target exists: the user is asked before it is replaced.
    case exists(path: String)
    /// The link's `Expires` has passed: `r` fetches the backup again with fresh links.
    case expired(message: String)
    case failed(message: String)
    case cancelled(message: String)
}

/// One download of this session, for `D` and the status line.
public struct DownloadItem: Sendable, Equatable {
    public enum Phase: Sendable, Equatable { case running, completed, failed, cancelled }
    public var request: DownloadRequest
    public var progress: TransferProgress
    public var phase: Phase
    /// How it ended, in a sentence.
    public var message: String
}

/// Where downloads go and how much may be copied: from the config, set at launch.
public struct OperatorSettings: Sendable, Equatable {
    /// The folder prompt's default: config `download_dir`, else the current directory.
    public var downloadFolder: String
    /// OSC 52 payloads (base64 bytes) above this are refused rather than cut: many terminals drop longer ones.
    public var copyLimit: Int

    public init(downloadFolder: String = ".", copyLimit: Int = 100_000) {
        self.downloadFolder = downloadFolder
        self.copyLimit = copyLimit
    }
}

/// A link of the selected backup that can be downloaded.
struct BackupLink: Sendable, Equatable {
    var label: String
    var url: String
    var size: Int64?
    var checksum: String?
}

/// One line of the copy menu.
struct CopyEntry: Sendable, Equatable {
    var label: String
    var value: String
}

/// The raw view of one backup's vendor record.
struct RawViewState: Sendable, Equatable {
    var backupID: String
    var lines: [String]
    var scroll = 0
    /// The search being typed after `/`; nil when not typing.
    var typing: String?
    var query = ""
}

/// What is drawn over the panes and gets the keys first.
enum Overlay: Sendable, Equatable {
    case copyMenu(entries: [CopyEntry], cursor: Int)
    case downloadMenu(links: [BackupLink], cursor: Int)
    case folderPrompt(link: BackupLink, text: String)
    case overwritePrompt(DownloadRequest)
    case downloads(cursor: Int)
    case raw(RawViewState)
    /// `q` while downloads run: they would stop (their `.part` files stay).
    case quitPrompt(running: Int)
}

struct OperatorState: Sendable {
    var overlay: Overlay?
    var downloads: [DownloadItem] = []
    var nextDownloadID = 1
}

extension State {
    /// Every download of this session, oldest first.
    public var downloads: [DownloadItem] { operatorState.downloads }

    // MARK: - Opening (commands)

    mutating func openCopyMenu() {
        guard let backup = selectedBackup else { return }
        var entries = [CopyEntry(label: "backup ID", value: backup.id)]
        for link in Self.links(of: backup) { entries.append(CopyEntry(label: link.label, value: link.url)) }
        if let raw = backup.raw { entries.append(CopyEntry(label: "record as JSON", value: raw)) }
        operatorState.overlay = .copyMenu(entries: entries, cursor: 0)
    }

    mutating func openDownloadMenu() {
        guard let backup = selectedBackup else { return }
        let links = Self.links(of: backup)
        switch links.count {
        case 0: statusMessage = StatusMessage(text: "backup \(backup.id) has no download link", isError: true)
        case 1: operatorState.overlay = .folderPrompt(link: links[0], text: operatorSettings.downloadFolder)
        default: operatorState.overlay = .downloadMenu(links: links, cursor: 0)
        }
    }

    mutating func openDownloads() {
        operatorState.overlay = .downloads(cursor: max(0, operatorState.downloads.count - 1))
    }

    mutating func openRawView() {
        guard let backup = selectedBackup else { return }
        guard let raw = backup.raw else {
            statusMessage = StatusMessage(text: "backup \(backup.id) has no vendor record to show", isError: true)
            return
        }
        operatorState.overlay = .raw(RawViewState(backupID: backup.id, lines: PrettyJSON.lines(raw)))
    }

    /// The selected backup's download links: RDS whole set and per-database files, Redis node files; public first.
    static func links(of backup: Backup) -> [BackupLink] {
        var links: [BackupLink] = []
        switch backup.detail {
        case .rds(let detail):
            let checksum = detail.checksum.isEmpty ? nil : detail.checksum
            if let url = detail.downloadURL {
                links.append(BackupLink(label: "whole backup, public URL", url: url, size: backup.size?.bytes, checksum: checksum))
            }
            if let url = detail.intranetDownloadURL {
                links.append(BackupLink(label: "whole backup, internal URL", url: url, size: backup.size?.bytes, checksum: checksum))
            }
            for link in detail.databaseLinks {
                if let url = link.publicURL { links.append(BackupLink(label: "database \(link.database), public URL", url: url)) }
                if let url = link.internalURL { links.append(BackupLink(label: "database \(link.database), internal URL", url: url)) }
            }
        case .redis(let detail):
            for node in detail.nodeBackups {
                if let url = node.downloadURL {
                    links.append(BackupLink(label: "node \(node.backupID), public URL", url: url, size: node.size?.bytes))
                }
                if let url = node.intranetDownloadURL {
                    links.append(BackupLink(label: "node \(node.backupID), internal URL", url: url, size: node.size?.bytes))
                }
            }
        case .starRocks, .hbr, .huawei:
            break
        }
        return links
    }

    /// Quits at once unless downloads are running; then asks first.
    mutating func confirmQuit() -> [Effect] {
        let running = operatorState.downloads.filter { $0.phase == .running }.count
        guard running > 0 else { return [.quit] }
        operatorState.overlay = .quitPrompt(running: running)
        return []
    }

    // MARK: - Keys inside an overlay

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

    private enum MenuOutcome { case moved(Int), chosen(Int), closed, ignored }

    /// j/k/arrows move, Enter or a digit chooses, Esc or q closes.
    private func menuKey(_ key: Key, cursor: Int, count: Int, choosesWithEnter: Bool = true) -> MenuOutcome {
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

    private mutating func rawKey(_ key: Key, _ view: inout RawViewState) {
        let viewport = max(1, size.rows - 5)
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
    private mutating func findMatch(in view: inout RawViewState, from start: Int, forward: Bool) {
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

    // MARK: - Effects

    /// OSC 52 carries base64: a payload over the limit is refused whole, never cut.
    private mutating func copy(_ entry: CopyEntry) -> [Effect] {
        let bytes = entry.value.utf8.count
        let encoded = (bytes + 2) / 3 * 4
        guard encoded <= operatorSettings.copyLimit else {
            statusMessage = StatusMessage(
                text: "not copied: \(entry.label) is \(Format.thousands(encoded)) bytes of base64, over the "
                    + "\(Format.thousands(operatorSettings.copyLimit))-byte limit (copy_limit)", isError: true)
            return []
        }
        statusMessage = StatusMessage(text: "copied \(entry.label) (\(Format.thousands(bytes)) bytes) to the clipboard", isError: false)
        return [.copyToClipboard(text: entry.value)]
    }

    private mutating func startDownload(_ link: BackupLink, folder: String) -> [Effect] {
        let request = DownloadRequest(
            id: operatorState.nextDownloadID, url: link.url, folder: folder, fileName: DownloadFileName.forLink(link.url),
            expectedSize: link.size, checksum: link.checksum, overwrite: false)
        operatorState.nextDownloadID += 1
        return restart(request)
    }

    /// Starts (or starts again, keeping its place in `D`) a download.
    private mutating func restart(_ request: DownloadRequest) -> [Effect] {
        let item = DownloadItem(request: request, progress: TransferProgress(bytesDone: 0, totalBytes: request.expectedSize, bytesPerSecond: 0),
                                phase: .running, message: "")
        if let index = operatorState.downloads.firstIndex(where: { $0.request.id == request.id }) {
            operatorState.downloads[index] = item
        } else {
            operatorState.downloads.append(item)
        }
        statusMessage = StatusMessage(text: "downloading \(request.fileName) to \(request.folder)", isError: false)
        return [.startDownload(request)]
    }

    // MARK: - Answers from the runtime

    mutating func downloadProgressed(id: Int, progress: TransferProgress) {
        guard let index = operatorState.downloads.firstIndex(where: { $0.request.id == id }),
              operatorState.downloads[index].phase == .running else { return }
        operatorState.downloads[index].progress = progress
    }

    mutating func downloadFinished(id: Int, outcome: DownloadOutcome) {
        guard let index = operatorState.downloads.firstIndex(where: { $0.request.id == id }) else { return }
        let name = operatorState.downloads[index].request.fileName
        switch outcome {
        case .completed(let path, let bytes, let verified):
            operatorState.downloads[index].phase = .completed
            operatorState.downloads[index].progress.bytesDone = bytes
            let message = "downloaded \(name) (\(ByteCount(bytes: bytes).formatted)) to \(path)" + (verified ? " · CRC-64 verified" : "")
            operatorState.downloads[index].message = message
            statusMessage = StatusMessage(text: message, isError: false)
        case .exists(let path):
            let request = operatorState.downloads[index].request
            operatorState.downloads.remove(at: index)
            if operatorState.overlay == nil || isDownloadsOverlay {
                operatorState.overlay = .overwritePrompt(request)
            } else {
                statusMessage = StatusMessage(text: "\(path) exists; not overwritten (d again to choose)", isError: true)
            }
        case .expired(let message), .failed(let message):
            operatorState.downloads[index].phase = .failed
            operatorState.downloads[index].message = message
            statusMessage = StatusMessage(text: "download \(name): \(message)", isError: true)
        case .cancelled(let message):
            operatorState.downloads[index].phase = .cancelled
            operatorState.downloads[index].message = message
            statusMessage = StatusMessage(text: "download \(name): \(message)", isError: false)
        }
    }

    private var isDownloadsOverlay: Bool {
        if case .downloads = operatorState.overlay { return true }
        return false
    }
}

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
