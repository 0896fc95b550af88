import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// The simulated signaling server: WebSocket handshakes checked against issued
/// tickets, then one ``SignalingConnectionHandler`` per socket.
///
/// Built on NIOWebSocket rather than a higher-level server because the simulator must
/// answer pings late or not at all, which needs control of every frame.
final class SignalingServer: Sendable {
    private let state: SimulatorState
    private let channel: NIOLockedValueBox<(any Channel)?> = NIOLockedValueBox(nil)

    init(state: SimulatorState) { self.state = state }

    /// Binds and starts accepting; returns the bound port.
    func start(host: String, port: Int) async throws -> Int {
        let validator = HandshakeValidator(state: state)
        let state = self.state
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 4096)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    // One verdict per connection, shared by the upgrader and the refusal answer.
                    let decided = NIOLockedValueBox<HandshakeValidator.Verdict?>(nil)
                    let upgrader = Self.upgrader(validator: validator, state: state, decided: decided)
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withServerUpgrade: (upgraders: [upgrader], completionHandler: { context in
                            context.pipeline.removeHandler(name: HandshakeRejectionHandler.name, promise: nil)
                        }))
                    try channel.pipeline.syncOperations.addHandler(
                        HandshakeRejectionHandler(validator: validator, decided: decided), name: HandshakeRejectionHandler.name)
                }
            }
        let server = try await bootstrap.bind(host: host, port: port).get()
        channel.withLockedValue { $0 = server }
        return server.localAddress?.port ?? port
    }

    private static func upgrader(
        validator: HandshakeValidator, state: SimulatorState, decided: NIOLockedValueBox<HandshakeValidator.Verdict?>
    ) -> NIOWebSocketServerUpgrader {
        NIOWebSocketServerUpgrader(
            maxFrameSize: 1 << 20,
            shouldUpgrade: { channel, head in
                let verdict = validator.admit(uri: head.uri)
                decided.withLockedValue { $0 = verdict }
                switch verdict {
                case .accept: return channel.eventLoop.makeSucceededFuture(HTTPHeaders())
                case .reject: return channel.eventLoop.makeSucceededFuture(nil)
                }
            },
            upgradePipelineHandler: { channel, _ in
                guard case .accept(let ticket)? = decided.withLockedValue({ $0 }) else { return channel.close() }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOWebSocketFrameAggregator(
                        minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 64, maxAccumulatedFrameSize: 1 << 20))
                    try channel.pipeline.syncOperations.addHandler(SignalingConnectionHandler(state: state, ticket: ticket))
                }
            })
    }

    /// Stops accepting and closes every open socket.
    func stop() async {
        let server = channel.withLockedValue { current in
            defer { current = nil }
            return current
        }
        for socket in state.inject(.dropSockets(serial: nil)) { try? await socket.close() }
        try? await server?.close()
    }
}
