import CloudAPI
import DeckUI
import Foundation

/// Runs the reducer's downloads in the background (several at once); progress and outcomes come back through the
/// inbox as actions. Files go to `NAME.part` first; see `FileDownloader`.
@MainActor
final class DownloadRunner {
    private let downloader = FileDownloader()
    private var tasks: [Int: Task<Void, Never>] = [:]
    private var stopped = false

    func start(_ request: DownloadRequest, inbox: Inbox) {
        let job: DownloadJob
        do {
            job = try Self.job(for: request)
        } catch {
            inbox.post(.downloadFinished(id: request.id, outcome: .failed(message: error.description)))
            return
        }
        let downloader = self.downloader
        let id = request.id
        tasks[id] = Task.detached {
            let outcome: DownloadOutcome
            do throws(DownloadError) {
                let result = try await downloader.run(job, progress: { progress in
                    inbox.post(.downloadProgress(id: id, progress: TransferProgress(
                        bytesDone: progress.bytesDone, totalBytes: progress.totalBytes, bytesPerSecond: progress.bytesPerSecond)))
                })
                outcome = .completed(path: result.path.path, bytes: result.bytes, checksumVerified: result.verifiedCRC64 != nil)
            } catch {
                switch error {
                case .exists(let path): outcome = .exists(path: path)
                case .expired: outcome = .expired(message: error.description)
                case .cancelled: outcome = .cancelled(message: error.description)
                default: outcome = .failed(message: error.description)
                }
            }
            inbox.post(.downloadFinished(id: id, outcome: outcome))
        }
    }

    func cancel(_ id: Int) {
        tasks.removeValue(forKey: id)?.cancel()
    }

    /// Cancels what runs (their `.part` files stay for a resume) and closes the HTTP client.
    func stop() {
        guard !stopped else { return }
        stopped = true
        for task in tasks.values { task.cancel() }
        tasks.removeAll()
        let downloader = self.downloader
        try? waitFor { await downloader.shutdown() }
    }

    /// The folder with `~` expanded and relative paths taken from the current directory; created if missing.
    static func job(for request: DownloadRequest) throws(DownloadError) -> DownloadJob {
        guard let url = URL(string: request.url), url.scheme == "http" || url.scheme == "https" else {
            throw .file("not a download link: \(DownloadLink.redacted(URL(string: request.url) ?? URL(fileURLWithPath: "/")))")
        }
        let folder = URL(fileURLWithPath: (request.folder as NSString).expandingTildeInPath,
                         relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
            .standardizedFileURL
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .file("cannot create the folder \(folder.path)")
        }
        return DownloadJob(url: url, destination: folder.appendingPathComponent(request.fileName),
                           expectedSize: request.expectedSize, expectedCRC64: request.checksum.flatMap { UInt64($0) },
                           overwrite: request.overwrite)
    }
}
