import Foundation
import VicohomeAPI

/// Writes an issued ticket as the JSON `data` member, in the simulator's dialect.
struct TicketRenderer {
    var style: WireStyle
    var signalingBase: String
    var iceServers: [ICEServer]
    var pingInterval: Duration
    var stopLiveTimeout: Duration

    func render(_ ticket: IssuedTicket, serverTime: Date) -> JSONValue {
        var object: [String: JSONValue] = [
            "traceId": .string(ticket.traceId),
            "groupId": .string(ticket.groupId),
            "role": .string(ticket.role),
            "id": .string(ticket.clientId),
            "expirationTime": .number((ticket.expires.timeIntervalSince1970 * 1000).rounded()),
        ]
        switch style {
        case .seed:
            object["signalServer"] = .string(signalingBase)
            object["sign"] = .string(ticket.sign)
            object["time"] = .string(serverTime.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
            // Milliseconds as the seed shows them; below a second that would read as seconds
            // (see WireUnits), so sub-second test intervals go out as fractional seconds.
            object["signalPingInterval"] = pingInterval >= .seconds(1)
                ? .number((pingInterval.inSeconds * 1000).rounded()) : .number(pingInterval.inSeconds)
            object["appStopLiveTimeout"] = stopLiveTimeout >= .seconds(1)
                ? .string(String(Int(stopLiveTimeout.inSeconds * 1000))) : .string(String(stopLiveTimeout.inSeconds))
        case .real:
            // Real tickets name the host and add its address, so clients skip DNS.
            object["signalServer"] = .string(signalingBase.replacingOccurrences(of: "127.0.0.1", with: "localhost"))
            object["signalServerIpAddress"] = .string("127.0.0.1")
            object["sign"] = .string(ticket.sign + (ticket.accessToken.map { "&accessToken=\($0)" } ?? ""))
            object["time"] = .number((serverTime.timeIntervalSince1970 * 1000).rounded())
            object["signalPingInterval"] = .number(pingInterval.inSeconds)
            object["appStopLiveTimeout"] = .number(stopLiveTimeout.inSeconds)
            object["maxAllocationLimit"] = .number(4)
            object["deviceSleepTimeout"] = .number(180)
            object["websocketPath"] = .string("")
        }
        object["iceServer"] = .array(iceServers.map { server in
            var entry: [String: JSONValue] = [
                "url": .string(server.url),
                "username": .string(server.username.exposedValue),
                "credential": .string(server.credential.exposedValue),
            ]
            if style == .real { entry["ipAddress"] = .string(server.ipAddress ?? "127.0.0.1") }
            return .object(entry)
        })
        return .object(object)
    }
}
