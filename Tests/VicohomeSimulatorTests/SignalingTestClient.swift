import Foundation
import TestSupport
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOWebSocket
import VicohomeAPI
import VicohomeSimulator
import WebSocketKit

/// A bare websocket-kit client that records what the simulated signaling server sends.
final class SignalingTestClient: Sendable {
    private struct Record {
        var messages: [SignalingMessage] = []
        var pongs: [(payload: ByteBuffer, at: ContinuousClock.Instant)] = []
    }

    let socket: WebSocket
    private let record: NIOLockedValueBox<Record>

    private init(socket: WebSocket, record: NIOLockedValueBox<Record>) {
        self.socket = socket
        self.record = record
    }

    /// Connects with a ticket's URL; throws when the handshake is refused.
    ///
    /// websocket-kit wants its callbacks set on the socket's event loop, which is where
    /// `onUpgrade` runs, and before the first frame arrives.
    static func connect(_ url: URL) async throws -> SignalingTestClient {
        let record = NIOLockedValueBox(Record())
        // The connect future may complete before onUpgrade has run: the socket is awaited
        // on a promise of its own rather than read once the future completes.
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        let upgraded = loop.makePromise(of: WebSocket.self)
        let completed = NIOLockedValueBox(false)
        let complete: @Sendable (Result<WebSocket, any Error>) -> Void = { result in
            guard completed.withLockedValue({ done in defer { done = true }; return !done }) else { return }
            upgraded.completeWith(result)
        }
        let onUpgrade: @Sendable (WebSocket) -> Void = { socket in
            socket.onText { (_: WebSocket, text: String) -> Void in
                if let message = try? SignalingMessage.decode(text) {
                    record.withLockedValue { $0.messages.append(message) }
                }
            }
            socket.onPong { (_: WebSocket, payload: ByteBuffer) -> Void in
                record.withLockedValue { $0.pongs.append((payload, ContinuousClock.now)) }
            }
            complete(.success(socket))
        }
        let connected: EventLoopFuture<Void> = WebSocket.connect(to: url.absoluteString, on: loop, onUpgrade: onUpgrade)
        connected.whenFailure { complete(.failure($0)) }
        // A guard against a pipeline that never finishes its upgrade, not a measure.
        let guardTask = loop.scheduleTask(in: .seconds(30)) { complete(.failure(ChannelError.connectTimeout(.seconds(30)))) }
        upgraded.futureResult.whenComplete { _ in guardTask.cancel() }
        try await connected.get()
        let socket = try await upgraded.futureResult.get()
        return SignalingTestClient(socket: socket, record: record)
    }

    var messages: [SignalingMessage] { record.withLockedValue { $0.messages } }

    /// Sends a ping and waits for its pong; `nil` when none arrives within `timeout`.
    func ping(sequence: UInt32, timeout: Duration = .seconds(2)) async throws -> Duration? {
        var payload = Data()
        withUnsafeBytes(of: sequence.bigEndian) { payload.append(contentsOf: $0) }
        let expected = ByteBuffer(bytes: payload)
        let sent = ContinuousClock.now
        try await socket.sendPing(payload)
        let deadline = sent + timeout
        while ContinuousClock.now < deadline {
            let match: ContinuousClock.Instant? = record.withLockedValue { (record: inout Record) -> ContinuousClock.Instant? in
                for pong in record.pongs where pong.payload == expected { return pong.at }
                return nil
            }
            if let match { return match - sent }
            try await Task.sleep(for: .milliseconds(2))
        }
        return nil
    }

    /// Waits until `count` messages of `kind` arrived (counting from the start), or the deadline passes.
    func waitFor(_ kind: SignalingMessage.Kind, count: Int = 1, timeout: Duration = .seconds(5)) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if messages.filter({ $0.kind == kind }).count >= count { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    /// Waits for the socket to close and returns the server's close code.
    func waitForClose(timeout: Duration = .seconds(5)) async throws -> WebSocketErrorCode? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if socket.isClosed { return socket.closeCode }
            try await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }
}

/// Starts a simulator, runs the body, stops it.
func withSimulator(
    configure: (inout SimulatorConfiguration) -> Void = { _ in },
    _ body: (VicohomeSimulator, VicohomeClient) async throws -> Void
) async throws {
    var configuration = SimulatorConfiguration()
    configure(&configuration)
    let simulator = VicohomeSimulator(configuration: configuration)
    try await simulator.start()
    let client = VicohomeClient(configuration: APIConfiguration(baseURL: simulator.baseURL), token: simulator.token)
    do {
        try await body(simulator, client)
    } catch {
        await simulator.stop()
        throw error
    }
    await simulator.stop()
}


enum Serial {
    static let healthy = "VDCA1P2410000131"
    static let viewerLimit = "VDCA1P2407005563"
    static let flapping = "VDSL4K2403006690"
}
