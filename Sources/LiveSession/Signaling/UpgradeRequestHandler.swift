import NIOCore
import NIOHTTP1

/// Sends the WebSocket handshake request with the Host header the ticket's host name
/// calls for, even when the socket connects to `signalServerIpAddress`, and reports a
/// refused handshake with its HTTP status.
final class UpgradeRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    static let name = "vicotop.upgrade-request"

    private let host: String
    private let uri: String
    private let outcome: EventLoopPromise<Void>
    private var sent = false

    init(host: String, uri: String, outcome: EventLoopPromise<Void>) {
        self.host = host
        self.uri = uri
        self.outcome = outcome
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { send(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        send(context: context)
        context.fireChannelActive()
    }

    private func send(context: ChannelHandlerContext) {
        guard !sent else { return }
        sent = true
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: host)
        headers.add(name: "User-Agent", value: "vicotop")
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: uri, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // The upgrade handler consumes a 101; any response that reaches here is a refusal.
        if case .head(let head) = unwrapInboundIn(data) {
            outcome.fail(SignalingConnectError.refused(status: Int(head.status.code)))
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        outcome.fail(SignalingConnectError.failed(String(describing: error)))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        outcome.fail(SignalingConnectError.failed("connection closed during the handshake"))
        context.fireChannelInactive()
    }
}

/// Why a signaling socket could not be opened.
public enum SignalingConnectError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The server answered the handshake with an HTTP status: the ticket was refused.
    case refused(status: Int)
    /// The connection could not be made or broke off.
    case failed(String)

    public var description: String {
        switch self {
        case .refused(let status): "handshake refused with HTTP \(status)"
        case .failed(let detail): "could not connect: \(detail)"
        }
    }
}
