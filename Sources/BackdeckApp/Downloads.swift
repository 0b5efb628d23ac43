import CloudAPI
import DeckUI
import Foundation

/// The reducer's downloads as background work (the runtime runs several at once); progress and outcomes go to the
/// inbox as actions. Files go to `NAME.part` first; see `FileDownloader`.
final class DownloadRunner: Sendable {
    private let downloader = FileDownloader()

    /// The work of one download; cancelling its task cancels the transfer (the `.part` stays).
    func work(for request: DownloadRequest, inbox: Inbox) -> @Sendable () async -> Void {
        let downloader = self.downloader
        let id = request.id
        return {
            let outcome: DownloadOutcome
            do throws(DownloadError) {
                let job = try Self.job(for: request)
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

    /// Closes the HTTP client (after the runtime has cancelled what runs).
    func shutdown() async {
        await downloader.shutdown()
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
