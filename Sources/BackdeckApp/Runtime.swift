import DeckUI
import Foundation

/// What the runtime needs from the screen it does not draw: the clipboard and the colours. `CursesTerminal` in the
/// app; a recorder in tests, which run the runtime without a terminal.
@MainActor
protocol TerminalEffects: AnyObject {
    func copyToClipboard(_ text: String)
    func apply(theme: Theme)
}

/// The one place the reducer's effects are carried out. It owns the state: an action goes through `reduce`, and
/// each effect that comes back is performed here; background work (fetches, downloads, theme loads) answers only
/// through the inbox, and each task says itself when it has ended. Headless: the UI loop feeds it keys and draws
/// `state`; tests feed it actions and read `state`.
@MainActor
final class Runtime {
    private(set) var state: State
    let inbox: Inbox
    private let registry: ServiceRegistry
    private let terminal: any TerminalEffects
    /// `:theme NAME`: the theme to use, or nil and why not; and the line for the status line.
    private let loadTheme: @Sendable (String) -> (Theme?, String)
    let downloads = DownloadRunner()
    /// The tasks still running, each removed when it posts `.ended`, or cancelled by the reducer or at the end.
    private(set) var tasks: [TaskKey: Task<Void, Never>] = [:]
    private var stopped = false

    /// What the loop should do after an action or a drained inbox.
    enum Outcome: Equatable {
        case running
        /// The reducer asked to quit.
        case quit
        /// SIGINT, SIGTERM or SIGHUP arrived.
        case terminated(signal: Int32)
    }

    init(state: State, inbox: Inbox, registry: ServiceRegistry, terminal: any TerminalEffects,
         loadTheme: @escaping @Sendable (String) -> (Theme?, String)) {
        self.state = state
        self.inbox = inbox
        self.registry = registry
        self.terminal = terminal
        self.loadTheme = loadTheme
    }

    /// Reduces the action and performs the effects it asks for.
    func send(_ action: Action) -> Outcome {
        for effect in reduce(&state, action) where perform(effect) == .quit {
            return .quit
        }
        return .running
    }

    /// Handles everything background work has posted so far, in order.
    func drainInbox() -> Outcome {
        for message in inbox.drain() {
            switch message {
            case .action(let action):
                if send(action) == .quit { return .quit }
            case .ended(let key):
                tasks[key] = nil
            case .terminate(let signal):
                return .terminated(signal: signal)
            }
        }
        return .running
    }

    /// Cancels every task (a download's `.part` stays for a resume). Idempotent. Then close `downloads`
    /// (`DownloadRunner.shutdown()`), off the main thread.
    func stop() {
        guard !stopped else { return }
        stopped = true
        for task in tasks.values { task.cancel() }
        tasks.removeAll()
    }

    private func perform(_ effect: Effect) -> Outcome {
        switch effect {
        case .quit:
            return .quit
        case .cancel(let token):
            tasks.removeValue(forKey: .request(token))?.cancel()
        case .loadInstances(_, let token), .loadBackups(_, _, _, let token), .loadMissingInstances(_, _, let token),
             .loadMissingBackups(_, _, _, _, let token):
            if let work = registry.work(for: effect, inbox: inbox) { spawn(.request(token), work) }
        case .copyToClipboard(let text):
            terminal.copyToClipboard(text)
        case .startDownload(let request):
            spawn(.download(request.id), downloads.work(for: request, inbox: inbox))
        case .cancelDownload(let id):
            tasks.removeValue(forKey: .download(id))?.cancel()
        case .setTheme(let name):
            // The new theme from the next frame; an error keeps the current one. Either way the answer comes back
            // as an action, like every other result.
            let (theme, message) = loadTheme(name)
            if let theme { terminal.apply(theme: theme) }
            inbox.post(.message(message))
        }
        return .running
    }

    /// Runs the work in the background; when it returns (done, failed or cancelled) it posts its own end.
    private func spawn(_ key: TaskKey, _ work: @escaping @Sendable () async -> Void) {
        let inbox = self.inbox
        tasks[key] = Task.detached {
            await work()
            inbox.post(.ended(key))
        }
    }
}

/// A background task of the runtime: a request of the reducer's, or a download.
enum TaskKey: Sendable, Hashable {
    case request(RequestToken)
    case download(Int)
}
