import Testing
import ICEProbe

@Suite("ICE server URIs (RFC 7064, RFC 7065)")
struct ICEServerURITests {
    struct Valid: Sendable, CustomTestStringConvertible {
        var text: String
        var scheme: ICEServerURI.Scheme
        var host: String
        var port: UInt16
        var transport: ICEServerURI.Transport
        var testDescription: String { text }
    }

    static let valid: [Valid] = [
        Valid(text: "stun:stun.example.com", scheme: .stun, host: "stun.example.com", port: 3478, transport: .udp),
        Valid(text: "stun:stun.l.google.com:19302", scheme: .stun, host: "stun.l.google.com", port: 19302, transport: .udp),
        Valid(text: "stuns:stun.example.com", scheme: .stuns, host: "stun.example.com", port: 5349, transport: .tcp),
        Valid(text: "turn:198.51.100.7", scheme: .turn, host: "198.51.100.7", port: 3478, transport: .udp),
        Valid(text: "turn:198.51.100.7:3479?transport=tcp", scheme: .turn, host: "198.51.100.7", port: 3479, transport: .tcp),
        Valid(text: "turn:turn.example.com?transport=udp", scheme: .turn, host: "turn.example.com", port: 3478, transport: .udp),
        Valid(text: "turns:turn.example.com", scheme: .turns, host: "turn.example.com", port: 5349, transport: .tcp),
        Valid(text: "turns:turn.example.com:443?transport=tcp", scheme: .turns, host: "turn.example.com", port: 443, transport: .tcp),
        Valid(text: "turn:[2001:db8::1]:3478", scheme: .turn, host: "2001:db8::1", port: 3478, transport: .udp),
        Valid(text: "stun:[::1]", scheme: .stun, host: "::1", port: 3478, transport: .udp),
        Valid(text: "TURN:Example.COM?Transport=TCP", scheme: .turn, host: "Example.COM", port: 3478, transport: .tcp),
        Valid(text: "  stun:127.0.0.1:1 ", scheme: .stun, host: "127.0.0.1", port: 1, transport: .udp),
    ]

    @Test(arguments: valid)
    func parses(_ case_: Valid) throws {
        let uri = try ICEServerURI(parsing: case_.text)
        #expect(uri.scheme == case_.scheme)
        #expect(uri.host == case_.host)
        #expect(uri.port == case_.port)
        #expect(uri.transport == case_.transport)
        #expect(try ICEServerURI(parsing: uri.description) == uri)
    }

    static let invalid: [(String, ICEServerURIError)] = [
        ("stun.example.com", .missingScheme("stun.example.com")),
        ("http://example.com", .unknownScheme("http")),
        ("stun://example.com", .unexpectedAuthority("stun://example.com")),
        ("stun:", .emptyHost("stun:")),
        ("turn::3478", .emptyHost("turn::3478")),
        ("turn:?transport=udp", .emptyHost("turn:?transport=udp")),
        ("stun:example.com:0", .invalidPort("0")),
        ("stun:example.com:65536", .invalidPort("65536")),
        ("stun:example.com:abc", .invalidPort("abc")),
        ("stun:example.com:", .invalidPort("")),
        ("stun:example.com:+1", .invalidPort("+1")),
        ("stun:example.com?transport=udp", .queryNotAllowed(scheme: .stun)),
        ("stuns:example.com?transport=tcp", .queryNotAllowed(scheme: .stuns)),
        ("turn:example.com?transport=sctp", .unknownTransport("sctp")),
        ("turn:example.com?proto=udp", .invalidQuery("proto=udp")),
        ("turn:example.com?transport", .invalidQuery("transport")),
        ("turn:2001:db8::1", .invalidHost("2001:db8::1")),
        ("turn:[2001:db8::1", .invalidHost("[2001:db8::1")),
        ("turn:[nothex]:3478", .invalidHost("[nothex]:3478")),
        ("turn:user@example.com", .invalidHost("user@example.com")),
    ]

    @Test(arguments: invalid)
    func rejects(_ text: String, _ expected: ICEServerURIError) {
        #expect(throws: expected) { try ICEServerURI(parsing: text) }
        #expect(!expected.description.isEmpty)
    }
}
