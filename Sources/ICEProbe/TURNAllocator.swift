/// Checks a TURN server end to end: authenticates with long-term credentials, allocates a UDP
/// relay (RFC 8656), reports the relayed and mapped addresses, then deletes the allocation.
public enum TURNAllocator {
    /// Allocates on `server` over its URI's transport; never throws: every failure is in the
    /// result, in words ("authentication failed", "server error 486 ...").
    public static func allocate(
        _ server: ICEServerURI,
        credentials: TURNCredentials?,
        options: TURNAllocationOptions = TURNAllocationOptions(),
        configuration: ICEProbeConfiguration = ICEProbeConfiguration(),
        deadline: ContinuousClock.Instant? = nil
    ) async -> ICEProbeResult {
        var session = ProbeSession(server: server, configuration: configuration, deadline: deadline)
        guard await session.connect() else { return await session.finish() }
        var flow = LongTermAuthentication(credentials: credentials, nonce: options.knownNonce, maxStaleNonceRetries: options.maxStaleNonceRetries)

        var allocateAttributes: [STUNAttribute] = [.requestedTransport(STUNAttribute.udpTransportProtocol)]
        if let lifetime = options.requestedLifetime { allocateAttributes.append(.lifetime(lifetime)) }
        let allocated: STUNExchange
        switch await flow.perform(.allocate, attributes: allocateAttributes, in: &session) {
        case .failure(let failure):
            session.result.failure = failure
            return await session.finish()
        case .success(let exchange):
            allocated = exchange
        }

        let response = allocated.response
        session.result.mappedAddress = response.mappedAddress
        session.result.allocationLifetime = response.lifetime
        guard let relayed = response.relayedAddress else {
            session.result.failure = .protocolViolation("Allocate success response without XOR-RELAYED-ADDRESS")
            return await session.finish()
        }
        session.result.relayedAddress = relayed

        if options.holdDuration > .zero {
            try? await Task.sleep(for: options.holdDuration)
        }
        // Deleting the allocation is good manners, not part of the verdict: a failure here is
        // visible in the transactions and in allocationReleased.
        if case .success = await flow.perform(.refresh, attributes: [.lifetime(0)], in: &session) {
            session.result.allocationReleased = true
        }
        return await session.finish()
    }
}
