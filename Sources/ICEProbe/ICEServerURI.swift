/// A STUN or TURN server address as written in an ICE server list (RFC 7064, RFC 7065),
/// for example `turn:turn.example.com:3478?transport=tcp`.
public struct ICEServerURI: Sendable, Hashable, CustomStringConvertible {
    /// The URI scheme.
    public enum Scheme: String, Sendable, Hashable, CaseIterable {
        /// STUN over UDP or TCP.
        case stun
        /// STUN over TLS.
        case stuns
        /// TURN over UDP or TCP.
        case turn
        /// TURN over TLS or DTLS.
        case turns

        /// Whether the scheme needs TLS, which this module does not speak.
        public var usesTLS: Bool { self == .stuns || self == .turns }
        /// Whether this is a TURN scheme.
        public var isTURN: Bool { self == .turn || self == .turns }
        /// 5349 for the TLS schemes, 3478 otherwise.
        public var defaultPort: UInt16 { usesTLS ? 5349 : 3478 }
    }

    /// The transport carrying the STUN messages to the server.
    public enum Transport: String, Sendable, Hashable, CaseIterable {
        /// UDP (DTLS for turns).
        case udp
        /// TCP (TLS for stuns and turns).
        case tcp
    }

    /// The scheme.
    public var scheme: Scheme
    /// A host name, or an IP address without brackets.
    public var host: String
    /// The port, explicit or the scheme's default.
    public var port: UInt16
    /// The transport, explicit or the scheme's default.
    public var transport: Transport

    /// Creates a URI from parts.
    public init(scheme: Scheme, host: String, port: UInt16? = nil, transport: Transport? = nil) {
        self.scheme = scheme
        self.host = host
        self.port = port ?? scheme.defaultPort
        self.transport = transport ?? (scheme.usesTLS ? .tcp : .udp)
    }

    /// Parses `stun:`, `stuns:`, `turn:` and `turns:` URIs; throws an `ICEServerURIError` that
    /// says what is wrong otherwise. Scheme and transport are case-insensitive.
    public init(parsing text: String) throws(ICEServerURIError) {
        let trimmed = text.trimmingASCIIWhitespace()
        guard let colon = trimmed.firstIndex(of: ":") else { throw .missingScheme(text) }
        let schemeText = trimmed[..<colon].lowercased()
        guard let scheme = Scheme(rawValue: schemeText) else { throw .unknownScheme(String(trimmed[..<colon])) }
        var rest = trimmed[trimmed.index(after: colon)...]
        if rest.hasPrefix("//") {
            throw .unexpectedAuthority(text)
        }

        var transport: Transport?
        if let question = rest.firstIndex(of: "?") {
            let query = rest[rest.index(after: question)...]
            rest = rest[..<question]
            guard scheme.isTURN else { throw .queryNotAllowed(scheme: scheme) }
            transport = try Self.parseTransport(query: query)
        }

        let (host, portText) = try Self.splitHostAndPort(rest)
        guard !host.isEmpty else { throw .emptyHost(text) }
        var port: UInt16?
        if let portText {
            guard !portText.isEmpty, portText.allSatisfy(\.isASCIIDigit), let value = Int(portText), (1...65535).contains(value) else {
                throw .invalidPort(String(portText))
            }
            port = UInt16(value)
        }
        self.init(scheme: scheme, host: host, port: port, transport: transport)
    }

    private static func parseTransport(query: Substring) throws(ICEServerURIError) -> Transport {
        let parts = query.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].lowercased() == "transport" else { throw .invalidQuery(String(query)) }
        guard let transport = Transport(rawValue: parts[1].lowercased()) else { throw .unknownTransport(String(parts[1])) }
        return transport
    }

    private static func splitHostAndPort(_ authority: Substring) throws(ICEServerURIError) -> (String, Substring?) {
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .invalidHost(String(authority)) }
            let literal = authority[authority.index(after: authority.startIndex)..<close]
            guard let address = IPAddress(String(literal)), address.family == .v6 else { throw .invalidHost(String(authority)) }
            let after = authority[authority.index(after: close)...]
            if after.isEmpty { return (String(literal), nil) }
            guard after.hasPrefix(":") else { throw .invalidHost(String(authority)) }
            return (String(literal), after.dropFirst())
        }
        if authority.count(where: { $0 == ":" }) > 1 {
            // An IPv6 literal without brackets: reading "2001:db8::1" as host 2001 would mislead.
            throw .invalidHost(String(authority))
        }
        let pieces = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let host = String(pieces[0])
        if host.contains(where: { !($0.isASCIILetterOrDigit || $0 == "." || $0 == "-" || $0 == "_") }) {
            throw .invalidHost(String(authority))
        }
        return (host, pieces.count == 2 ? pieces[1] : nil)
    }

    /// The URI in canonical form with port and, for TURN, transport spelled out.
    public var description: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        let base = "\(scheme.rawValue):\(hostPart):\(port)"
        return scheme.isTURN ? base + "?transport=\(transport.rawValue)" : base
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIILetterOrDigit: Bool { isASCII && (isLetter || isNumber) }
}

extension StringProtocol {
    func trimmingASCIIWhitespace() -> Substring {
        let view = Substring(self)
        guard let first = view.firstIndex(where: { !$0.isWhitespace }) else { return view[view.endIndex...] }
        let last = view.lastIndex(where: { !$0.isWhitespace }) ?? first
        return view[first...last]
    }
}
