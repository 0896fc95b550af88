import Foundation
import Testing
@testable import VicohomeAPI

@Suite("Signaling messages")
struct SignalingMessageTests {
    func b64(_ json: String) -> String { Data(json.utf8).base64EncodedString() }

    @Test("PEER_IN with a base64 payload")
    func peerIn() throws {
        let text = #"{"messageType":"PEER_IN","senderClientId":"SN","messagePayload":"\#(b64(#"{"id":"SN","name":"Cam","role":"master"}"#))"}"#
        let message = try SignalingMessage.decode(text)
        #expect(message.kind == .peerIn)
        #expect(message.peer == SignalingPeer(id: "SN", name: "Cam", role: "master"))
        #expect(message.peer?.isCamera == true)
    }

    @Test("older servers say action instead of messageType")
    func action() throws {
        let text = #"{"action":"ICE_CANDIDATE","messagePayload":"\#(b64(#"{"candidate":"candidate:1 1 udp 1 127.0.0.1 9 typ host","sdpMid":"0","sdpMLineIndex":0}"#))"}"#
        let message = try SignalingMessage.decode(text)
        #expect(message.kind == .iceCandidate)
        #expect(message.candidate?.candidate.hasPrefix("candidate:1") == true)
        #expect(message.candidate?.sdpMLineIndex == 0)
    }

    @Test("round trip")
    func roundTrip() throws {
        let offer = SignalingMessage(kind: .sdpOffer, senderClientId: "me", recipientClientId: "SN", sessionId: "s1",
                                     payload: .object(["type": .string("offer"), "sdp": .string("v=0\r\n")]))
        let again = try SignalingMessage.decode(offer.encodedText())
        #expect(again == offer)
        #expect(again.sessionDescription?.sdp == "v=0\r\n")
    }

    @Test("one message always encodes to the same frame (fuzzer finding: payload keys came out in varying order)")
    func stableEncoding() throws {
        let text = #"{"messageType":"PEER_IN","senderClientId":"cam-1","messagePayload":{"id":"cam-1","name":"Front","role":"device"}}"#
        let message = try SignalingMessage.decode(text)
        let frames = Set((0..<20).map { _ in message.encodedText() })
        #expect(frames.count == 1)
        #expect(try SignalingMessage.decode(frames.first!).encodedText() == frames.first)
    }

    @Test("malformed frames are typed errors", arguments: [
        "", "nope", "[]", "{}", #"{"messageType":""}"#, #"{"messageType":"X","messagePayload":"%%%"}"#,
        #"{"messageType":"X","messagePayload":"bm90IGpzb24="}"#, #"{"messageType":"X","messagePayload":5}"#,
    ])
    func malformed(text: String) {
        #expect(throws: SignalingDecodingError.self) { try SignalingMessage.decode(text) }
    }
}
