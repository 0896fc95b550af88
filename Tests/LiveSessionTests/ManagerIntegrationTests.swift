import Foundation
import TestSupport
import Testing
import LiveSession
import VicohomeAPI
import VicohomeSimulator

/// The session manager against the simulator over loopback sockets, one recovery case each.
///
/// Where time is the subject (refreshes, back-offs, re-checks, timeouts of a pause) the
/// manager and the simulator share a ``ManualClock``: nothing happens until the test moves
/// it, so a busy machine can slow these tests down but not change what they see. Timeouts
/// given to waits only end a test that has already failed.
@Suite("Session manager against the simulator")
struct ManagerIntegrationTests {
    let serial = "VDTEST0000000001"

    @Test("a healthy camera goes live: pongs give RTTs, the camera joins; no offer without a live view")
    func live() async throws {
        let harness = try await ManagerHarness.start(devices: [camera()], configure: { $0.pingInterval = .milliseconds(200) })
        await harness.manager.startAll()
        let snapshot = try await harness.wait(serial) {
            $0.state == .live && $0.ping.received >= 2 && $0.cameraPresent
        }
        let live = try #require(snapshot)
        #expect(live.ticket?.traceId.hasPrefix("webrtc-") == true)
        #expect(live.phases.ticketMs != nil && live.phases.socketOpenMs != nil && live.phases.cameraInMs != nil)
        #expect(live.phases.firstPongMs != nil)
        // A live view's offer comes from a media engine seated on the socket; watching alone sends none.
        #expect(live.phases.answerMs == nil && live.remoteCandidates.isEmpty)
        #expect(harness.simulator.counters.offersAnswered == 0 && harness.simulator.counters.offersIgnored == 0)
        // A round trip on loopback: measured, and not negative. How long it took depends on the
        // machine's load, so no upper bound.
        #expect((live.ping.lastMs ?? -1) >= 0)
        #expect((live.fractionLeft ?? 0) > 0.9)
        let report = try #require(await harness.manager.report(serial))
        let json = String(decoding: try report.json(), as: UTF8.self)
        #expect(json.contains(live.ticket!.traceId))
        #expect(ContractSchema.report.problems(in: json) == [], "\(json)")
        // The report reads back as it was written.
        let back = try JSONContract.decoder().decode(ConnectionReport.self, from: Data(json.utf8))
        #expect(back.state == report.state && back.ticket?.traceId == report.ticket?.traceId)
        #expect(back.events.map(\.kind) == report.events.map(\.kind) && back.events.map(\.message) == report.events.map(\.message))
        #expect(back.generatedAt.timeIntervalSince(report.generatedAt).magnitude < 0.001)
        await harness.stop()
    }

    @Test("tickets are refreshed before expiry with no gap, and never used expired", arguments: WireStyle.allCases)
    func refresh(style: WireStyle) async throws {
        let clock = ManualClock()
        let harness = try await ManagerHarness.start(devices: [camera()], style: style, clock: clock)
        let events = harness.manager.events()
        await harness.manager.startAll()
        var current = try #require(try await harness.wait(serial) { $0.state == .live })
        var traces = [current.ticket!.traceId]
        // 300 s tickets are refreshed 60 s before they expire, and up to 30 s earlier still
        // (this serial's place in the spread window): never later.
        let planner = RefreshPlanner()
        for round in 1...2 {
            let expiry = try #require(current.ticket?.expiresAt)
            let lifetime = try #require(current.ticket?.lifetime)
            let planned = expiry.addingTimeInterval(-planner.margin(lifetime: lifetime)
                - planner.spreadWindow(lifetime: lifetime) * RefreshPlanner.spreadUnit(serialNumber: serial))
            #expect(planned <= expiry.addingTimeInterval(-60))
            try await harness.advance(by: planned.timeIntervalSince(harness.now) - 1)
            let before = harness.manager.snapshot(serial)
            #expect(before?.state == .live && before?.ticket?.traceId == traces.last, "round \(round): refreshed too early")
            try await harness.advance(by: 1)
            current = try #require(try await harness.wait(serial) { $0.state == .live && $0.ticket?.traceId != traces.last })
            traces.append(current.ticket!.traceId)
            #expect(harness.now < expiry, "round \(round): the old ticket still had time")
            // The old socket is closed once the new one is up.
            #expect(try await eventually(timeout: .seconds(20)) { harness.simulator.openSockets(serial: serial) == 1 })
        }
        #expect(current.ticketRequests["ok"] == 3)
        await harness.manager.shutdown()
        var states: [String] = []
        for await event in events where event.kind == .stateChanged { states.append(event.state.word) }
        let afterLive = states.drop { $0 != "live" }
        #expect(Set(afterLive).isSubset(of: ["live", "refreshing"]), "left live during refresh: \(states)")
        #expect(harness.simulator.counters.expiredTicketUses == 0)
        #expect(harness.simulator.counters.expiryCloses == 0, "no socket outlived its ticket")
        await harness.simulator.stop()
    }

    @Test("clock skew from the server's time corrects the countdown")
    func skew() async throws {
        let clock = ManualClock()
        let harness = try await ManagerHarness.start(devices: [camera()], clock: clock, configure: { $0.clockOffset = .seconds(30) })
        await harness.manager.startAll()
        let live = try #require(try await harness.wait(serial) { $0.state == .live })
        let ticket = try #require(live.ticket)
        // The clock stands still during the request, so the skew is exact (to the
        // millisecond the wire carries).
        #expect(abs(ticket.clockSkew + 30) < 0.01, "the server runs 30 s ahead: \(ticket.clockSkew)")
        #expect(abs((live.timeLeft(at: clock.now) ?? 0) - 300) < 0.01)
        await harness.stop()
    }

    @Test("a dropped socket reconnects with back-off")
    func drop() async throws {
        let harness = try await ManagerHarness.start(devices: [camera()], clock: ManualClock())
        await harness.manager.startAll()
        try #require(try await harness.wait(serial) { $0.state == .live } != nil)
        harness.simulator.inject(.dropSockets(serial: serial))
        let backing = try #require(try await harness.wait(serial) { $0.state.backoffReason == .socketDropped })
        let until = try #require(backing.state.backoffUntil)
        // The first retry comes within the base of 1 s (full jitter, 0.1 s at least).
        let wait = until.timeIntervalSince(harness.now)
        #expect((0.1...1).contains(wait), "\(wait)")
        try await harness.advance(by: wait - 0.05)
        #expect(harness.manager.snapshot(serial)?.state.backoffReason == .socketDropped, "retried before the back-off ended")
        try await harness.advance(by: 0.05)
        let again = try await harness.wait(serial) { $0.state == .live }
        #expect(again?.reconnects["socketDropped"] == 1)
        await harness.stop()
    }

    @Test("close code 3002 backs off as viewer limit")
    func viewerLimit() async throws {
        let harness = try await ManagerHarness.start(devices: [camera { $0.maxViewers = 0 }], clock: ManualClock())
        await harness.manager.startAll()
        let snapshot = try #require(try await harness.wait(serial) { $0.state.backoffReason == .viewerLimit })
        #expect(snapshot.state.word == "viewer-limit")
        let until = try #require(snapshot.state.backoffUntil)
        // About 120 s, ±10 %.
        #expect((108...132).contains(until.timeIntervalSince(harness.now)))
        await harness.stop()
    }

    @Test("a refused sign gets a new ticket")
    func signRejected() async throws {
        let harness = try await ManagerHarness.start(devices: [camera()])
        harness.simulator.inject(.rejectSignaling(count: 1))
        await harness.manager.startAll()
        let live = try await harness.wait(serial) { $0.state == .live }
        #expect(live?.ticketRequests["ok"] == 2)
        #expect(harness.simulator.counters.socketsRejected == 1)
        await harness.stop()
    }

    @Test("102 retries slowly; 101 fails without retries")
    func deviceErrors() async throws {
        let offline = "VDTEST0000000002"
        let harness = try await ManagerHarness.start(devices: [camera { $0.rejectsSerial = true }, camera(offline) { $0.online = false }],
                                                     clock: ManualClock())
        await harness.manager.startAll()
        let failed = try await harness.wait(serial) { if case .failed = $0.state { true } else { false } }
        #expect(failed != nil)
        let waiting = try #require(try await harness.wait(offline) { $0.state.backoffReason == .offline })
        let until = try #require(waiting.state.backoffUntil)
        // About 60 s, ±10 %.
        let wait = until.timeIntervalSince(harness.now)
        #expect((54...66).contains(wait), "\(wait)")
        #expect(try await eventually { harness.simulator.counters.ticketsRefused == 2 }, "one request each")
        // No hammering: until the back-off ends nobody asks again (a retry would leave the
        // back-off before the scheduler sleeps again).
        try await harness.advance(by: wait - 1)
        #expect(harness.manager.snapshot(offline)?.state.backoffUntil == until)
        #expect(harness.simulator.counters.ticketsRefused == 2)
        // Then the offline camera asks once more, and the invalid serial never again.
        try await harness.advance(by: 1)
        #expect(try await eventually { harness.simulator.counters.ticketsRefused == 3 })
        let again = try await harness.wait(offline) { $0.state.backoffReason == .offline && $0.state.backoffUntil != until }
        #expect(again?.ticketRequests["offline"] == 2)
        #expect(harness.manager.snapshot(serial)?.ticketRequests["invalid_serial"] == 1)
        if case .failed? = harness.manager.snapshot(serial)?.state {} else { Issue.record("the invalid serial left failed") }
        await harness.stop()
    }

    @Test("401 pauses every session as unauthorized without hammering; a new token resumes them")
    func unauthorized() async throws {
        let second = "VDTEST0000000002"
        let harness = try await ManagerHarness.start(devices: [camera(), camera(second)], clock: ManualClock())
        harness.simulator.inject(.revokeToken)
        await harness.manager.startAll()
        #expect(try await harness.wait(serial) { $0.state == .unauthorized } != nil)
        #expect(try await harness.wait(second) { $0.state == .unauthorized } != nil)
        // Both asked before the first refusal came back; nobody asks after it.
        #expect(try await eventually { harness.simulator.counters.unauthorizedCalls == 2 })
        // The same token is re-checked after 60 s, with one request.
        try await harness.advance(by: 59)
        #expect(harness.manager.snapshots.allSatisfy { $0.state == .unauthorized })
        #expect(harness.simulator.counters.unauthorizedCalls == 2)
        try await harness.advance(by: 1)
        #expect(try await eventually { harness.simulator.counters.unauthorizedCalls == 3 })
        #expect(try await eventually { harness.manager.snapshots.allSatisfy { $0.state == .unauthorized } })
        #expect(harness.simulator.counters.unauthorizedCalls == 3)
        harness.simulator.restoreToken()
        await harness.manager.updateToken(harness.simulator.token)
        #expect(try await harness.wait(serial) { $0.state == .live } != nil)
        #expect(try await harness.wait(second) { $0.state == .live } != nil)
        await harness.stop()
    }

    @Test("a refused token is re-checked with one request at a doubling pace; once accepted, every session resumes")
    func authRecheck() async throws {
        let devices = (1...4).map { camera("VDTEST000000000\($0)") }
        let harness = try await ManagerHarness.start(devices: devices, clock: ManualClock(), session: { session in
            session.backoff.authRecheck = 0.4
            session.backoff.authRecheckCap = 0.8
        })
        harness.simulator.inject(.revokeToken)
        // One camera first, so exactly one request is refused; the others then meet the
        // closed gate and pause without asking.
        await harness.manager.startWatching(devices[0].serialNumber)
        #expect(try await harness.wait(devices[0].serialNumber) { $0.state == .unauthorized } != nil)
        await harness.manager.startAll()
        for device in devices {
            #expect(try await harness.wait(device.serialNumber) { $0.state == .unauthorized } != nil)
        }
        #expect(harness.simulator.counters.unauthorizedCalls == 1)
        // Re-checks 0.4 s after the refusal, then 0.8 s (doubled, and capped) after each
        // refused one: one request each. Without the doubling the second would come after
        // 0.4 s; with the fleet asking, each would cost 4.
        var refused = 1
        for wait in [0.4, 0.8, 0.8] {
            try await harness.advance(by: wait - 0.05)
            #expect(harness.manager.snapshots.allSatisfy { $0.state == .unauthorized }, "re-checked before \(wait) s")
            #expect(harness.simulator.counters.unauthorizedCalls == refused)
            try await harness.advance(by: 0.05)
            refused += 1
            #expect(try await eventually { harness.simulator.counters.unauthorizedCalls >= refused }, "no re-check after \(wait) s")
            // Every session waits again: no request is in flight, so the count is final.
            #expect(try await eventually { harness.manager.snapshots.allSatisfy { $0.state == .unauthorized } })
            #expect(harness.simulator.counters.unauthorizedCalls == refused)
        }
        harness.simulator.restoreToken()
        try await harness.advance(by: 0.8)
        for device in devices {
            #expect(try await harness.wait(device.serialNumber) { $0.state == .live } != nil)
        }
        #expect(harness.simulator.counters.unauthorizedCalls == refused)
        await harness.stop()
    }

    @Test("401s to requests sent with the old token do not pause the sessions under the new one")
    func staleRefusals() async throws {
        let devices = (1...4).map { camera("VDTEST000000000\($0)") }
        let harness = try await ManagerHarness.start(devices: devices, clock: ManualClock(), requestTimeout: .seconds(20))
        // Each request is refused, but the answer takes five seconds to come back.
        harness.simulator.inject(.delayResponses(.seconds(5)))
        harness.simulator.inject(.apiError(code: 401, message: "old token", count: nil))
        await harness.manager.startAll()
        // Every request has reached the simulator and taken its refusal.
        #expect(try await eventually { harness.simulator.counters.apiRequests >= devices.count })
        harness.simulator.clearFaults()
        await harness.manager.updateToken(harness.simulator.token)
        // The case under test: no refusal has come back before the new token.
        try #require(harness.manager.snapshots.allSatisfy { $0.ticketRequests["unauthorized"] == nil },
                     "a refusal landed before the token changed: the case was not reached")
        // With the manual clock standing still, a pause would never end.
        for device in devices {
            let live = try await harness.wait(device.serialNumber) { $0.state == .live }
            #expect(live?.ticketRequests["unauthorized"] == 1, "the stale refusal came back and was set aside")
        }
        await harness.stop()
    }

    @Test("while a live session waits for a refused refresh the token is re-checked often, so the session gets its new ticket in time")
    func recheckWhileLive() async throws {
        let devices = (1...2).map { serial in camera("VDTEST000000000\(serial)") { $0.ticketLifetime = .seconds(60) } }
        let harness = try await ManagerHarness.start(devices: devices, clock: ManualClock(), session: { session in
            // The ordinary re-check would come long after the tickets expire.
            session.backoff.authRecheck = 600
            session.backoff.authRecheckForLiveSessions = 0.5
        })
        await harness.manager.startAll()
        var first: [String: String] = [:]
        var expiry = Date.distantFuture
        for device in devices {
            let live = try await harness.wait(device.serialNumber) { $0.state == .live }
            first[device.serialNumber] = try #require(live?.ticket?.traceId)
            expiry = min(expiry, try #require(live?.ticket?.expiresAt))
        }
        func allLive() -> Bool { harness.manager.snapshots.allSatisfy { $0.state.isLive } }
        func refreshed() -> Bool {
            harness.manager.snapshots.allSatisfy { snapshot in snapshot.ticket.map { $0.traceId != first[snapshot.serialNumber] } ?? false }
        }
        // Refreshes come 30 s into the 60 s tickets; an auth outage refuses them (refusals
        // the simulator injects are counted as API requests, not as bad tokens).
        let calls = harness.simulator.counters.apiRequests
        harness.simulator.inject(.apiError(code: 401, message: "auth outage", count: nil))
        try await harness.advance(by: 30)
        #expect(try await eventually { harness.simulator.counters.apiRequests == calls + 2 })
        #expect(try await eventually { harness.manager.snapshots.allSatisfy { $0.state == .live } }, "the sockets stay")
        // A rescue re-check every 0.5 s while the outage lasts, one request each.
        for round in 1...2 {
            try await harness.advance(by: 0.5)
            #expect(try await eventually { harness.simulator.counters.apiRequests >= calls + 2 + round })
            #expect(try await eventually { harness.manager.snapshots.allSatisfy { $0.state == .live } })
            #expect(harness.simulator.counters.apiRequests == calls + 2 + round, "one request per re-check")
        }
        // The outage ends: the next re-check is accepted and every refused refresh goes out.
        harness.simulator.clearFaults()
        try await harness.advance(by: 0.5)
        #expect(try await eventually { refreshed() || !allLive() }, "no new tickets without a 600 s wait")
        #expect(refreshed(), "\(harness.manager.snapshots.map { "\($0.serialNumber) \($0.state)" })")
        #expect(allLive())
        #expect(harness.now < expiry, "new tickets before the old ones expired")
        #expect(harness.simulator.counters.expiredTicketUses == 0)
        await harness.stop()
    }

    @Test("5xx and timeouts back off, then recover")
    func serverErrors() async throws {
        let harness = try await ManagerHarness.start(devices: [camera()], clock: ManualClock())
        harness.simulator.inject(.serverErrors(status: 503, count: 2))
        await harness.manager.startAll()
        var previous: Date?
        for attempt in 0..<2 {
            let backing = try #require(try await harness.wait(serial) {
                $0.state.backoffReason == .serverError && $0.state.backoffUntil != previous
            })
            let until = try #require(backing.state.backoffUntil)
            // Exponential with full jitter: within 1 s, then within 2 s.
            let wait = until.timeIntervalSince(harness.now)
            #expect(wait > 0 && wait <= Double(1 << attempt), "attempt \(attempt): \(wait)")
            previous = until
            try await harness.advance(by: wait)
        }
        let live = try await harness.wait(serial) { $0.state == .live }
        #expect(live?.ticketRequests["server_error"] == 2)
        await harness.stop()
    }

    @Test("a manual reconnect cancels a back-off at once")
    func manualReconnect() async throws {
        let harness = try await ManagerHarness.start(devices: [camera { $0.online = false }], clock: ManualClock())
        await harness.manager.startAll()
        #expect(try await harness.wait(serial) { $0.state.backoffReason == .offline } != nil)
        harness.simulator.inject(.setBehavior(serial: serial, .healthy))
        await harness.manager.reconnect(serial)
        // The clock stands still: only the reconnect can have ended the 60 s back-off.
        #expect(try await harness.wait(serial) { $0.state == .live } != nil)
        #expect(harness.simulator.counters.stopLiveCalls >= 1, "a failed live view is stopped before a new ticket")
        await harness.stop()
    }

    @Test("a fleet too large for the event budget keeps fewer events per camera")
    func eventBudget() async throws {
        let harness = try await ManagerHarness.start(devices: [camera()], clock: ManualClock(), session: {
            $0.eventBudget = 12  // one camera: at most 12 of its 200
        })
        await harness.manager.startAll()
        #expect(try await harness.wait(serial) { $0.state == .live } != nil)
        // Each reconnect logs a command, a state change, a socket closing and opening, a ticket…
        for _ in 0..<4 {
            await harness.manager.reconnect(serial)
            #expect(try await harness.wait(serial) { $0.state == .live } != nil)
        }
        let report = try #require(await harness.manager.report(serial))
        #expect(report.events.count == 12, "\(report.events.map(\.kind))")
        await harness.stop()
    }

    @Test("a pause keeps the socket for appStopLiveTimeout, then stops")
    func pause() async throws {
        let harness = try await ManagerHarness.start(devices: [camera()], clock: ManualClock(), configure: { $0.stopLiveTimeout = .seconds(30) })
        await harness.manager.startAll()
        #expect(try await harness.wait(serial) { $0.state == .live } != nil)
        await harness.manager.pause(serial)
        try await harness.advance(by: 29)
        #expect(harness.manager.snapshot(serial)?.state == .live)
        #expect(harness.simulator.openSockets(serial: serial) == 1)
        try await harness.advance(by: 1)
        #expect(try await harness.wait(serial) { $0.state == .stopped } != nil)
        #expect(try await eventually { harness.simulator.openSockets(serial: serial) == 0 })
        await harness.stop()
    }

    @Test("pings that go unanswered declare the socket dead and reconnect")
    func pingsLost() async throws {
        // Tickets ask for a ping every 5 s.
        let harness = try await ManagerHarness.start(devices: [camera()], clock: ManualClock())
        await harness.manager.startAll()
        #expect(try await harness.wait(serial) { $0.state == .live } != nil)
        // The first ping goes as the socket opens, answered before the clock moves (no probe);
        // the second's pong must be in before pings are lost.
        #expect(try await harness.wait(serial) { $0.ping.received >= 1 } != nil)
        try await harness.advance(by: 5)
        #expect(try await harness.wait(serial) { $0.ping.received >= 2 } != nil)
        harness.simulator.inject(.setBehavior(serial: serial, { var b = DeviceBehavior.healthy; b.pingLoss = 1; return b }()))
        // A ping goes out, then each of the next three finds the one before unanswered.
        for step in 1...4 {
            #expect(harness.manager.snapshot(serial)?.state == .live, "dropped after \(step - 1) pings")
            try await harness.advance(by: 5)
        }
        let dropped = try await harness.wait(serial) { $0.state.backoffReason == .socketDropped }
        #expect(dropped?.lastError?.contains("pings unanswered") == true)
        #expect(dropped?.ping.consecutiveMisses == 3)
        await harness.stop()
    }

    @Test("a socket's first ping still unanswered after 0.5 s is followed by one probe; either pong answers the round")
    func firstPongProbe() async throws {
        let harness = try await ManagerHarness.start(devices: [camera { $0.pingLoss = 1 }], clock: ManualClock())
        await harness.manager.startAll()
        #expect(try await harness.wait(serial) { $0.state == .live } != nil)
        // The first ping reached the camera and was dropped; from now on pings are answered.
        #expect(try await eventually { harness.simulator.counters.pingsReceived >= 1 })
        harness.simulator.inject(.setBehavior(serial: serial, .healthy))
        try await harness.advance(by: 0.5)
        let answered = try #require(try await harness.wait(serial) { $0.ping.received >= 1 })
        #expect(answered.ping.sent == 2, "the first ping and one probe")
        #expect(answered.ping.lossPercent == 0, "the round was answered: no loss")
        #expect(answered.ping.lastMs != nil)
        // Then the ticket's cadence: the next ping 5 s after the first, not after the probe.
        try await harness.advance(by: 4)
        #expect(harness.simulator.counters.pingsReceived == 2)
        try await harness.advance(by: 0.5)
        #expect(try await eventually { harness.simulator.counters.pingsReceived == 3 })
        await harness.stop()
    }

    @Test("a ticket that expires unrefreshed is replaced by a new one")
    func expiredTicket() async throws {
        // The refresh is planned 30 s after expiry, so the expiry comes first.
        let harness = try await ManagerHarness.start(
            devices: [camera()], clock: ManualClock(),
            session: { $0.planner.fraction = -0.1; $0.planner.minimumMargin = -30; $0.planner.spreadFraction = 0 })
        let events = harness.manager.events()
        await harness.manager.startAll()
        let first = try #require(try await harness.wait(serial) { $0.state == .live })
        try await harness.advance(by: 299)
        #expect(harness.manager.snapshot(serial)?.ticket?.traceId == first.ticket?.traceId)
        try await harness.advance(by: 1)
        let next = try await harness.wait(serial) {
            $0.state == .live && $0.ticket?.traceId != first.ticket?.traceId
        }
        #expect(next != nil)
        #expect(harness.simulator.counters.expiredTicketUses == 0)
        await harness.manager.shutdown()
        var expired = false
        for await event in events where event.kind == .ticketFailed {
            expired = expired || event.message.contains("expired before it could be refreshed")
        }
        #expect(expired, "the expiry timer, not a refresh, replaced the ticket")
        await harness.simulator.stop()
    }

    @Test("a cloud that does not answer in time backs off as unreachable, then recovers")
    func timeout() async throws {
        // Answers come after 5 s, requests give up after 2 s: the gap is wide enough that
        // a busy machine cannot close it.
        let harness = try await ManagerHarness.start(devices: [camera()], clock: ManualClock(), requestTimeout: .seconds(2))
        harness.simulator.inject(.delayResponses(.seconds(5)))
        await harness.manager.startAll()
        let backing = try #require(try await harness.wait(serial) { $0.state.backoffReason == .unreachable })
        harness.simulator.clearFaults()
        let until = try #require(backing.state.backoffUntil)
        try await harness.advance(by: until.timeIntervalSince(harness.now))
        let live = try await harness.wait(serial) { $0.state == .live }
        #expect(live?.ticketRequests["timeout"] == 1)
        await harness.stop()
    }

    @Test("ping statistics under 100 ± 10 ms latency and 20 % loss")
    func pingStatistics() async throws {
        let harness = try await ManagerHarness.start(
            devices: [camera { $0.pingLatency = .milliseconds(100); $0.pingJitter = .milliseconds(10); $0.pingLoss = 0.2 }],
            configure: { $0.pingInterval = .milliseconds(250); $0.seed = 42 },
            session: { $0.pingMissLimit = 50 })
        await harness.manager.startAll()
        let snapshot = try #require(try await harness.wait(serial, timeout: .seconds(60)) { $0.ping.window.count >= 40 })
        let ping = snapshot.ping
        // Pongs are held 90…110 ms and timers never fire early: the lower bounds are exact.
        // What scheduling adds on top depends on the machine's load, so the upper bounds are
        // only guards, ten times the injected figures. Loss: 5…40 % over 40 pings (20 % ± 3σ).
        #expect((90...1_000).contains(ping.avgMs ?? 0), "avg \(ping.avgMs ?? -1)")
        #expect((ping.minMs ?? 0) >= 89)
        #expect((ping.maxMs ?? 99_999) <= 2_500)
        #expect((ping.minMs ?? 0) <= (ping.avgMs ?? 0) && (ping.avgMs ?? 0) <= (ping.maxMs ?? 0))
        #expect(ping.jitterMs < 200)
        #expect((5...40).contains(ping.lossPercent), "loss \(ping.lossPercent)")
        await harness.stop()
    }
}
