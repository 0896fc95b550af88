import Foundation
import LiveSession
import VicohomeAPI

/// `vicotop ticket --json`: the ticket in the contract's terms (``JSONContract``), not the
/// cloud's. Times are RFC 3339 (`expirationTime` by the server's clock, `expiresAt` on
/// this machine's, skew corrected); durations carry their unit in the key; `sign`,
/// `accessToken` and TURN credentials encode masked unless `--reveal-secrets`.
struct TicketJSON: Encodable {
    var serialNumber: String
    var ticket: WebRTCTicket
    var receivedAt: Date

    private enum Key: String, CodingKey {
        case serialNumber, traceId, groupId, role, id, signalServer, signalServerIpAddress, websocketPath, sign, accessToken
        case serverTime, expirationTime, expiresAt, clockSkewSeconds, lifetimeSeconds, pingIntervalSeconds
        case stopLiveTimeoutSeconds, deviceSleepTimeoutSeconds, maxAllocationLimit, iceServers
    }

    private enum ServerKey: String, CodingKey { case urls, username, credential, ipAddress }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        let skew = ticket.clockSkew(receivedAt: receivedAt)
        try container.encode(serialNumber, forKey: .serialNumber)
        try container.encode(ticket.traceId, forKey: .traceId)
        try container.encode(ticket.groupId, forKey: .groupId)
        try container.encode(ticket.role, forKey: .role)
        try container.encode(ticket.id, forKey: .id)
        try container.encode(ticket.signalServer, forKey: .signalServer)
        try container.encode(ticket.signalServerIpAddress, forKey: .signalServerIpAddress)
        try container.encode(ticket.websocketPath, forKey: .websocketPath)
        try container.encode(ticket.sign, forKey: .sign)
        try container.encode(ticket.accessToken, forKey: .accessToken)
        try container.encodeTime(ticket.serverTime, forKey: .serverTime)
        try container.encodeTime(ticket.expirationTime, forKey: .expirationTime)
        try container.encodeTime(ticket.localExpiry(skew: skew ?? 0), forKey: .expiresAt)
        try container.encode(skew.map(JSONContract.seconds), forKey: .clockSkewSeconds)
        try container.encode(ticket.lifetime.map(JSONContract.seconds), forKey: .lifetimeSeconds)
        try container.encode(JSONContract.seconds(ticket.signalPingInterval), forKey: .pingIntervalSeconds)
        try container.encode(JSONContract.seconds(ticket.appStopLiveTimeout), forKey: .stopLiveTimeoutSeconds)
        try container.encode(ticket.deviceSleepTimeout.map(JSONContract.seconds), forKey: .deviceSleepTimeoutSeconds)
        try container.encode(ticket.maxAllocationLimit, forKey: .maxAllocationLimit)
        var servers = container.nestedUnkeyedContainer(forKey: .iceServers)
        for server in ticket.iceServers {
            var entry = servers.nestedContainer(keyedBy: ServerKey.self)
            try entry.encode(server.urls, forKey: .urls)
            // STUN servers carry no credentials: null, rather than a masked empty string.
            try entry.encode(server.username.isEmpty ? nil : server.username, forKey: .username)
            try entry.encode(server.credential.isEmpty ? nil : server.credential, forKey: .credential)
            try entry.encode(server.ipAddress, forKey: .ipAddress)
        }
    }
}
