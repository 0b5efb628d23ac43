import DeckUI
import Foundation
import Synchronization

/// What background work tells the runtime.
enum InboxMessage: Sendable {
    case action(Action)
    /// A background task has returned; its answers, if any, were posted before this.
    case ended(TaskKey)
    case terminate(signal: Int32)
}

/// The only way from background tasks to the runtime on the UI thread: a locked queue plus a self-pipe the loop poll()s.
final class Inbox: Sendable {
    private let queue = Mutex<[InboxMessage]>([])
    let readFD: Int32
    private let writeFD: Int32

    init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) != 0 { fatalError("pipe() failed: \(errno)") }
        readFD = fds[0]
        writeFD = fds[1]
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    func post(_ message: InboxMessage) {
        queue.withLock { $0.append(message) }
        var byte: UInt8 = 1
        // A full pipe already means "wake up": the lost byte does not matter.
        _ = write(writeFD, &byte, 1)
    }

    func post(_ action: Action) { post(.action(action)) }

    /// Everything posted so far, in order; empties the pipe too.
    func drain() -> [InboxMessage] {
        var buffer = [UInt8](repeating: 0, count: 512)
        while read(readFD, &buffer, buffer.count) > 0 {}
        return queue.withLock { messages in
            defer { messages.removeAll(keepingCapacity: true) }
            return messages
        }
    }
}
