import NIOCore
import NIOPosix

/// One socket to one STUN/TURN server, over which requests are sent one after another.
///
/// Each probe opens its own: a TURN allocation belongs to its 5-tuple, and coturn answers 437
/// to a second Allocate on a tuple it has seen.
struct STUNClientConnection: Sendable {
    let channel: any Channel
    let transport: ICEServerURI.Transport
    let retransmission: STUNRetransmissionPolicy

    /// Opens a connected UDP socket, so that ICMP port unreachable comes back as ECONNREFUSED,
    /// or a TCP connection with STUN framing.
    static func open(
        to address: SocketAddress,
        transport: ICEServerURI.Transport,
        retransmission: STUNRetransmissionPolicy,
        connectTimeout: Duration,
        group: any EventLoopGroup
    ) async throws(STUNTransactionError) -> STUNClientConnection {
        do {
            let channel: any Channel
            switch transport {
            case .udp:
                channel = try await DatagramBootstrap(group: group)
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandlers(DatagramPeerAdapter(peer: address), STUNClientHandler())
                        }
                    }
                    .connect(to: address)
                    .get()
            case .tcp:
                channel = try await ClientBootstrap(group: group)
                    .connectTimeout(TimeAmount(max(connectTimeout, .milliseconds(1))))
                    .channelOption(.socketOption(.tcp_nodelay), value: 1)
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandlers(
                                ByteToMessageHandler(STUNStreamFramer()),
                                STUNClientHandler()
                            )
                        }
                    }
                    .connect(to: address)
                    .get()
            }
            return STUNClientConnection(channel: channel, transport: transport, retransmission: retransmission)
        } catch let error as ChannelError {
            if case .connectTimeout = error { throw .noAnswer(transmissions: 0) }
            throw STUNClientHandler.transactionError(for: error)
        } catch {
            throw STUNClientHandler.transactionError(for: error)
        }
    }

    /// The local address the kernel picked, which is the base of any reflexive candidate.
    var localAddress: SocketAddress? { channel.localAddress }

    /// Sends `message` and waits for the matching response; on UDP the request is resent per
    /// the retransmission policy, on TCP it is sent once as RFC 8489 asks.
    func transact(
        _ message: STUNMessage,
        integrityKey: STUNIntegrityKey?,
        timeout: Duration
    ) async throws(STUNTransactionError) -> STUNExchange {
        let bytes: [UInt8]
        do {
            bytes = try message.encoded(integrityKey: integrityKey, fingerprint: true)
        } catch {
            throw .transport("cannot encode request: \(error)")
        }
        guard timeout > .zero else { throw .noAnswer(transmissions: 0) }
        let promise = channel.eventLoop.makePromise(of: STUNExchange.self)
        let command = STUNClientCommand.start(
            id: message.transactionID,
            request: bytes,
            retransmission: transport == .udp ? retransmission : nil,
            timeout: timeout,
            promise: promise
        )
        let triggered = channel.eventLoop.makePromise(of: Void.self)
        triggered.futureResult.whenFailure { _ in promise.fail(STUNTransactionError.connectionClosed) }
        channel.triggerUserOutboundEvent(command, promise: triggered)

        let channel = self.channel
        let id = message.transactionID
        do {
            return try await withTaskCancellationHandler {
                try await promise.futureResult.get()
            } onCancel: {
                channel.triggerUserOutboundEvent(STUNClientCommand.abandon(id: id), promise: nil)
            }
        } catch let error as STUNTransactionError {
            throw error
        } catch {
            throw STUNClientHandler.transactionError(for: error)
        }
    }

    /// Closes the socket; errors are moot at that point.
    func close() async {
        try? await channel.close()
    }
}
