import BackupModel

/// Applies one action to the state and returns the work the runtime should start. Pure: no I/O, no clock.
public func reduce(_ state: inout State, _ action: Action) -> [Effect] {
    state.apply(action)
}

extension State {
    mutating func apply(_ action: Action) -> [Effect] {
        var effects: [Effect] = []
        switch action {
        case .start:
            started = true
        case .key(let key):
            statusMessage = nil
            // Ctrl-C always quits, whatever the keymap, prompt or overlay.
            if key == .ctrl("c") { return [.quit] }
            if prompt != nil {
                effects += handlePromptKey(key)
            } else if help != nil {
                handleHelpKey(key)
            } else if let command = keymap.command(for: key, in: focus) {
                if command == .quit { return [.quit] }
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
            instanceLists[request.key]?.receive(page: items, progress: progress)
            if progress.finished { instancesRequest = nil }
        case .backupsLoaded(let token, let items, let progress):
            guard let request = backupsRequest, request.token == token else { return [] }
            backupLists[request.key]?.receive(page: items, progress: progress)
            if progress.finished { backupsRequest = nil }
        case .loadFailed(let token, let error):
            if let request = instancesRequest, request.token == token {
                instanceLists[request.key]?.fail(error)
                instancesRequest = nil
            } else if let request = backupsRequest, request.token == token {
                backupLists[request.key]?.fail(error)
                backupsRequest = nil
            } else {
                return []
            }
            statusMessage = StatusMessage(text: error.summary, isError: true)
        case .message(let text):
            statusMessage = StatusMessage(text: text, isError: false)
        }
        arrangeVisibleLists()
        if started { effects += syncLoads() }
        arrangeVisibleLists()
        keepSelectionsVisible()
        clampDetailScroll()
        return effects
    }

    // MARK: - Commands

    mutating func run(_ command: Command) -> [Effect] {
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
            help = HelpOverlay(focus: focus)
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
            let viewport = layout.viewport(.instances, hasError: list.error != nil)
            instanceLists[provider]?.navigate(command, viewport: viewport)
        case .backups:
            guard let key = backupKey, let list = backupLists[key] else { return }
            let viewport = layout.viewport(.backups, hasError: list.error != nil)
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

    /// `r`: cancel the pane's request in flight, clear its rows and ask again; the cursor keeps its item's ID.
    /// On the providers pane (configuration, nothing to fetch) it reloads the selected provider's instances.
    private mutating func reloadFocusedPane() -> [Effect] {
        var effects: [Effect] = []
        switch focus {
        case .providers, .instances:
            guard let provider = selectedProvider?.name else { return [] }
            if let request = instancesRequest { effects.append(.cancel(request.token)) }
            let token = makeToken()
            if instanceLists[provider] == nil {
                instanceLists[provider] = ItemList()
            } else {
                instanceLists[provider]?.beginReload()
            }
            instancesRequest = PendingRequest(key: provider, token: token)
            effects.append(.loadInstances(provider: provider, token: token))
        case .backups:
            guard let key = backupKey else { return [] }
            if let request = backupsRequest { effects.append(.cancel(request.token)) }
            let token = makeToken()
            if backupLists[key] == nil {
                backupLists[key] = ItemList()
            } else {
                backupLists[key]?.beginReload()
            }
            backupsRequest = PendingRequest(key: key, token: token)
            effects.append(.loadBackups(provider: key.provider, instanceID: key.instanceID, window: timeWindow, token: token))
        case .detail:
            break
        }
        return effects
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
            instanceLists[provider]?.keepVisible(viewport: layout.viewport(.instances, hasError: list.error != nil))
        }
        if let key = backupKey, let list = backupLists[key] {
            backupLists[key]?.keepVisible(viewport: layout.viewport(.backups, hasError: list.error != nil))
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
