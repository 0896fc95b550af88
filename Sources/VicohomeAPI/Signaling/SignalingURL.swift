import Foundation

/// The signaling socket address a ticket grants:
/// `{signalServer}[/{websocketPath}]/{groupId}/{role}/{id}?traceId=..&time=..&sign=..&name=..[&accessToken=..]`.
///
/// Every path segment and query value is percent-encoded with only RFC 3986's
/// unreserved characters left bare, so a `sign` holding `+`, `/`, `=` or `&` arrives intact.
public struct SignalingURL: Sendable, Hashable {
    /// The URL to put in the WebSocket handshake (its host goes into `Host` and SNI).
    public var url: URL
    /// The address to connect to when the ticket names one (`signalServerIpAddress`),
    /// else `nil`: resolve the URL's host.
    public var connectAddress: String?

    /// The characters left unencoded: RFC 3986 unreserved.
    public static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Percent-encodes a path segment or query value.
    public static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// Builds the socket address for `ticket`, announcing the client as `name`.
    public init(ticket: WebRTCTicket, name: String, time: Date = Date()) throws(VicohomeError) {
        var base = ticket.signalServer.trimmingCharacters(in: .whitespaces)
        while base.hasSuffix("/") { base.removeLast() }
        guard let baseURL = URL(string: base), let scheme = baseURL.scheme?.lowercased(),
              ["ws", "wss"].contains(scheme), baseURL.host != nil
        else {
            throw .invalidConfiguration("ticket's signal server is not a ws:// or wss:// URL: \(Sanitizer.singleLine(String(base.prefix(80))))")
        }
        var path = ""
        if let extra = ticket.websocketPath?.split(separator: "/").map(String.init), !extra.isEmpty {
            path += extra.map { "/" + Self.encode($0) }.joined()
        }
        path += "/" + [ticket.groupId, ticket.role, ticket.id].map(Self.encode).joined(separator: "/")
        var query = [
            ("traceId", ticket.traceId),
            ("time", String(Int64(time.timeIntervalSince1970 * 1000))),
            ("sign", ticket.sign.exposedValue),
            ("name", name),
        ]
        if let accessToken = ticket.accessToken, !accessToken.isEmpty {
            query.append(("accessToken", accessToken.exposedValue))
        }
        let queryText = query.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
        guard let url = URL(string: base + path + "?" + queryText) else {
            throw .invalidConfiguration("cannot build the signaling URL")
        }
        self.url = url
        self.connectAddress = ticket.signalServerIpAddress
    }

    /// The URL with `sign` and `accessToken` masked, for logs and screens.
    public var redactedDescription: String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "(signaling URL)" }
        components.percentEncodedQueryItems = components.percentEncodedQueryItems?.map { item in
            ["sign", "accesstoken"].contains(item.name.lowercased())
                ? URLQueryItem(name: item.name, value: SignalingURL.encode(Secret.redact(item.value?.removingPercentEncoding ?? "")))
                : item
        }
        return components.string ?? "(signaling URL)"
    }
}
