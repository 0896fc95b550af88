import NIOCore

/// Lets the transaction handler deal in plain buffers on UDP as on TCP: unwraps inbound
/// datagrams from the one peer and addresses outbound ones to it.
final class DatagramPeerAdapter: ChannelDuplexHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private let peer: SocketAddress

    init(peer: SocketAddress) {
        self.peer = peer
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = Self.unwrapInboundIn(data)
        context.fireChannelRead(Self.wrapInboundOut(envelope.data))
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let envelope = AddressedEnvelope(remoteAddress: peer, data: Self.unwrapOutboundIn(data))
        context.write(Self.wrapOutboundOut(envelope), promise: promise)
    }
}
