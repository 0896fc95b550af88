import Foundation
import VicohomeAPI

/// The life of one device's session, as a pure function of inputs and time.
///
/// It does no I/O and reads no clock: ``SessionManager`` feeds it inputs with the time
/// and a random number, and carries out the effects it returns. That keeps every rule
/// testable without sockets or sleeping.
///
/// | state | input | next state | effects |
/// |---|---|---|---|
/// | idle, stopped, failed | start, reconnect | requestingTicket | request ticket (reconnect: stoplive first) |
/// | requestingTicket | ticket | connecting | open socket; timers refresh, expiry |
/// | requestingTicket, refreshing | 101 | failed | none: no retries |
/// | requestingTicket | 102 | backingOff(offline) | retry in ~60 s |
/// | requestingTicket | 401 | unauthorized | pause every session until the token changes or a re-check finds it accepted |
/// | refreshing | 401 | live | the socket stays until its ticket expires; the refresh waits for the token |
/// | not live, not stopped or failed | auth paused (another session's 401) | unauthorized | close; cancel timers |
/// | requestingTicket | 5xx, timeout, garbage | backingOff(serverError/unreachable) | exponential retry |
/// | connecting | socket open | live | first ping now; refresh in 0.5 s if its refresh was refused |
/// | connecting | handshake refused | requestingTicket; backingOff(ticketRejected) the 2nd time in a row | new ticket |
/// | connecting, live | socket drop, pings missed | backingOff(socketDropped) | close; exponential retry |
/// | live | close 3002 | backingOff(viewerLimit) | retry in ~120 s with a new ticket |
/// | live | close 1001, expiry timer | requestingTicket | new ticket |
/// | live | refresh timer, refresh command | refreshing | request ticket |
/// | refreshing | ticket | refreshing | open a second socket |
/// | refreshing | second socket open | live | close the first socket |
/// | refreshing | ticket request fails | refreshing | retry before expiry |
/// | backingOff | retry timer | connecting (cached ticket still usable) or requestingTicket | |
/// | live | pause | live | stop-live timer at appStopLiveTimeout |
/// | live (paused) | stop-live timer | stopped | close |
/// | unauthorized | token changed, auth re-check, auth restored | requestingTicket | request ticket |
/// | live | token changed; auth re-check or restored after a refused refresh | refreshing | request ticket |
/// | any | reconnect | requestingTicket | close; cancel back-off; stoplive; new ticket |
/// | any | stop | stopped | close; cancel timers; stoplive |
public struct DeviceStateMachine: Sendable {
    /// What happens to a session.
    public enum Input: Sendable {
        /// Start watching.
        case start
        case stop
        case pause
        case resume
        case reconnect
        case refreshNow
        /// The user gave a new token.
        case tokenChanged
        /// The manager paused every session because the token was refused.
        case authPaused
        /// The manager chose this session to re-check the refused token with its request.
        case authRecheck
        /// A re-check found the same token accepted again.
        case authRestored
        case ticketReceived(WebRTCTicket, requestedAt: Date, receivedAt: Date)
        case ticketFailed(VicohomeError)
        case socketOpened(generation: Int)
        case socketRefused(generation: Int, status: Int?)
        case socketFailed(generation: Int, reason: String)
        case socketClosed(generation: Int, code: Int?)
        case pingsMissed(generation: Int)
        case timer(SessionTimer)
    }

    /// What the manager must do.
    public enum Effect: Sendable, Equatable {
        case requestTicket(stopLiveFirst: Bool)
        case openSocket(generation: Int, ticket: WebRTCTicket)
        case closeSocket(generation: Int)
        case schedule(SessionTimer, at: Date)
        case cancel(SessionTimer)
        case stopLive
        case authFailed
        case event(SessionEvent.Kind, String)
    }

    /// The camera.
    public let serialNumber: String
    /// The back-off rules.
    public var backoff: BackoffPolicy
    /// The refresh rules.
    public var planner: RefreshPlanner
    /// This camera's place in the refresh spread window (see ``RefreshPlanner``).
    public let refreshSpread: Double

    /// The current state.
    public private(set) var state: SessionState = .idle
    /// When the current state began.
    public private(set) var stateSince: Date?
    /// The ticket of the socket in use (or being opened).
    public private(set) var ticket: WebRTCTicket?
    /// Local clock minus server clock for ``ticket``.
    public private(set) var skew: TimeInterval = 0
    /// The generation of the socket in use.
    public private(set) var socket: Int?
    /// Failures since the session was last stable.
    public private(set) var attempt = 0
    /// Whether a pause is running down its stop-live timeout.
    public private(set) var paused = false

    private var pending: (generation: Int, ticket: WebRTCTicket, skew: TimeInterval)?

    /// The generation of the socket being opened for a refresh, if any.
    public var pendingSocket: Int? { pending?.generation }
    private var liveSince: Date?
    private var nextGeneration = 1
    private var rejections = 0
    /// A refresh was refused for the token: the ticket in use runs out unless the token heals.
    public private(set) var refreshRefused = false

    /// When the ticket of a live session whose refresh the cloud refused runs out: the
    /// last moment a healed token can save the session. Nil when nothing is at stake.
    public var refusedTicketExpiry: Date? {
        guard refreshRefused, state.isLive, let ticket else { return nil }
        return ticket.localExpiry(skew: skew)
    }

    /// Creates a machine for a camera.
    public init(serialNumber: String, backoff: BackoffPolicy = BackoffPolicy(), planner: RefreshPlanner = RefreshPlanner()) {
        self.serialNumber = serialNumber
        self.backoff = backoff
        self.planner = planner
        self.refreshSpread = RefreshPlanner.spreadUnit(serialNumber: serialNumber)
    }

    /// Applies an input at `now`; `random` (0..<1) feeds the jitter.
    public mutating func handle(_ input: Input, now: Date, random: Double) -> [Effect] {
        var effects: [Effect] = []
        switch input {
        case .start:
            guard [.idle, .stopped].contains(state) || isFailed else { return [] }
            attempt = 0
            effects += requestTicket(now: now, stopLiveFirst: false, because: "started")
        case .reconnect:
            effects += tearDown()
            attempt = 0
            rejections = 0
            effects.append(.event(.command, "manual reconnect"))
            effects += requestTicket(now: now, stopLiveFirst: true, because: "manual reconnect")
        case .refreshNow:
            guard state == .live else { return [] }
            effects += beginRefresh(now: now, because: "refresh requested")
        case .stop:
            effects += tearDown()
            paused = false
            effects.append(.stopLive)
            effects += transition(to: .stopped, now: now, because: "stopped")
        case .pause:
            guard state.isLive, !paused, let ticket else { return [] }
            paused = true
            effects.append(.schedule(.stopLive, at: now.addingTimeInterval(ticket.appStopLiveTimeout)))
            effects.append(.event(.command, "paused: socket kept for \(Int(ticket.appStopLiveTimeout)) s"))
        case .resume:
            if paused {
                paused = false
                effects.append(.cancel(.stopLive))
                effects.append(.event(.command, "resumed"))
            } else if state == .stopped {
                attempt = 0
                effects += requestTicket(now: now, stopLiveFirst: false, because: "resumed")
            }
        case .tokenChanged, .authRecheck, .authRestored:
            let reason = switch input {
            case .tokenChanged: "token changed"
            case .authRecheck: "re-checking the refused token"
            default: "token accepted again"
            }
            // A new token refreshes every live ticket; the same token only those it was refused for.
            let newToken = if case .tokenChanged = input { true } else { false }
            if state == .live, newToken || refreshRefused {
                return beginRefresh(now: now, because: reason)
            }
            guard state == .unauthorized else { return [] }
            attempt = 0
            effects += requestTicket(now: now, stopLiveFirst: false, because: reason)
        case .authPaused:
            guard ![.stopped, .unauthorized].contains(state), !isFailed, !state.isLive else { return [] }
            effects += tearDown()
            effects += transition(to: .unauthorized, now: now, because: "paused until the token is accepted")
        case .ticketReceived(let ticket, let requestedAt, let receivedAt):
            effects += ticketArrived(ticket, requestedAt: requestedAt, receivedAt: receivedAt, now: now)
        case .ticketFailed(let error):
            effects += ticketFailed(error, now: now, random: random)
        case .socketOpened(let generation):
            effects += socketOpened(generation, now: now)
        case .socketRefused(let generation, let status):
            effects += socketRefused(generation, status: status, now: now, random: random)
        case .socketFailed(let generation, let reason):
            guard generation == socket || generation == pending?.generation else { return [] }
            effects += socketLost(generation, code: nil, detail: reason, now: now, random: random)
        case .socketClosed(let generation, let code):
            guard generation == socket || generation == pending?.generation else { return [] }
            effects += socketLost(generation, code: code, detail: code.map { "closed with code \($0)" } ?? "dropped", now: now, random: random)
        case .pingsMissed(let generation):
            guard generation == socket else { return [] }
            effects.append(.event(.pingLost, "pings unanswered: socket presumed dead"))
            effects += socketLost(generation, code: nil, detail: "pings unanswered", now: now, random: random)
        case .timer(let timer):
            effects += timerFired(timer, now: now, random: random)
        }
        return effects
    }

    private var isFailed: Bool { if case .failed = state { true } else { false } }

    // MARK: Tickets

    private mutating func requestTicket(now: Date, stopLiveFirst: Bool, because reason: String) -> [Effect] {
        transition(to: .requestingTicket, now: now, because: reason) + [.requestTicket(stopLiveFirst: stopLiveFirst)]
    }

    private mutating func ticketArrived(_ ticket: WebRTCTicket, requestedAt: Date, receivedAt: Date, now: Date) -> [Effect] {
        let skew = planner.skew(ticket: ticket, requestedAt: requestedAt, receivedAt: receivedAt)
        guard planner.isUsable(ticket: ticket, skew: skew, now: now) else {
            let note: [Effect] = [.event(.ticketFailed, "ticket \(ticket.traceId) arrived already expired")]
            if state == .refreshing { return note + refreshRetry(now: now, reason: .serverError, random: 0.5) }
            guard state == .requestingTicket else { return [] }
            return note + backOff(.serverError, now: now, random: 0.5, because: "expired ticket")
        }
        let generation = nextGeneration
        nextGeneration += 1
        var effects: [Effect] = [.event(.ticketReceived, "ticket \(ticket.traceId), expires in \(Int(ticket.localExpiry(skew: skew).timeIntervalSince(now))) s")]
        switch state {
        case .refreshing:
            pending = (generation, ticket, skew)
            effects.append(.openSocket(generation: generation, ticket: ticket))
        case .requestingTicket:
            self.ticket = ticket
            self.skew = skew
            refreshRefused = false
            socket = generation
            effects += transition(to: .connecting, now: now, because: "ticket received")
            effects.append(.openSocket(generation: generation, ticket: ticket))
            effects += scheduleTicketTimers(ticket, skew: skew, receivedAt: receivedAt)
        default:
            return []  // a late answer to a request that no longer matters
        }
        return effects
    }

    private mutating func ticketFailed(_ error: VicohomeError, now: Date, random: Double) -> [Effect] {
        guard state == .requestingTicket || state == .refreshing else { return [] }
        var effects: [Effect] = [.event(.ticketFailed, error.description)]
        switch error {
        case .invalidSerial:
            effects += tearDown()
            effects += transition(to: .failed(reason: "invalid serial (101)"), now: now, because: "the cloud does not know this serial")
        case .unauthorized:
            effects.append(.authFailed)
            if state == .refreshing {
                // The socket still works without the API; it stays until its ticket expires.
                refreshRefused = true
                effects += transition(to: .live, now: now, because: "refresh refused: token not accepted")
            } else {
                effects += tearDown()
                effects += transition(to: .unauthorized, now: now, because: "token not accepted")
            }
        case .deviceOffline:
            effects += tearDown()
            effects += backOff(.offline, now: now, random: random, because: "camera offline")
        default:
            let reason: BackoffReason
            switch error {
            case .timeout, .connectionFailed: reason = .unreachable
            default: reason = .serverError
            }
            if state == .refreshing {
                effects += refreshRetry(now: now, reason: reason, random: random)
            } else {
                effects += backOff(reason, now: now, random: random, because: error.description)
            }
        }
        return effects
    }

    /// Keeps watching on the old ticket and tries the refresh again while it lasts, never
    /// sooner than half a second from now.
    private mutating func refreshRetry(now: Date, reason: BackoffReason, random: Double) -> [Effect] {
        attempt += 1
        let retry = now.addingTimeInterval(backoff.delay(reason: reason, attempt: attempt - 1, unit: random))
        let latest = ticket.map { $0.localExpiry(skew: skew).addingTimeInterval(-planner.usableGuard) } ?? retry
        let at = max(now.addingTimeInterval(0.5), min(retry, latest))
        return transition(to: .live, now: now, because: "refresh failed, retrying") + [.schedule(.refresh, at: at)]
    }

    private mutating func beginRefresh(now: Date, because reason: String) -> [Effect] {
        refreshRefused = false
        return transition(to: .refreshing, now: now, because: reason) + [.cancel(.refresh), .requestTicket(stopLiveFirst: false)]
    }

    private func scheduleTicketTimers(_ ticket: WebRTCTicket, skew: TimeInterval, receivedAt: Date) -> [Effect] {
        [
            .schedule(.refresh, at: planner.refreshDate(ticket: ticket, skew: skew, receivedAt: receivedAt, unit: refreshSpread)),
            .schedule(.expiry, at: ticket.localExpiry(skew: skew)),
        ]
    }

    // MARK: Sockets

    private mutating func socketOpened(_ generation: Int, now: Date) -> [Effect] {
        rejections = 0
        if let pending, pending.generation == generation {
            // The refreshed socket is up: switch over, then close the old one (no gap).
            var effects: [Effect] = [.event(.socketOpened, "socket for \(pending.ticket.traceId) open; switching over")]
            if let old = socket { effects.append(.closeSocket(generation: old)) }
            socket = generation
            ticket = pending.ticket
            skew = pending.skew
            self.pending = nil
            effects += scheduleTicketTimers(pending.ticket, skew: pending.skew, receivedAt: now)
            effects += transition(to: .live, now: now, because: "ticket refreshed")
            // The new socket's figures start afresh: its first RTT at once too.
            effects.append(.schedule(.ping, at: now))
            return effects
        }
        guard generation == socket, state == .connecting, ticket != nil else { return [] }
        liveSince = now
        // Back on a cached ticket whose refresh the cloud refused: no refresh timer is left, so try again soon.
        let refresh: [Effect] = refreshRefused ? [.schedule(.refresh, at: now.addingTimeInterval(0.5))] : []
        return [.event(.socketOpened, "signaling socket open")]
            + transition(to: .live, now: now, because: "socket open")
            // The first ping goes at once: a verdict (state and RTT) within a round trip of the socket opening.
            + [.schedule(.ping, at: now)] + refresh
    }

    private mutating func socketRefused(_ generation: Int, status: Int?, now: Date, random: Double) -> [Effect] {
        if let pending, pending.generation == generation, state == .refreshing {
            // The refreshed ticket was refused: keep the old socket, retry the refresh soon.
            self.pending = nil
            return [.event(.socketClosed, "new socket refused (HTTP \(status.map(String.init) ?? "?"))")]
                + transition(to: .live, now: now, because: "refresh socket refused")
                + [.schedule(.refresh, at: now.addingTimeInterval(backoff.delay(reason: .ticketRejected, attempt: 0, unit: random)))]
        }
        guard generation == socket else { return [] }
        socket = nil
        ticket = nil
        rejections += 1
        var effects: [Effect] = [.event(.socketClosed, "handshake refused (HTTP \(status.map(String.init) ?? "?")): ticket rejected")]
        if let pending {
            effects.append(.closeSocket(generation: pending.generation))
            self.pending = nil
        }
        if rejections >= 2 {
            return effects + backOff(.ticketRejected, now: now, random: random, because: "ticket rejected again")
        }
        return effects + [.cancel(.refresh), .cancel(.expiry)] + requestTicket(now: now, stopLiveFirst: false, because: "ticket rejected: asking a new one")
    }

    private mutating func socketLost(_ generation: Int, code: Int?, detail: String, now: Date, random: Double) -> [Effect] {
        if let pending, pending.generation == generation, state == .refreshing {
            self.pending = nil
            return [.event(.socketClosed, "new socket failed: \(detail)")]
                + transition(to: .live, now: now, because: "refresh socket failed")
                + [.schedule(.refresh, at: now.addingTimeInterval(backoff.delay(reason: .socketDropped, attempt: 0, unit: random)))]
        }
        guard generation == socket else { return [] }
        var effects: [Effect] = [.event(.socketClosed, detail), .closeSocket(generation: generation), .cancel(.ping)]
        socket = nil
        if let pending {
            // The session is lost; a refresh half done goes with it.
            effects.append(.closeSocket(generation: pending.generation))
            self.pending = nil
        }
        if let since = liveSince, now.timeIntervalSince(since) >= backoff.stablePeriod { attempt = 0 }
        liveSince = nil
        if paused {
            paused = false
            return effects + [.cancel(.stopLive)] + transition(to: .stopped, now: now, because: "socket closed while paused")
        }
        switch code {
        case 3002:
            ticket = nil
            effects += [.cancel(.refresh), .cancel(.expiry)]
            effects += backOff(.viewerLimit, now: now, random: random, because: "viewer limit reached (3002)")
        case 1001:
            ticket = nil
            effects += [.cancel(.refresh), .cancel(.expiry)]
            effects += requestTicket(now: now, stopLiveFirst: false, because: "server closed: ticket expired (1001)")
        default:
            effects += backOff(.socketDropped, now: now, random: random, because: "socket \(detail)")
        }
        return effects
    }

    // MARK: Timers

    private mutating func timerFired(_ timer: SessionTimer, now: Date, random: Double) -> [Effect] {
        switch timer {
        case .retry:
            guard case .backingOff(_, let reason) = state else { return [] }
            if reason == .socketDropped, let ticket, planner.isUsable(ticket: ticket, skew: skew, now: now) {
                let generation = nextGeneration
                nextGeneration += 1
                socket = generation
                return transition(to: .connecting, now: now, because: "retrying with the cached ticket")
                    + [.openSocket(generation: generation, ticket: ticket)]
            }
            ticket = nil
            return [.cancel(.refresh), .cancel(.expiry)]
                + requestTicket(now: now, stopLiveFirst: reason == .viewerLimit, because: "retrying")
        case .refresh:
            guard state == .live else { return [] }
            return beginRefresh(now: now, because: "ticket due for refresh")
        case .expiry:
            guard state.isLive || state == .connecting, let ticket else {
                self.ticket = nil
                return []
            }
            var effects: [Effect] = [.event(.ticketFailed, "ticket \(ticket.traceId) expired before it could be refreshed")]
            effects += tearDown()
            effects += requestTicket(now: now, stopLiveFirst: false, because: "ticket expired")
            return effects
        case .ping:
            return []  // pings are the manager's: it owns the socket and the statistics
        case .stopLive:
            guard paused else { return [] }
            paused = false
            return tearDown() + [.stopLive] + transition(to: .stopped, now: now, because: "stop-live timeout after pause")
        }
    }

    // MARK: Helpers

    private mutating func backOff(_ reason: BackoffReason, now: Date, random: Double, because detail: String) -> [Effect] {
        let delay = backoff.delay(reason: reason, attempt: attempt, unit: random)
        attempt += 1
        let until = now.addingTimeInterval(delay)
        return transition(to: .backingOff(until: until, reason: reason), now: now, because: "\(detail); retry in \(String(format: "%.1f", delay)) s")
            + [.schedule(.retry, at: until)]
    }

    /// Closes sockets and cancels every timer.
    private mutating func tearDown() -> [Effect] {
        var effects: [Effect] = SessionTimer.allCases.map { .cancel($0) }
        if let socket { effects.append(.closeSocket(generation: socket)) }
        if let pending { effects.append(.closeSocket(generation: pending.generation)) }
        socket = nil
        pending = nil
        ticket = nil
        liveSince = nil
        paused = false
        refreshRefused = false
        return effects
    }

    private mutating func transition(to next: SessionState, now: Date, because reason: String) -> [Effect] {
        guard next != state else { return [] }
        let previous = state
        state = next
        stateSince = now
        return [.event(.stateChanged, "\(previous.word) → \(next.word): \(reason)")]
    }
}
