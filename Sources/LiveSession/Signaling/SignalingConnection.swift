import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket
import VicohomeAPI
import WebSocketKit

/// One signaling WebSocket, opened from a ticket: keep-alive pings carrying sequence
/// numbers, pongs timed to the microsecond, and the protocol's messages decoded.
///
/// Built on websocket-kit, with a connector of its own so a ticket's
/// `signalServerIpAddress` can be dialled while `Host` and TLS SNI keep the host name.
public final class SignalingConnection: Sendable {
    /// What the socket reports.
    public enum Event: Sendable {
        /// The pong of ping `sequence` arrived `rtt` after it was sent.
        case pong(sequence: UInt64, rtt: Duration)
        /// A message arrived.
        case message(SignalingMessage)
        /// A frame arrived that is not a protocol message.
        case unreadable(String)
        /// The socket closed; `code` is `nil` when it dropped without a close frame.
        case closed(code: Int?)
    }

    /// Which socket of the session this is.
    public let generation: Int
    private let socket: WebSocket
    /// When each unanswered ping went out, by sequence number.
    private let pingTable: NIOLockedValueBox<[UInt64: ContinuousClock.Instant]>

    private init(generation: Int, socket: WebSocket, pings: NIOLockedValueBox<[UInt64: ContinuousClock.Instant]>) {
        self.generation = generation
        self.socket = socket
        self.pingTable = pings
    }

    /// Opens a socket for `url`. Events arrive on `onEvent` from NIO threads.
    public static func connect(
        _ url: SignalingURL, generation: Int, timeout: Duration = .seconds(10),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        onEvent: @escaping @Sendable (Event) -> Void
    ) async throws(SignalingConnectError) -> SignalingConnection {
        guard let components = URLComponents(url: url.url, resolvingAgainstBaseURL: false),
              let host = components.host, let scheme = components.scheme?.lowercased()
        else { throw .failed("unusable signaling URL") }
        let tls = scheme == "wss"
        let port = components.port ?? (tls ? 443 : 80)
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        let uri = components.percentEncodedQuery.map { path + "?" + $0 } ?? path
        let hostHeader = components.port.map { "\(host):\($0)" } ?? host
        let sslContext: NIOSSLContext?
        do { sslContext = tls ? try NIOSSLContext(configuration: .makeClientConfiguration()) : nil } catch {
            throw .failed("TLS setup: \(error)")
        }

        let eventLoop = group.next()
        // `outcome`: the handshake; `upgraded`: the websocket, once its callbacks are set.
        // Both are completed on every path (NIO traps on a promise left unfulfilled).
        let outcome = eventLoop.makePromise(of: Void.self)
        let upgraded = eventLoop.makePromise(of: WebSocket.self)
        outcome.futureResult.whenFailure { upgraded.fail($0) }
        let pings = NIOLockedValueBox<[UInt64: ContinuousClock.Instant]>([:])
        let nanoseconds = timeout.inNanoseconds
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(.nanoseconds(nanoseconds))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            // Signaling frames are small (pongs are 10 bytes); NIO keeps each channel's read
            // buffer, so start it at 256 bytes instead of 2 KiB (it grows for a large SDP).
            .channelOption(.recvAllocator, value: AdaptiveRecvByteBufferAllocator(minimum: 64, initial: 256, maximum: 65536))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let sslContext {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: sslContext, serverHostname: host.isIPAddress ? nil : host))
                    }
                    let upgrader = NIOWebSocketClientUpgrader(
                        maxFrameSize: 1 << 20, automaticErrorHandling: true,
                        upgradePipelineHandler: { channel, _ in
                            WebSocket.client(on: channel) { socket in
                                Self.wire(socket, pings: pings, onEvent: onEvent)
                                upgraded.succeed(socket)
                            }
                        })
                    try channel.pipeline.syncOperations.addHTTPClientHandlers(
                        leftOverBytesStrategy: .forwardBytes,
                        withClientUpgrade: (upgraders: [upgrader], completionHandler: { context in
                            context.pipeline.removeHandler(name: UpgradeRequestHandler.name, promise: nil)
                            outcome.succeed(())
                        }))
                    try channel.pipeline.syncOperations.addHandler(
                        UpgradeRequestHandler(host: hostHeader, uri: uri, outcome: outcome), name: UpgradeRequestHandler.name)
                }
            }
        let channel: any Channel
        do {
            let target = url.connectAddress ?? host
            if target.isIPAddress {
                // An address needs no resolver: NIO's would still ask getaddrinfo on another
                // thread at every socket, a refresh's largest connect cost (perf).
                channel = try await bootstrap.connect(to: try SocketAddress(ipAddress: target, port: port)).get()
            } else {
                channel = try await bootstrap.connect(host: target, port: port).get()
            }
        } catch {
            let failure = SignalingConnectError.failed(Self.describe(error))
            outcome.fail(failure)
            throw failure
        }
        // A handshake that never completes must not hold the session forever.
        let guardTimer = channel.eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) {
            let failure = SignalingConnectError.failed("no handshake answer within \(timeout)")
            outcome.fail(failure)
            upgraded.fail(failure)
        }
        defer { guardTimer.cancel() }
        do {
            try await outcome.futureResult.get()
            let socket = try await upgraded.futureResult.get()
            return SignalingConnection(generation: generation, socket: socket, pings: pings)
        } catch {
            channel.close(promise: nil)
            if let error = error as? SignalingConnectError { throw error }
            throw .failed(Self.describe(error))
        }
    }

    /// Installs the callbacks; runs on the socket's event loop, as websocket-kit requires.
    private static func wire(
        _ socket: WebSocket, pings: NIOLockedValueBox<[UInt64: ContinuousClock.Instant]>,
        onEvent: @escaping @Sendable (Event) -> Void
    ) {
        socket.onPong { (_: WebSocket, payload: ByteBuffer) in
            let arrived = ContinuousClock.now
            guard payload.readableBytes == 8, let sequence = payload.getInteger(at: payload.readerIndex, as: UInt64.self),
                  let sent = pings.withLockedValue({ $0.removeValue(forKey: sequence) })
            else { return }
            onEvent(.pong(sequence: sequence, rtt: arrived - sent))
        }
        socket.onText { (_: WebSocket, text: String) in
            do throws(SignalingDecodingError) {
                onEvent(.message(try SignalingMessage.decode(text)))
            } catch {
                onEvent(.unreadable(error.description))
            }
        }
        socket.onClose.whenComplete { _ in
            onEvent(.closed(code: socket.closeCode.flatMap(Self.code)))
        }
    }

    private static func code(_ code: WebSocketErrorCode) -> Int? {
        switch code {
        case .normalClosure: 1000
        case .goingAway: 1001
        case .protocolError: 1002
        case .unacceptableData: 1003
        case .dataInconsistentWithMessage: 1007
        case .policyViolation: 1008
        case .messageTooLarge: 1009
        case .missingExtension: 1010
        case .unexpectedServerError: 1011
        case .unknown(let value): Int(value)
        }
    }

    /// Sends ping number `sequence` (an 8-byte payload) and remembers when.
    public func sendPing(sequence: UInt64) {
        pingTable.withLockedValue { $0[sequence] = ContinuousClock.now }
        // Straight into a ByteBuffer: websocket-kit takes its bytes as they are (a `Data`
        // would be copied into one), one allocation per ping instead of two.
        var payload = ByteBufferAllocator().buffer(capacity: 8)
        payload.writeInteger(sequence)
        socket.send(raw: payload.readableBytesView, opcode: .ping)
    }

    /// Forgets pings sent before `sequence`: their pongs, if any, come too late to count.
    public func forgetPings(before sequence: UInt64) {
        // Usually nothing to forget (the last pong came): no new table then.
        pingTable.withLockedValue { table in
            guard table.keys.contains(where: { $0 < sequence }) else { return }
            table = table.filter { $0.key >= sequence }
        }
    }

    /// Sends a protocol message.
    public func send(_ message: SignalingMessage) {
        socket.send(message.encodedText())
    }

    /// Closes the socket with a normal close.
    public func close() {
        _ = socket.close(code: .normalClosure)
    }

    private static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("Connection refused") { return "connection refused" }
        if text.contains("connectTimeout") || text.contains("timed out") { return "connection timed out" }
        return Sanitizer.singleLine(text)
    }
}

extension String {
    /// Whether the string is an IPv4 or IPv6 literal (TLS SNI takes no addresses).
    var isIPAddress: Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, self, &v4) == 1 || inet_pton(AF_INET6, self, &v6) == 1
    }
}
