/// Why a string is not a usable STUN or TURN URI.
public enum ICEServerURIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No "scheme:" prefix at all.
    case missingScheme(String)
    /// A scheme other than stun, stuns, turn or turns.
    case unknownScheme(String)
    /// "stun://host": RFC 7064 URIs have no "//".
    case unexpectedAuthority(String)
    /// Nothing between the scheme and the port or query.
    case emptyHost(String)
    /// A host with characters no host name or bracketed IPv6 literal may hold.
    case invalidHost(String)
    /// A port that is not a number in 1...65535.
    case invalidPort(String)
    /// A query on a stun or stuns URI, which RFC 7064 does not allow.
    case queryNotAllowed(scheme: ICEServerURI.Scheme)
    /// A query other than "transport=...".
    case invalidQuery(String)
    /// A transport other than udp or tcp.
    case unknownTransport(String)

    /// One line in plain words.
    public var description: String {
        switch self {
        case .missingScheme(let text): return "\"\(text)\" has no scheme; expected stun:, stuns:, turn: or turns:"
        case .unknownScheme(let scheme): return "unknown scheme \"\(scheme)\"; expected stun, stuns, turn or turns"
        case .unexpectedAuthority(let text): return "\"\(text)\": STUN/TURN URIs take no \"//\""
        case .emptyHost(let text): return "\"\(text)\" has an empty host"
        case .invalidHost(let host): return "invalid host \"\(host)\" (IPv6 addresses go in brackets)"
        case .invalidPort(let port): return "invalid port \"\(port)\"; expected 1-65535"
        case .queryNotAllowed(let scheme): return "\(scheme.rawValue): URIs take no query; only turn and turns have ?transport="
        case .invalidQuery(let query): return "invalid query \"\(query)\"; only transport=udp or transport=tcp is allowed"
        case .unknownTransport(let transport): return "unknown transport \"\(transport)\"; expected udp or tcp"
        }
    }
}
