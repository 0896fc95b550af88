import Foundation

/// A ticket summary in JSON: times as RFC 3339, durations in seconds with the unit in the
/// key (`lifetimeSeconds`, `clockSkewSeconds`, `pingIntervalSeconds`, `stopLiveTimeoutSeconds`).
extension TicketSummary {
    private enum Key: String, CodingKey {
        case traceId, groupId, role, id, signalServer, serverTime, expiresAt, lifetimeSeconds, clockSkewSeconds
        case pingIntervalSeconds, stopLiveTimeoutSeconds, iceServerURLs
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(traceId, forKey: .traceId)
        try container.encode(groupId, forKey: .groupId)
        try container.encode(role, forKey: .role)
        try container.encode(id, forKey: .id)
        try container.encode(signalServer, forKey: .signalServer)
        try container.encodeTime(serverTime, forKey: .serverTime)
        try container.encodeTime(expiresAt, forKey: .expiresAt)
        try container.encode(JSONContract.seconds(lifetime), forKey: .lifetimeSeconds)
        try container.encode(JSONContract.seconds(clockSkew), forKey: .clockSkewSeconds)
        try container.encode(JSONContract.seconds(pingInterval), forKey: .pingIntervalSeconds)
        try container.encode(JSONContract.seconds(stopLiveTimeout), forKey: .stopLiveTimeoutSeconds)
        try container.encode(iceServerURLs, forKey: .iceServerURLs)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        traceId = try container.decode(String.self, forKey: .traceId)
        groupId = try container.decode(String.self, forKey: .groupId)
        role = try container.decode(String.self, forKey: .role)
        id = try container.decode(String.self, forKey: .id)
        signalServer = try container.decode(String.self, forKey: .signalServer)
        serverTime = try container.decodeTimeIfPresent(forKey: .serverTime)
        expiresAt = try container.decodeTime(forKey: .expiresAt)
        lifetime = try container.decode(Double.self, forKey: .lifetimeSeconds)
        clockSkew = try container.decode(Double.self, forKey: .clockSkewSeconds)
        pingInterval = try container.decode(Double.self, forKey: .pingIntervalSeconds)
        stopLiveTimeout = try container.decode(Double.self, forKey: .stopLiveTimeoutSeconds)
        iceServerURLs = try container.decode([String].self, forKey: .iceServerURLs)
    }
}
