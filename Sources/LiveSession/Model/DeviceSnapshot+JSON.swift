import Foundation

/// A device in JSON (`status --once --json`, `watch --jsonl` snapshots): its fields with
/// times as RFC 3339, the state as a word with `reason`, `retryAt` and `failure` beside it,
/// its `health`, and keep-alive figures as the report's ``ConnectionReport/PingSummary``.
///
/// Output only: the figures summarise a rolling window that cannot be rebuilt from them.
extension DeviceSnapshot {
    private enum Key: String, CodingKey {
        case serialNumber, name, health, stateSince, ticket, ping, cameraPresent, remoteCandidates, localCandidates
        case iceServers, phases, attempt, lastError, lastEventAt, reconnects, ticketRequests, updatedAt, media
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(serialNumber, forKey: .serialNumber)
        try container.encode(name, forKey: .name)
        try state.encode(to: encoder)
        try container.encode(state.health, forKey: .health)
        try container.encodeTime(stateSince, forKey: .stateSince)
        try container.encode(ticket, forKey: .ticket)
        try container.encode(ConnectionReport.PingSummary(ping), forKey: .ping)
        try container.encode(cameraPresent, forKey: .cameraPresent)
        try container.encode(remoteCandidates, forKey: .remoteCandidates)
        try container.encode(localCandidates, forKey: .localCandidates)
        try container.encode(iceServers, forKey: .iceServers)
        try container.encode(phases, forKey: .phases)
        try container.encode(attempt, forKey: .attempt)
        try container.encode(lastError, forKey: .lastError)
        try container.encodeTime(lastEventAt, forKey: .lastEventAt)
        try container.encode(reconnects, forKey: .reconnects)
        try container.encode(ticketRequests, forKey: .ticketRequests)
        try container.encodeTime(updatedAt, forKey: .updatedAt)
        try container.encode(media, forKey: .media)
    }
}
