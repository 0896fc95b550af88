import Foundation
import VicohomeAPI

/// Renders a ticket for people: one field a line, secrets masked unless revealed,
/// every server-supplied string sanitised.
struct TicketPrinter {
    var revealSecrets: Bool
    var now: Date = Date()

    func render(_ ticket: WebRTCTicket, serialNumber: String, receivedAt: Date) -> String {
        func secret(_ value: Secret?) -> String {
            guard let value else { return "—" }
            return revealSecrets ? Sanitizer.singleLine(value.exposedValue) : value.redacted
        }
        let skew = ticket.clockSkew(receivedAt: receivedAt)
        let expiry = ticket.localExpiry(skew: skew ?? 0)
        var rows: [(String, String)] = [
            ("traceId", ticket.traceId),
            ("groupId", ticket.groupId),
            ("role", ticket.role),
            ("id", ticket.id),
            ("signal server", ticket.signalServer + (ticket.signalServerIpAddress.map { " (\($0))" } ?? "")),
            ("sign", secret(ticket.sign)),
        ]
        if ticket.accessToken != nil { rows.append(("access token", secret(ticket.accessToken))) }
        if let serverTime = ticket.serverTime {
            let skewText = skew.map { String(format: "clock skew %+.3f s", $0) } ?? ""
            rows.append(("server time", "\(Self.iso(serverTime))  (\(skewText))"))
        }
        let remaining = expiry.timeIntervalSince(now)
        rows.append(("expires", "\(Self.iso(ticket.expirationTime))  (\(remaining > 0 ? "in " + DurationFormat.short(remaining) : "expired"))"))
        if let lifetime = ticket.lifetime { rows.append(("lifetime", DurationFormat.short(lifetime))) }
        rows.append(("ping interval", DurationFormat.interval(ticket.signalPingInterval)))
        rows.append(("stop-live timeout", DurationFormat.interval(ticket.appStopLiveTimeout)))
        if let limit = ticket.maxAllocationLimit { rows.append(("max allocations", String(limit))) }
        if let sleep = ticket.deviceSleepTimeout { rows.append(("device sleep", DurationFormat.interval(sleep))) }

        var lines = ["WebRTC ticket for \(Sanitizer.singleLine(serialNumber))"]
        let width = rows.map(\.0.count).max() ?? 0
        for (name, value) in rows {
            lines.append("  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + Sanitizer.singleLine(value))
        }
        lines.append("  ICE servers (\(ticket.iceServers.count))")
        for server in ticket.iceServers {
            var line = "    " + Sanitizer.singleLine(server.urls.joined(separator: ", "))
            if !server.username.isEmpty || !server.credential.isEmpty {
                line += "  user \(secret(server.username))  credential \(secret(server.credential))"
            }
            if let address = server.ipAddress { line += "  (\(Sanitizer.singleLine(address)))" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    static func iso(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
