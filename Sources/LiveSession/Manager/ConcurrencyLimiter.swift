/// At most `limit` holders at once; the rest wait in arrival order.
actor ConcurrencyLimiter {
    private let limit: Int
    private var holders = 0
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<Bool, Never>)] = []
    private var nextWaiter: UInt64 = 0

    init(limit: Int) { self.limit = max(1, limit) }

    func acquire() async {
        if holders < limit {
            holders += 1
            return
        }
        nextWaiter += 1
        let id = nextWaiter
        _ = await withCheckedContinuation { waiters.append((id, $0)) }
    }

    /// Like ``acquire()``, but a task cancelled while it waits leaves the queue at once
    /// and gets false (holding nothing).
    func acquireUnlessCancelled() async -> Bool {
        if Task.isCancelled { return false }
        if holders < limit {
            holders += 1
            return true
        }
        nextWaiter += 1
        let id = nextWaiter
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled { continuation.resume(returning: false) } else { waiters.append((id, continuation)) }
            }
        } onCancel: {
            Task { await self.abandon(id) }
        }
    }

    private func abandon(_ id: UInt64) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(returning: false)
    }

    func release() {
        if waiters.isEmpty {
            holders -= 1
        } else {
            // The permit passes straight to the next waiter.
            waiters.removeFirst().continuation.resume(returning: true)
        }
    }

    /// Runs `body` holding one permit.
    func run<T: Sendable>(_ body: @Sendable () async -> T) async -> T {
        await acquire()
        let result = await body()
        release()
        return result
    }
}
