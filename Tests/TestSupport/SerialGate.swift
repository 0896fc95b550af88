/// One test at a time through the gate, across suites and test targets of the process.
/// The tests that run GStreamer in-process go through ``gstreamer``, so the one that counts
/// GStreamer's threads and sockets sees only its own.
public actor SerialGate {
    /// The gate for in-process GStreamer tests.
    public static let gstreamer = SerialGate()

    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` alone.
    public func run<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
        if busy {
            await withCheckedContinuation { waiters.append($0) }
        }
        busy = true
        defer {
            if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
        }
        return try await body()
    }
}
