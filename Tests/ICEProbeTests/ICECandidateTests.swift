import Testing
import ICEProbe

@Suite("ICE candidates (RFC 8445, RFC 8839)")
struct ICECandidateTests {
    @Test func priorities() {
        #expect(ICECandidate.priority(type: .host) == 2_130_706_431)
        #expect(ICECandidate.priority(type: .srflx) == 1_694_498_815)
        #expect(ICECandidate.priority(type: .relay) == 16_777_215)
        #expect(ICECandidate.priority(type: .host, localPreference: 65534) == (126 << 24) + (65534 << 8) + 255)
        #expect(ICECandidate.priority(type: .host, component: 2) == 2_130_706_430)
        #expect(ICECandidate.priority(type: .prflx) > ICECandidate.priority(type: .srflx))
    }

    @Test func renderedLines() {
        let host = ICECandidate(foundation: "1", address: "192.168.1.10", port: 54321, type: .host)
        #expect(host.line == "candidate:1 1 udp 2130706431 192.168.1.10 54321 typ host")
        let srflx = ICECandidate(foundation: "2", address: "203.0.113.5", port: 40000, type: .srflx, relatedAddress: "192.168.1.10", relatedPort: 54321)
        #expect(srflx.line == "candidate:2 1 udp 1694498815 203.0.113.5 40000 typ srflx raddr 192.168.1.10 rport 54321")
        let tcp = ICECandidate(foundation: "3", transport: .tcp, priority: 1_518_280_447, address: "192.168.1.10", port: 9, type: .host, tcpType: .active)
        #expect(tcp.line == "candidate:3 1 tcp 1518280447 192.168.1.10 9 typ host tcptype active")
    }

    static let validLines = [
        "candidate:1 1 udp 2130706431 192.168.1.10 54321 typ host",
        "candidate:842163049 1 udp 1677729535 203.0.113.5 40000 typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag EEtu network-cost 999",
        "candidate:3 1 tcp 1518280447 192.168.1.10 9 typ host tcptype active generation 0",
        "candidate:a+b/C 1 udp 41885439 198.51.100.9 3478 typ relay raddr 203.0.113.5 rport 40000",
        "candidate:4 1 udp 2122262783 2001:db8::5 51000 typ host",
        "candidate:5 1 udp 2113937151 0c3a1f0b-1c5e-4f2a-9d0e-2b1f6c7d8e9f.local 61234 typ host generation 0",
        "candidate:6 1 udp 1845501695 198.51.100.1 50000 typ prflx raddr 10.0.0.1 rport 50000",
    ]

    @Test(arguments: validLines)
    func parseAndRenderRoundTrip(_ line: String) throws {
        let candidate = try ICECandidate(parsing: line)
        #expect(candidate.line == line)
        #expect(try ICECandidate(parsing: "a=" + line + "\r\n") == candidate)
    }

    @Test func parsedFields() throws {
        let candidate = try ICECandidate(parsing: "candidate:842163049 1 UDP 1677729535 203.0.113.5 40000 typ srflx raddr 10.0.0.2 rport 5000 generation 0")
        #expect(candidate.foundation == "842163049")
        #expect(candidate.component == 1)
        #expect(candidate.transport == .udp)
        #expect(candidate.priority == 1_677_729_535)
        #expect(candidate.address == "203.0.113.5")
        #expect(candidate.port == 40000)
        #expect(candidate.type == .srflx)
        #expect(candidate.relatedAddress == "10.0.0.2")
        #expect(candidate.relatedPort == 5000)
        #expect(candidate.extensions == [ICECandidate.Extension(name: "generation", value: "0")])
    }

    static let invalidLines: [(String, ICECandidateParseError)] = [
        ("1 1 udp 1 1.2.3.4 1 typ host", .missingPrefix),
        ("candidate:1 1 udp 1 1.2.3.4 1 typ", .missingFields(count: 7)),
        ("candidate: 1 udp 1 1.2.3.4 1 typ host", .missingFields(count: 7)),
        ("candidate:a-b 1 udp 1 1.2.3.4 1 typ host", .invalidFoundation("a-b")),
        ("candidate:\(String(repeating: "a", count: 33)) 1 udp 1 1.2.3.4 1 typ host", .invalidFoundation(String(repeating: "a", count: 33))),
        ("candidate:1 0 udp 1 1.2.3.4 1 typ host", .invalidComponent("0")),
        ("candidate:1 257 udp 1 1.2.3.4 1 typ host", .invalidComponent("257")),
        ("candidate:1 x udp 1 1.2.3.4 1 typ host", .invalidComponent("x")),
        ("candidate:1 1 sctp 1 1.2.3.4 1 typ host", .unsupportedTransport("sctp")),
        ("candidate:1 1 udp 0 1.2.3.4 1 typ host", .invalidPriority("0")),
        ("candidate:1 1 udp 2147483648 1.2.3.4 1 typ host", .invalidPriority("2147483648")),
        ("candidate:1 1 udp -5 1.2.3.4 1 typ host", .invalidPriority("-5")),
        ("candidate:1 1 udp 1 1.2.3.999 1 typ host", .invalidAddress("1.2.3.999")),
        ("candidate:1 1 udp 1 bad_host 1 typ host", .invalidAddress("bad_host")),
        ("candidate:1 1 udp 1 1.2.3.4 65536 typ host", .invalidPort("65536")),
        ("candidate:1 1 udp 1 1.2.3.4 +1 typ host", .invalidPort("+1")),
        ("candidate:1 1 udp 1 1.2.3.4 1 type host", .missingTyp(found: "type")),
        ("candidate:1 1 udp 1 1.2.3.4 1 typ nat", .unknownType("nat")),
        ("candidate:1 1 udp 1 1.2.3.4 1 typ srflx raddr", .missingValue(name: "raddr")),
        ("candidate:1 1 udp 1 1.2.3.4 1 typ srflx raddr 1.1.1.1 raddr 2.2.2.2", .duplicateField("raddr")),
        ("candidate:1 1 udp 1 1.2.3.4 1 typ srflx raddr 1.1.1.1 rport x", .invalidPort("x")),
        ("candidate:1 1 tcp 1 1.2.3.4 9 typ host", .tcpTypeMismatch),
        ("candidate:1 1 udp 1 1.2.3.4 9 typ host tcptype active", .tcpTypeMismatch),
        ("candidate:1 1 tcp 1 1.2.3.4 9 typ host tcptype sideways", .invalidTCPType("sideways")),
        ("candidate:1 1 udp 1 1.2.3.4 9 typ host gen\u{0B}eration 0", .invalidExtension(name: "gen\u{0B}eration")),
        ("candidate:1 1 udp 1 1.2.3.4 9 typ host generation 0\u{0}", .invalidExtension(name: "generation")),
        ("candidate:1 1 udp 1 1.2.3.4 9 typ host a:b c", .invalidExtension(name: "a:b")),
    ]

    @Test(arguments: invalidLines)
    func rejects(_ line: String, _ expected: ICECandidateParseError) {
        #expect(throws: expected) { try ICECandidate(parsing: line) }
    }

    @Test func foundationsGroupByTypeBaseAndServer() {
        let a = ICECandidate.foundation(type: .srflx, baseAddress: "10.0.0.1", server: "stun:a:3478", transport: .udp)
        let b = ICECandidate.foundation(type: .srflx, baseAddress: "10.0.0.1", server: "stun:a:3478", transport: .udp)
        let c = ICECandidate.foundation(type: .srflx, baseAddress: "10.0.0.2", server: "stun:a:3478", transport: .udp)
        #expect(a == b)
        #expect(a != c)
        #expect((1...32).contains(a.count))
        #expect(throws: Never.self) { try ICECandidate(parsing: "candidate:\(a) 1 udp 1 1.2.3.4 1 typ host") }
    }

    /// Found by the fuzzer: control characters inside an extension survived parsing, and the
    /// rendered line then parsed differently because trailing ones were taken for a line end.
    @Test func fuzzerRegressionControlCharactersInExtension() throws {
        let base64 = "Y2FuZGlkYXRlOjE2IDEgdWRwIDI5NTM1IDIwMy4wLjExMy41IDAwNDAwIHR5cCBzcmZseCByZHIwLiBSOjE2MzA0OSAxIAANDQ0NDQ0NDQ0NDQ0NDQ0LCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLC3VkcAsLCyAL"
        let bytes = try #require(FuzzRegression.decodeBase64(base64))
        let text = String(decoding: bytes, as: UTF8.self)
        if let candidate = try? ICECandidate(parsing: text) {
            #expect(try ICECandidate(parsing: candidate.line) == candidate)
        }
        #expect(throws: ICECandidateParseError.self) { try ICECandidate(parsing: text) }
    }
}
