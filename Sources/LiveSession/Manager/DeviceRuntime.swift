import Foundation
import ICEProbe
import VicohomeAPI

/// What the manager keeps about one device beside its state machine: sockets, pings,
/// phases, candidates and history.
///
/// A class, changed in place: as a struct (well over a kilobyte inline, some thirty
/// references) every `guard var runtime = devices[serial]` on a ping copied and retained
/// all of it, the largest share of the manager's own CPU with 10,000 cameras.
final class DeviceRuntime {
    /// Tells this runtime from an earlier one of a camera removed and added again, so
    /// late answers meant for the old one are dropped.
    let epoch = UUID()
    var name: String?
    var machine: DeviceStateMachine
    var connections: [Int: SignalingConnection] = [:]
    var cameraPresent: [Int: Bool] = [:]
    /// Live views seated on this device's sockets.
    var mediaTaps: [UUID: MediaTap] = [:]
    /// Sockets replaced by a refresh but kept open for the live view seated on them.
    var closeAfterMedia: Set<Int> = []
    /// The live view's status, and the task running one (a check or a preview).
    var media = MediaStatus()
    var mediaTask: Task<Void, Never>?
    /// Tells the current live view from an earlier one whose late reports must be dropped.
    var mediaRun = 0
    /// The live view's state before the current run, restored when that run is cancelled.
    var mediaPriorState: MediaStatus.State = .never
    var ticketRequest = 0
    /// The token gate's generation when the ticket request in flight was sent.
    var ticketRequestGate = 0
    var ticketReceivedAt: Date?
    var phaseStart: Date?
    var phases = SessionPhases()
    var ping = PingStatistics()
    var pingSequence: UInt64 = 0
    var outstandingPing: UInt64?
    /// The first ping of the unanswered round: a probe may follow it, and either pong answers.
    var roundFirstPing: UInt64?
    /// When the current round's first ping went out.
    var roundStartedAt: Date?
    var remoteCandidates: [String] = []
    var localCandidates: [String] = []
    var iceServers: [ICEServerStatus] = []
    var lastError: String?
    var lastEventAt: Date?
    var lastTraceId: String?
    var reconnects: [String: Int] = [:]
    var ticketRequests: [String: Int] = [:]
    var events: [SessionEvent] = []
    var errors: [SessionEvent] = []

    /// This camera's ping metrics, made once (see ``SessionMetrics/PingMeters``).
    let pingMeters: SessionMetrics.PingMeters

    init(serial: String, name: String?, configuration: SessionConfiguration) {
        self.name = name
        self.pingMeters = SessionMetrics.PingMeters(serial: serial)
        self.machine = DeviceStateMachine(serialNumber: serial, backoff: configuration.backoff, planner: configuration.planner)
    }

    func record(_ event: SessionEvent, limit: Int) {
        events.append(event)
        if events.count > limit { events.removeFirst(events.count - limit) }
        if [.ticketFailed, .socketClosed, .pingLost].contains(event.kind) {
            errors.append(event)
            if errors.count > limit { errors.removeFirst(errors.count - limit) }
        }
        lastEventAt = event.at
    }

    func milestone(_ keyPath: WritableKeyPath<SessionPhases, Double?>, at now: Date) {
        guard phases[keyPath: keyPath] == nil, let start = phaseStart else { return }
        phases[keyPath: keyPath] = (now.timeIntervalSince(start) * 1000).rounded()
    }

    func snapshot(at now: Date) -> DeviceSnapshot {
        let ticket = machine.ticket
        return DeviceSnapshot(
            serialNumber: machine.serialNumber, name: name, state: machine.state, stateSince: machine.stateSince,
            ticket: ticket.map { TicketSummary($0, skew: machine.skew, receivedAt: ticketReceivedAt ?? now) },
            ping: ping, cameraPresent: machine.socket.flatMap { cameraPresent[$0] } ?? false,
            remoteCandidates: remoteCandidates, localCandidates: localCandidates, iceServers: iceServers,
            phases: phases, attempt: machine.attempt, lastError: lastError, lastEventAt: lastEventAt,
            reconnects: reconnects, ticketRequests: ticketRequests, updatedAt: now, media: media)
    }
}
