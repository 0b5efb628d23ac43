import CursesTerminal
import DeckUI
import Foundation

/// The one UI loop: it reads keys, drains the inbox into the runtime and presents a frame; the runtime does the rest.
@MainActor
final class UILoop {
    private let runtime: Runtime
    private let terminal: CursesTerminal

    init(runtime: Runtime, terminal: CursesTerminal) {
        self.runtime = runtime
        self.terminal = terminal
    }

    /// Runs until the user quits or a termination signal arrives; returns the signal number, if any.
    func run() -> Int32? {
        defer { runtime.stop() }
        var lastTick = Date()
        var pending: [Action] = [.start, .tick(lastTick), .resized(terminal.size)]
        if let note = terminal.startupNote { pending.append(.message(note)) }
        while true {
            for action in pending where runtime.send(action) == .quit {
                return nil
            }
            terminal.present(render(runtime.state))

            let timedOut = !waitForInput(timeoutMilliseconds: runtime.state.previewIsSettling ? Self.previewDelayMilliseconds : 1000)
            for event in terminal.readEvents() {
                let action: Action = switch event {
                case .key(let key): .key(key)
                case .mouse(let event): .mouse(event)
                case .resized(let size): .resized(size)
                }
                if runtime.send(action) == .quit { return nil }
            }
            switch runtime.drainInbox() {
            case .running: break
            case .quit: return nil
            case .terminated(let signal): return signal
            }
            pending = []
            if timedOut, runtime.state.previewIsSettling { pending.append(.settled) }
            // Auto-refresh runs on this clock; `poll` wakes at least once a second so it ticks while idle.
            let now = Date()
            if now.timeIntervalSince(lastTick) >= 1 {
                lastTick = now
                pending.append(.tick(now))
            }
        }
    }

    /// How long keys must pause before the preview follows the cursor: longer than a held key's repeat interval.
    static let previewDelayMilliseconds: Int32 = 120

    /// Blocks until a key or a message can be read, or the timeout passes (then it returns false). EINTR (SIGWINCH)
    /// returns at once so the resize key is read.
    private func waitForInput(timeoutMilliseconds: Int32) -> Bool {
        var fds = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: runtime.inbox.readFD, events: Int16(POLLIN), revents: 0),
        ]
        return poll(&fds, nfds_t(fds.count), timeoutMilliseconds) != 0
    }
}
