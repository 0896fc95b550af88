import Foundation

/// The report in JSON: times as RFC 3339, the state as a word with `reason`, `retryAt` and
/// `failure` beside it, every key present (`null` when it does not apply). `schemaVersion`
/// is added by ``JSONContract/document(_:type:pretty:revealSecrets:)`` and ignored on the
/// way back in.
extension ConnectionReport {
    private enum Key: String, CodingKey {
        case traceId, serialNumber, name, generatedAt, ticket, phases, ping, iceServers, localCandidates
        case remoteCandidates, vpn, errors, events, media
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(traceId, forKey: .traceId)
        try container.encode(serialNumber, forKey: .serialNumber)
        try container.encode(name, forKey: .name)
        try container.encodeTime(generatedAt, forKey: .generatedAt)
        try state.encode(to: encoder)
        try container.encode(ticket, forKey: .ticket)
        try container.encode(phases, forKey: .phases)
        try container.encode(ping, forKey: .ping)
        try container.encode(iceServers, forKey: .iceServers)
        try container.encode(localCandidates, forKey: .localCandidates)
        try container.encode(remoteCandidates, forKey: .remoteCandidates)
        try container.encode(vpn, forKey: .vpn)
        try container.encode(errors, forKey: .errors)
        try container.encode(events, forKey: .events)
        try container.encode(media, forKey: .media)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        self.init(
            traceId: try container.decodeIfPresent(String.self, forKey: .traceId),
            serialNumber: try container.decode(String.self, forKey: .serialNumber),
            name: try container.decodeIfPresent(String.self, forKey: .name),
            generatedAt: try container.decodeTime(forKey: .generatedAt),
            state: try SessionState(from: decoder),
            ticket: try container.decodeIfPresent(TicketSummary.self, forKey: .ticket),
            phases: try container.decode(SessionPhases.self, forKey: .phases),
            ping: try container.decode(PingSummary.self, forKey: .ping),
            iceServers: try container.decode([ICEServerStatus].self, forKey: .iceServers),
            localCandidates: try container.decode([String].self, forKey: .localCandidates),
            remoteCandidates: try container.decode([String].self, forKey: .remoteCandidates),
            vpn: try container.decodeIfPresent(VPNStatus.self, forKey: .vpn),
            errors: try container.decode([SessionEvent].self, forKey: .errors),
            events: try container.decode([SessionEvent].self, forKey: .events),
            media: try container.decodeIfPresent(MediaReport.self, forKey: .media))
    }
}

/// Keep-alive figures in JSON, in a device and in the report alike: round trips in ms to
/// the hundredth, `null` before the first pong.
extension ConnectionReport.PingSummary {
    private enum Key: String, CodingKey { case sent, received, lastMs, minMs, avgMs, maxMs, jitterMs, lossPercent, consecutiveMisses }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(sent, forKey: .sent)
        try container.encode(received, forKey: .received)
        try container.encode(lastMs.map(JSONContract.milliseconds), forKey: .lastMs)
        try container.encode(minMs.map(JSONContract.milliseconds), forKey: .minMs)
        try container.encode(avgMs.map(JSONContract.milliseconds), forKey: .avgMs)
        try container.encode(maxMs.map(JSONContract.milliseconds), forKey: .maxMs)
        try container.encode(JSONContract.milliseconds(jitterMs), forKey: .jitterMs)
        try container.encode(JSONContract.milliseconds(lossPercent), forKey: .lossPercent)
        try container.encode(consecutiveMisses, forKey: .consecutiveMisses)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        sent = try container.decode(Int.self, forKey: .sent)
        received = try container.decode(Int.self, forKey: .received)
        lastMs = try container.decodeIfPresent(Double.self, forKey: .lastMs)
        minMs = try container.decodeIfPresent(Double.self, forKey: .minMs)
        avgMs = try container.decodeIfPresent(Double.self, forKey: .avgMs)
        maxMs = try container.decodeIfPresent(Double.self, forKey: .maxMs)
        jitterMs = try container.decode(Double.self, forKey: .jitterMs)
        lossPercent = try container.decode(Double.self, forKey: .lossPercent)
        consecutiveMisses = try container.decodeIfPresent(Int.self, forKey: .consecutiveMisses) ?? 0
    }
}
