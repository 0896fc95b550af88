import Foundation
import TestSupport
import LiveMedia
import Testing
import VicohomeAPI
import VicohomeSimulator
import NIOWebSocket
import WebSocketKit

@Suite("Simulated signaling server over loopback WebSockets")
struct SignalingServerTests {
    @Test("a valid ticket connects; the camera joins; an offer gets an answer and candidates")
    func happyPath() async throws {
        try await withSimulator { simulator, client in
            let ticket = try await client.getWebrtcTicket(serialNumber: Serial.healthy)
            let socket = try await SignalingTestClient.connect(try SignalingURL(ticket: ticket, name: "test").url)
            #expect(try await socket.waitFor(.peerIn))
            let peer = socket.messages.first { $0.kind == .peerIn }?.peer
            #expect(peer?.id == Serial.healthy)
            #expect(peer?.isCamera == true)
            let offer = SignalingMessage(kind: .sdpOffer, senderClientId: ticket.id, recipientClientId: Serial.healthy,
                                         sessionId: "s1", payload: .object(["type": .string("offer"), "sdp": .string(ViewerOffer.munge(webrtcbinOfferSample))]))
            try await socket.socket.send(offer.encodedText())
            // The first offer may load GStreamer and build the camera's pipeline: a guard, not a bound.
            #expect(try await socket.waitFor(.sdpAnswer, timeout: .seconds(60)))
            #expect(try await socket.waitFor(.iceCandidate, count: 2, timeout: .seconds(60)))
            let candidate = socket.messages.first { $0.kind == .iceCandidate }?.candidate
            #expect(candidate?.candidate.hasPrefix("candidate:") == true)
            #expect(simulator.openSockets(serial: Serial.healthy) == 1)
            try await socket.socket.close()
            #expect(try await eventually { simulator.openSockets() == 0 })
        }
    }

    @Test("a camera ignores an offer without sctpmap: silence, not an answer", .enabled(if: GStreamerRuntime.camera.isAvailable))
    func quirkySilence() async throws {
        try await withSimulator { simulator, client in
            let ticket = try await client.getWebrtcTicket(serialNumber: Serial.healthy)
            let socket = try await SignalingTestClient.connect(try SignalingURL(ticket: ticket, name: "test").url)
            #expect(try await socket.waitFor(.peerIn))
            let offer = SignalingMessage(kind: .sdpOffer, senderClientId: ticket.id, recipientClientId: Serial.healthy,
                                         sessionId: "s1", payload: .object(["type": .string("offer"), "sdp": .string(webrtcbinOfferSample)]))
            try await socket.socket.send(offer.encodedText())
            #expect(try await eventually(timeout: .seconds(60)) { simulator.counters.offersIgnored == 1 })
            #expect(simulator.counters.offersAnswered == 0)
            #expect(!socket.messages.contains { $0.kind == .sdpAnswer })
            try await socket.socket.close()
        }
    }

    @Test("the real dialect's ticket (accessToken in sign, host name plus address) connects too")
    func realDialect() async throws {
        try await withSimulator(configure: { $0.wireStyle = .real }) { _, client in
            let ticket = try await client.getWebrtcTicket(serialNumber: Serial.healthy)
            #expect(ticket.accessToken != nil)
            let socket = try await SignalingTestClient.connect(try SignalingURL(ticket: ticket, name: "test").url)
            #expect(try await socket.waitFor(.peerIn))
            try await socket.socket.close()
        }
    }

    @Test("a wrong sign, an unknown traceId and an expired ticket are refused; expired uses are counted")
    func refusals() async throws {
        try await withSimulator(configure: { config in
            config.devices[0].behavior.ticketLifetime = Duration.milliseconds(300)
        }) { simulator, client in
            var ticket = try await client.getWebrtcTicket(serialNumber: Serial.healthy)
            var forged = ticket
            forged.sign = "forged-sign-value"
            await #expect(throws: (any Error).self) {
                _ = try await SignalingTestClient.connect(try SignalingURL(ticket: forged, name: "t").url)
            }
            var unknown = ticket
            unknown.traceId = "no-such-trace"
            await #expect(throws: (any Error).self) {
                _ = try await SignalingTestClient.connect(try SignalingURL(ticket: unknown, name: "t").url)
            }
            #expect(simulator.counters.expiredTicketUses == 0)
            try await Task.sleep(for: Duration.milliseconds(400))
            ticket = try await client.getWebrtcTicket(serialNumber: Serial.healthy)
            try await Task.sleep(for: Duration.milliseconds(400))
            await #expect(throws: (any Error).self) {
                _ = try await SignalingTestClient.connect(try SignalingURL(ticket: ticket, name: "t").url)
            }
            #expect(simulator.counters.expiredTicketUses == 1)
            #expect(simulator.counters.socketsRejected == 3)
        }
    }

    @Test("pings get pongs with the injected latency; lost pings get none")
    func pings() async throws {
        try await withSimulator { simulator, client in
            var behavior = DeviceBehavior.healthy
            behavior.pingLatency = Duration.milliseconds(100)
            behavior.pingJitter = Duration.zero
            simulator.inject(.setBehavior(serial: Serial.healthy, behavior))
            let ticket = try await client.getWebrtcTicket(serialNumber: Serial.healthy)
            let socket = try await SignalingTestClient.connect(try SignalingURL(ticket: ticket, name: "t").url)
            let measured: Duration? = try await socket.ping(sequence: 1, timeout: .seconds(20))
            let rtt: Duration = try #require(measured)
            // The pong is held 100 ms and timers never fire early: the lower bound is exact.
            // The upper one is only a guard, ten times that, since a busy machine adds delay.
            let lower: Duration = .milliseconds(95)
            let upper: Duration = .seconds(1)
            #expect(rtt >= lower)
            #expect(rtt < upper)
            behavior.pingLoss = 1
            simulator.inject(.setBehavior(serial: Serial.healthy, behavior))
            // The server counts the ping as lost when it reads it; only then is the silence
            // that follows certain.
            let lost: Duration? = try await socket.ping(sequence: 2, timeout: Duration.milliseconds(500))
            #expect(try await eventually { simulator.counters.pingsLost == 1 })
            #expect(lost == nil)
            try await socket.socket.close()
        }
    }

    @Test("past the viewer limit the server closes with 3002")
    func viewerLimit() async throws {
        try await withSimulator { simulator, client in
            let ticket = try await client.getWebrtcTicket(serialNumber: Serial.viewerLimit)
            let socket = try await SignalingTestClient.connect(try SignalingURL(ticket: ticket, name: "t").url)
            let code: WebSocketErrorCode? = try await socket.waitForClose()
            #expect(code == WebSocketErrorCode.unknown(3002))
            #expect(simulator.counters.viewerLimitCloses == 1)
        }
    }

    @Test("when the ticket expires the server closes with 1001")
    func expiryClose() async throws {
        // The simulator's clock stands still until the socket is open, so the ticket is
        // still valid at the handshake however long getting there takes; the server then
        // closes 700 ms of real time later.
        let frozen = Date()
        try await withSimulator(configure: { $0.ticketLifetime = Duration.milliseconds(700); $0.clock = { frozen } }) { simulator, client in
            let ticket = try await client.getWebrtcTicket(serialNumber: Serial.healthy)
            let socket = try await SignalingTestClient.connect(try SignalingURL(ticket: ticket, name: "t").url)
            let code: WebSocketErrorCode? = try await socket.waitForClose(timeout: Duration.seconds(30))
            #expect(code == WebSocketErrorCode.goingAway)
            #expect(simulator.counters.expiryCloses == 1)
        }
    }

    @Test("an injected drop closes the socket without a close frame")
    func drop() async throws {
        try await withSimulator { simulator, client in
            let ticket = try await client.getWebrtcTicket(serialNumber: Serial.healthy)
            let socket = try await SignalingTestClient.connect(try SignalingURL(ticket: ticket, name: "t").url)
            #expect(try await socket.waitFor(.peerIn))
            simulator.inject(.dropSockets(serial: Serial.healthy))
            #expect(try await eventually { socket.socket.isClosed })
            let closeCode = socket.socket.closeCode
            #expect(closeCode != .goingAway, "a drop is not an orderly close")
            #expect(simulator.counters.socketsDropped == 1)
        }
    }

    @Test("a flapping camera leaves and rejoins")
    func flap() async throws {
        try await withSimulator(configure: { config in
            let index = config.devices.firstIndex { $0.serialNumber == Serial.flapping }!
            config.devices[index].behavior.peerFlap = DeviceBehavior.PeerFlap(every: Duration.milliseconds(200), away: Duration.milliseconds(100))
        }) { _, client in
            let ticket = try await client.getWebrtcTicket(serialNumber: Serial.flapping)
            let socket = try await SignalingTestClient.connect(try SignalingURL(ticket: ticket, name: "t").url)
            #expect(try await socket.waitFor(.peerOut))
            #expect(try await socket.waitFor(.peerIn, count: 2))
            try await socket.socket.close()
        }
    }
}
