import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Commands sent down the pipeline as user outbound events, so that callers on any thread
/// reach the handler without holding a reference to it.
enum STUNClientCommand: Sendable {
    /// Send `request` (already encoded, id `id`) and complete `promise` with its response.
    case start(
        id: STUNTransactionID,
        request: [UInt8],
        retransmission: STUNRetransmissionPolicy?,
        timeout: Duration,
        promise: EventLoopPromise<STUNExchange>
    )
    /// Give up on `id` as unanswered, for example because the awaiting task was cancelled.
    case abandon(id: STUNTransactionID)
}

/// Runs STUN client transactions on one channel: sends, retransmits on UDP, matches responses
/// by transaction id and turns socket errors into transaction failures.
///
/// Lives on the channel's event loop, so its state needs no locking.
final class STUNClientHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private struct Transaction {
        var request: [UInt8]
        var retransmission: STUNRetransmissionPolicy?
        var promise: EventLoopPromise<STUNExchange>
        var transmissions = 0
        var startedAt = ContinuousClock.now
        var retransmitTimer: Scheduled<Void>?
        var deadlineTimer: Scheduled<Void>?
    }

    private var transactions: [STUNTransactionID: Transaction] = [:]

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let command = event as? STUNClientCommand else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        promise?.succeed()
        switch command {
        case .start(let id, let request, let retransmission, let timeout, let exchangePromise):
            guard context.channel.isActive else {
                exchangePromise.fail(STUNTransactionError.connectionClosed)
                return
            }
            transactions[id] = Transaction(request: request, retransmission: retransmission, promise: exchangePromise)
            let loopBoundSelf = NIOLoopBound(self, eventLoop: context.eventLoop)
            transactions[id]?.deadlineTimer = context.eventLoop.scheduleTask(in: TimeAmount(timeout)) {
                loopBoundSelf.value.giveUp(id: id)
            }
            transmit(id: id, context: context)
        case .abandon(let id):
            giveUp(id: id)
        }
    }

    private func transmit(id: STUNTransactionID, context: ChannelHandlerContext) {
        guard let transaction = transactions[id] else { return }
        let transmissions = transaction.transmissions + 1
        transactions[id]?.transmissions = transmissions
        let buffer = context.channel.allocator.buffer(bytes: transaction.request)
        let writePromise = context.eventLoop.makePromise(of: Void.self)
        let loopBoundSelf = NIOLoopBound(self, eventLoop: context.eventLoop)
        writePromise.futureResult.whenFailure { error in
            loopBoundSelf.value.finish(id: id, with: .failure(Self.transactionError(for: error)))
        }
        context.writeAndFlush(Self.wrapOutboundOut(buffer), promise: writePromise)

        // The write may already have failed and finished the transaction.
        guard transactions[id] != nil, let policy = transaction.retransmission else { return }
        let delay = policy.delay(afterTransmission: transmissions)
        let loopBoundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        let isLastTransmission = transmissions >= policy.maxTransmissions
        transactions[id]?.retransmitTimer = context.eventLoop.scheduleTask(in: TimeAmount(delay)) {
            if isLastTransmission {
                loopBoundSelf.value.giveUp(id: id)
            } else {
                loopBoundSelf.value.transmit(id: id, context: loopBoundContext.value)
            }
        }
    }

    private func giveUp(id: STUNTransactionID) {
        guard let transaction = transactions[id] else { return }
        finish(id: id, with: .failure(STUNTransactionError.noAnswer(transmissions: transaction.transmissions)))
    }

    private func finish(id: STUNTransactionID, with result: Result<STUNExchange, Error>) {
        guard let transaction = transactions.removeValue(forKey: id) else { return }
        transaction.retransmitTimer?.cancel()
        transaction.deadlineTimer?.cancel()
        transaction.promise.completeWith(result)
    }

    private func failAll(with error: STUNTransactionError) {
        for id in Array(transactions.keys) {
            finish(id: id, with: .failure(error))
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = Self.unwrapInboundIn(data)
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        // Anything that does not decode, or answers no open transaction, is stray traffic
        // (a late duplicate, a scanner); dropping it is what RFC 8489 asks.
        guard let message = try? STUNMessage(decoding: bytes),
            message.type.messageClass == .successResponse || message.type.messageClass == .errorResponse,
            let transaction = transactions[message.transactionID]
        else { return }
        let exchange = STUNExchange(
            response: message,
            responseBytes: bytes,
            transmissions: transaction.transmissions,
            roundTripTime: ContinuousClock.now - transaction.startedAt
        )
        finish(id: message.transactionID, with: .success(exchange))
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        failAll(with: Self.transactionError(for: error))
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(with: .connectionClosed)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        failAll(with: .connectionClosed)
    }

    /// ECONNREFUSED on a connected UDP socket is how the kernel reports ICMP port unreachable.
    static func transactionError(for error: Error) -> STUNTransactionError {
        if let ioError = error as? IOError, ioError.errnoCode == ECONNREFUSED || ioError.errnoCode == EHOSTUNREACH
            || ioError.errnoCode == ENETUNREACH
        {
            return .unreachable
        }
        if let channelError = error as? ChannelError, channelError == .ioOnClosedChannel || channelError == .alreadyClosed || channelError == .eof {
            return .connectionClosed
        }
        if error is STUNStreamFramer.NotSTUNError { return .transport("the server sent something that is not STUN") }
        return .transport("\(error)")
    }
}
