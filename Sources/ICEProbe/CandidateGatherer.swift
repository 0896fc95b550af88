import NIOCore
import NIOPosix

/// Gathers host, server-reflexive and relay candidates by probing every ICE server at once
/// under one deadline.
///
/// Candidates are for diagnosis: the probe sockets are closed and TURN allocations deleted
/// once each probe finishes, so they are not meant to be handed to a peer.
public struct CandidateGatherer: Sendable {
    /// Probe settings.
    public var configuration: ICEProbeConfiguration
    /// Whether to offer host candidates at all.
    public var includeHostCandidates: Bool
    /// Whether loopback addresses count as host candidates.
    public var includeLoopback: Bool
    /// Whether link-local addresses count as host candidates.
    public var includeLinkLocal: Bool

    /// Creates a gatherer.
    public init(
        configuration: ICEProbeConfiguration = ICEProbeConfiguration(),
        includeHostCandidates: Bool = true,
        includeLoopback: Bool = false,
        includeLinkLocal: Bool = false
    ) {
        self.configuration = configuration
        self.includeHostCandidates = includeHostCandidates
        self.includeLoopback = includeLoopback
        self.includeLinkLocal = includeLinkLocal
    }

    /// Probes every server concurrently and yields candidates and per-server results as they
    /// arrive; the stream ends once all probes are done or `deadline` has passed, whichever
    /// comes first. stun URIs get a Binding, turn URIs an Allocate with their credentials.
    public func gather(servers: [ICEProbeTarget], deadline: ContinuousClock.Instant) -> AsyncStream<GatheringEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: GatheringEvent.self)
        let gatherer = self
        let task = Task {
            await gatherer.run(servers: servers, deadline: deadline, continuation: continuation)
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    private func run(servers: [ICEProbeTarget], deadline: ContinuousClock.Instant, continuation: AsyncStream<GatheringEvent>.Continuation) async {
        var seen = Set<CandidateIdentity>()
        await withTaskGroup(of: [GatheringEvent]?.self) { group in
            if includeHostCandidates {
                group.addTask { await self.hostCandidates().map(GatheringEvent.candidate) }
            }
            for server in servers {
                group.addTask { await self.probe(server, deadline: deadline) }
            }
            // Probes honour the deadline themselves; this is the backstop for anything that
            // does not, such as a hanging name lookup.
            group.addTask {
                try? await Task.sleep(until: deadline + .milliseconds(200), clock: .continuous)
                return nil
            }
            var remaining = servers.count + (includeHostCandidates ? 1 : 0)
            for await events in group {
                guard let events else {
                    group.cancelAll()
                    break
                }
                for event in events {
                    if case .candidate(let candidate) = event {
                        guard seen.insert(CandidateIdentity(candidate)).inserted else { continue }
                    }
                    continuation.yield(event)
                }
                remaining -= 1
                if remaining == 0 {
                    group.cancelAll()
                    break
                }
            }
            // End the stream now rather than when stragglers have unwound.
            continuation.finish()
        }
    }

    private func probe(_ server: ICEProbeTarget, deadline: ContinuousClock.Instant) async -> [GatheringEvent] {
        let uri = server.uri
        let result = await server.probe(configuration: configuration, deadline: deadline)
        if uri.scheme.isTURN {
            var events: [GatheringEvent] = []
            if let relayed = result.relayedAddress {
                // RFC 8421: relays reached over UDP are preferred to those behind TCP.
                let localPreference: UInt16 = uri.transport == .udp ? 65535 : 32767
                events.append(.candidate(candidate(.relay, at: relayed, base: result.mappedAddress, server: uri, localPreference: localPreference)))
            }
            if uri.transport == .udp, let mapped = result.mappedAddress {
                events.append(.candidate(candidate(.srflx, at: mapped, base: result.localAddress, server: uri, localPreference: 65535)))
            }
            return events + [.serverResult(result)]
        }
        var events: [GatheringEvent] = []
        // A mapping learnt over TCP says nothing about the UDP path media will take.
        if uri.transport == .udp, let mapped = result.mappedAddress {
            events.append(.candidate(candidate(.srflx, at: mapped, base: result.localAddress, server: uri, localPreference: 65535)))
        }
        return events + [.serverResult(result)]
    }

    private func candidate(
        _ type: ICECandidate.CandidateType,
        at address: STUNTransportAddress,
        base: STUNTransportAddress?,
        server: ICEServerURI,
        localPreference: UInt16
    ) -> ICECandidate {
        ICECandidate(
            foundation: ICECandidate.foundation(type: type, baseAddress: base.map { "\($0.address)" } ?? "", server: server.description, transport: .udp),
            priority: ICECandidate.priority(type: type, localPreference: localPreference),
            address: "\(address.address)",
            port: address.port,
            type: type,
            relatedAddress: base.map { "\($0.address)" },
            relatedPort: base?.port
        )
    }

    /// One candidate per usable interface address, with the port of a UDP socket bound there
    /// for the occasion, which also proves the address can be bound (tentative IPv6 cannot).
    private func hostCandidates() async -> [ICECandidate] {
        let addresses = HostInterfaces.candidateAddresses(
            from: HostInterfaces.current(),
            includeLoopback: includeLoopback,
            includeLinkLocal: includeLinkLocal
        )
        var candidates: [ICECandidate] = []
        for (index, entry) in addresses.enumerated() {
            guard let port = await Self.bindablePort(on: entry.address, group: configuration.eventLoopGroup) else { continue }
            let text = "\(entry.address)"
            // Earlier interfaces in getifaddrs order get the higher local preference.
            let localPreference = UInt16(clamping: 65535 - index)
            candidates.append(
                ICECandidate(
                    foundation: ICECandidate.foundation(type: .host, baseAddress: text, server: nil, transport: .udp),
                    priority: ICECandidate.priority(type: .host, localPreference: localPreference),
                    address: text,
                    port: port,
                    type: .host
                )
            )
        }
        return candidates
    }

    private static func bindablePort(on address: IPAddress, group: any EventLoopGroup) async -> UInt16? {
        guard let channel = try? await DatagramBootstrap(group: group).bind(host: "\(address)", port: 0).get() else { return nil }
        let port = channel.localAddress?.port.flatMap { UInt16(exactly: $0) }
        try? await channel.close()
        return port
    }
}

/// What makes two candidates the same for deduplication.
private struct CandidateIdentity: Hashable {
    var type: ICECandidate.CandidateType
    var transport: ICECandidate.Transport
    var address: String
    var port: UInt16

    init(_ candidate: ICECandidate) {
        type = candidate.type
        transport = candidate.transport
        address = candidate.address
        port = candidate.port
    }
}
