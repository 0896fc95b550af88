import NIOCore

/// Cuts a TCP byte stream into whole STUN messages (RFC 8489 section 6.2.2), whose length
/// is in the header; TURN ChannelData frames (RFC 8656 section 12.5) are skipped because a
/// probe never binds channels.
struct STUNStreamFramer: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    /// Thrown when the stream can no longer be STUN, so the connection is dropped rather than
    /// resynchronized on a guess.
    struct NotSTUNError: Error {}

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let firstByte = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self),
            let length = buffer.getInteger(at: buffer.readerIndex + 2, as: UInt16.self)
        else { return .needMoreData }
        let frameLength: Int
        switch firstByte >> 6 {
        case 0b00: frameLength = STUNMessage.headerLength + Int(length)
        case 0b01: frameLength = 4 + (Int(length) + 3) & ~3
        default: throw NotSTUNError()
        }
        guard let frame = buffer.readSlice(length: frameLength) else { return .needMoreData }
        if firstByte >> 6 == 0b00 {
            context.fireChannelRead(Self.wrapInboundOut(frame))
        }
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
