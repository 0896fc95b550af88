import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// Answers HTTP requests that did not become sockets: plain requests and refused
/// handshakes get a status and a one-line reason, then the connection closes.
final class HandshakeRejectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// The handler's name in the pipeline, so the upgrade can remove it.
    static let name = "vicotop.handshake-rejection"

    private let validator: HandshakeValidator
    private let decided: NIOLockedValueBox<HandshakeValidator.Verdict?>

    /// `decided` holds the verdict the upgrader reached for this connection, if it saw a handshake.
    init(validator: HandshakeValidator, decided: NIOLockedValueBox<HandshakeValidator.Verdict?>) {
        self.validator = validator
        self.decided = decided
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(let head) = unwrapInboundIn(data) else { return }
        let (status, reason): (Int, String)
        switch decided.withLockedValue({ $0 }) ?? validator.validate(uri: head.uri) {
        case .reject(let code, let why, let expired):
            validator.state.count {
                $0.socketsRejected += 1
                if expired { $0.expiredTicketUses += 1 }
            }
            (status, reason) = (code, why)
        case .accept:
            (status, reason) = (426, "WebSocket upgrade required")
        }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        headers.add(name: "Content-Length", value: String(reason.utf8.count))
        headers.add(name: "Connection", value: "close")
        let responseHead = HTTPResponseHead(version: head.version, status: .init(statusCode: status), headers: headers)
        context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: reason)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}
