import Foundation
import ICEProbe
import Logging
import VicohomeAPI

/// Keeps live-view sessions to many cameras healthy: tickets fetched and refreshed
/// before they expire, signaling sockets kept alive with pings, failures recovered by
/// the rules of ``DeviceStateMachine``.
///
/// Consumers read ``snapshots`` at any moment without waiting, and follow ``events()``.
/// Commands (``reconnect(_:)``, ``refreshTicket(_:)``, ``stop(_:)``, …) return at once;
/// their effects show in later snapshots.
///
/// ```swift
/// let manager = SessionManager(client: client)
/// await manager.start()
/// for device in try await client.listDevices() { await manager.add(device.serialNumber, name: device.deviceName) }
/// await manager.startAll()
/// ```
public actor SessionManager {
    private var client: VicohomeClient
    let configuration: SessionConfiguration
    let clock: any SessionClock
    private let scheduler: TimerScheduler
    private let limiter: ConcurrencyLimiter
    let mediaLimiter: ConcurrencyLimiter
    var mediaScheduleTask: Task<Void, Never>?
    private let store = SnapshotStore()
    private let hub = EventHub()
    let logger: Logger
    var devices: [String: DeviceRuntime] = [:]
    // The token re-check's state (see SessionManager+TokenRecheck.swift).
    var auth: AuthGate
    var authRecheckTask: Task<Void, Never>?
    var authRecheckAt: Date?
    private var schedulerTask: Task<Void, Never>?
    /// Every socket's events, in one stream with one reader (see ``SocketEventGate``).
    private let socketEvents: AsyncStream<SocketEventGate.Item>
    private let socketEventSink: AsyncStream<SocketEventGate.Item>.Continuation
    private var socketEventTask: Task<Void, Never>?
    private var random = SystemRandomNumberGenerator()
    private var vpn: ConnectionReport.VPNStatus?
    private(set) var isShutDown = false

    /// Creates a manager; call ``start()`` to run its timers.
    public init(client: VicohomeClient, configuration: SessionConfiguration = SessionConfiguration(),
                clock: any SessionClock = SystemClock(), logger: Logger = Logger(label: "vicotop.session")) {
        self.client = client
        self.configuration = configuration
        self.clock = clock
        self.scheduler = TimerScheduler(clock: clock, leeway: configuration.timerLeeway.inSeconds)
        self.limiter = ConcurrencyLimiter(limit: configuration.maxConcurrentTicketRequests)
        self.mediaLimiter = ConcurrencyLimiter(limit: configuration.mediaConcurrency)
        self.auth = AuthGate(policy: configuration.backoff)
        self.logger = logger
        (socketEvents, socketEventSink) = AsyncStream.makeStream(of: SocketEventGate.Item.self)
    }

    // MARK: Reading

    /// The latest snapshot of every device, in the order they were added.
    public nonisolated var snapshots: [DeviceSnapshot] { store.all }

    /// The latest snapshot of one device.
    public nonisolated func snapshot(_ serial: String) -> DeviceSnapshot? { store.get(serial) }

    /// A stream of every session event from now on.
    public nonisolated func events(buffer: Int = 4096) -> AsyncStream<SessionEvent> { hub.subscribe(buffer: buffer) }

    /// A stream that yields whenever some snapshot changed; bursts fold into one element.
    /// Read ``snapshots`` after each element.
    public nonisolated func snapshotChanges() -> AsyncStream<Void> { store.changes() }

    /// Whether a VPN was detected when the manager started (nil when ICE probing is off).
    public func vpnStatus() -> ConnectionReport.VPNStatus? { vpn }

    /// The connection report of one device's current (or last) session.
    public func report(_ serial: String) -> ConnectionReport? {
        guard let runtime = devices[serial] else { return nil }
        let snapshot = runtime.snapshot(at: clock.now)
        return ConnectionReport(
            traceId: snapshot.ticket?.traceId ?? runtime.lastTraceId, serialNumber: serial, name: runtime.name,
            generatedAt: clock.now, state: snapshot.state, ticket: snapshot.ticket, phases: snapshot.phases,
            ping: .init(snapshot.ping), iceServers: snapshot.iceServers, localCandidates: snapshot.localCandidates,
            remoteCandidates: snapshot.remoteCandidates, vpn: vpn, errors: runtime.errors, events: runtime.events,
            media: MediaReport(runtime.media))
    }

    // MARK: Lifecycle

    /// Starts the timer scheduler.
    public func start() {
        guard schedulerTask == nil else { return }
        let scheduler = self.scheduler
        schedulerTask = Task { [weak self] in
            await scheduler.run { [weak self] keys in await self?.timersFired(keys) }
        }
        if configuration.probeICE {
            let assessment = VPNDetector.detect()
            vpn = .init(detected: assessment.vpnDetected, interfaces: assessment.vpnInterfaces)
        }
    }

    /// Closes every socket and stops the timers.
    public func shutdown() {
        isShutDown = true
        mediaScheduleTask?.cancel()
        // Over a copy of the keys: iterating the table while changing entries copied it whole.
        for serial in Array(devices.keys) {
            stopMedia(serial)
            closeAll(serial)
            scheduler.cancelAll(serialNumber: serial)
        }
        schedulerTask?.cancel()
        schedulerTask = nil
        socketEventSink.finish()
        cancelAuthRecheck()
        hub.finish()
        store.finish()
    }

    // MARK: Commands

    /// Adds a camera (idle until started).
    public func add(_ serial: String, name: String? = nil) {
        guard devices[serial] == nil else { return }
        devices[serial] = DeviceRuntime(serial: serial, name: name, configuration: configuration)
        publish(serial)
    }

    /// Removes a camera, closing its session (no stoplive).
    public func remove(_ serial: String) {
        stopMedia(serial)
        closeAll(serial)
        scheduler.cancelAll(serialNumber: serial)
        devices[serial] = nil
        store.remove(serial)
    }

    /// Starts watching a camera.
    public func startWatching(_ serial: String) { feed(serial, .start) }

    /// Starts watching every camera.
    public func startAll() { for serial in devices.keys.sorted() { feed(serial, .start) } }

    /// Stops watching a camera and ends its live view (stoplive).
    public func stop(_ serial: String) { feed(serial, .stop) }

    /// Pauses a camera: the socket stays for the ticket's `appStopLiveTimeout`, then closes.
    public func pause(_ serial: String) { feed(serial, .pause) }

    /// Resumes a paused or stopped camera.
    public func resume(_ serial: String) { feed(serial, .resume) }

    /// Tears the session down and starts over with a new ticket, cancelling any back-off.
    public func reconnect(_ serial: String) {
        devices[serial]?.reconnects["manual", default: 0] += 1
        SessionMetrics.reconnect(serial: serial, reason: "manual")
        feed(serial, .reconnect)
    }

    /// Reconnects every camera.
    public func reconnectAll() { for serial in devices.keys.sorted() { reconnect(serial) } }

    /// Replaces a live camera's ticket now.
    public func refreshTicket(_ serial: String) { feed(serial, .refreshNow) }

    /// Probes the ICE servers of a camera's current ticket again.
    public func probeICE(_ serial: String) {
        guard let ticket = devices[serial]?.machine.ticket else { return }
        startICEProbe(serial, ticket: ticket)
    }

    /// Uses a new account token; sessions paused as unauthorized resume.
    public func updateToken(_ token: Secret) {
        client = client.withToken(token)
        auth.reset()
        cancelAuthRecheck()
        for serial in devices.keys.sorted() { feed(serial, .tokenChanged) }
    }

    // MARK: The machine

    func feed(_ serial: String, _ input: DeviceStateMachine.Input) {
        guard !isShutDown, let runtime = devices[serial] else { return }
        let now = clock.now
        let effects = runtime.machine.handle(input, now: now, random: Double.random(in: 0..<1, using: &random))
        for effect in effects { execute(effect, serial: serial, now: now) }
        // A live view needs a live session: one that drops or stops ends its running view (a
        // queued one waits for the session to come back, up to attachMedia's limit). A refresh
        // keeps it (the new socket opens before the old one closes, and a connected peer no
        // longer needs the socket).
        if devices[serial]?.mediaTask != nil, devices[serial]?.machine.state.isLive == false,
           case .checking? = devices[serial]?.media.state {
            stopMedia(serial)
        }
        publish(serial)
    }

    private func execute(_ effect: DeviceStateMachine.Effect, serial: String, now: Date) {
        switch effect {
        case .requestTicket(let stopLiveFirst):
            requestTicket(serial, stopLiveFirst: stopLiveFirst, now: now)
        case .openSocket(let generation, let ticket):
            openSocket(serial, generation: generation, ticket: ticket)
        case .closeSocket(let generation):
            // Make-before-break must not break a live view: the socket it rides stays open
            // until the view ends (or the server closes it at the ticket's expiry).
            if devices[serial]?.mediaTaps.values.contains(where: { $0.generation == generation }) == true {
                devices[serial]?.closeAfterMedia.insert(generation)
                return
            }
            dropSocket(serial, generation: generation)
        case .schedule(let timer, let date):
            scheduler.schedule(.init(serialNumber: serial, timer: timer), at: date)
        case .cancel(let timer):
            scheduler.cancel(.init(serialNumber: serial, timer: timer))
        case .stopLive:
            let client = self.client
            Task { try? await client.stopLive(serialNumber: serial) }
        case .authFailed:
            sessionRefused()
        case .event(let kind, let message):
            emit(serial, kind, message, now: now)
        }
    }

    func emit(_ serial: String, _ kind: SessionEvent.Kind, _ message: String, now: Date) {
        guard let runtime = devices[serial] else { return }
        let traceId = runtime.machine.ticket?.traceId ?? runtime.lastTraceId
        let event = SessionEvent(at: now, serialNumber: serial, traceId: traceId, kind: kind,
                                 message: Sanitizer.singleLine(message), state: runtime.machine.state)
        if [.ticketFailed, .socketClosed].contains(kind) { runtime.lastError = event.message }
        if kind == .stateChanged, case .backingOff(_, let reason) = runtime.machine.state {
            runtime.reconnects[reason.rawValue, default: 0] += 1
            SessionMetrics.reconnect(serial: serial, reason: reason.rawValue)
        }
        runtime.record(event, limit: configuration.eventLimit(fleetSize: devices.count))
        // The metadata costs allocations on every event (5 per refresh): build it only when logged.
        if logger.logLevel <= .info {
            var log = logger
            log[metadataKey: "serial"] = "\(serial)"
            if let traceId { log[metadataKey: "traceId"] = "\(traceId)" }
            log.info("\(kind.rawValue): \(event.message)")
        }
        hub.publish(event)
    }

    func publish(_ serial: String) {
        guard let runtime = devices[serial] else { return }
        store.put(runtime.snapshot(at: clock.now))
    }

    // MARK: Tickets

    private func requestTicket(_ serial: String, stopLiveFirst: Bool, now: Date) {
        guard let runtime = devices[serial] else { return }
        if !auth.allowsRequest(from: serial) {
            // No hammering: while the token is refused, nobody asks. (requestTicket is always
            // the last effect of a step, so feeding the machine again here is safe.)
            if runtime.machine.state == .refreshing {
                feed(serial, .ticketFailed(.unauthorized(code: 401, message: "paused until the token is accepted")))
            } else {
                feed(serial, .authPaused)
            }
            return
        }
        runtime.ticketRequest += 1
        runtime.ticketRequestGate = auth.generation
        runtime.phaseStart = now
        runtime.phases = SessionPhases()
        let request = runtime.ticketRequest
        let epoch = runtime.epoch
        let client = self.client
        let clock = self.clock
        let limiter = self.limiter
        Task {
            let outcome: (Result<WebRTCTicket, VicohomeError>, Date, Date) = await limiter.run {
                if stopLiveFirst { try? await client.stopLive(serialNumber: serial) }
                let requestedAt = clock.now
                do throws(VicohomeError) {
                    let ticket = try await client.getWebrtcTicket(serialNumber: serial)
                    return (.success(ticket), requestedAt, clock.now)
                } catch {
                    return (.failure(error), requestedAt, clock.now)
                }
            }
            guard self.devices[serial]?.epoch == epoch else { return }
            self.ticketAnswered(serial, request: request, outcome: outcome.0, requestedAt: outcome.1, receivedAt: outcome.2)
        }
    }

    private func ticketAnswered(_ serial: String, request: Int, outcome: Result<WebRTCTicket, VicohomeError>,
                                requestedAt: Date, receivedAt: Date) {
        guard let runtime = devices[serial], runtime.ticketRequest == request else { return }
        let verdict = Self.verdict(on: outcome)
        let change = auth.answer(verdict, sentIn: runtime.ticketRequestGate)
        defer { gateChanged(change, verdict: verdict, answering: serial) }
        switch outcome {
        case .success(let ticket):
            devices[serial]?.ticketRequests["ok", default: 0] += 1
            SessionMetrics.ticketRequest(serial: serial, result: "ok")
            devices[serial]?.lastTraceId = ticket.traceId
            devices[serial]?.ticketReceivedAt = receivedAt
            devices[serial]?.milestone(\.ticketMs, at: receivedAt)
            feed(serial, .ticketReceived(ticket, requestedAt: requestedAt, receivedAt: receivedAt))
            if configuration.probeICE, devices[serial]?.machine.ticket?.traceId == ticket.traceId || devices[serial]?.machine.state == .refreshing {
                startICEProbe(serial, ticket: ticket)
            }
        case .failure(let error):
            devices[serial]?.ticketRequests[Self.resultName(error), default: 0] += 1
            SessionMetrics.ticketRequest(serial: serial, result: Self.resultName(error))
            feed(serial, .ticketFailed(error))
        }
    }

    private static func resultName(_ error: VicohomeError) -> String {
        switch error {
        case .invalidSerial: "invalid_serial"
        case .deviceOffline: "offline"
        case .unauthorized: "unauthorized"
        case .timeout: "timeout"
        case .connectionFailed: "unreachable"
        case .httpStatus, .malformedBody, .api: "server_error"
        case .invalidConfiguration: "configuration"
        }
    }

    // MARK: Sockets

    private func openSocket(_ serial: String, generation: Int, ticket: WebRTCTicket) {
        let url: SignalingURL
        do {
            url = try SignalingURL(ticket: ticket, name: configuration.clientName, time: clock.now)
        } catch {
            Task { await self.feed(serial, .socketRefused(generation: generation, status: nil)) }
            return
        }
        let timeout = configuration.socketTimeout
        guard let epoch = devices[serial]?.epoch else { return }
        if socketEventTask == nil {
            let events = socketEvents
            socketEventTask = Task { await self.readSocketEvents(events) }
        }
        let gate = SocketEventGate(serial: serial, epoch: epoch, generation: generation, sink: socketEventSink)
        Task {
            do throws(SignalingConnectError) {
                let connection = try await SignalingConnection.connect(url, generation: generation, timeout: timeout) { event in
                    gate.deliver(event)
                }
                guard self.devices[serial]?.epoch == epoch, !self.isShutDown else {
                    connection.close()
                    return
                }
                self.socketConnected(serial, connection)
                // Its events flow only now, after the manager knows the socket, and in order.
                gate.open()
            } catch {
                guard self.devices[serial]?.epoch == epoch else { return }
                switch error {
                case .refused(let status): await self.feed(serial, .socketRefused(generation: generation, status: status))
                case .failed(let detail): await self.feed(serial, .socketFailed(generation: generation, reason: detail))
                }
            }
        }
    }

    /// The one reader of every socket's events; on the actor, it drains what arrived in one wake.
    private func readSocketEvents(_ events: AsyncStream<SocketEventGate.Item>) async {
        for await item in events {
            guard devices[item.serial]?.epoch == item.epoch else { continue }
            socketEvent(item.serial, generation: item.generation, item.event)
        }
    }

    private func socketConnected(_ serial: String, _ connection: SignalingConnection) {
        let generation = connection.generation
        guard let runtime = devices[serial],
              runtime.machine.socket == generation || runtime.machine.pendingSocket == generation
        else {
            connection.close()
            return
        }
        runtime.connections[generation] = connection
        runtime.milestone(\.socketOpenMs, at: clock.now)
        // A new session or the refreshed one: its keep-alive figures start afresh.
        runtime.ping = PingStatistics()
        runtime.outstandingPing = nil
        runtime.roundFirstPing = nil
        runtime.roundStartedAt = nil
        runtime.remoteCandidates = []
        feed(serial, .socketOpened(generation: generation))
    }

    private func socketEvent(_ serial: String, generation: Int, _ event: SignalingConnection.Event) {
        guard devices[serial] != nil else { return }
        let now = clock.now
        switch event {
        case .pong(let sequence, let rtt):
            guard let runtime = devices[serial], generation == runtime.machine.socket,
                  let first = runtime.roundFirstPing, let last = runtime.outstandingPing, (first...last).contains(sequence)
            else { return }
            // The socket's first answer: back to the ticket's cadence, whatever a probe had set.
            if runtime.ping.received == 0, let started = runtime.roundStartedAt,
               let interval = runtime.machine.ticket?.signalPingInterval {
                scheduler.schedule(.init(serialNumber: serial, timer: .ping), at: started.addingTimeInterval(interval))
            }
            runtime.ping.recordAnswer(rttMs: rtt.inMilliseconds)
            runtime.pingMeters.answered(rtt: rtt)
            runtime.outstandingPing = nil
            runtime.roundFirstPing = nil
            devices[serial]?.milestone(\.firstPongMs, at: now)
            publish(serial)
        case .message(let message):
            handleMessage(serial, generation: generation, message, now: now)
        case .unreadable(let why):
            emit(serial, .remoteCandidate, "unreadable signaling message: \(why)", now: now)
        case .closed(let code):
            devices[serial]?.connections[generation] = nil
            endMediaTaps(serial, generation: generation)
            feed(serial, .socketClosed(generation: generation, code: code))
        }
    }

    private func handleMessage(_ serial: String, generation: Int, _ message: SignalingMessage, now: Date) {
        guard devices[serial] != nil else { return }
        // No offer of our own on PEER_IN: a live view's offer comes from a media engine
        // seated on this socket (attachMedia), and only when a check asks for one.
        forwardToMedia(serial, generation: generation, message)
        switch message.kind {
        case .peerIn:
            guard message.peer?.isCamera == true else { return }
            devices[serial]?.cameraPresent[generation] = true
            devices[serial]?.milestone(\.cameraInMs, at: now)
            emit(serial, .cameraJoined, "camera joined (\(message.peer?.name ?? serial))", now: now)
        case .peerOut:
            guard message.peer?.isCamera == true else { return }
            devices[serial]?.cameraPresent[generation] = false
            emit(serial, .cameraLeft, "camera left the signaling group", now: now)
        case .sdpAnswer:
            devices[serial]?.milestone(\.answerMs, at: now)
            emit(serial, .answerReceived, "camera answered the offer", now: now)
        case .iceCandidate:
            guard let line = message.candidate?.candidate else { return }
            let text: String
            do { text = try ICECandidate(parsing: line).line } catch {
                emit(serial, .remoteCandidate, "unreadable candidate: \(error)", now: now)
                return
            }
            if devices[serial]?.remoteCandidates.contains(text) == false, (devices[serial]?.remoteCandidates.count ?? 0) < 32 {
                devices[serial]?.remoteCandidates.append(text)
            }
            devices[serial]?.milestone(\.firstCandidateMs, at: now)
            emit(serial, .remoteCandidate, "remote candidate \(text)", now: now)
        case .sdpOffer, nil:
            return
        }
        publish(serial)
    }

    private func closeAll(_ serial: String) {
        endMediaTaps(serial, generation: nil)
        guard let connections = devices[serial]?.connections else { return }
        for connection in connections.values { connection.close() }
        devices[serial]?.connections = [:]
    }

    // MARK: Timers and pings

    private func timersFired(_ keys: [TimerScheduler.Key]) {
        for key in keys {
            if key.timer == .ping { ping(key.serialNumber) } else { feed(key.serialNumber, .timer(key.timer)) }
        }
    }

    /// Sends the next ping; the previous one, still unanswered, counts as lost.
    private func ping(_ serial: String) {
        guard let runtime = devices[serial], runtime.machine.state.isLive, let generation = runtime.machine.socket,
              let connection = runtime.connections[generation], let interval = runtime.machine.ticket?.signalPingInterval
        else { return }
        let now = clock.now
        // The socket's first ping unanswered after `firstPongProbe`: one probe, same round.
        if runtime.outstandingPing != nil, runtime.ping.sent == 1, runtime.ping.received == 0,
           let started = runtime.roundStartedAt, now < started.addingTimeInterval(interval) {
            sendPing(runtime, on: connection)
            scheduler.schedule(.init(serialNumber: serial, timer: .ping), at: started.addingTimeInterval(interval))
            return
        }
        let lost = runtime.outstandingPing != nil
        if lost {
            runtime.ping.recordLoss()
            runtime.pingMeters.lostOne()
            runtime.outstandingPing = nil
            emit(serial, .pingLost, "ping unanswered (\(runtime.ping.consecutiveMisses) in a row)", now: now)
            if runtime.ping.consecutiveMisses >= configuration.pingMissLimit {
                feed(serial, .pingsMissed(generation: generation))
                return
            }
        }
        connection.forgetPings(before: runtime.pingSequence + 1)
        sendPing(runtime, on: connection)
        runtime.roundFirstPing = runtime.pingSequence
        runtime.roundStartedAt = now
        var next = interval
        if runtime.ping.sent == 1, runtime.ping.received == 0, let probe = configuration.firstPongProbe?.inSeconds, probe < interval {
            next = probe
        }
        scheduler.schedule(.init(serialNumber: serial, timer: .ping), at: now.addingTimeInterval(next))
        // No snapshot for a ping sent: its pong (or its loss, above) publishes the count with
        // the figure that matters, and half the snapshots of a pinging fleet are saved.
        if lost { publish(serial) }
    }

    /// Sends the next ping of a round and counts it; the pong of any ping of the round answers it.
    private func sendPing(_ runtime: DeviceRuntime, on connection: SignalingConnection) {
        runtime.pingSequence += 1
        runtime.outstandingPing = runtime.pingSequence
        connection.sendPing(sequence: runtime.pingSequence)
        runtime.ping.recordSent()
        runtime.pingMeters.sentOne()
    }

    // MARK: ICE

    private func startICEProbe(_ serial: String, ticket: WebRTCTicket) {
        var targets: [ICEProbeTarget] = []
        var statuses: [ICEServerStatus] = []
        for entry in ICETargets.entries(for: ticket.iceServers) {
            switch entry {
            case .target(let target): targets.append(target)
            case .malformed(let uri, let error):
                statuses.append(.init(url: Sanitizer.singleLine(uri), ok: false, rttMs: nil, detail: Sanitizer.singleLine(error.description)))
            }
        }
        let timeout = configuration.iceProbeTimeout
        let traceId = ticket.traceId
        let epoch = devices[serial]?.epoch
        Task {
            let gatherer = CandidateGatherer(configuration: ICEProbeConfiguration(timeout: timeout))
            var candidates: [String] = []
            for await event in gatherer.gather(servers: targets, deadline: .now + timeout) {
                switch event {
                case .candidate(let candidate): candidates.append(candidate.line)
                case .serverResult(let result):
                    statuses.append(Self.status(of: result))
                }
            }
            guard self.devices[serial]?.epoch == epoch else { return }
            self.iceProbed(serial, traceId: traceId, statuses: statuses, candidates: candidates)
        }
    }

    private static func status(of result: ICEProbeResult) -> ICEServerStatus {
        let rtt: Duration? = result.transactions.compactMap(\.roundTripTime).first
        let rttMs: Double? = rtt?.inMilliseconds
        let address: STUNTransportAddress? = result.relayedAddress ?? result.mappedAddress
        let detail: String
        if let failure = result.failure {
            detail = Sanitizer.singleLine(failure.description)
        } else if let address {
            detail = address.description
        } else {
            detail = "ok"
        }
        return ICEServerStatus(url: result.server.description, ok: result.succeeded, rttMs: rttMs, detail: detail)
    }

    private func iceProbed(_ serial: String, traceId: String, statuses: [ICEServerStatus], candidates: [String]) {
        guard devices[serial] != nil else { return }
        devices[serial]?.iceServers = statuses
        devices[serial]?.localCandidates = candidates
        let good = statuses.filter(\.ok).count
        emit(serial, .iceProbed, "ICE servers: \(good)/\(statuses.count) answered, \(candidates.count) local candidates", now: clock.now)
        publish(serial)
    }
}
