import Foundation
import HeapModule
import NIOConcurrencyHelpers

/// One scheduler for every timer of every session: a min-heap of deadlines served by a
/// single task, instead of a task per device per timer.
///
/// Each (serial, timer) pair holds at most one deadline; scheduling it again replaces it,
/// and cancelled entries are skipped lazily when they reach the top of the heap.
///
/// Deadlines within `leeway` of the one that woke it fire in the same batch, early and never
/// late: 10,000 cameras pinging every 5 s would otherwise wake it 2,000 times a second, each
/// wake a sleeping task and a hop to the manager for one or two timers.
final class TimerScheduler: Sendable {
    struct Key: Hashable, Sendable {
        var serialNumber: String
        var timer: SessionTimer
    }

    private struct Entry: Comparable {
        var deadline: Date
        var key: Key
        var generation: UInt64
        static func < (lhs: Entry, rhs: Entry) -> Bool { lhs.deadline < rhs.deadline }
        static func == (lhs: Entry, rhs: Entry) -> Bool { lhs.deadline == rhs.deadline && lhs.generation == rhs.generation }
    }

    private struct State {
        var heap = Heap<Entry>()
        var live: [Key: UInt64] = [:]
        var nextGeneration: UInt64 = 0
        var sleepingUntil: Date?
        var sleeper: Task<Void, Never>?
    }

    private let clock: any SessionClock
    private let leeway: TimeInterval
    private let state = NIOLockedValueBox(State())

    init(clock: any SessionClock, leeway: TimeInterval = 0) {
        self.clock = clock
        self.leeway = max(0, leeway)
    }

    /// Sets (or moves) the deadline of a timer.
    func schedule(_ key: Key, at deadline: Date) {
        let wake = state.withLockedValue { state -> Task<Void, Never>? in
            state.nextGeneration += 1
            state.live[key] = state.nextGeneration
            state.heap.insert(Entry(deadline: deadline, key: key, generation: state.nextGeneration))
            guard let sleepingUntil = state.sleepingUntil, deadline < sleepingUntil else { return nil }
            state.sleepingUntil = nil
            return state.sleeper
        }
        wake?.cancel()
    }

    /// Removes a timer.
    func cancel(_ key: Key) {
        state.withLockedValue { _ = $0.live.removeValue(forKey: key) }
    }

    /// Removes every timer of a camera.
    func cancelAll(serialNumber: String) {
        for timer in SessionTimer.allCases { cancel(Key(serialNumber: serialNumber, timer: timer)) }
    }

    /// Timers waiting now (cancelled ones excluded).
    var pendingCount: Int { state.withLockedValue { $0.live.count } }

    /// Serves timers until cancelled, handing each batch of due timers to `fire`.
    func run(fire: @Sendable ([Key]) async -> Void) async {
        while !Task.isCancelled {
            let now = clock.now
            let horizon = now.addingTimeInterval(leeway)
            let (due, next) = state.withLockedValue { state -> ([Key], Date?) in
                var due: [Key] = []
                while let top = state.heap.min, top.deadline <= horizon {
                    _ = state.heap.popMin()
                    if state.live[top.key] == top.generation {
                        state.live[top.key] = nil
                        due.append(top.key)
                    }
                }
                // Drop cancelled entries from the top so the sleep aims at a live deadline.
                while let top = state.heap.min, state.live[top.key] != top.generation { _ = state.heap.popMin() }
                return (due, state.heap.min?.deadline)
            }
            if !due.isEmpty {
                await fire(due)
                continue
            }
            let target = next ?? now.addingTimeInterval(3600)
            let clock = self.clock
            let sleeper = state.withLockedValue { state -> Task<Void, Never>? in
                // A timer scheduled since the check above may be earlier: look again first.
                if let top = state.heap.min?.deadline, top < target { return nil }
                let task = Task<Void, Never> { _ = try? await clock.sleep(until: target) }
                state.sleepingUntil = target
                state.sleeper = task
                return task
            }
            guard let sleeper else { continue }
            await withTaskCancellationHandler {
                await sleeper.value
            } onCancel: {
                sleeper.cancel()
            }
            state.withLockedValue {
                $0.sleepingUntil = nil
                $0.sleeper = nil
            }
        }
    }
}
