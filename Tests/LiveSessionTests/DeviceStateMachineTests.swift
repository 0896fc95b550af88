import Foundation
import Testing
@testable import LiveSession
import TestSupport
import VicohomeAPI

/// The state machine driven by explicit times: no sockets, no sleeping.
@Suite("Device state machine")
struct DeviceStateMachineTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func ticket(_ trace: String = "trace-1", at time: Date, lifetime: TimeInterval = 300) -> WebRTCTicket {
        WebRTCTicket(traceId: trace, groupId: "g", role: "viewer", id: "i", signalServer: "ws://127.0.0.1:1", sign: "s",
                     serverTime: time, signalPingInterval: 5, appStopLiveTimeout: 30,
                     expirationTime: time.addingTimeInterval(lifetime))
    }

    /// A machine brought to live at t0.
    func liveMachine() -> (DeviceStateMachine, Int) {
        var machine = DeviceStateMachine(serialNumber: "SN")
        _ = machine.handle(.start, now: t0, random: 0.5)
        let effects = machine.handle(.ticketReceived(ticket(at: t0), requestedAt: t0, receivedAt: t0), now: t0, random: 0.5)
        let generation = effects.compactMap { if case .openSocket(let g, _) = $0 { g } else { nil } }.first!
        _ = machine.handle(.socketOpened(generation: generation), now: t0, random: 0.5)
        return (machine, generation)
    }

    func scheduled(_ effects: [DeviceStateMachine.Effect], _ timer: SessionTimer) -> Date? {
        effects.compactMap { if case .schedule(timer, let date) = $0 { date } else { nil } }.last
    }

    @Test("start → ticket → socket → live, with refresh and expiry timers and the first ping")
    func happyPath() {
        var machine = DeviceStateMachine(serialNumber: "SN")
        let start = machine.handle(.start, now: t0, random: 0.5)
        #expect(machine.state == .requestingTicket)
        #expect(start.contains(.requestTicket(stopLiveFirst: false)))
        let received = machine.handle(.ticketReceived(ticket(at: t0), requestedAt: t0, receivedAt: t0), now: t0, random: 0.5)
        #expect(machine.state == .connecting)
        // 60 s before expiry, minus this serial's place in the 30 s spread window.
        #expect(scheduled(received, .refresh) == t0.addingTimeInterval(240 - 30 * machine.refreshSpread))
        #expect(scheduled(received, .expiry) == t0.addingTimeInterval(300))
        let opened = machine.handle(.socketOpened(generation: machine.socket!), now: t0, random: 0.5)
        #expect(machine.state == .live)
        #expect(scheduled(opened, .ping) == t0, "the first ping goes as the socket opens")
        #expect(opened.contains { if case .event(.stateChanged, let text) = $0 { text.contains("connecting → live") } else { false } })
    }

    @Test("refresh opens the new socket before closing the old one")
    func refreshWithoutGap() {
        var (machine, old) = liveMachine()
        let t1 = t0.addingTimeInterval(240)
        let begin = machine.handle(.timer(.refresh), now: t1, random: 0.5)
        #expect(machine.state == .refreshing)
        #expect(begin.contains(.requestTicket(stopLiveFirst: false)))
        let fresh = machine.handle(.ticketReceived(ticket("trace-2", at: t1), requestedAt: t1, receivedAt: t1), now: t1, random: 0.5)
        #expect(!fresh.contains(.closeSocket(generation: old)), "the old socket stays until the new one is open")
        let new = fresh.compactMap { if case .openSocket(let g, _) = $0 { g } else { nil } }.first!
        #expect(machine.state == .refreshing)
        let switched = machine.handle(.socketOpened(generation: new), now: t1, random: 0.5)
        #expect(switched.contains(.closeSocket(generation: old)))
        #expect(machine.state == .live)
        #expect(machine.ticket?.traceId == "trace-2")
        #expect(scheduled(switched, .refresh) == t1.addingTimeInterval(240 - 30 * machine.refreshSpread))
        #expect(scheduled(switched, .ping) == t1, "the new socket's first ping goes at once")
        // The old socket's close, arriving late, changes nothing.
        #expect(machine.handle(.socketClosed(generation: old, code: 1000), now: t1, random: 0.5).isEmpty)
    }

    @Test("a failed refresh keeps watching and retries before the ticket expires")
    func refreshFailure() {
        var (machine, _) = liveMachine()
        let t1 = t0.addingTimeInterval(290)
        _ = machine.handle(.timer(.refresh), now: t1, random: 0.5)
        let failed = machine.handle(.ticketFailed(.httpStatus(status: 503, excerpt: "")), now: t1, random: 0.99)
        #expect(machine.state == .live)
        let retry = scheduled(failed, .refresh)!
        #expect(retry <= t0.addingTimeInterval(300 - 2), "never past the usable life of the ticket")
    }

    @Test("101 fails for good; 102 retries in about a minute")
    func deviceErrors() {
        var invalid = DeviceStateMachine(serialNumber: "SN")
        _ = invalid.handle(.start, now: t0, random: 0.5)
        let failed = invalid.handle(.ticketFailed(.invalidSerial(serialNumber: "SN", message: "")), now: t0, random: 0.5)
        #expect(invalid.state == .failed(reason: "invalid serial (101)"))
        #expect(scheduled(failed, .retry) == nil)

        var offline = DeviceStateMachine(serialNumber: "SN")
        _ = offline.handle(.start, now: t0, random: 0.5)
        let effects = offline.handle(.ticketFailed(.deviceOffline(serialNumber: "SN", message: "")), now: t0, random: 0.5)
        guard case .backingOff(let until, .offline) = offline.state else { Issue.record("\(offline.state)"); return }
        #expect(abs(until.timeIntervalSince(t0) - 60) < 0.01)
        #expect(scheduled(effects, .retry) == until)
        let retry = offline.handle(.timer(.retry), now: until, random: 0.5)
        #expect(retry.contains(.requestTicket(stopLiveFirst: false)))
    }

    @Test("401 pauses as unauthorized and tells the manager; a new token resumes")
    func unauthorized() {
        var machine = DeviceStateMachine(serialNumber: "SN")
        _ = machine.handle(.start, now: t0, random: 0.5)
        let effects = machine.handle(.ticketFailed(.unauthorized(code: 401, message: "")), now: t0, random: 0.5)
        #expect(machine.state == .unauthorized)
        #expect(effects.contains(.authFailed))
        #expect(scheduled(effects, .retry) == nil, "no retries while the token is refused")
        #expect(machine.handle(.tokenChanged, now: t0, random: 0.5).contains(.requestTicket(stopLiveFirst: false)))
    }

    @Test("a token re-check asks for a ticket from unauthorized; live sessions refresh only if their refresh was refused")
    func authRecheck() {
        var paused = DeviceStateMachine(serialNumber: "SN")
        _ = paused.handle(.start, now: t0, random: 0.5)
        _ = paused.handle(.ticketFailed(.unauthorized(code: 401, message: "")), now: t0, random: 0.5)
        #expect(paused.handle(.authRecheck, now: t0, random: 0.5).contains(.requestTicket(stopLiveFirst: false)))
        #expect(paused.state == .requestingTicket)

        var (healthy, _) = liveMachine()
        #expect(healthy.handle(.authRestored, now: t0, random: 0.5).isEmpty, "a live session with a good ticket is left alone")
        #expect(healthy.state == .live)

        var (refused, _) = liveMachine()
        let t1 = t0.addingTimeInterval(240)
        _ = refused.handle(.timer(.refresh), now: t1, random: 0.5)
        let effects = refused.handle(.ticketFailed(.unauthorized(code: 401, message: "")), now: t1, random: 0.5)
        #expect(effects.contains(.authFailed))
        #expect(refused.state == .live, "the socket works on until its ticket expires")
        #expect(refused.handle(.authRestored, now: t1, random: 0.5).contains(.requestTicket(stopLiveFirst: false)))
        #expect(refused.state == .refreshing)
    }

    @Test("a dropped socket backs off, then reconnects with the cached ticket while it is usable")
    func drop() {
        var (machine, generation) = liveMachine()
        let t1 = t0.addingTimeInterval(10)
        let dropped = machine.handle(.socketClosed(generation: generation, code: nil), now: t1, random: 0.5)
        guard case .backingOff(let until, .socketDropped) = machine.state else { Issue.record("\(machine.state)"); return }
        #expect(until.timeIntervalSince(t1) <= 1)
        #expect(scheduled(dropped, .retry) == until)
        let retry = machine.handle(.timer(.retry), now: until, random: 0.5)
        #expect(machine.state == .connecting)
        #expect(retry.contains { if case .openSocket(_, let t) = $0 { t.traceId == "trace-1" } else { false } })
    }

    @Test("an expired cached ticket is never used: the retry asks a new one")
    func neverExpired() {
        var (machine, generation) = liveMachine()
        let late = t0.addingTimeInterval(299)
        _ = machine.handle(.socketClosed(generation: generation, code: nil), now: late, random: 0.5)
        guard case .backingOff(let until, _) = machine.state else { Issue.record("\(machine.state)"); return }
        let retry = machine.handle(.timer(.retry), now: until, random: 0.5)
        #expect(retry.contains(.requestTicket(stopLiveFirst: false)))
        #expect(!retry.contains { if case .openSocket = $0 { true } else { false } })
    }

    @Test("3002 backs off long as viewer limit, then asks a new ticket after stoplive")
    func viewerLimit() {
        var (machine, generation) = liveMachine()
        _ = machine.handle(.socketClosed(generation: generation, code: 3002), now: t0, random: 0.5)
        guard case .backingOff(let until, .viewerLimit) = machine.state else { Issue.record("\(machine.state)"); return }
        #expect(until.timeIntervalSince(t0) >= 108)
        #expect(machine.state.word == "viewer-limit")
        #expect(machine.handle(.timer(.retry), now: until, random: 0.5).contains(.requestTicket(stopLiveFirst: true)))
    }

    @Test("1001 and the expiry timer ask a new ticket at once")
    func expiry() {
        var (machine, generation) = liveMachine()
        #expect(machine.handle(.socketClosed(generation: generation, code: 1001), now: t0, random: 0.5)
            .contains(.requestTicket(stopLiveFirst: false)))
        var (other, _) = liveMachine()
        let effects = other.handle(.timer(.expiry), now: t0.addingTimeInterval(300), random: 0.5)
        #expect(effects.contains(.requestTicket(stopLiveFirst: false)))
        #expect(other.state == .requestingTicket)
    }

    @Test("a refused handshake asks a new ticket; twice in a row, it backs off")
    func refused() {
        var machine = DeviceStateMachine(serialNumber: "SN")
        _ = machine.handle(.start, now: t0, random: 0.5)
        _ = machine.handle(.ticketReceived(ticket(at: t0), requestedAt: t0, receivedAt: t0), now: t0, random: 0.5)
        let first = machine.handle(.socketRefused(generation: machine.socket!, status: 403), now: t0, random: 0.5)
        #expect(first.contains(.requestTicket(stopLiveFirst: false)))
        _ = machine.handle(.ticketReceived(ticket("trace-2", at: t0), requestedAt: t0, receivedAt: t0), now: t0, random: 0.5)
        _ = machine.handle(.socketRefused(generation: machine.socket!, status: 403), now: t0, random: 0.5)
        guard case .backingOff(_, .ticketRejected) = machine.state else { Issue.record("\(machine.state)"); return }
    }

    @Test("pings missed count as a drop")
    func pingsMissed() {
        var (machine, generation) = liveMachine()
        let effects = machine.handle(.pingsMissed(generation: generation), now: t0, random: 0.5)
        #expect(effects.contains(.closeSocket(generation: generation)))
        guard case .backingOff(_, .socketDropped) = machine.state else { Issue.record("\(machine.state)"); return }
    }

    @Test("a manual reconnect cancels the back-off at once")
    func manualReconnect() {
        var machine = DeviceStateMachine(serialNumber: "SN")
        _ = machine.handle(.start, now: t0, random: 0.5)
        _ = machine.handle(.ticketFailed(.deviceOffline(serialNumber: nil, message: "")), now: t0, random: 0.5)
        let effects = machine.handle(.reconnect, now: t0.addingTimeInterval(1), random: 0.5)
        #expect(effects.contains(.cancel(.retry)))
        #expect(effects.contains(.requestTicket(stopLiveFirst: true)))
        #expect(machine.state == .requestingTicket)
        #expect(machine.attempt == 0)
    }

    @Test("pause keeps the socket for appStopLiveTimeout, then stops; resume cancels")
    func pause() {
        var (machine, generation) = liveMachine()
        let paused = machine.handle(.pause, now: t0, random: 0.5)
        #expect(scheduled(paused, .stopLive) == t0.addingTimeInterval(30))
        #expect(machine.state == .live)
        let stopped = machine.handle(.timer(.stopLive), now: t0.addingTimeInterval(30), random: 0.5)
        #expect(stopped.contains(.closeSocket(generation: generation)))
        #expect(stopped.contains(.stopLive))
        #expect(machine.state == .stopped)

        var (again, _) = liveMachine()
        _ = again.handle(.pause, now: t0, random: 0.5)
        #expect(again.handle(.resume, now: t0, random: 0.5).contains(.cancel(.stopLive)))
        #expect(again.handle(.timer(.stopLive), now: t0.addingTimeInterval(30), random: 0.5).isEmpty)
        #expect(again.state == .live)
    }

    @Test("losing the socket mid-refresh drops the half-opened one too; its late failure changes nothing")
    func lossDuringRefresh() {
        var (machine, old) = liveMachine()
        let t1 = t0.addingTimeInterval(240)
        _ = machine.handle(.timer(.refresh), now: t1, random: 0.5)
        let fresh = machine.handle(.ticketReceived(ticket("trace-2", at: t1), requestedAt: t1, receivedAt: t1), now: t1, random: 0.5)
        let new = fresh.compactMap { if case .openSocket(let g, _) = $0 { g } else { nil } }.first!
        let lost = machine.handle(.socketClosed(generation: old, code: nil), now: t1, random: 0.5)
        #expect(lost.contains(.closeSocket(generation: new)))
        #expect(machine.state.backoffReason == .socketDropped)
        #expect(machine.handle(.socketFailed(generation: new, reason: "late"), now: t1, random: 0.5).isEmpty)
        #expect(machine.state.backoffReason == .socketDropped, "not live without a socket")
    }

    @Test("a refreshed ticket that arrives expired keeps the old socket and retries")
    func expiredRefresh() {
        var (machine, old) = liveMachine()
        let t1 = t0.addingTimeInterval(240)
        _ = machine.handle(.timer(.refresh), now: t1, random: 0.5)
        let stale = ticket("trace-old", at: t1, lifetime: 1)
        let effects = machine.handle(.ticketReceived(stale, requestedAt: t1, receivedAt: t1), now: t1, random: 0.5)
        #expect(machine.state == .live)
        #expect(machine.socket == old)
        #expect(scheduled(effects, .refresh) != nil)
        #expect(!effects.contains(.closeSocket(generation: old)))
    }

    @Test("a reconnect after a pause does not leave the session paused")
    func pauseThenReconnect() {
        var (machine, _) = liveMachine()
        _ = machine.handle(.pause, now: t0, random: 0.5)
        _ = machine.handle(.reconnect, now: t0, random: 0.5)
        #expect(!machine.paused)
        _ = machine.handle(.ticketReceived(ticket("trace-2", at: t0), requestedAt: t0, receivedAt: t0), now: t0, random: 0.5)
        _ = machine.handle(.socketOpened(generation: machine.socket!), now: t0, random: 0.5)
        _ = machine.handle(.socketClosed(generation: machine.socket!, code: nil), now: t0, random: 0.5)
        #expect(machine.state.backoffReason == .socketDropped, "a drop backs off instead of stopping")
    }

    @Test("a new token while live refreshes the ticket")
    func tokenChangedWhileLive() {
        var (machine, _) = liveMachine()
        #expect(machine.handle(.tokenChanged, now: t0, random: 0.5).contains(.requestTicket(stopLiveFirst: false)))
        #expect(machine.state == .refreshing)
    }

    @Test("refresh retries near expiry are spaced, never back to back")
    func spacedRetries() {
        var (machine, _) = liveMachine()
        let late = t0.addingTimeInterval(299)
        _ = machine.handle(.timer(.refresh), now: late, random: 0.5)
        let effects = machine.handle(.ticketFailed(.timeout(seconds: 1)), now: late, random: 0.0)
        #expect((scheduled(effects, .refresh)?.timeIntervalSince(late) ?? 0) >= 0.5)
    }

    @Test("stop closes, cancels every timer and calls stoplive")
    func stop() {
        var (machine, generation) = liveMachine()
        let effects = machine.handle(.stop, now: t0, random: 0.5)
        #expect(effects.contains(.stopLive))
        #expect(effects.contains(.closeSocket(generation: generation)))
        for timer in SessionTimer.allCases { #expect(effects.contains(.cancel(timer))) }
        #expect(machine.state == .stopped)
    }
}

@Suite("Timer scheduler")
struct TimerSchedulerTests {
    @Test("one task serves every timer in deadline order; rescheduling and cancelling work")
    func order() async throws {
        let clock = ManualClock()
        let scheduler = TimerScheduler(clock: clock)
        let fired = FiredLog()
        let task = Task { await scheduler.run { keys in await fired.append(keys.map(\.serialNumber)) } }
        let start = clock.now
        scheduler.schedule(.init(serialNumber: "b", timer: .ping), at: start.addingTimeInterval(2))
        scheduler.schedule(.init(serialNumber: "a", timer: .ping), at: start.addingTimeInterval(1))
        scheduler.schedule(.init(serialNumber: "c", timer: .ping), at: start.addingTimeInterval(3))
        scheduler.schedule(.init(serialNumber: "c", timer: .ping), at: start.addingTimeInterval(5))
        scheduler.schedule(.init(serialNumber: "d", timer: .retry), at: start.addingTimeInterval(1.5))
        scheduler.cancel(.init(serialNumber: "d", timer: .retry))
        // Each step waits until the scheduler sleeps until the deadline it should aim at
        // next, so every timer due by then has been handed over: no guessing with sleeps.
        func asleep(until offset: TimeInterval) async throws -> Bool {
            try await eventually { clock.sleepers.contains(start.addingTimeInterval(offset)) }
        }
        #expect(try await asleep(until: 1))
        clock.advance(by: 1)
        #expect(try await asleep(until: 2))
        #expect(await fired.names == ["a"])
        clock.advance(by: 1)
        // c's first deadline (3) was replaced by 5, and d's cancelled one (1.5) is skipped.
        #expect(try await asleep(until: 5))
        #expect(await fired.names == ["a", "b"])
        clock.advance(by: 1)
        #expect(await fired.names == ["a", "b"], "nothing is due at 3")
        clock.advance(by: 2)
        #expect(try await eventually { clock.sleepers.contains { $0 > start.addingTimeInterval(5) } })
        #expect(await fired.names == ["a", "b", "c"])
        #expect(scheduler.pendingCount == 0)
        task.cancel()
    }
}

actor FiredLog {
    var names: [String] = []
    func append(_ more: [String]) { names += more }
}
