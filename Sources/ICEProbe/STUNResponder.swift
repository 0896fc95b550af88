import Logging
import NIOCore
import NIOPosix

/// A minimal STUN server: answers Binding requests over UDP with XOR-MAPPED-ADDRESS, SOFTWARE
/// and FINGERPRINT, and silently drops everything else.
///
/// Meant for simulators and tests: bind it to 127.0.0.1 port 0 and read `port` afterwards.
public actor STUNResponder {
    /// Why the responder cannot start.
    public enum StartError: Error, Sendable, Hashable, CustomStringConvertible {
        /// `start()` was called while already running.
        case alreadyRunning
        /// The socket could not be bound, in words.
        case bindFailed(String)

        /// One line in plain words.
        public var description: String {
            switch self {
            case .alreadyRunning: return "the STUN responder is already running"
            case .bindFailed(let detail): return "cannot bind the STUN responder: \(detail)"
            }
        }
    }

    private let host: String
    private let requestedPort: Int
    private let software: String
    private let group: any EventLoopGroup
    private let logger: Logger
    private var channel: (any Channel)?

    /// Prepares a responder for `host`:`port`; port 0 lets the kernel pick one.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        software: String = "vicotop STUN responder",
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "vicotop.stun-responder")
    ) {
        self.host = host
        self.requestedPort = port
        self.software = software
        self.group = eventLoopGroup
        self.logger = logger
    }

    /// Binds the socket and returns the port actually bound.
    @discardableResult
    public func start() async throws(StartError) -> Int {
        guard channel == nil else { throw .alreadyRunning }
        let software = self.software
        let logger = self.logger
        do {
            let channel = try await DatagramBootstrap(group: group)
                .channelOption(.socketOption(.so_reuseaddr), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(BindingAnswerer(software: software, logger: logger))
                    }
                }
                .bind(host: host, port: requestedPort)
                .get()
            self.channel = channel
            let port = channel.localAddress?.port ?? requestedPort
            logger.debug("STUN responder listening", metadata: ["host": "\(host)", "port": "\(port)"])
            return port
        } catch {
            throw .bindFailed("\(error)")
        }
    }

    /// The bound port while running.
    public var port: Int? { channel?.localAddress?.port }

    /// Closes the socket; calling it when stopped does nothing.
    public func stop() async {
        guard let channel else { return }
        self.channel = nil
        try? await channel.close()
    }
}

/// Answers one datagram at a time; stateless, so any number of clients can share it.
private final class BindingAnswerer: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private let software: String
    private let logger: Logger

    init(software: String, logger: Logger) {
        self.software = software
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var envelope = Self.unwrapInboundIn(data)
        let bytes = envelope.data.readBytes(length: envelope.data.readableBytes) ?? []
        guard let request = try? STUNMessage(decoding: bytes),
            request.type == STUNMessageType(method: .binding, messageClass: .request),
            STUNMessage.verifyFingerprint(of: bytes) != .invalid,
            let mapped = STUNTransportAddress(envelope.remoteAddress)
        else { return }
        let response = STUNMessage(
            method: .binding,
            messageClass: .successResponse,
            transactionID: request.transactionID,
            attributes: [.xorMappedAddress(mapped), .software(software)]
        )
        guard let encoded = try? response.encoded(fingerprint: true) else { return }
        let reply = AddressedEnvelope(remoteAddress: envelope.remoteAddress, data: context.channel.allocator.buffer(bytes: encoded))
        context.writeAndFlush(Self.wrapOutboundOut(reply), promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // A client that went away leaves ECONNREFUSED on the socket; the server must live on.
        logger.debug("STUN responder socket error", metadata: ["error": "\(error)"])
    }
}
