import CursesTerminal
import DeckUI
import Foundation

/// The one UI loop: poll stdin and the inbox, drain every key and message, reduce them all, render once.
@MainActor
final class UILoop {
    private var state: State
    private let terminal: CursesTerminal
    private let inbox: Inbox
    private let registry: ServiceRegistry
    private var tasks: [RequestToken: Task<Void, Never>] = [:]
    private let downloads = DownloadRunner()

    init(state: State, terminal: CursesTerminal, inbox: Inbox, registry: ServiceRegistry) {
        self.state = state
        self.terminal = terminal
        self.inbox = inbox
        self.registry = registry
    }

    /// Runs until the user quits or a termination signal arrives; returns the signal number, if any.
    func run() -> Int32? {
        defer { downloads.stop() }
        var lastTick = Date()
        var pending: [Action] = [.start, .tick(lastTick), .resized(terminal.size)]
        if let note = terminal.startupNote { pending.append(.message(note)) }
        while true {
            for action in pending where dispatch(action) == .quit {
                return nil
            }
            terminal.present(render(state))

            let timedOut = !waitForInput(timeoutMilliseconds: state.previewIsSettling ? Self.previewDelayMilliseconds : 1000)
            pending = terminal.readEvents().map { event in
                switch event {
                case .key(let key): .key(key)
                case .mouse(let event): .mouse(event)
                case .resized(let size): .resized(size)
                }
            }
            for message in inbox.drain() {
                switch message {
                case .action(let action): pending.append(action)
                case .terminate(let signal): return signal
                }
            }
            if timedOut, state.previewIsSettling { pending.append(.settled) }
            // Auto-refresh runs on this clock; `poll` wakes at least once a second so it ticks while idle.
            let now = Date()
            if now.timeIntervalSince(lastTick) >= 1 {
                lastTick = now
                pending.append(.tick(now))
            }
        }
    }

    private enum Outcome { case continueRunning, quit }

    private func dispatch(_ action: Action) -> Outcome {
        // A request's task is done once its last page or its error has arrived.
        switch action {
        case .instancesLoaded(let token, _, let progress) where progress.finished,
             .backupsLoaded(let token, _, let progress) where progress.finished:
            tasks[token] = nil
        case .loadFailed(let token, _):
            tasks[token] = nil
        case .pageFailed(let token, _, let progress) where progress.finished:
            tasks[token] = nil
        default:
            break
        }
        for effect in reduce(&state, action) {
            switch effect {
            case .quit:
                cancelAll()
                return .quit
            case .cancel(let token):
                tasks.removeValue(forKey: token)?.cancel()
            case .loadInstances, .loadBackups, .loadMissingInstances, .loadMissingBackups:
                if let (token, task) = registry.start(effect, inbox: inbox) { tasks[token] = task }
            case .copyToClipboard(let text):
                terminal.copyToClipboard(text)
            case .startDownload(let request):
                downloads.start(request, inbox: inbox)
            case .cancelDownload(let id):
                downloads.cancel(id)
            case .setTheme(let name):
                switchTheme(to: name)
            }
        }
        return .continueRunning
    }

    /// `:theme NAME`: the new theme from the next frame; an error keeps the current one and says why.
    private func switchTheme(to name: String) {
        let environment = ProcessInfo.processInfo.environment
        let (theme, message) = ThemeResolver.switchTo(name, environment: environment)
        if let theme { terminal.apply(theme: theme, useColor: true) }
        _ = reduce(&state, .message(message))
    }

    private func cancelAll() {
        for task in tasks.values { task.cancel() }
        tasks.removeAll()
    }

    /// How long keys must pause before the preview follows the cursor: longer than a held key's repeat interval.
    static let previewDelayMilliseconds: Int32 = 120

    /// Blocks until a key or a message can be read, or the timeout passes (then it returns false). EINTR (SIGWINCH)
    /// returns at once so the resize key is read.
    private func waitForInput(timeoutMilliseconds: Int32) -> Bool {
        var fds = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: inbox.readFD, events: Int16(POLLIN), revents: 0),
        ]
        return poll(&fds, nfds_t(fds.count), timeoutMilliseconds) != 0
    }
}
