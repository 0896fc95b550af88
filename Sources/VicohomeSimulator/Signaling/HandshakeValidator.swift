import Foundation
import VicohomeAPI

/// Decides whether a signaling handshake may become a socket: the URL must name an
/// issued ticket, match its group, role and id, carry its `sign` (and access token),
/// and arrive before the ticket expires.
struct HandshakeValidator: Sendable {
    let state: SimulatorState

    enum Verdict: Sendable {
        case accept(IssuedTicket)
        case reject(status: Int, reason: String, expired: Bool)
    }

    /// Decides a handshake, consuming an injected refusal (a 403 "bad sign") when one is pending.
    func admit(uri: String) -> Verdict {
        let verdict = validate(uri: uri)
        guard case .accept = verdict, state.takeSignalingRejection() else { return verdict }
        return .reject(status: 403, reason: "bad sign", expired: false)
    }

    func validate(uri: String) -> Verdict {
        guard let components = URLComponents(string: uri) else {
            return .reject(status: 400, reason: "unreadable URL", expired: false)
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        guard let traceId = query["traceId"], let ticket = state.ticket(traceId: traceId) else {
            return .reject(status: 404, reason: "unknown traceId", expired: false)
        }
        let segments = components.path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        guard segments.count >= 3,
              Array(segments.suffix(3)) == [ticket.groupId, ticket.role, ticket.clientId]
        else {
            return .reject(status: 404, reason: "path does not match the ticket", expired: false)
        }
        guard query["sign"] == ticket.sign else {
            return .reject(status: 403, reason: "bad sign", expired: false)
        }
        if let token = ticket.accessToken, query["accessToken"] != token {
            return .reject(status: 403, reason: "bad accessToken", expired: false)
        }
        guard ticket.expires > state.now else {
            return .reject(status: 401, reason: "ticket expired", expired: true)
        }
        return .accept(ticket)
    }
}
