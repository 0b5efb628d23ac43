import BackupModel
import Foundation

// Copy (`y`), download (`d`, `D`) and the raw view (`J`): the state they keep. What the commands do is in
// State+OperatorActions.swift, the keys inside their overlays in State+OverlayKeys.swift.

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

/// Where downloads go, how much may be copied, whether anything may be written: from the config, set at launch.
public struct OperatorSettings: Sendable, Equatable {
    /// The folder prompt's default: config `download_dir`, else the current directory.
    public var downloadFolder: String
    /// OSC 52 payloads (base64 bytes) above this are refused rather than cut: many terminals drop longer ones.
    public var copyLimit: Int
    /// `read_only = true`: the commands that write (`Command.writesFiles`) say they are off instead of running.
    public var readOnly: Bool

    public init(downloadFolder: String = ".", copyLimit: Int = 100_000, readOnly: Bool = false) {
        self.downloadFolder = downloadFolder
        self.copyLimit = copyLimit
        self.readOnly = readOnly
    }
}

/// Where the raw view (`J`) sits: the whole body, between the breadcrumbs and the status line. The reducer pages and
/// clamps its scroll by the same box the renderer draws.
struct RawViewLayout {
    let box: Rect

    init(size: Size) {
        box = Rect(x: 0, y: 1, width: size.columns, height: max(0, size.rows - 3))
    }

    /// Lines of the record shown at once (at least one).
    var viewport: Int { max(1, box.inner.height) }
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
