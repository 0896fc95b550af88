import Foundation

/// The short-lived credential the cloud hands out for one live-view session.
///
/// Decoding accepts every variant the protocol notes list (the seed's sample and real
/// servers' shapes); units are normalised by ``WireUnits``. Encoding writes the
/// normalised form: ISO-8601 times and intervals in seconds, which decodes back to the
/// same value. Secrets encode redacted unless the encoder asks otherwise (``Secret``).
public struct WebRTCTicket: Sendable, Hashable, Codable {
    /// The id of this session; every report and log line about it carries it.
    public var traceId: String
    /// The signaling group (one per device).
    public var groupId: String
    /// The client's role in the group (`viewer`, `subscriber`, …).
    public var role: String
    /// The client's id in the group.
    public var id: String
    /// The signaling server URL (`wss://…`).
    public var signalServer: String
    /// An address to connect to instead of resolving ``signalServer``'s host.
    public var signalServerIpAddress: String?
    /// An extra path some servers ask for on the socket URL.
    public var websocketPath: String?
    /// The signature that authorises the socket URL.
    public var sign: Secret
    /// The access token newer tickets want on the socket URL (a field of its own, or
    /// split off a `sign` of the form `<sig>&accessToken=<jwt>`).
    public var accessToken: Secret?
    /// The server's clock when it issued the ticket; the basis of skew correction.
    public var serverTime: Date?
    /// How often to ping the signaling socket, in seconds.
    public var signalPingInterval: TimeInterval
    /// How long to keep the socket after the viewer pauses, in seconds.
    public var appStopLiveTimeout: TimeInterval
    /// When the ticket stops being valid, by the server's clock.
    public var expirationTime: Date
    /// STUN and TURN servers for ICE.
    public var iceServers: [ICEServer]
    /// The most TURN allocations the client may hold, when the server says.
    public var maxAllocationLimit: Int?
    /// How long the camera stays awake without a viewer, in seconds, when the server says.
    public var deviceSleepTimeout: TimeInterval?

    /// Ping interval when a ticket names none: the real clients' default.
    public static let defaultPingInterval: TimeInterval = 5
    /// Stop-live timeout when a ticket names none: the real clients' default.
    public static let defaultStopLiveTimeout: TimeInterval = 30

    /// Creates a ticket.
    public init(
        traceId: String, groupId: String, role: String, id: String, signalServer: String,
        signalServerIpAddress: String? = nil, websocketPath: String? = nil, sign: Secret,
        accessToken: Secret? = nil, serverTime: Date? = nil,
        signalPingInterval: TimeInterval = WebRTCTicket.defaultPingInterval,
        appStopLiveTimeout: TimeInterval = WebRTCTicket.defaultStopLiveTimeout,
        expirationTime: Date, iceServers: [ICEServer] = [], maxAllocationLimit: Int? = nil,
        deviceSleepTimeout: TimeInterval? = nil
    ) {
        self.traceId = traceId
        self.groupId = groupId
        self.role = role
        self.id = id
        self.signalServer = signalServer
        self.signalServerIpAddress = signalServerIpAddress
        self.websocketPath = websocketPath
        self.sign = sign
        self.accessToken = accessToken
        self.serverTime = serverTime
        self.signalPingInterval = signalPingInterval
        self.appStopLiveTimeout = appStopLiveTimeout
        self.expirationTime = expirationTime
        self.iceServers = iceServers
        self.maxAllocationLimit = maxAllocationLimit
        self.deviceSleepTimeout = deviceSleepTimeout
    }

    /// The ticket's whole lifetime by the server's clock, when the server sent its time.
    public var lifetime: TimeInterval? {
        serverTime.map { expirationTime.timeIntervalSince($0) }
    }

    /// How far the local clock is ahead of the server's, measured when the ticket
    /// arrived at `receivedAt` (positive: local clock runs ahead).
    public func clockSkew(receivedAt: Date) -> TimeInterval? {
        serverTime.map { receivedAt.timeIntervalSince($0) }
    }

    /// The expiry expressed on the local clock, corrected for `skew`.
    public func localExpiry(skew: TimeInterval) -> Date {
        expirationTime.addingTimeInterval(skew)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        traceId = try c.requiredString("traceId")
        groupId = try c.requiredString("groupId")
        role = try c.requiredString("role")
        id = try c.requiredString("id")
        signalServer = try c.requiredString("signalServer")
        signalServerIpAddress = try c.lenientString("signalServerIpAddress").flatMap { $0.isEmpty ? nil : $0 }
        websocketPath = try c.lenientString("websocketPath").flatMap { $0.isEmpty ? nil : $0 }
        let rawSign = try c.requiredString("sign")
        let separateToken = try c.lenientString("accessToken").flatMap { $0.isEmpty ? nil : $0 }
        if let range = rawSign.range(of: "&accessToken=") {
            sign = Secret(String(rawSign[..<range.lowerBound]))
            let embedded = String(rawSign[range.upperBound...])
            accessToken = Secret(separateToken ?? embedded)
        } else {
            sign = Secret(rawSign)
            accessToken = separateToken.map { Secret($0) }
        }
        serverTime = try c.lenientDate("time", "serverTime")
        signalPingInterval = try c.lenientInterval("signalPingInterval") ?? Self.defaultPingInterval
        if signalPingInterval <= 0 { signalPingInterval = Self.defaultPingInterval }
        appStopLiveTimeout = try c.lenientInterval("appStopLiveTimeout") ?? Self.defaultStopLiveTimeout
        guard let expiry = try c.lenientDate("expirationTime") else {
            throw DecodingError.keyNotFound(
                AnyCodingKey("expirationTime"),
                .init(codingPath: c.codingPath, debugDescription: "missing field 'expirationTime'"))
        }
        expirationTime = expiry
        let key = AnyCodingKey("iceServer")
        let altKey = AnyCodingKey("iceServers")
        if c.presentKey(["iceServer"]) != nil {
            iceServers = try c.decode(LossyList<ICEServer>.self, forKey: key).elements
        } else if c.presentKey(["iceServers"]) != nil {
            iceServers = try c.decode(LossyList<ICEServer>.self, forKey: altKey).elements
        } else {
            iceServers = []
        }
        maxAllocationLimit = try? c.lenientInt("maxAllocationLimit")
        deviceSleepTimeout = try? c.lenientInterval("deviceSleepTimeout")
    }

    private enum CodingKeys: String, CodingKey {
        case traceId, groupId, role, id, signalServer, signalServerIpAddress, websocketPath, sign,
            accessToken, time, signalPingInterval, appStopLiveTimeout, expirationTime, iceServer,
            maxAllocationLimit, deviceSleepTimeout
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(traceId, forKey: .traceId)
        try c.encode(groupId, forKey: .groupId)
        try c.encode(role, forKey: .role)
        try c.encode(id, forKey: .id)
        try c.encode(signalServer, forKey: .signalServer)
        try c.encodeIfPresent(signalServerIpAddress, forKey: .signalServerIpAddress)
        try c.encodeIfPresent(websocketPath, forKey: .websocketPath)
        try c.encode(sign, forKey: .sign)
        try c.encodeIfPresent(accessToken, forKey: .accessToken)
        try c.encodeIfPresent(serverTime.map(Self.iso8601), forKey: .time)
        try c.encode(signalPingInterval, forKey: .signalPingInterval)
        try c.encode(appStopLiveTimeout, forKey: .appStopLiveTimeout)
        try c.encode(Self.iso8601(expirationTime), forKey: .expirationTime)
        try c.encode(iceServers, forKey: .iceServer)
        try c.encodeIfPresent(maxAllocationLimit, forKey: .maxAllocationLimit)
        try c.encodeIfPresent(deviceSleepTimeout, forKey: .deviceSleepTimeout)
    }

    static func iso8601(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

/// A JSON list whose malformed elements are skipped instead of failing the whole list,
/// so one odd ICE server or device does not cost the user every other one.
struct LossyList<Element: Decodable>: Decodable {
    var elements: [Element]
    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        var elements: [Element] = []
        while !container.isAtEnd {
            if let element = try? container.decode(Element.self) {
                elements.append(element)
            } else {
                _ = try? container.decode(DiscardedValue.self)
            }
        }
        self.elements = elements
    }
}

/// Consumes one JSON value of any shape.
struct DiscardedValue: Decodable {
    init(from decoder: any Decoder) throws {}
}
