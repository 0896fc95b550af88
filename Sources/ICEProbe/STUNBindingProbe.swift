/// Asks a STUN (or TURN) server for this host's server-reflexive address with a Binding
/// request, over UDP with retransmissions or over TCP.
public enum STUNBindingProbe {
    /// Probes `server`; never throws: every failure is in the result, in words.
    ///
    /// `deadline` caps the probe in addition to the configuration's timeout.
    public static func run(
        _ server: ICEServerURI,
        configuration: ICEProbeConfiguration = ICEProbeConfiguration(),
        deadline: ContinuousClock.Instant? = nil
    ) async -> ICEProbeResult {
        var session = ProbeSession(server: server, configuration: configuration, deadline: deadline)
        guard await session.connect() else { return await session.finish() }

        let request = STUNMessage(method: .binding, messageClass: .request, attributes: session.commonAttributes)
        switch await session.exchange(request, integrityKey: nil) {
        case .failure(let failure):
            session.result.failure = failure
        case .success(let exchange):
            let response = exchange.response
            if let error = response.errorCode, response.type.messageClass == .errorResponse {
                session.result.failure = .serverError(code: error.code, reason: error.reason)
            } else if response.type.messageClass == .errorResponse {
                session.result.failure = .protocolViolation("error response without ERROR-CODE")
            } else if let mapped = response.mappedAddress {
                session.result.mappedAddress = mapped
            } else {
                session.result.failure = .protocolViolation("Binding success response without XOR-MAPPED-ADDRESS")
            }
        }
        return await session.finish()
    }
}
