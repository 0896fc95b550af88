import Foundation
import Testing
@testable import VicohomeAPI

@Suite("Ticket decoding")
struct TicketDecodingTests {
    @Test("the seed's sample response decodes verbatim")
    func seedSample() throws {
        let ticket = try Fixture.decode("seed-sample", as: WebRTCTicket.self)
        #expect(ticket.traceId == "webrtc-vdca1p-1234567890")
        #expect(ticket.groupId == "grp-vdca1p-1234567890")
        #expect(ticket.role == "subscriber")
        #expect(ticket.id == "usr-1234567890")
        #expect(ticket.signalServer == "wss://webrtc-signal.vicohome.io")
        #expect(ticket.sign.exposedValue == "a1b2c3d4e5f6g7h8i9j0")
        #expect(ticket.accessToken == nil)
        #expect(ticket.serverTime == iso("2023-04-15T12:34:56.789Z"))
        #expect(ticket.signalPingInterval == 10, "10000 reads as milliseconds")
        #expect(ticket.appStopLiveTimeout == 30, "\"30000\" reads as milliseconds")
        #expect(ticket.expirationTime == Date(timeIntervalSince1970: 1_681_564_496.789))
        #expect(ticket.iceServers.count == 3)
        #expect(ticket.iceServers[0].url == "stun:stun.vicohome.io:3478")
        #expect(ticket.iceServers[0].username.isEmpty)
        #expect(ticket.iceServers[1].url == "turn:turn.vicohome.io:3478?transport=udp")
        #expect(ticket.iceServers[1].username.exposedValue == "vicohome-turn")
        #expect(ticket.iceServers[1].credential.exposedValue == "turn-credential-123")
        #expect(ticket.iceServers[2].url.hasSuffix("transport=tcp"))
    }

    @Test("a real server's ticket: result/msg, epoch ms, seconds, accessToken inside sign, extra fields")
    func realTicket() throws {
        let ticket = try Fixture.decode("real-ticket", as: WebRTCTicket.self)
        #expect(ticket.traceId == "0a1b2c3d4e5f60718293a4b5c6d7e8f9")
        #expect(ticket.sign.exposedValue == "3f9c2e71b0d44a5e8f11")
        #expect(ticket.accessToken?.exposedValue == "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIyNzE4MjgxIn0.c2lnbmF0dXJl")
        #expect(ticket.serverTime == Date(timeIntervalSince1970: 1_732_450_000.123))
        #expect(ticket.signalPingInterval == 5)
        #expect(ticket.appStopLiveTimeout == 30)
        #expect(ticket.lifetime == 300)
        #expect(ticket.signalServerIpAddress == "203.0.113.17")
        #expect(ticket.websocketPath == nil, "an empty path means none")
        #expect(ticket.maxAllocationLimit == 4)
        #expect(ticket.deviceSleepTimeout == 180)
        #expect(ticket.iceServers.map(\.ipAddress) == ["203.0.113.20", "203.0.113.21"])
    }

    @Test("numbers as strings, a separate accessToken, urls lists, epoch seconds, odd ICE entries skipped")
    func stringVariants() throws {
        let ticket = try Fixture.decode("real-ticket-strings", as: WebRTCTicket.self)
        #expect(ticket.id == "42")
        #expect(ticket.sign.exposedValue == "s1gn-value-with+slash/and=equals")
        #expect(ticket.accessToken?.exposedValue == "eyJ0b2tlbiI6InNlcGFyYXRlIn0")
        #expect(ticket.serverTime == Date(timeIntervalSince1970: 1_732_450_000.123))
        #expect(ticket.expirationTime == Date(timeIntervalSince1970: 1_732_450_300), "a small epoch is seconds")
        #expect(ticket.signalPingInterval == 5)
        #expect(ticket.iceServers.count == 2, "entries without a url are skipped, not fatal")
        #expect(ticket.iceServers[0].urls == ["stun:127.0.0.1:3478", "stun:127.0.0.1:3479"])
        #expect(ticket.iceServers[1].url == "turns:turn.example.test:5349")
    }

    @Test("unit rules", arguments: [
        (10000.0, 10.0), (5000, 5), (1000, 1), (999, 999), (5, 5), (0.5, 0.5), (30, 30),
    ])
    func intervalRule(raw: Double, seconds: Double) {
        #expect(WireUnits.seconds(fromInterval: raw) == seconds)
    }

    @Test("epoch rule: seconds below 1e11, milliseconds above")
    func epochRule() {
        #expect(WireUnits.date(fromEpoch: 1_681_564_496) == Date(timeIntervalSince1970: 1_681_564_496))
        #expect(WireUnits.date(fromEpoch: 1_681_564_496_789) == Date(timeIntervalSince1970: 1_681_564_496.789))
        #expect(WireUnits.date(fromISO8601: "2023-04-15T12:34:56Z") == Date(timeIntervalSince1970: 1_681_562_096))
        #expect(WireUnits.date(fromISO8601: "2023-04-15T12:34:56.5+02:00") == Date(timeIntervalSince1970: 1_681_554_896.5))
    }

    @Test("a ticket field with nonsense gives an error that names the field")
    func nonsenseField() throws {
        let body = #"{"code":0,"message":"ok","data":{"traceId":"t","groupId":"g","role":"r","id":"i","signalServer":"wss://x","sign":"s","expirationTime":"soon"}}"#
        #expect {
            _ = try ResponseInterpreter.interpret(status: 200, body: Array(body.utf8), serialNumber: nil, as: WebRTCTicket.self)
        } throws: { error in
            guard case .malformedBody(_, let detail, _) = error as? VicohomeError else { return false }
            return detail.contains("expirationTime")
        }
    }

    @Test("a missing required field is named")
    func missingField() throws {
        let body = #"{"code":0,"message":"ok","data":{"traceId":"t","groupId":"g","role":"r","id":"i","sign":"s","expirationTime":1}}"#
        let error = try #require(throws: VicohomeError.self) {
            _ = try ResponseInterpreter.interpret(status: 200, body: Array(body.utf8), serialNumber: nil, as: WebRTCTicket.self)
        }
        #expect(error.description.contains("signalServer"))
    }

    @Test("encoding gives the normalised form, which decodes back to the same ticket")
    func roundTrip() throws {
        for name in ["seed-sample", "real-ticket", "real-ticket-strings"] {
            let ticket = try Fixture.decode(name, as: WebRTCTicket.self)
            let encoder = JSONEncoder()
            encoder.userInfo[Secret.revealKey] = true
            let data = try encoder.encode(ticket)
            let again = try JSONDecoder().decode(WebRTCTicket.self, from: data)
            #expect(again.traceId == ticket.traceId)
            #expect(again.sign == ticket.sign)
            #expect(again.accessToken == ticket.accessToken)
            #expect(again.signalPingInterval == ticket.signalPingInterval)
            #expect(again.appStopLiveTimeout == ticket.appStopLiveTimeout)
            #expect(abs(again.expirationTime.timeIntervalSince(ticket.expirationTime)) < 0.001)
            #expect(again.iceServers == ticket.iceServers)
        }
    }

    @Test("clock skew and local expiry")
    func skew() throws {
        let ticket = try Fixture.decode("real-ticket", as: WebRTCTicket.self)
        let received = ticket.serverTime!.addingTimeInterval(2.5)
        #expect(ticket.clockSkew(receivedAt: received) == 2.5)
        #expect(ticket.localExpiry(skew: 2.5) == ticket.expirationTime.addingTimeInterval(2.5))
    }
}
