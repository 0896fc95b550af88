import Foundation
import Testing
import VicohomeAPI
@testable import LiveMedia

@Suite("startLive over the data channel")
struct StartLiveTests {
    let ticket = WebRTCTicket(traceId: "trace-1", groupId: "grp-1", role: "viewer", id: "viewer-9", signalServer: "ws://127.0.0.1:1",
                              sign: "s", expirationTime: Date(timeIntervalSince1970: 1_796_136_526))

    @Test("connectionID is the md5 hex of groupId:role:id:name:openTimeMs")
    func connectionID() {
        let open = Date(timeIntervalSince1970: 1_796_136_226.298)
        let request = StartLiveRequest(ticket: ticket, clientName: "vicotop", openTime: open, requestID: "req-1")
        // python3 -c "import hashlib;print(hashlib.md5(b'grp-1:viewer:viewer-9:vicotop:1796136226298').hexdigest())"
        #expect(request.connectionID == "bde0ac53b30d5efba1867b042002c6b2")
        #expect(request.timeStamp == 1_796_136_226)
    }

    @Test("the request carries every field of the protocol notes")
    func requestJSON() throws {
        let request = StartLiveRequest(ticket: ticket, clientName: "vicotop", openTime: Date(timeIntervalSince1970: 10), size: "640x480", requestID: "req-1")
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(request.json.utf8))
        #expect(value["action"]?.stringValue == "startLive")
        #expect(value["requestID"]?.stringValue == "req-1")
        #expect(value["connectionID"]?.stringValue == request.connectionID)
        #expect(value["timeStamp"]?.numberValue == 10)
        #expect(value["size"]?.stringValue == "640x480")
        let stop = try JSONDecoder().decode(JSONValue.self, from: Data(request.stopJSON.utf8))
        #expect(stop["action"]?.stringValue == "stopLive" && stop["requestID"]?.stringValue == "req-1" && stop["size"] == nil)
    }

    @Test("the camera's messages are read: replies, dataChannelConnected, other actions, garbage")
    func cameraMessages() {
        #expect(DataChannelMessage(text: #"{"requestID":"r","returnValue":0}"#) == .reply(requestID: "r", returnValue: 0))
        #expect(DataChannelMessage(text: #"{"returnValue":"3"}"#) == .reply(requestID: nil, returnValue: 3))
        #expect(DataChannelMessage(text: #"{"action":"dataChannelConnected"}"#) == .dataChannelConnected)
        #expect(DataChannelMessage(text: #"{"action":"getStatus","data":{}}"#) == .other(action: "getStatus"))
        #expect(DataChannelMessage(text: "not json") == .unreadable)
        #expect(DataChannelMessage(text: "[1]") == .unreadable)
    }
}
