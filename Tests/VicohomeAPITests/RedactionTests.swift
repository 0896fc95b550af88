import Foundation
import Testing
@testable import VicohomeAPI

@Suite("Redaction")
struct RedactionTests {
    @Test("secrets describe themselves redacted")
    func secretDescription() {
        let secret = Secret("a1b2c3d4e5f6g7h8i9j0")
        #expect(secret.description == "a1b2…(20 chars)")
        #expect("\(secret)" == "a1b2…(20 chars)")
        #expect(String(reflecting: secret) == "Secret(a1b2…(20 chars))")
        #expect(Secret("short").description == "…(5 chars)", "short secrets show no prefix")
        #expect(Secret("").description == "(empty)")
    }

    @Test("describing a ticket, a server or an error never shows a secret")
    func noLeaks() throws {
        let ticket = try Fixture.decode("real-ticket", as: WebRTCTicket.self)
        let secrets = [ticket.sign.exposedValue, ticket.accessToken!.exposedValue, ticket.iceServers[1].credential.exposedValue,
                       ticket.iceServers[1].username.exposedValue]
        let texts = [String(describing: ticket), String(reflecting: ticket), "\(ticket.iceServers)", "\(ticket.sign)"]
        for text in texts {
            for secret in secrets { #expect(!text.contains(secret), "leaked in \(text.prefix(60))") }
        }
    }

    @Test("JSON encoding masks secrets unless asked to reveal them")
    func encoding() throws {
        let ticket = try Fixture.decode("real-ticket", as: WebRTCTicket.self)
        let masked = String(decoding: try JSONEncoder().encode(ticket), as: UTF8.self)
        #expect(!masked.contains(ticket.sign.exposedValue))
        #expect(!masked.contains(ticket.accessToken!.exposedValue))
        #expect(!masked.contains("q8T+fX1m2w9kZ0pLr3sV="))
        #expect(masked.contains("3f9c…(20 chars)"))
        let encoder = JSONEncoder()
        encoder.userInfo[Secret.revealKey] = true
        let revealed = String(decoding: try encoder.encode(ticket), as: UTF8.self)
        #expect(revealed.contains(ticket.sign.exposedValue))
    }

    @Test("the signaling URL encodes every value and describes itself redacted")
    func signalingURL() throws {
        let ticket = try Fixture.decode("real-ticket-strings", as: WebRTCTicket.self)
        let url = try SignalingURL(ticket: ticket, name: "vicotop test", time: Date(timeIntervalSince1970: 1))
        let text = url.url.absoluteString
        #expect(text.hasPrefix("wss://signal.example.test/grp-1/viewer/42?traceId=trace-strings-1&time=1000&sign="))
        #expect(text.contains("sign=s1gn-value-with%2Bslash%2Fand%3Dequals"))
        #expect(text.contains("name=vicotop%20test"))
        #expect(text.contains("accessToken=eyJ0b2tlbiI6InNlcGFyYXRlIn0"))
        #expect(!url.redactedDescription.contains("s1gn-value"))
        #expect(!url.redactedDescription.contains("eyJ0b2tlbiI6InNlcGFyYXRlIn0"))
    }

    @Test("control characters, escapes and bidi overrides are stripped")
    func sanitizer() {
        #expect(Sanitizer.singleLine("a\u{1B}[2Jb") == "a\u{FFFD}[2Jb")
        #expect(Sanitizer.singleLine("x\u{202E}y\u{9B}z") == "x\u{FFFD}y\u{FFFD}z")
        #expect(Sanitizer.singleLine("line1\nline2\tend") == "line1 line2 end")
        #expect(Sanitizer.maskCredentialValues(in: #"{"sign": "abcdefghijklmnop", "x":"y"}"#)
            == #"{"sign": "abcd…(16 chars)", "x":"y"}"#)
    }
}
