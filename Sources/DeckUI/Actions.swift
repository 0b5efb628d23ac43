import Foundation

import BackupModel

/// Everything that can happen to the UI: keys and resizes from the terminal, answers from background work.
public enum Action: Sendable {
    /// The first action: loads the first provider's instances.
    case start
    case key(Key)
    /// Only when the config enables the mouse.
    case mouse(MouseEvent)
    case resized(Size)
    /// One page of instances, in order; appended to what came before.
    case instancesLoaded(token: RequestToken, items: [Instance], progress: PageProgress)
    /// One page of backups, in order; appended to what came before.
    case backupsLoaded(token: RequestToken, items: [Backup], progress: PageProgress)
    case loadFailed(token: RequestToken, error: ServiceError)
    /// Page `progress.page` of a listing failed even after retries; the pages around it keep coming.
    case pageFailed(token: RequestToken, error: ServiceError, progress: PageProgress)
    /// A request of the listing is being retried after a throttle, a server error or a timeout.
    case retrying(token: RequestToken, notice: RetryNotice)
    /// The clock, about once a second while idle: drives auto-refresh. The reducer itself never reads a clock.
    case tick(Date)
    /// No key for a moment after the cursor moved through the backups: the preview may follow it now.
    case settled
    /// A line for the status line (from the runtime: "copied", a theme error…).
    case message(String)
    case downloadProgress(id: Int, progress: TransferProgress)
    case downloadFinished(id: Int, outcome: DownloadOutcome)
}

/// Work the reducer asks the runtime to do; results come back as actions carrying the same token.
public enum Effect: Sendable, Equatable {
    case loadInstances(provider: String, token: RequestToken)
    case loadBackups(provider: String, instanceID: String, window: TimeWindow, token: RequestToken)
    /// Fetch only the pages an earlier load of these instances could not get, keeping the rows on screen.
    case loadMissingInstances(provider: String, remainder: PageRemainder, token: RequestToken)
    /// Fetch only the pages an earlier load of these backups could not get, keeping the rows on screen.
    case loadMissingBackups(provider: String, instanceID: String, window: TimeWindow, remainder: PageRemainder,
                            token: RequestToken)
    /// Stop the request with this token; any answer it still sends is dropped anyway.
    case cancel(RequestToken)
    /// Load the theme of this name and use it from the next frame (`:theme NAME`); the runtime reports errors.
    case setTheme(String)
    case quit
    /// Put the text on the user's clipboard (OSC 52).
    case copyToClipboard(text: String)
    case startDownload(DownloadRequest)
    case cancelDownload(id: Int)
}

/// Which backups to ask for by start time. `serviceDefault` sends no window, except where the API requires one
/// (Redis: the last 7 days); the runtime turns the others into a `DateInterval` (the presets ending now).
public enum TimeWindow: Sendable, Hashable {
    case serviceDefault
    case last24Hours
    case last7Days
    case last30Days
    case last90Days
    /// A typed range, `2026-01-01..2026-02-01` (see TimeWindow+Range.swift).
    case range(DateInterval)

    /// What `t` steps through, in order.
    public static let presets: [TimeWindow] = [.serviceDefault, .last24Hours, .last7Days, .last30Days, .last90Days]

    /// How far back it reaches, in seconds; nil for the service's default and for a typed range.
    public var duration: TimeInterval? {
        switch self {
        case .serviceDefault, .range: nil
        case .last24Hours: 86_400
        case .last7Days: 7 * 86_400
        case .last30Days: 30 * 86_400
        case .last90Days: 90 * 86_400
        }
    }

    /// The interval to send at `now`; nil for the service's default.
    public func interval(now: Date) -> DateInterval? {
        if case .range(let interval) = self { return interval }
        return duration.map { DateInterval(start: now.addingTimeInterval(-$0), end: now) }
    }

    /// `t` steps through the presets in order; from a typed range it goes back to the first.
    var next: TimeWindow {
        guard let index = Self.presets.firstIndex(of: self) else { return Self.presets[0] }
        return Self.presets[(index + 1) % Self.presets.count]
    }

    /// For the status line: "window: last 30 days".
    var description: String {
        switch self {
        case .serviceDefault: "window: the service's default"
        case .last24Hours: "window: last 24 hours"
        case .last7Days: "window: last 7 days"
        case .last30Days: "window: last 30 days"
        case .last90Days: "window: last 90 days"
        case .range: "window: \(label)"
        }
    }
}
