import BackupModel
import Foundation

/// Identifies one request the reducer asked for; answers with a token that is no longer current are dropped.
public struct RequestToken: Sendable, Hashable, CustomStringConvertible {
    public let value: UInt64

    public init(value: UInt64) {
        self.value = value
    }

    public var description: String { "#\(value)" }
}

/// Which pane has the keyboard. `.detail` is the full-body detail view of one backup.
public enum Focus: Sendable, Hashable, CaseIterable {
    case providers, instances, backups, detail
}

/// A line for the left side of the status line.
public struct StatusMessage: Sendable, Hashable {
    public var text: String
    public var isError: Bool

    public init(text: String, isError: Bool) {
        self.text = text
        self.isError = isError
    }
}

/// A backup list's key: backups are cached per (provider, instance).
struct InstanceKey: Sendable, Hashable {
    var provider: String
    var instanceID: String
}

/// Everything the screen shows, as values. Only `reduce` changes it; `render` draws it.
///
/// Lists are cached per provider (instances) and per (provider, instance) (backups), each with its own cursor, so
/// moving back to something shows it at once, where it was left, without a new request.
public struct State: Sendable {
    public var size: Size
    /// Left of the status line when there is no message: where the data comes from.
    public var banner: String
    public var keymap: Keymap
    public var glyphs: GlyphSet
    public internal(set) var focus: Focus = .providers
    /// The latest message or error; cleared by the next key.
    public internal(set) var statusMessage: StatusMessage?
    /// The backups' time window; every backup list is fetched with it.
    public internal(set) var timeWindow: TimeWindow = .serviceDefault
    /// While the selected instance has a running backup, its list is fetched again this often (seconds; 0: never).
    public var refreshInterval: TimeInterval = 5
    /// The time of the latest `.tick`; nil until the first.
    public internal(set) var now: Date?
    /// How the backup pane is sorted (`s`, `S`).
    public internal(set) var backupSort = BackupSort.standard
    /// The backup pane's status shortcut (`f`).
    public internal(set) var statusFilter = StatusFilter.all
    /// The line being typed at the bottom (`/` filter, `:` command, `T` window), if one is open.
    public internal(set) var prompt: Prompt?
    /// The help overlay (`?`), when open.
    public internal(set) var help: HelpOverlay?
    /// Themes `:theme` can complete to (found by the runtime at start).
    public var themeNames: [String] = []

    var providerList: ItemList<ProviderSummary>
    var instanceLists: [String: ItemList<Instance>] = [:]
    var backupLists: [InstanceKey: ItemList<Backup>] = [:]
    var instancesRequest: PendingRequest<String>?
    var backupsRequest: PendingRequest<InstanceKey>?
    /// First visible line of the full detail view.
    var detailScroll = 0
    /// The backup the preview shows. While the cursor runs through the backups it stays behind, and catches up once
    /// keys pause (`.settled`): scrolling then costs only the cursor rows on a slow link, not a whole preview a step.
    var previewBackupID: String?
    /// The full detail view's current section (Tab / Shift-Tab); see DetailTabs.swift.
    var detailSection = 0
    /// Each list pane's filter (`/`).
    var filters: [Focus: ListFilter] = [:]
    /// Bumped when a filter or the sort changes; lists arranged with an older stamp are arranged again.
    var arrangementStamp = 1
    /// Command lines run so far, oldest first (↑ in the command line walks back through them).
    var commandHistory: [String] = []
    var started = false
    /// Copy, downloads and the raw view (OperatorActions.swift).
    public var operatorSettings = OperatorSettings()
    var operatorState = OperatorState()
    var lastTokenValue: UInt64 = 0

    public init(
        providers: [ProviderSummary], size: Size, banner: String,
        keymap: Keymap = .standard, glyphs: GlyphSet = .unicode
    ) {
        self.size = size
        self.banner = banner
        self.keymap = keymap
        self.glyphs = glyphs
        providerList = ItemList(items: providers)
    }

    // MARK: - What is selected (for the runtime, later commands such as copy, and tests)

    public var providers: [ProviderSummary] { providerList.items }

    public var selectedProvider: ProviderSummary? { providerList.selectedItem }

    /// The selected instance's ID; kept while a reload is bringing the instance back.
    public var selectedInstanceID: String? { instanceList?.visibleSelectedID }

    public var selectedInstance: Instance? { instanceList?.selectedItem }

    /// The selected backup's ID; kept while a reload is bringing the backup back.
    public var selectedBackupID: String? { backupList?.visibleSelectedID }

    public var selectedBackup: Backup? { backupList?.selectedItem }

    /// The preview lags behind the cursor: the runtime should send `.settled` once keys pause.
    public var previewIsSettling: Bool { previewBackupID != selectedBackupID }

    /// What the preview shows: the backup it settled on, or the selected one if that is gone.
    var previewBackup: Backup? {
        guard let list = backupList, let id = previewBackupID, let index = list.index(of: id) else { return selectedBackup }
        return list.items[index]
    }

    /// The instances of the selected provider, as loaded so far.
    public var instances: [Instance] { instanceList?.items ?? [] }

    /// The backups of the selected instance, as loaded so far, in arrival order.
    public var backups: [Backup] { backupList?.items ?? [] }

    /// The backups as the pane shows them: filtered and sorted.
    public var shownBackups: [Backup] { backupList?.shownItems ?? [] }

    /// The instances as the pane shows them (filtered).
    public var shownInstances: [Instance] { instanceList?.shownItems ?? [] }

    // MARK: - Internal views

    var instanceList: ItemList<Instance>? {
        guard let provider = selectedProvider?.name else { return nil }
        return instanceLists[provider]
    }

    var backupKey: InstanceKey? {
        guard let provider = selectedProvider?.name, let instanceID = instanceLists[provider]?.visibleSelectedID else {
            return nil
        }
        return InstanceKey(provider: provider, instanceID: instanceID)
    }

    var backupList: ItemList<Backup>? {
        guard let key = backupKey else { return nil }
        return backupLists[key]
    }

    mutating func makeToken() -> RequestToken {
        lastTokenValue += 1
        return RequestToken(value: lastTokenValue)
    }
}
