import Dashboard
import Foundation
@testable import LiveSession
import VicohomeAPI

/// A fixed fleet at a fixed moment, so rendered screens are the same on every machine.
enum Fixtures {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let utc = TimeZone(identifier: "UTC")!

    static func ticket(_ serial: String, issuedAgo: TimeInterval, lifetime: TimeInterval = 300, ice: [String] = ["stun:127.0.0.1:3478"]) -> TicketSummary {
        let issued = now.addingTimeInterval(-issuedAgo)
        let ticket = WebRTCTicket(
            traceId: "webrtc-\(serial.lowercased().prefix(6))-1795000000000-1", groupId: "grp-\(serial.suffix(4))", role: "viewer",
            id: "usr-6546416052", signalServer: "wss://signal-us.vicohome.io:443", sign: "s3cr3t-sign-value",
            serverTime: issued, expirationTime: issued.addingTimeInterval(lifetime),
            iceServers: [ICEServer(urls: ice, username: "turn-user", credential: "turn-pass")])
        return TicketSummary(ticket, skew: 0, receivedAt: issued)
    }

    static func snapshot(_ serial: String, name: String?, state: SessionState, ticket: TicketSummary? = nil,
                         rtts: [Double?] = [], lastEventAgo: TimeInterval = 4) -> DeviceSnapshot {
        var ping = PingStatistics()
        for rtt in rtts {
            ping.recordSent()
            if let rtt { ping.recordAnswer(rttMs: rtt) } else { ping.recordLoss() }
        }
        var phases = SessionPhases()
        if ticket != nil {
            phases.ticketMs = 16
            phases.socketOpenMs = 35
            phases.cameraInMs = 150
            phases.answerMs = 151
            phases.firstCandidateMs = 172
            phases.firstPongMs = rtts.isEmpty ? nil : 40
        }
        return DeviceSnapshot(
            serialNumber: serial, name: name, state: state, stateSince: now.addingTimeInterval(-62), ticket: ticket, ping: ping,
            cameraPresent: state.isLive,
            remoteCandidates: ticket == nil ? [] : ["candidate:1 1 udp 2122260223 127.0.0.1 52087 typ host generation 0"],
            localCandidates: ticket == nil ? [] : ["candidate:1643215136 1 udp 2130706431 192.0.2.2 50259 typ host"],
            iceServers: ticket == nil ? [] : [ICEServerStatus(url: "stun:127.0.0.1:3478", ok: true, rttMs: 1.2, detail: "mapped 127.0.0.1:53157")],
            phases: phases, attempt: state.health == .ok ? 0 : 2, lastError: state.health == .ok ? nil : "camera is offline (code 102)",
            lastEventAt: now.addingTimeInterval(-lastEventAgo), reconnects: state.health == .ok ? [:] : ["offline": 2],
            ticketRequests: ["ok": 1], updatedAt: now)
    }

    /// The demo fleet's variety: every state, long and missing names, short tickets.
    static var fleet: [DeviceSnapshot] {
        [
            snapshot("VDCA1P2410000131", name: "Front Door", state: .live, ticket: ticket("VDCA1P2410000131", issuedAgo: 61),
                     rtts: [3.9, 4.1, 3.7, 12.5, 4.0, nil, 3.8, 4.2]),
            snapshot("VDCB2G2408001742", name: "Garden Gate", state: .refreshing, ticket: ticket("VDCB2G2408001742", issuedAgo: 40, lifetime: 45),
                     rtts: [8, 9, 7]),
            snapshot("VDCA1P2311004420", name: "Garage", state: .backingOff(until: now.addingTimeInterval(25), reason: .offline)),
            snapshot("VDCX9Z2209000007", name: "Old Porch Cam", state: .failed(reason: "invalid serial (101)"), lastEventAgo: 3700),
            snapshot("VDBF3R2402002218", name: "Bird Feeder with a very long name that does not fit", state: .connecting),
            snapshot("VDCB2G2405003071", name: nil, state: .stopped),
            snapshot("VDCA1P2407005563", name: "Nursery", state: .backingOff(until: now.addingTimeInterval(9), reason: .viewerLimit)),
            snapshot("VDSL4K2403006690", name: "Back Yard", state: .unauthorized),
        ]
    }

    static func events(_ serial: String) -> [SessionEvent] {
        let trace = "webrtc-\(serial.lowercased().prefix(6))-1795000000000-1"
        return [
            SessionEvent(at: now.addingTimeInterval(-62), serialNumber: serial, traceId: nil, kind: .stateChanged, message: "idle → ticket: started", state: .requestingTicket),
            SessionEvent(at: now.addingTimeInterval(-61), serialNumber: serial, traceId: trace, kind: .ticketReceived, message: "ticket \(trace), expires in 5m", state: .connecting),
            SessionEvent(at: now.addingTimeInterval(-61), serialNumber: serial, traceId: trace, kind: .socketOpened, message: "signaling socket open", state: .live),
            SessionEvent(at: now.addingTimeInterval(-30), serialNumber: serial, traceId: trace, kind: .pingLost, message: "ping unanswered (1 in a row)", state: .live),
        ]
    }

    static func model(selected: String? = nil) -> DashboardModel {
        var model = DashboardModel(now: now, header: HeaderInfo(endpoint: "127.0.0.1:18080", isDemo: true, account: "demo account", vpn: "none"))
        model.timeZone = utc
        model.update(fleet)
        if let selected { model.selected = selected }
        for event in events(model.selected ?? "") { model.record(event) }
        return model
    }
}
