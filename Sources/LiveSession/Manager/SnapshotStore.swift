import NIOConcurrencyHelpers

/// The latest snapshot of every device, readable from any thread without waiting on the
/// manager or the network.
final class SnapshotStore: Sendable {
    private let state = NIOLockedValueBox<(order: [String], snapshots: [String: DeviceSnapshot])>(([], [:]))

    func put(_ snapshot: DeviceSnapshot) {
        state.withLockedValue { state in
            if state.snapshots.updateValue(snapshot, forKey: snapshot.serialNumber) == nil {
                state.order.append(snapshot.serialNumber)
            }
        }
    }

    func remove(_ serial: String) {
        state.withLockedValue { state in
            state.snapshots[serial] = nil
            state.order.removeAll { $0 == serial }
        }
    }

    func get(_ serial: String) -> DeviceSnapshot? { state.withLockedValue { $0.snapshots[serial] } }

    var all: [DeviceSnapshot] { state.withLockedValue { state in state.order.compactMap { state.snapshots[$0] } } }
}
