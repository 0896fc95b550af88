import Foundation
import Testing
@testable import LiveSession
import VicohomeAPI

@Suite("Ping statistics")
struct PingStatisticsTests {
    @Test("min, avg, max, last, loss and RFC 3550 jitter")
    func figures() {
        var stats = PingStatistics()
        for rtt in [100.0, 110, 90, 100] { stats.recordAnswer(rttMs: rtt) }
        stats.recordLoss()
        #expect(stats.minMs == 90)
        #expect(stats.maxMs == 110)
        #expect(stats.avgMs == 100)
        #expect(stats.lastMs == 100)
        #expect(stats.lossPercent == 20)
        #expect(stats.consecutiveMisses == 1)
        // J = 0 → (10-0)/16 = 0.625 → +(20-0.625)/16 → +(10-1.8359)/16
        let expected = { () -> Double in
            var j = 0.0
            for d in [10.0, 20, 10] { j += (d - j) / 16 }
            return j
        }()
        #expect(abs(stats.jitterMs - expected) < 1e-9)
        stats.recordAnswer(rttMs: 100)
        #expect(stats.consecutiveMisses == 0)
    }

    @Test("the window keeps the last 60 pings")
    func window() {
        var stats = PingStatistics()
        for _ in 0..<100 { stats.recordLoss() }
        for _ in 0..<30 { stats.recordAnswer(rttMs: 5) }
        #expect(stats.window.count == 60)
        #expect(stats.lossPercent == 50)
        #expect(stats.history(10).count == 10)
    }
}

@Suite("Refresh planning and back-off")
struct PlanningTests {
    @Test("margin: 20 % of the lifetime, at least 30 s, at most 120 s and half the lifetime",
          arguments: [(300.0, 60.0), (3600, 120), (45, 22.5), (100, 30), (3, 1.5)])
    func margin(lifetime: Double, expected: Double) {
        #expect(RefreshPlanner().margin(lifetime: lifetime) == expected)
    }

    @Test("skew is measured at the middle of the request and corrects the expiry")
    func skew() {
        let server = Date(timeIntervalSince1970: 1_000_000)
        let ticket = WebRTCTicket(traceId: "t", groupId: "g", role: "viewer", id: "i", signalServer: "ws://x", sign: "s",
                                  serverTime: server, expirationTime: server.addingTimeInterval(300))
        let planner = RefreshPlanner()
        // The local clock is 10 s ahead; the request took 2 s.
        let skew = planner.skew(ticket: ticket, requestedAt: server.addingTimeInterval(9), receivedAt: server.addingTimeInterval(11))
        #expect(skew == 10)
        let refresh = planner.refreshDate(ticket: ticket, skew: skew, receivedAt: server.addingTimeInterval(11))
        #expect(refresh == server.addingTimeInterval(10 + 300 - 60), "unit 0: at the margin")
        #expect(planner.isUsable(ticket: ticket, skew: skew, now: server.addingTimeInterval(307)))
        #expect(!planner.isUsable(ticket: ticket, skew: skew, now: server.addingTimeInterval(309)))
    }

    @Test("exponential back-off with full jitter, capped; slow retries for offline and viewer limit")
    func backoff() {
        let policy = BackoffPolicy()
        #expect(policy.delay(reason: .socketDropped, attempt: 0, unit: 0.999) < 1)
        #expect(policy.delay(reason: .socketDropped, attempt: 3, unit: 0.999) > 7.9)
        #expect(policy.delay(reason: .socketDropped, attempt: 20, unit: 0.999) <= 60)
        #expect(policy.delay(reason: .socketDropped, attempt: 5, unit: 0) == 0.1, "a floor keeps a tight loop out")
        #expect((54...66).contains(policy.delay(reason: .offline, attempt: 0, unit: 0.5)))
        #expect((108...132).contains(policy.delay(reason: .viewerLimit, attempt: 9, unit: 0.99)))
    }
}

@Suite("Event history")
struct EventHistoryTests {
    @Test("a device keeps event_history events, fewer in a fleet too large for the budget, never fewer than 10")
    func limitPerFleetSize() {
        var configuration = SessionConfiguration()
        #expect(configuration.eventLimit(fleetSize: 1) == 200)
        #expect(configuration.eventLimit(fleetSize: 500) == 200)
        #expect(configuration.eventLimit(fleetSize: 1000) == 100)
        #expect(configuration.eventLimit(fleetSize: 10_000) == 10)
        #expect(configuration.eventLimit(fleetSize: 50_000) == SessionConfiguration.minimumEventHistory)
        #expect(configuration.eventLimit(fleetSize: 0) == 200)
        configuration.eventHistory = 20
        #expect(configuration.eventLimit(fleetSize: 1000) == 20)
    }
}

@Suite("Token re-checks")
struct AuthGateTests {
    @Test("a refusal closes the gate once; re-checks wait 60 s, then double up to 10 min; only the probe may ask")
    func schedule() {
        var gate = AuthGate(policy: BackoffPolicy())
        #expect(gate.allowsRequest(from: "A"))
        #expect(gate.answer(.refused, sentIn: gate.generation) == .closed(wait: 60))
        #expect(!gate.allowsRequest(from: "A"))
        var waits: [TimeInterval] = []
        for _ in 0..<6 {
            #expect(gate.recheckDue(probe: "A", rescue: false) != nil)
            #expect(gate.allowsRequest(from: "A"), "the probe may go out")
            #expect(!gate.allowsRequest(from: "B"), "nobody else")
            if case .closed(let wait) = gate.answer(.refused, sentIn: gate.generation) { waits.append(wait) }
        }
        #expect(waits == [120, 240, 480, 600, 600, 600])
    }

    @Test("answers to requests sent before the last change decide nothing")
    func staleAnswers() {
        var gate = AuthGate(policy: BackoffPolicy())
        let beforeClosing = gate.generation
        #expect(gate.answer(.refused, sentIn: beforeClosing) == .closed(wait: 60))
        #expect(gate.answer(.refused, sentIn: beforeClosing) == .none, "late 401s of requests sent together")
        _ = gate.recheckDue(probe: "A", rescue: false)
        #expect(gate.answer(.accepted, sentIn: beforeClosing) == .none, "a ticket asked for before the refusal")
        #expect(gate.answer(.refused, sentIn: beforeClosing) == .none, "a 401 asked for before the probe")
        #expect(gate.answer(.accepted, sentIn: gate.generation) == .reopened)
        let withOldToken = gate.generation
        gate.reset()
        #expect(gate.answer(.refused, sentIn: withOldToken) == .none, "a 401 to the old token, after a new one")
        #expect(gate.isOpen)
    }

    @Test("an accepted probe reopens the gate; without a verdict the probe asks on; rescue probes do not lengthen the waits")
    func probes() {
        var gate = AuthGate(policy: BackoffPolicy())
        _ = gate.answer(.refused, sentIn: gate.generation)
        #expect(gate.recheckDue(probe: "A", rescue: false) == 60)
        #expect(gate.answer(.unknown, sentIn: gate.generation) == .none, "a 503 says nothing of the token")
        #expect(gate.allowsRequest(from: "A") && !gate.allowsRequest(from: "B"), "the probe retries, alone")
        #expect(gate.recheckDue(probe: "A", rescue: true) == 60)
        #expect(gate.answer(.refused, sentIn: gate.generation) == .closed(wait: 60), "a rescue probe keeps the pace")
        #expect(gate.recheckDue(probe: "B", rescue: false) == 60)
        #expect(gate.answer(.accepted, sentIn: gate.generation) == .reopened)
        #expect(gate.isOpen)
        #expect(gate.recheckDue(probe: "A", rescue: false) == nil)
        #expect(gate.answer(.refused, sentIn: gate.generation) == .closed(wait: 60), "the waits start over")
    }
}
