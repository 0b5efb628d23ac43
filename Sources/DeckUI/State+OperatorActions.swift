import BackupModel
import Foundation

// Copy, download and the raw view: opening them from a command, the effects they ask for, the runtime's answers.
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

    // MARK: - Effects

    /// OSC 52 carries base64: a payload over the limit is refused whole, never cut.
    mutating func copy(_ entry: CopyEntry) -> [Effect] {
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

    mutating func startDownload(_ link: BackupLink, folder: String) -> [Effect] {
        let request = DownloadRequest(
            id: operatorState.nextDownloadID, url: link.url, folder: folder, fileName: DownloadFileName.forLink(link.url),
            expectedSize: link.size, checksum: link.checksum, overwrite: false)
        operatorState.nextDownloadID += 1
        return restart(request)
    }

    /// Starts (or starts again, keeping its place in `D`) a download.
    mutating func restart(_ request: DownloadRequest) -> [Effect] {
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
