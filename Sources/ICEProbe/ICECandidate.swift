/// An ICE candidate (RFC 8445) as carried in an SDP `candidate:` line (RFC 8839).
public struct ICECandidate: Sendable, Hashable, CustomStringConvertible {
    /// The candidate types of RFC 8445 section 4.
    public enum CandidateType: String, Sendable, Hashable, CaseIterable {
        /// An address of a local interface.
        case host
        /// The address a NAT mapped us to, learnt from a STUN server.
        case srflx
        /// Learnt from a connectivity check; only ever received, never gathered here.
        case prflx
        /// An address allocated on a TURN server.
        case relay

        /// RFC 8445 section 5.1.2.2's recommended type preference.
        public var typePreference: UInt32 {
            switch self {
            case .host: return 126
            case .prflx: return 110
            case .srflx: return 100
            case .relay: return 0
            }
        }
    }

    /// The candidate's transport protocol.
    public enum Transport: String, Sendable, Hashable, CaseIterable {
        /// UDP.
        case udp
        /// TCP (RFC 6544), which requires a tcptype.
        case tcp
    }

    /// The role of a TCP candidate (RFC 6544 section 4.5).
    public enum TCPType: String, Sendable, Hashable, CaseIterable {
        /// Opens connections, does not accept them.
        case active
        /// Accepts connections, does not open them.
        case passive
        /// Simultaneous open.
        case so
    }

    /// An extension attribute kept verbatim, such as `generation 0` or `ufrag abcd`.
    public struct Extension: Sendable, Hashable {
        /// The extension's name.
        public var name: String
        /// The extension's value.
        public var value: String

        /// Creates an extension pair.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Groups candidates of the same type, base and server (1 to 32 ice-chars).
    public var foundation: String
    /// The component id; 1 for RTP, the only one a bundled WebRTC session uses.
    public var component: Int
    /// The transport.
    public var transport: Transport
    /// The priority, from `ICECandidate.priority(type:localPreference:component:)` for gathered ones.
    public var priority: UInt32
    /// An IP address, or a host name such as a browser's mDNS "<uuid>.local".
    public var address: String
    /// The port.
    public var port: UInt16
    /// The type.
    public var type: CandidateType
    /// For srflx the base's address, for relay the mapped address.
    public var relatedAddress: String?
    /// The port that goes with `relatedAddress`.
    public var relatedPort: UInt16?
    /// The TCP role; present exactly when `transport` is tcp.
    public var tcpType: TCPType?
    /// Other extension attributes, in order.
    public var extensions: [Extension]

    /// Creates a candidate; the priority defaults to RFC 8445's formula with the highest local preference.
    public init(
        foundation: String,
        component: Int = 1,
        transport: Transport = .udp,
        priority: UInt32? = nil,
        address: String,
        port: UInt16,
        type: CandidateType,
        relatedAddress: String? = nil,
        relatedPort: UInt16? = nil,
        tcpType: TCPType? = nil,
        extensions: [Extension] = []
    ) {
        self.foundation = foundation
        self.component = component
        self.transport = transport
        self.priority = priority ?? Self.priority(type: type, component: component)
        self.address = address
        self.port = port
        self.type = type
        self.relatedAddress = relatedAddress
        self.relatedPort = relatedPort
        self.tcpType = tcpType
        self.extensions = extensions
    }

    /// RFC 8445 section 5.1.2.1: (2^24) × type preference + (2^8) × local preference + (256 − component).
    public static func priority(type: CandidateType, localPreference: UInt16 = 65535, component: Int = 1) -> UInt32 {
        let componentPart = UInt32(256 - min(max(component, 1), 256))
        return (type.typePreference << 24) + (UInt32(localPreference) << 8) + componentPart
    }

    /// A foundation shared by candidates of the same type, base, server and transport, as
    /// RFC 8445 section 5.1.1.3 asks; a CRC-32 in decimal is short and stable.
    public static func foundation(type: CandidateType, baseAddress: String, server: String?, transport: Transport) -> String {
        String(CRC32.checksum(of: Array("\(type.rawValue)|\(baseAddress)|\(server ?? "")|\(transport.rawValue)".utf8)))
    }

    /// The attribute value without "a=", for example
    /// `candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host`.
    public var line: String {
        var fields = [
            "candidate:\(foundation)", String(component), transport.rawValue, String(priority), address, String(port), "typ", type.rawValue,
        ]
        if let relatedAddress { fields += ["raddr", relatedAddress] }
        if let relatedPort { fields += ["rport", String(relatedPort)] }
        if let tcpType { fields += ["tcptype", tcpType.rawValue] }
        for item in extensions { fields += [item.name, item.value] }
        return fields.joined(separator: " ")
    }

    /// Same as `line`.
    public var description: String { line }
}
