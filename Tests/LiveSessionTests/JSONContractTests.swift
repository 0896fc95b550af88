import Foundation
import TestSupport
import Testing
@testable import LiveSession
import VicohomeAPI

/// The contract's building blocks without a network: times, state words, round trips.
@Suite("JSON contract")
struct JSONContractTests {
    let at = Date(timeIntervalSince1970: 1_796_145_028.1239)

    @Test("times are RFC 3339 UTC with exactly three fractional digits, and read back")
    func times() throws {
        #expect(JSONContract.timestamp(at) == "2026-12-01T17:10:28.123Z")
        #expect(JSONContract.timestamp(Date(timeIntervalSince1970: 1_796_145_028)) == "2026-12-01T17:10:28.000Z")
        #expect(abs((JSONContract.date("2026-12-01T17:10:28.123Z")?.timeIntervalSince1970 ?? 0) - 1_796_145_028.123) < 0.0005)
        #expect(JSONContract.date("2026-12-01T17:10:28Z") != nil)
        // A bare Date through the contract's encoder never shows as seconds since 2001.
        let data = try JSONContract.encoder().encode(["at": at])
        #expect(String(decoding: data, as: UTF8.self) == #"{"at":"2026-12-01T17:10:28.123Z"}"#)
    }

    @Test("a state is a word with reason, retryAt and failure beside it, and reads back", arguments: [
        SessionState.idle, .requestingTicket, .connecting, .live, .refreshing,
        .backingOff(until: Date(timeIntervalSince1970: 1_796_145_028.5), reason: .offline), .unauthorized,
        .failed(reason: "invalid serial number"), .stopped,
    ])
    func states(state: SessionState) throws {
        let event = SessionEvent(at: at, serialNumber: "VD1", traceId: nil, kind: .stateChanged, message: "m", state: state)
        let line = String(decoding: try JSONContract.document(event, type: "event"), as: UTF8.self)
        #expect(ContractSchema.watchEvent.problems(in: line) == [], "\(line)")
        #expect(line.contains(#""state":"\#(state.jsonName)""#))
        let back = try JSONContract.decoder().decode(SessionEvent.self, from: Data(line.utf8))
        #expect(back.state == state)
        if case .backingOff = state {
            #expect(line.contains(#""reason":"offline""#) && line.contains(#""retryAt":"2026-12-01T17:10:28.500Z""#))
        }
        if case .failed = state { #expect(line.contains(#""failure":"invalid serial number""#)) }
    }

    @Test("the schema checker fails a renamed, added, retyped or badly timed field")
    func checkerFails() {
        let shape = JSONShape.object(["schemaVersion": .exactly(1), "at": .time, "n": .integer, "s": .nullable(.string)])
        #expect(shape.problems(in: #"{"schemaVersion":1,"at":"2026-12-01T17:10:28.123Z","n":1,"s":null}"#) == [])
        #expect(shape.problems(in: #"{"schemaVersion":1,"at":"2026-12-01T17:10:28.123Z","count":1,"s":null}"#).count == 2)
        #expect(shape.problems(in: #"{"schemaVersion":1,"at":"2026-12-01T17:10:28.123Z","n":1,"s":null,"x":0}"#).count == 1)
        #expect(shape.problems(in: #"{"schemaVersion":1,"at":"2026-12-01T17:10:28.123Z","n":"1","s":null}"#).count == 1)
        #expect(shape.problems(in: #"{"schemaVersion":1,"at":817825142.2,"n":1,"s":null}"#).count == 1)
        #expect(shape.problems(in: #"{"schemaVersion":1,"at":"2026-12-01T17:10:28Z","n":1,"s":null}"#).count == 1)
        #expect(shape.problems(in: #"{"schemaVersion":2,"at":"2026-12-01T17:10:28.123Z","n":1,"s":null}"#).count == 1)
    }

    @Test("a report of a backing-off session fits the contract and reads back")
    func report() throws {
        var ping = PingStatistics()
        ping.recordSent()
        ping.recordAnswer(rttMs: 12.345678)
        var media = MediaStatus()
        media.state = .done(.ok(path: "p2p", firstFrameMs: 850))
        media.checkedAt = at
        let state = SessionState.backingOff(until: at.addingTimeInterval(60), reason: .viewerLimit)
        let report = ConnectionReport(
            traceId: "webrtc-1", serialNumber: "VD1", name: "Door", generatedAt: at, state: state, ticket: nil,
            phases: SessionPhases(), ping: .init(ping), iceServers: [ICEServerStatus(url: "stun:127.0.0.1:3478", ok: false, rttMs: nil, detail: "timeout")],
            localCandidates: [], remoteCandidates: [], vpn: .init(detected: false, interfaces: []),
            errors: [SessionEvent(at: at, serialNumber: "VD1", traceId: "webrtc-1", kind: .socketClosed, message: "3002", state: state)],
            events: [], media: MediaReport(media))
        let json = String(decoding: try report.json(), as: UTF8.self)
        #expect(ContractSchema.report.problems(in: json) == [], "\(json)")
        let back = try JSONContract.decoder().decode(ConnectionReport.self, from: Data(json.utf8))
        // Times come back to the millisecond.
        func retryAt(_ state: SessionState?) -> Date? { if case .backingOff(let until, _)? = state { until } else { nil } }
        for read in [back.state, back.errors.first?.state] {
            #expect(read?.jsonName == "backingOff" && retryAt(read).map { $0.timeIntervalSince(retryAt(state)!).magnitude < 0.001 } == true)
        }
        #expect(back.media?.waitTimeMs == 850 && back.media?.connectionType == "p2p")
        #expect(back.ping.lastMs == 12.35)
    }
}
