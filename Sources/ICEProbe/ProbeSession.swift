import Logging
import NIOCore

/// The bookkeeping every probe shares: one deadline, one socket, and a record of each exchange
/// in the result.
struct ProbeSession {
    let configuration: ICEProbeConfiguration
    let deadline: ContinuousClock.Instant
    let startedAt: ContinuousClock.Instant
    var result: ICEProbeResult
    private(set) var connection: STUNClientConnection?

    init(server: ICEServerURI, configuration: ICEProbeConfiguration, deadline: ContinuousClock.Instant?) {
        self.configuration = configuration
        self.startedAt = .now
        let ownDeadline = startedAt + configuration.timeout
        self.deadline = deadline.map { min($0, ownDeadline) } ?? ownDeadline
        self.result = ICEProbeResult(server: server)
    }

    var remainingTime: Duration { deadline - .now }

    /// Resolves and connects; on failure records why and returns false.
    mutating func connect() async -> Bool {
        let server = result.server
        if server.scheme.usesTLS {
            result.failure = .tlsUnsupported(server.scheme)
            return false
        }
        guard let address = await AddressResolution.resolve(host: server.host, port: server.port) else {
            result.failure = .resolutionFailed(host: server.host)
            return false
        }
        result.serverAddress = STUNTransportAddress(address)
        do {
            let connection = try await STUNClientConnection.open(
                to: address,
                transport: server.transport,
                retransmission: configuration.retransmission,
                connectTimeout: remainingTime,
                group: configuration.eventLoopGroup
            )
            self.connection = connection
            result.localAddress = connection.localAddress.flatMap(STUNTransportAddress.init)
            return true
        } catch {
            result.failure = ICEProbeFailure(error)
            return false
        }
    }

    /// Sends a request and records the exchange; a transport failure is returned as such,
    /// an error response comes back as a response for the caller to judge.
    mutating func exchange(_ request: STUNMessage, integrityKey: STUNIntegrityKey?) async -> Result<STUNExchange, ICEProbeFailure> {
        guard let connection else { return .failure(.connectionClosed) }
        configuration.logger.debug("sending \(request.type)", metadata: ["server": "\(result.server)", "transaction": "\(request.transactionID)"])
        do {
            let exchange = try await connection.transact(request, integrityKey: integrityKey, timeout: remainingTime)
            result.transactions.append(
                ICEProbeTransaction(
                    method: request.type.method,
                    authenticated: integrityKey != nil,
                    transmissions: exchange.transmissions,
                    roundTripTime: exchange.roundTripTime,
                    errorCode: exchange.response.errorCode?.code
                )
            )
            if let software = exchange.response.software { result.software = software }
            configuration.logger.debug(
                "received \(exchange.response.type)",
                metadata: ["server": "\(result.server)", "error": "\(exchange.response.errorCode.map { "\($0)" } ?? "none")"]
            )
            return .success(exchange)
        } catch {
            let transmissions: Int
            if case .noAnswer(let count) = error { transmissions = count } else { transmissions = 1 }
            result.transactions.append(
                ICEProbeTransaction(
                    method: request.type.method,
                    authenticated: integrityKey != nil,
                    transmissions: transmissions,
                    roundTripTime: nil,
                    errorCode: nil
                )
            )
            return .failure(ICEProbeFailure(error))
        }
    }

    /// Attributes every request starts with.
    var commonAttributes: [STUNAttribute] {
        configuration.software.map { [.software($0)] } ?? []
    }

    /// Closes the socket and stamps the total time.
    mutating func finish() async -> ICEProbeResult {
        await connection?.close()
        connection = nil
        result.totalTime = .now - startedAt
        return result
    }
}
