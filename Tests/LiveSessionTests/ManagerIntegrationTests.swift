import Foundation
import TestSupport
import Testing
import LiveSession
import VicohomeAPI
import VicohomeSimulator

/// The session manager against the simulator over loopback sockets, one recovery case each.
@Suite("Session manager against the simulator")
struct ManagerIntegrationTests {
    let serial = "VDTEST0000000001"

    @Test("a healthy camera goes live: pongs give RTTs, the camera joins, answers, sends candidates")
    func live() async throws {
        let harness = try await ManagerHarness.start(devices: [camera()], configure: { $0.pingInterval = .milliseconds(200) })
        await harness.manager.startAll()
        let snapshot = try await harness.wait(serial) {
            $0.state == .live && $0.ping.received >= 2 && $0.cameraPresent && $0.remoteCandidates.count == 2
        }
        let live = try #require(snapshot)
        #expect(live.ticket?.traceId.hasPrefix("webrtc-") == true)
        #expect(live.phases.ticketMs != nil && live.phases.socketOpenMs != nil && live.phases.cameraInMs != nil)
        #expect(live.phases.answerMs != nil && live.phases.firstCandidateMs != nil && live.phases.firstPongMs != nil)
        #expect((live.ping.lastMs ?? 99) < 50)
        #expect((live.fractionLeft ?? 0) > 0.9)
        #expect(live.remoteCandidates.allSatisfy { $0.hasPrefix("candidate:") })
        let report = try #require(await harness.manager.report(serial))
        let json = String(decoding: try report.json(), as: UTF8.self)
        #expect(json.contains(live.ticket!.traceId))
        await harness.stop()
    }

    @Test("tickets are refreshed before expiry with no gap, and never used expired", arguments: WireStyle.allCases)
    func refresh(style: WireStyle) async throws {
        let harness = try await ManagerHarness.start(devices: [camera { $0.ticketLifetime = .seconds(3) }], style: style)
        let events = harness.manager.events()
        await harness.manager.startAll()
        let first = try #require(try await harness.wait(serial) { $0.state == .live })
        let firstTrace = first.ticket!.traceId
        // Two refreshes happen in about three seconds.
        let refreshed = try await harness.wait(serial, timeout: .seconds(8)) {
            $0.state == .live && $0.ticket!.traceId != firstTrace && ($0.ticketRequests["ok"] ?? 0) >= 3
        }
        #expect(refreshed != nil)
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
        let harness = try await ManagerHarness.start(devices: [camera()], configure: { $0.clockOffset = .seconds(30) })
        await harness.manager.startAll()
        let live = try #require(try await harness.wait(serial) { $0.state == .live })
        let ticket = try #require(live.ticket)
        #expect(abs(ticket.clockSkew + 30) < 1, "the server runs 30 s ahead")
        #expect(abs((live.timeLeft(at: Date()) ?? 0) - 300) < 2)
        await harness.stop()
    }

    @Test("a dropped socket reconnects with back-off")
    func drop() async throws {
        let harness = try await ManagerHarness.start(devices: [camera()])
        await harness.manager.startAll()
        try #require(try await harness.wait(serial) { $0.state == .live } != nil)
        harness.simulator.inject(.dropSockets(serial: serial))
        let backing = try await harness.wait(serial, timeout: .seconds(3)) { $0.state.backoffReason == .socketDropped }
        #expect(backing != nil)
        let again = try await harness.wait(serial, timeout: .seconds(5)) { $0.state == .live }
        #expect(again?.reconnects["socketDropped"] == 1)
        await harness.stop()
    }

    @Test("close code 3002 backs off as viewer limit")
    func viewerLimit() async throws {
        let harness = try await ManagerHarness.start(devices: [camera { $0.maxViewers = 0 }])
        await harness.manager.startAll()
        let snapshot = try await harness.wait(serial) { $0.state.backoffReason == .viewerLimit }
        #expect(snapshot?.state.word == "viewer-limit")
        if case .backingOff(let until, _)? = snapshot?.state { #expect(until.timeIntervalSinceNow > 100) }
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
        let harness = try await ManagerHarness.start(devices: [camera { $0.rejectsSerial = true }, camera(offline) { $0.online = false }])
        await harness.manager.startAll()
        let failed = try await harness.wait(serial) { if case .failed = $0.state { true } else { false } }
        #expect(failed != nil)
        let waiting = try await harness.wait(offline) { $0.state.backoffReason == .offline }
        if case .backingOff(let until, _)? = waiting?.state { #expect(until.timeIntervalSinceNow > 50) }
        try await Task.sleep(for: .milliseconds(500))
        #expect(harness.simulator.counters.ticketsRefused == 2, "one request each, no hammering")
        await harness.stop()
    }

    @Test("401 pauses every session as unauthorized without hammering; a new token resumes them")
    func unauthorized() async throws {
        let second = "VDTEST0000000002"
        let harness = try await ManagerHarness.start(devices: [camera(), camera(second)])
        harness.simulator.inject(.revokeToken)
        await harness.manager.startAll()
        #expect(try await harness.wait(serial) { $0.state == .unauthorized } != nil)
        #expect(try await harness.wait(second) { $0.state == .unauthorized } != nil)
        try await Task.sleep(for: .milliseconds(500))
        #expect(harness.simulator.counters.unauthorizedCalls <= 2)
        harness.simulator.restoreToken()
        await harness.manager.updateToken(harness.simulator.token)
        #expect(try await harness.wait(serial) { $0.state == .live } != nil)
        #expect(try await harness.wait(second) { $0.state == .live } != nil)
        await harness.stop()
    }

    @Test("a refused token is re-checked with one request at a doubling pace; once accepted, every session resumes")
    func authRecheck() async throws {
        let devices = (1...4).map { camera("VDTEST000000000\($0)") }
        let harness = try await ManagerHarness.start(devices: devices, session: { session in
            session.backoff.authRecheck = 0.4
            session.backoff.authRecheckCap = 0.8
        })
        harness.simulator.inject(.revokeToken)
        await harness.manager.startAll()
        for device in devices {
            #expect(try await harness.wait(device.serialNumber) { $0.state == .unauthorized } != nil)
        }
        // Requests sent before the first refusal came back are refused too; let them land.
        try await Task.sleep(for: .milliseconds(150))
        let refusedAtPause = harness.simulator.counters.unauthorizedCalls
        #expect(refusedAtPause <= devices.count)
        // Re-checks at about 0.4, 1.2, 2.0 and 2.8 s (0.4, then doubled to the 0.8 s cap): one request each;
        // without the doubling there would be 7, with the fleet asking 4 per re-check, 16 or more.
        try await Task.sleep(for: .milliseconds(2850))
        let rechecks = harness.simulator.counters.unauthorizedCalls - refusedAtPause
        #expect((2...4).contains(rechecks), "\(rechecks) refused re-checks in 2.85 s")
        // The probe may be asking at this very moment.
        #expect(harness.manager.snapshots.allSatisfy { [.unauthorized, .requestingTicket].contains($0.state) })
        harness.simulator.restoreToken()
        for device in devices {
            #expect(try await harness.wait(device.serialNumber, timeout: .seconds(5)) { $0.state == .live } != nil)
        }
        await harness.stop()
    }

    @Test("401s to requests sent with the old token do not pause the sessions under the new one")
    func staleRefusals() async throws {
        let devices = (1...4).map { camera("VDTEST000000000\($0)") }
        let harness = try await ManagerHarness.start(devices: devices)
        // Each request is refused, but the answer takes a second to come back.
        harness.simulator.inject(.delayResponses(.seconds(1)))
        harness.simulator.inject(.apiError(code: 401, message: "old token", count: nil))
        await harness.manager.startAll()
        try await Task.sleep(for: .milliseconds(300))
        harness.simulator.clearFaults()
        await harness.manager.updateToken(harness.simulator.token)
        // The refusals land after the new token; with the default 60 s re-check, a pause would show.
        for device in devices {
            #expect(try await harness.wait(device.serialNumber, timeout: .seconds(5)) { $0.state == .live } != nil)
        }
        await harness.stop()
    }

    @Test("while a live session waits for a refused refresh the token is re-checked often, so the session gets its new ticket in time")
    func recheckWhileLive() async throws {
        let devices = (1...2).map { serial in camera("VDTEST000000000\(serial)") { $0.ticketLifetime = .seconds(6) } }
        let harness = try await ManagerHarness.start(devices: devices, session: { session in
            session.backoff.authRecheck = 60
            session.backoff.authRecheckForLiveSessions = 0.5
        })
        await harness.manager.startAll()
        var first: [String: String] = [:]
        for device in devices {
            let live = try await harness.wait(device.serialNumber) { $0.state == .live }
            first[device.serialNumber] = try #require(live?.ticket?.traceId)
        }
        // Refreshes come 3 s into the 6 s tickets; an auth outage refuses them, and ends.
        harness.simulator.inject(.apiError(code: 401, message: "auth outage", count: nil))
        try await Task.sleep(for: .milliseconds(3600))
        harness.simulator.clearFaults()
        let deadline = ContinuousClock.now + .seconds(6)
        var refreshed = false
        while ContinuousClock.now < deadline, !refreshed {
            let snapshots = harness.manager.snapshots
            #expect(snapshots.allSatisfy { $0.state.isLive }, "\(snapshots.map { "\($0.serialNumber) \($0.state)" })")
            refreshed = snapshots.allSatisfy { snapshot in snapshot.ticket.map { $0.traceId != first[snapshot.serialNumber] } ?? false }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(refreshed, "new tickets before the old ones expired, without a 60 s wait")
        #expect(harness.simulator.counters.expiredTicketUses == 0)
        await harness.stop()
    }

    @Test("5xx and timeouts back off, then recover")
    func serverErrors() async throws {
        let harness = try await ManagerHarness.start(devices: [camera()])
        harness.simulator.inject(.serverErrors(status: 503, count: 2))
        await harness.manager.startAll()
        #expect(try await harness.wait(serial) { $0.state.backoffReason == .serverError } != nil)
        let live = try await harness.wait(serial, timeout: .seconds(10)) { $0.state == .live }
        #expect(live?.ticketRequests["server_error"] == 2)
        await harness.stop()
    }

    @Test("a manual reconnect cancels a back-off at once")
    func manualReconnect() async throws {
        let harness = try await ManagerHarness.start(devices: [camera { $0.online = false }])
        await harness.manager.startAll()
        #expect(try await harness.wait(serial) { $0.state.backoffReason == .offline } != nil)
        harness.simulator.inject(.setBehavior(serial: serial, .healthy))
        let started = ContinuousClock.now
        await harness.manager.reconnect(serial)
        #expect(try await harness.wait(serial, timeout: .seconds(3)) { $0.state == .live } != nil)
        #expect(ContinuousClock.now - started < .seconds(3))
        #expect(harness.simulator.counters.stopLiveCalls >= 1, "a failed live view is stopped before a new ticket")
        await harness.stop()
    }

    @Test("a pause keeps the socket for appStopLiveTimeout, then stops")
    func pause() async throws {
        let harness = try await ManagerHarness.start(devices: [camera()], configure: { $0.stopLiveTimeout = .milliseconds(800) })
        await harness.manager.startAll()
        #expect(try await harness.wait(serial) { $0.state == .live } != nil)
        await harness.manager.pause(serial)
        try await Task.sleep(for: .milliseconds(300))
        #expect(harness.manager.snapshot(serial)?.state == .live)
        #expect(try await harness.wait(serial, timeout: .seconds(3)) { $0.state == .stopped } != nil)
        #expect(try await eventually { harness.simulator.openSockets(serial: serial) == 0 })
        await harness.stop()
    }

    @Test("pings that go unanswered declare the socket dead and reconnect")
    func pingsLost() async throws {
        let harness = try await ManagerHarness.start(devices: [camera()], configure: { $0.pingInterval = .milliseconds(150) })
        await harness.manager.startAll()
        #expect(try await harness.wait(serial) { $0.state == .live && $0.ping.received >= 1 } != nil)
        harness.simulator.inject(.setBehavior(serial: serial, { var b = DeviceBehavior.healthy; b.pingLoss = 1; return b }()))
        let dropped = try await harness.wait(serial, timeout: .seconds(5)) { $0.state.backoffReason == .socketDropped }
        #expect(dropped?.lastError?.contains("pings unanswered") == true)
        #expect(dropped?.ping.consecutiveMisses == 3)
        await harness.stop()
    }

    @Test("a ticket that expires unrefreshed is replaced by a new one")
    func expiredTicket() async throws {
        let harness = try await ManagerHarness.start(
            devices: [camera { $0.ticketLifetime = .seconds(3) }],
            session: { $0.planner.fraction = 0; $0.planner.minimumMargin = 0; $0.planner.usableGuard = 0.2 })
        await harness.manager.startAll()
        let first = try #require(try await harness.wait(serial) { $0.state == .live })
        let next = try await harness.wait(serial, timeout: .seconds(8)) {
            $0.state == .live && $0.ticket?.traceId != first.ticket?.traceId
        }
        #expect(next != nil)
        #expect(harness.simulator.counters.expiredTicketUses == 0)
        await harness.stop()
    }

    @Test("a cloud that does not answer in time backs off as unreachable, then recovers")
    func timeout() async throws {
        let harness = try await ManagerHarness.start(devices: [camera()])
        harness.simulator.inject(.delayResponses(.seconds(4)))
        await harness.manager.startAll()
        #expect(try await harness.wait(serial, timeout: .seconds(6)) { $0.state.backoffReason == .unreachable } != nil)
        harness.simulator.clearFaults()
        let live = try await harness.wait(serial, timeout: .seconds(8)) { $0.state == .live }
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
        let snapshot = try #require(try await harness.wait(serial, timeout: .seconds(20)) { $0.ping.window.count >= 40 })
        let ping = snapshot.ping
        // Stated tolerance: average within 90…130 ms (scheduling adds a little), min ≥ 90,
        // max ≤ 250 (one late wake-up on a machine busy with the parallel suite reached
        // 153 ms in CI), jitter under 20 ms, loss 5…40 % over 40 pings (20 % ± 3σ).
        #expect((90...130).contains(ping.avgMs ?? 0), "avg \(ping.avgMs ?? -1)")
        #expect((ping.minMs ?? 0) >= 89)
        #expect((ping.maxMs ?? 999) <= 250)
        #expect(ping.jitterMs < 20)
        #expect((5...40).contains(ping.lossPercent), "loss \(ping.lossPercent)")
        await harness.stop()
    }
}
