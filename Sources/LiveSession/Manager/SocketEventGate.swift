import Foundation
import NIOConcurrencyHelpers

/// Holds one socket's events until the manager has taken the socket in, then passes them,
/// in order, into the single stream the manager reads for every socket.
///
/// One stream and one reader for all sockets: a reading task per socket kept the frames of
/// the connect it began with alive (~18 KiB of task stack per camera, measured with
/// heaptrack) and woke once per pong; one reader drains whatever arrived in one wake.
final class SocketEventGate: Sendable {
    /// An event of one socket of one device.
    struct Item: Sendable {
        let serial: String
        /// The device's runtime this socket belongs to (see ``DeviceRuntime/epoch``).
        let epoch: UUID
        let generation: Int
        let event: SignalingConnection.Event
    }

    private let serial: String
    private let epoch: UUID
    private let generation: Int
    private let sink: AsyncStream<Item>.Continuation
    private let state = NIOLockedValueBox<(open: Bool, held: [SignalingConnection.Event])>((false, []))

    init(serial: String, epoch: UUID, generation: Int, sink: AsyncStream<Item>.Continuation) {
        self.serial = serial
        self.epoch = epoch
        self.generation = generation
        self.sink = sink
    }

    /// Passes an event on, or holds it while the socket is not yet taken in. From NIO threads.
    func deliver(_ event: SignalingConnection.Event) {
        state.withLockedValue { state in
            if state.open { sink.yield(item(event)) } else { state.held.append(event) }
        }
    }

    /// The manager has taken the socket in: what was held goes first, then every event as it comes.
    func open() {
        state.withLockedValue { state in
            for event in state.held { sink.yield(item(event)) }
            state.held = []
            state.open = true
        }
    }

    private func item(_ event: SignalingConnection.Event) -> Item {
        Item(serial: serial, epoch: epoch, generation: generation, event: event)
    }
}
