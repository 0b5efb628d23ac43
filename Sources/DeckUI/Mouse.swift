/// A mouse event as the terminal backend decodes it. Only reported when the config says `mouse = true`, so by
/// default the terminal's own text selection keeps working.
public struct MouseEvent: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case click, doubleClick, wheelUp, wheelDown }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

extension Rect {
    func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }
}

extension State {
    /// Rows the wheel moves per notch.
    static let wheelStep = 3

    /// Click selects the row under the pointer and focuses its pane; double-click also drills in; the wheel moves
    /// the selection (in the detail: scrolls). Ignored while a prompt or help is open.
    mutating func handleMouse(_ event: MouseEvent) {
        guard prompt == nil, help == nil else { return }
        let layout = Layout(size: size, focus: focus)
        guard !layout.isTooSmall else { return }
        let panes: [(Focus, Rect)] = [
            (.providers, layout.providers), (.instances, layout.instances), (.backups, layout.backups),
            (.detail, layout.detail),
        ]
        guard let (pane, rect) = panes.first(where: { !$0.1.isEmpty && $0.1.contains(x: event.x, y: event.y) }) else {
            return
        }
        switch event.kind {
        case .wheelUp, .wheelDown:
            // The pane under the pointer scrolls; focus stays where it is. The preview does not scroll.
            if pane == .detail && focus != .detail { return }
            let command: Command = event.kind == .wheelDown ? .moveDown : .moveUp
            let previous = focus
            focus = pane
            for _ in 0..<Self.wheelStep { _ = run(command) }
            focus = previous
        case .click, .doubleClick:
            if pane == .detail {
                if focus != .detail, selectedBackup != nil { focus = .backups; _ = run(.open) }
                return
            }
            guard selectRow(in: pane, rect: rect, y: event.y) else { return }
            focus = pane
            if event.kind == .doubleClick { _ = run(.open) }
        }
    }

    /// Selects the row drawn at screen row `y` of a list pane; false when there is no row there.
    private mutating func selectRow(in pane: Focus, rect: Rect, y: Int) -> Bool {
        let headerRows = pane == .backups ? 1 : 0
        let offset = y - rect.inner.y - headerRows
        guard offset >= 0 else { return false }
        switch pane {
        case .providers:
            let row = providerList.scrollTop + offset
            guard row < providerList.count else { return false }
            providerList.select(row)
        case .instances:
            guard let provider = selectedProvider?.name, let list = instanceLists[provider],
                  list.scrollTop + offset < list.count else { return false }
            instanceLists[provider]?.select(list.scrollTop + offset)
        case .backups:
            guard let key = backupKey, let list = backupLists[key], list.scrollTop + offset < list.count else { return false }
            backupLists[key]?.select(list.scrollTop + offset)
        case .detail:
            return false
        }
        return true
    }
}
