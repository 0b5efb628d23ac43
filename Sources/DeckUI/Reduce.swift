import BackupModel

/// Applies one action to the state and returns the work the runtime should start. Pure: no I/O, no clock.
public func reduce(_ state: inout State, _ action: Action) -> [Effect] {
    state.apply(action)
}

extension State {
    mutating func apply(_ action: Action) -> [Effect] {
        var effects: [Effect] = []
        var previewFollows = true
        switch action {
        case .start:
            started = true
        case .settled:
            break
        case .key(let key):
            statusMessage = nil
            // Ctrl-C always quits, whatever the keymap, prompt or overlay.
            if key == .ctrl("c") { return [.quit] }
            if prompt != nil {
                effects += handlePromptKey(key)
            } else if help != nil {
                handleHelpKey(key)
            } else if operatorState.overlay != nil {
                effects += overlayKey(key)
                if effects.contains(.quit) { return [.quit] }
            } else if let command = keymap.command(for: key, in: focus) {
                if command == .quit { return confirmQuit() }
                previewFollows = !(focus == .backups && command.movesCursor)
                effects += run(command)
            }
        case .mouse(let event):
            statusMessage = nil
            handleMouse(event)
        case .resized(let newSize):
            size = newSize
        case .instancesLoaded(let token, let items, let progress):
            // A late answer to a cancelled or superseded request never shows.
            guard let request = instancesRequest, request.token == token else { return [] }
            instanceLists[request.key]?.receive(page: items, progress: progress, at: now)
            if progress.finished { instancesRequest = nil }
        case .backupsLoaded(let token, let items, let progress):
            guard let request = backupsRequest, request.token == token else { return [] }
            backupLists[request.key]?.receive(page: items, progress: progress, at: now)
            if progress.finished { backupsRequest = nil }
        case .pageFailed(let token, let error, let progress):
            var refreshing = false
            if let request = instancesRequest, request.token == token {
                refreshing = instanceLists[request.key]?.isRefreshing == true
                instanceLists[request.key]?.receiveGap(error: error, progress: progress, at: now)
                if progress.finished || refreshing { instancesRequest = nil }
            } else if let request = backupsRequest, request.token == token {
                refreshing = backupLists[request.key]?.isRefreshing == true
                backupLists[request.key]?.receiveGap(error: error, progress: progress, at: now)
                if progress.finished || refreshing { backupsRequest = nil }
            } else {
                return []
            }
            let page = progress.page.map { "page \($0)" } ?? "a page"
            if refreshing {
                // A refresh with a hole would lose rows: it stops, and the rows on screen stay as they were.
                effects.append(.cancel(token))
                statusMessage = StatusMessage(text: "refresh failed: \(page): \(error.summary)", isError: true)
            } else {
                statusMessage = StatusMessage(text: "\(page) failed: \(error.summary) · r fetches what is missing",
                                              isError: true)
            }
        case .retrying(let token, let notice):
            guard instancesRequest?.token == token || backupsRequest?.token == token else { return [] }
            statusMessage = StatusMessage(text: Format.retry(notice), isError: false)
        case .loadFailed(let token, let error):
            var refreshing = false
            if let request = instancesRequest, request.token == token {
                refreshing = instanceLists[request.key]?.isRefreshing == true
                instanceLists[request.key]?.fail(error, at: now)
                instancesRequest = nil
            } else if let request = backupsRequest, request.token == token {
                refreshing = backupLists[request.key]?.isRefreshing == true
                backupLists[request.key]?.fail(error, at: now)
                backupsRequest = nil
            } else {
                return []
            }
            // A failed refresh leaves the rows as they were: the error goes to the status line only.
            statusMessage = StatusMessage(text: (refreshing ? "refresh failed: " : "") + error.summary, isError: true)
        case .tick(let date):
            now = date
            effects += autoRefresh()
        case .message(let text):
            statusMessage = StatusMessage(text: text, isError: false)
        case .downloadProgress(let id, let progress):
            downloadProgressed(id: id, progress: progress)
        case .downloadFinished(let id, let outcome):
            downloadFinished(id: id, outcome: outcome)
        }
        arrangeVisibleLists()
        if started { effects += syncLoads() }
        arrangeVisibleLists()
        keepSelectionsVisible()
        clampDetailScroll()
        if previewFollows { previewBackupID = selectedBackupID }
        return effects
    }

    // MARK: - Commands

    mutating func run(_ command: Command) -> [Effect] {
        if command.writesFiles, operatorSettings.readOnly {
            statusMessage = StatusMessage(text: "\(command.rawValue) is off: read_only = true in the config", isError: true)
            return []
        }
        switch command {
        case .quit:
            return [.quit]
        case .reload:
            return reloadFocusedPane()
        case .timeWindow:
            return setTimeWindow(timeWindow.next)
        case .typeTimeWindow:
            prompt = Prompt(kind: .window, text: timeWindow == .serviceDefault ? "" : timeWindow.label)
        case .filter:
            if focus != .detail { openPrompt(.filter(focus)) }
        case .statusFilter:
            cycleStatusFilter()
        case .sort:
            cycleSortColumn()
        case .reverseSort:
            reverseSort()
        case .commandLine:
            openPrompt(.command)
        case .help:
            help = HelpOverlay(place: .pane(focus))
        case .nextSection:
            moveDetailSection(by: 1)
        case .previousSection:
            moveDetailSection(by: -1)
        case .open:
            open()
        case .back:
            if focusedPaneIsFiltered {
                clearFocusedFilters()
            } else {
                back()
            }
        case .moveDown, .moveUp, .pageDown, .pageUp, .first, .last:
            navigate(command)
        case .copy: openCopyMenu()
        case .download: openDownloadMenu()
        case .downloads: openDownloads()
        case .rawView: openRawView()
        case .pick, .pickNumber, .close, .cancelDownload, .search, .nextMatch, .previousMatch, .confirm, .decline:
            break  // the overlays' own commands: bound only there (State+OverlayKeys.swift)
        }
        return []
    }

    /// Drill in: focus moves right only when there is something selected to open.
    private mutating func open() {
        switch focus {
        case .providers:
            if selectedProvider != nil { focus = .instances }
        case .instances:
            if selectedInstance != nil { focus = .backups }
        case .backups:
            if selectedBackup != nil {
                focus = .detail
                detailScroll = 0
                detailSection = 0
            }
        case .detail:
            break
        }
    }

    private mutating func back() {
        switch focus {
        case .providers: break
        case .instances: focus = .providers
        case .backups: focus = .instances
        case .detail: focus = .backups
        }
    }

    private mutating func navigate(_ command: Command) {
        let layout = listLayout
        switch focus {
        case .providers:
            providerList.navigate(command, viewport: layout.viewport(.providers))
        case .instances:
            guard let provider = selectedProvider?.name, let list = instanceLists[provider] else { return }
            let viewport = layout.viewport(.instances, hasError: list.hasFooter)
            instanceLists[provider]?.navigate(command, viewport: viewport)
        case .backups:
            guard let key = backupKey, let list = backupLists[key] else { return }
            let viewport = layout.viewport(.backups, hasError: list.hasFooter)
            backupLists[key]?.navigate(command, viewport: viewport)
        case .detail:
            scrollDetail(command)
        }
    }

    private mutating func scrollDetail(_ command: Command) {
        let viewport = max(1, Layout(size: size, focus: .detail).viewport(.detail))
        switch command {
        case .moveDown: detailScroll += 1
        case .moveUp: detailScroll -= 1
        case .pageDown: detailScroll += viewport
        case .pageUp: detailScroll -= viewport
        case .first: detailScroll = 0
        case .last: detailScroll = Int.max / 2
        default: break
        }
        clampDetailScroll()
        followDetailScroll()
    }

    /// `r`: when the list has pages missing (they failed even after retries), fetch just those, keeping the rows;
    /// otherwise fetch the list again, the rows staying on screen until the new list is complete (so a failing
    /// reload loses nothing), the cursor on its item's ID. A request in flight for the pane is cancelled first.
    /// On the providers pane (configuration, nothing to fetch) it reloads the selected provider's instances.
    private mutating func reloadFocusedPane() -> [Effect] {
        var effects: [Effect] = []
        switch focus {
        case .providers, .instances:
            guard let provider = selectedProvider?.name else { return [] }
            if let request = instancesRequest { effects.append(.cancel(request.token)) }
            let token = makeToken()
            instancesRequest = PendingRequest(key: provider, token: token)
            switch instanceLists[provider]?.reloadPlan {
            case .fillGaps(let remainder)?:
                instanceLists[provider]?.beginFillingGaps()
                effects.append(.loadMissingInstances(provider: provider, remainder: remainder, token: token))
            case .refresh?:
                instanceLists[provider]?.beginRefresh(quiet: false)
                effects.append(.loadInstances(provider: provider, token: token))
            case .fresh?, nil:
                instanceLists[provider] = ItemList()
                effects.append(.loadInstances(provider: provider, token: token))
            }
        case .backups, .detail:
            // In the detail view too: a fresh copy of the backup brings fresh download links.
            guard let key = backupKey else { return [] }
            if let request = backupsRequest { effects.append(.cancel(request.token)) }
            let token = makeToken()
            backupsRequest = PendingRequest(key: key, token: token)
            switch backupLists[key]?.reloadPlan {
            case .fillGaps(let remainder)?:
                backupLists[key]?.beginFillingGaps()
                effects.append(.loadMissingBackups(provider: key.provider, instanceID: key.instanceID,
                                                   window: timeWindow, remainder: remainder, token: token))
            case .refresh?:
                backupLists[key]?.beginRefresh(quiet: false)
                effects.append(.loadBackups(provider: key.provider, instanceID: key.instanceID, window: timeWindow,
                                            token: token))
            case .fresh?, nil:
                backupLists[key] = ItemList()
                effects.append(.loadBackups(provider: key.provider, instanceID: key.instanceID, window: timeWindow,
                                            token: token))
            }
        }
        return effects
    }

    // MARK: - Auto-refresh

    /// While the selected instance's list holds a running backup (an HBR job in progress counts), fetch it again
    /// every `refreshInterval` seconds, silently: the rows stay until the new list is complete. Never two at once:
    /// nothing starts while any request for the list is in flight, and the interval counts from the last answer.
    /// A list with an error or missing pages waits for `r` instead.
    private mutating func autoRefresh() -> [Effect] {
        guard refreshInterval > 0, let now, backupsRequest == nil, let key = backupKey, let list = backupLists[key],
              !list.isLoading, !list.hasFooter, let loadedAt = list.loadedAt,
              now.timeIntervalSince(loadedAt) >= refreshInterval,
              list.items.contains(where: { $0.status == .running })
        else { return [] }
        let token = makeToken()
        backupLists[key]?.beginRefresh(quiet: true)
        backupsRequest = PendingRequest(key: key, token: token)
        return [.loadBackups(provider: key.provider, instanceID: key.instanceID, window: timeWindow, token: token)]
    }

    // MARK: - Miller-column previews

    /// Makes the requests match the selection: the selected provider's instances and the selected instance's
    /// backups are loaded (unless cached); a request for anything no longer selected is cancelled, and its
    /// incomplete list dropped, so coming back fetches it whole.
    private mutating func syncLoads() -> [Effect] {
        var effects: [Effect] = []
        let provider = selectedProvider?.name
        if let request = instancesRequest, request.key != provider {
            effects.append(.cancel(request.token))
            instanceLists[request.key] = nil
            instancesRequest = nil
        }
        if let provider, instanceLists[provider] == nil {
            let token = makeToken()
            instanceLists[provider] = ItemList()
            instancesRequest = PendingRequest(key: provider, token: token)
            effects.append(.loadInstances(provider: provider, token: token))
        }
        let key = backupKey
        if let request = backupsRequest, request.key != key {
            effects.append(.cancel(request.token))
            backupLists[request.key] = nil
            backupsRequest = nil
        }
        if let key, backupLists[key] == nil {
            let token = makeToken()
            backupLists[key] = ItemList()
            backupsRequest = PendingRequest(key: key, token: token)
            effects.append(.loadBackups(provider: key.provider, instanceID: key.instanceID, window: timeWindow, token: token))
        }
        return effects
    }

    // MARK: - Scrolling

    /// The layout the list panes have (the full detail view hides them, but their geometry is what they come back to).
    var listLayout: Layout { Layout(size: size, focus: .providers) }

    private mutating func keepSelectionsVisible() {
        let layout = listLayout
        providerList.keepVisible(viewport: layout.viewport(.providers))
        if let provider = selectedProvider?.name, let list = instanceLists[provider] {
            instanceLists[provider]?.keepVisible(viewport: layout.viewport(.instances, hasError: list.hasFooter))
        }
        if let key = backupKey, let list = backupLists[key] {
            backupLists[key]?.keepVisible(viewport: layout.viewport(.backups, hasError: list.hasFooter))
        }
    }

    /// Lines in the detail of the selected backup (independent of width).
    var detailLineCount: Int {
        selectedBackup.map { DetailContent.lines(for: $0, glyphs: glyphs).count } ?? 0
    }

    /// The furthest the full detail view can scroll: the last line at the bottom of the pane.
    var maxDetailScroll: Int {
        max(0, detailLineCount - Layout(size: size, focus: .detail).viewport(.detail))
    }

    mutating func clampDetailScroll() {
        detailScroll = min(max(0, detailScroll), maxDetailScroll)
    }
}
