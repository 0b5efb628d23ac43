import BackupModel

// Drawing the copy menu, the download prompts, the downloads list and the raw view over the panes, and the
// download progress bar of the status line. The hint line of an overlay comes from its rows of the keymap
// (`drawHints`); only the folder prompt and the raw view's search line, which are text entry, write their own.
extension Renderer {
    mutating func drawOverlay() {
        guard let overlay = state.operatorState.overlay, !layout.isTooSmall else { return }
        switch overlay {
        case .copyMenu(let entries, let cursor):
            drawMenu(title: "copy to clipboard", rows: entries.map { ($0.label, $0.value) }, cursor: cursor)
        case .downloadMenu(let links, let cursor):
            drawMenu(title: "download", rows: links.map { ($0.label, $0.size.map { ByteCount(bytes: $0).formatted } ?? "") },
                     cursor: cursor)
        case .folderPrompt(let link, let text):
            drawPrompt(title: "download \(DownloadFileName.forLink(link.url))", label: "to folder: ", text: text, cursor: true)
            drawOverlayHints("⏎ start  ^U clear  esc cancel")
        case .overwritePrompt(let request):
            drawPrompt(title: "file exists", label: "", text: "\(request.folder)/\(request.fileName) exists. Overwrite? (y/N)",
                       cursor: false)
        case .quitPrompt(let running):
            drawPrompt(title: "quit", label: "", text: "\(running) download\(running == 1 ? " is" : "s are") running "
                + "(their .part files stay for a resume). Quit? (y/N)", cursor: false)
        case .downloads(let cursor):
            drawDownloads(cursor: cursor)
        case .raw(let view):
            drawRaw(view)
            if let typing = view.typing {
                let row = layout.hints
                grid.fill(Rect(x: row.x, y: row.y, width: row.width, height: 1), role: .normal)
                grid.write("/" + typing + "█", x: row.x, y: row.y, width: row.width, role: .accent)
            }
        }
    }

    private mutating func drawOverlayHints(_ text: String) {
        let row = layout.hints
        grid.fill(Rect(x: row.x, y: row.y, width: row.width, height: 1), role: .normal)
        grid.write(TextFit.truncate(text, to: row.width, ellipsis: glyphs.ellipsis), x: row.x, y: row.y, role: .hint)
    }

    /// A box centred on the body.
    private func centred(width: Int, height: Int) -> Rect {
        let body = Rect(x: 0, y: 1, width: state.size.columns, height: max(0, state.size.rows - 3))
        let w = min(width, body.width)
        let h = min(height, body.height)
        return Rect(x: body.x + (body.width - w) / 2, y: body.y + (body.height - h) / 2, width: w, height: h)
    }

    private mutating func drawMenu(title: String, rows: [(String, String)], cursor: Int) {
        let box = centred(width: min(100, state.size.columns - 4), height: rows.count + 2)
        grid.fill(box, role: .normal)
        drawBox(box, title: title, focused: true)
        let inner = box.inner
        let labelWidth = min(max(12, rows.map { DisplayWidth.of($0.0) }.max() ?? 0) + 4, inner.width / 2)
        let top = max(0, min(cursor - inner.height + 1, rows.count - inner.height))
        for (offset, row) in rows.enumerated().dropFirst(top).prefix(inner.height) {
            let y = inner.y + offset - top
            let role: StyleRole? = offset == cursor ? .cursor : nil
            if let role { grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: role) }
            let number = offset < 9 ? "\(offset + 1) " : "  "
            grid.write(TextFit.pad(number + row.0, to: labelWidth, ellipsis: glyphs.ellipsis), x: inner.x, y: y, role: role ?? .label)
            grid.write(TextFit.truncate(row.1, to: inner.width - labelWidth, ellipsis: glyphs.ellipsis), x: inner.x + labelWidth,
                       y: y, role: role ?? .link)
        }
    }

    private mutating func drawPrompt(title: String, label: String, text: String, cursor: Bool) {
        let box = centred(width: min(100, state.size.columns - 4), height: 3)
        grid.fill(box, role: .normal)
        drawBox(box, title: title, focused: true)
        let inner = box.inner
        var x = inner.x + grid.write(label, x: inner.x, y: inner.y, role: .label)
        let room = inner.maxX - x - (cursor ? 1 : 0)
        // Show the end of a long path: that is where the typing happens.
        var shown = Sanitize.forDisplay(text)
        while DisplayWidth.of(shown) > room, !shown.isEmpty { shown.removeFirst() }
        x += grid.write(shown, x: x, y: inner.y, width: room, role: .normal)
        if cursor { grid.write("█", x: x, y: inner.y, role: .accent) }
    }

    private mutating func drawDownloads(cursor: Int) {
        let downloads = state.operatorState.downloads
        let box = centred(width: min(110, state.size.columns - 4), height: max(3, downloads.count + 2))
        grid.fill(box, role: .normal)
        drawBox(box, title: "downloads (\(downloads.count))", focused: true)
        let inner = box.inner
        guard !downloads.isEmpty else {
            grid.write("no downloads yet: d on a backup starts one", x: inner.x, y: inner.y, width: inner.width, role: .muted)
            return
        }
        let top = max(0, min(cursor - inner.height + 1, downloads.count - inner.height))
        for (offset, item) in downloads.enumerated().dropFirst(top).prefix(inner.height) {
            let y = inner.y + offset - top
            let role: StyleRole? = offset == cursor ? .cursor : nil
            if let role { grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: role) }
            let nameWidth = min(36, inner.width / 3)
            grid.write(TextFit.pad(item.request.fileName, to: nameWidth, ellipsis: glyphs.ellipsis), x: inner.x, y: y, role: role ?? .normal)
            let detail: String
            let detailRole: StyleRole
            switch item.phase {
            case .running:
                detail = Self.progressText(item.progress, barWidth: 16, glyphs: glyphs)
                detailRole = .statusRunning
            case .completed:
                detail = "✓ " + item.message
                detailRole = .statusOK
            case .failed:
                detail = "✗ " + item.message
                detailRole = .statusFailed
            case .cancelled:
                detail = "cancelled: " + item.message
                detailRole = .muted
            }
            grid.write(TextFit.truncate(detail, to: inner.width - nameWidth - 1, ellipsis: glyphs.ellipsis),
                       x: inner.x + nameWidth + 1, y: y, role: role ?? detailRole)
        }
    }

    private mutating func drawRaw(_ view: RawViewState) {
        let box = RawViewLayout(size: state.size).box
        grid.fill(box, role: .normal)
        let total = view.lines.count
        let inner = box.inner
        let footer = total == 0 ? "" : "lines \(view.scroll + 1)–\(min(total, view.scroll + inner.height)) of \(total)"
        drawBox(box, title: "raw record · backup \(view.backupID)", footer: footer, focused: true)
        let query = view.query.lowercased()
        for (offset, line) in view.lines.dropFirst(view.scroll).prefix(inner.height).enumerated() {
            let matches = !query.isEmpty && line.lowercased().contains(query)
            grid.write(TextFit.truncate(line, to: inner.width, ellipsis: glyphs.ellipsis), x: inner.x, y: inner.y + offset,
                       role: matches ? .selection : .normal)
        }
    }

    /// The status line's right side while downloads run: the newest running one, and how many others.
    func downloadStatus() -> String? {
        let running = state.operatorState.downloads.filter { $0.phase == .running }
        guard let current = running.last else { return nil }
        let others = running.count > 1 ? " (+\(running.count - 1))" : ""
        let name = TextFit.truncate(current.request.fileName, to: 16, ellipsis: glyphs.ellipsis)
        return "\(glyphs.arrowDown) \(name) " + Self.progressText(current.progress, barWidth: 8, glyphs: glyphs) + others
    }

    /// `▕█████░░░░░▏ 42% 1.20 MiB/2.85 MiB 3.4 MiB/s ETA 0:02`; without a total, bytes and rate only.
    static func progressText(_ progress: TransferProgress, barWidth: Int, glyphs: GlyphSet) -> String {
        let rate = progress.bytesPerSecond > 0 ? " " + ByteCount(bytes: Int64(progress.bytesPerSecond)).formatted + "/s" : ""
        let done = ByteCount(bytes: progress.bytesDone).formatted
        guard let total = progress.totalBytes, total > 0 else { return done + rate }
        let fraction = min(1, max(0, Double(progress.bytesDone) / Double(total)))
        let filled = Int((fraction * Double(barWidth)).rounded(.down))
        let bar = "▕" + String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled) + "▏"
        var text = "\(bar) \(Int((fraction * 100).rounded(.down)))% \(done)/\(ByteCount(bytes: total).formatted)\(rate)"
        if progress.bytesPerSecond > 0 {
            let seconds = Int((Double(max(0, total - progress.bytesDone)) / progress.bytesPerSecond).rounded(.up))
            text += " ETA \(seconds / 60):\(seconds % 60 < 10 ? "0" : "")\(seconds % 60)"
        }
        return text
    }
}
