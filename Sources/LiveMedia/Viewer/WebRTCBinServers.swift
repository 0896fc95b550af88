import Foundation
import VicohomeAPI

/// The ticket's ICE servers in the URI forms webrtcbin takes: one `stun://host:port` and
/// any number of `turn(s)://user:pass@host:port?transport=…`. The TURN strings carry the
/// credentials: never log or show them.
public struct WebRTCBinServers: Sendable, Hashable {
    /// The first STUN server, or nil.
    public var stun: String?
    /// Every TURN server with its credentials.
    public var turn: [String]
    /// How the TURN servers are reached (`udp`, `tcp`), in order.
    public var turnTransports: [String]

    /// Converts a ticket's list; entries that are not STUN or TURN URIs are skipped.
    public init(_ servers: [ICEServer]) {
        var stun: String?
        var turn: [String] = [], transports: [String] = []
        for server in servers {
            for url in server.urls {
                let lower = url.lowercased()
                if lower.hasPrefix("stun:") || lower.hasPrefix("stuns:") {
                    if stun == nil { stun = "stun://" + Self.hostPort(url.drop { $0 != ":" }.dropFirst(), defaultPort: 3478) }
                } else if lower.hasPrefix("turn:") || lower.hasPrefix("turns:") {
                    let secure = lower.hasPrefix("turns:")
                    let rest = url.drop { $0 != ":" }.dropFirst()
                    let parts = rest.split(separator: "?", maxSplits: 1)
                    let query = parts.count > 1 ? String(parts[1]) : ""
                    let transport = query.lowercased().contains("transport=tcp") || secure ? "tcp" : "udp"
                    let user = Self.encode(server.username.exposedValue), password = Self.encode(server.credential.exposedValue)
                    let address = Self.hostPort(parts.first ?? "", defaultPort: secure ? 5349 : 3478)
                    turn.append("\(secure ? "turns" : "turn")://\(user):\(password)@\(address)" + (query.isEmpty ? "" : "?\(query)"))
                    transports.append(transport)
                }
            }
        }
        self.stun = stun
        self.turn = turn
        self.turnTransports = transports
    }

    private static func hostPort(_ text: Substring, defaultPort: Int) -> String {
        let value = String(text.prefix { $0 != "?" })
        if value.hasPrefix("[") { return value.contains("]:") ? value : "\(value):\(defaultPort)" }
        return value.contains(":") ? value : "\(value):\(defaultPort)"
    }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
