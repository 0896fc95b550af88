import NIOConcurrencyHelpers

/// The latest snapshot of every device, readable from any thread without waiting on the
/// manager or the network.
final class SnapshotStore: Sendable {
    private let state = NIOLockedValueBox<(order: [String], snapshots: [String: DeviceSnapshot])>(([], [:]))
    private let watchers = NIOLockedValueBox<[Int: AsyncStream<Void>.Continuation]>([:])
    private let nextWatcher = NIOLockedValueBox(0)

    /// A stream that yields after snapshots change; bursts fold into one element, so a
    /// slow reader wakes once and reads the latest state.
    func changes() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let id = nextWatcher.withLockedValue { value in value += 1; return value }
        watchers.withLockedValue { $0[id] = continuation }
        continuation.onTermination = { [weak self] _ in _ = self?.watchers.withLockedValue { $0.removeValue(forKey: id) } }
        return stream
    }

    /// Ends every change stream.
    func finish() {
        let all = watchers.withLockedValue { watchers in
            defer { watchers.removeAll() }
            return Array(watchers.values)
        }
        for continuation in all { continuation.finish() }
    }

    private func notify() {
        // No copy of the watchers when there are none (bench, status): this runs on every pong.
        guard let all = watchers.withLockedValue({ $0.isEmpty ? nil : Array($0.values) }) else { return }
        for continuation in all { continuation.yield() }
    }

    func put(_ snapshot: DeviceSnapshot) {
        state.withLockedValue { state in
            if state.snapshots.updateValue(snapshot, forKey: snapshot.serialNumber) == nil {
                state.order.append(snapshot.serialNumber)
            }
        }
        notify()
    }

    func remove(_ serial: String) {
        state.withLockedValue { state in
            state.snapshots[serial] = nil
            state.order.removeAll { $0 == serial }
        }
        notify()
    }

    func get(_ serial: String) -> DeviceSnapshot? { state.withLockedValue { $0.snapshots[serial] } }

    var all: [DeviceSnapshot] { state.withLockedValue { state in state.order.compactMap { state.snapshots[$0] } } }
}
