import Foundation
import VicohomeAPI

/// A receive-only WebRTC viewer that proves a live view end to end: offer, trickle, ICE,
/// DTLS, the data channel's `startLive`, RTP, the first keyframe and the first decoded frame.
///
/// It rides the session's own signaling socket: `send` puts a message on it and
/// `incoming` carries what the camera sends (answers, candidates, `PEER_OUT`); when
/// `incoming` ends, the socket is gone. One call is one view; it ends with a report.
public enum LiveViewer {
    private enum Input: Sendable {
        case peer(PeerEvent)
        case signal(SignalingMessage)
        case signalingClosed
        case tick
    }

    /// Runs one live view and returns what it found. Cancelling the task ends the view
    /// (and frees its pipeline) at once.
    public static func run(
        _ request: LiveViewRequest,
        send: @escaping @Sendable (SignalingMessage) -> Void,
        incoming: AsyncStream<SignalingMessage>,
        updates: @escaping @Sendable (LiveViewUpdate) -> Void = { _ in }
    ) async -> LiveViewReport {
        var view = ViewState(request: request)
        let availability = GStreamerRuntime.viewer
        guard availability.isAvailable else {
            return view.finish(.unavailable(reason: availability.advice))
        }
        let peer: WebRTCPeer
        do {
            peer = try WebRTCPeer(pipeline: LiveViewPipeline.viewer)
        } catch {
            return view.finish(.failed(phase: .offerSent, reason: error.description))
        }
        defer { peer.close() }
        view.peer = peer
        view.updates = updates
        let options = request.options
        if options.loopbackOnly { peer.restrictAddresses(["127.0.0.1"]) }
        let servers = WebRTCBinServers(request.ticket.iceServers)
        view.relayFallback = servers.turnTransports.first ?? "udp"
        peer.setICEServers(stun: servers.stun, turn: servers.turn)
        peer.setRelayOnly(options.relayOnly)
        peer.setDecoders(h264: LiveViewPipeline.h264Decoder(width: options.thumbnailWidth),
                         h265: LiveViewPipeline.h265Decoder(width: options.thumbnailWidth))
        do { try peer.start() } catch {
            return view.finish(.failed(phase: .offerSent, reason: error.description))
        }
        peer.addReceiver(caps: ViewerOffer.videoCaps)
        peer.createChannel(label: ViewerOffer.channelLabel)
        peer.createOffer()
        view.send = send

        let (inputs, feed) = AsyncStream.makeStream(of: Input.self)
        let peerEvents = Task {
            for await event in peer.events { feed.yield(.peer(event)) }
        }
        let signals = Task {
            for await message in incoming { feed.yield(.signal(message)) }
            feed.yield(.signalingClosed)
        }
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                feed.yield(.tick)
            }
        }
        defer {
            peerEvents.cancel()
            signals.cancel()
            ticker.cancel()
            feed.finish()
        }
        await withTaskCancellationHandler {
            for await input in inputs {
                switch input {
                case .peer(let event): view.handle(event)
                case .signal(let message): view.handle(message)
                case .signalingClosed:
                    // Once video flows the peer no longer needs the socket.
                    if !view.timeline.has(.firstFrame) { view.fail(view.timeline.awaiting ?? .firstFrame, "the signaling socket closed") }
                case .tick: view.tick()
                }
                if view.verdict != nil || Task.isCancelled { break }
            }
        } onCancel: {
            feed.finish()
        }
        if view.verdict == nil {
            // A preview ends by cancellation: once video flowed, that is a success.
            if view.timeline.has(.firstFrame) { view.succeed() } else { view.fail(view.timeline.awaiting ?? .firstFrame, "cancelled") }
        }
        if view.stopLive() {
            // Let the message leave before the pipeline (and its SCTP association) goes.
            try? await Task.sleep(for: .milliseconds(100))
        }
        let report = view.finish(view.verdict!)
        updates(.finished(report))
        return report
    }
}

/// The running view's state; only the loop in ``LiveViewer/run`` touches it.
private struct ViewState {
    let request: LiveViewRequest
    let clock = ContinuousClock()
    let started: ContinuousClock.Instant
    let startedAt = Date()
    var peer: WebRTCPeer?
    var send: (@Sendable (SignalingMessage) -> Void)?
    var updates: (@Sendable (LiveViewUpdate) -> Void)?
    var timeline = LiveViewTimeline()
    var verdict: LiveViewVerdict?
    var answer: CameraAnswer?
    var localCandidates: [String] = []
    var remoteCandidates: [String] = []
    var pendingRemote: [(Int, String)] = []
    var ignoredRemote = 0
    var remoteSet = false
    var hostCandidate: String?
    var lastHostResend: Double = 0
    var lastStats: Double = -1e9
    var lastKeyframeRequest: Double = -1e9
    var startLive: StartLiveRequest?
    var health = MediaHealth()
    var rates = MediaRates()
    var selectedPair: SelectedPair?
    var relayFallback = "udp"
    var iceState = "new", dtlsState = "new", channelState = "none"
    var mid = "0"

    init(request: LiveViewRequest) {
        self.request = request
        started = clock.now
    }

    var nowMs: Double { (clock.now - started).milliseconds }

    mutating func mark(_ phase: LiveViewPhase) {
        let ms = nowMs
        if timeline.mark(phase, at: ms) { updates?(.phase(phase, ms: ms)) }
    }

    mutating func fail(_ phase: LiveViewPhase, _ reason: String) {
        guard verdict == nil else { return }
        verdict = .failed(phase: phase, reason: reason)
    }

    // MARK: Peer events

    mutating func handle(_ event: PeerEvent) {
        switch event {
        case .descriptionCreated(.offer, let sdp):
            let offer = ViewerOffer.munge(sdp)
            mid = SDPDocument(offer).media.first?.attributes("mid").first ?? "0"
            peer?.setLocal(.offer, sdp: offer)
            send?(SignalingMessage(kind: .sdpOffer, senderClientId: request.ticket.id, recipientClientId: request.serialNumber,
                                   sessionId: request.ticket.traceId, payload: .object(["type": .string("offer"), "sdp": .string(offer)])))
            mark(.offerSent)
        case .descriptionCreated(.answer, _):
            break
        case .descriptionFailed(let why):
            fail(timeline.has(.answer) ? .answer : .offerSent, "webrtcbin refused the description: \(why)")
        case .remoteDescriptionSet:
            remoteSet = true
            for (index, line) in pendingRemote { peer?.addCandidate(mLineIndex: index, line: line) }
            pendingRemote = []
        case .localCandidate(_, let line):
            guard !line.isEmpty else { return }
            localCandidates.append(line)
            mark(.firstLocalCandidate)
            if hostCandidate == nil, line.contains(" typ host"), line.uppercased().contains(" UDP ") { hostCandidate = line }
            sendCandidate(line)
        case .iceState(let state):
            iceState = "\(state)"
            switch state {
            case .checking: mark(.iceChecking)
            case .connected, .completed:
                mark(.iceChecking)
                mark(.iceConnected)
                peer?.requestStats()
            case .failed: fail(.iceConnected, "ICE failed: \(iceDetail)")
            default: break
            }
        case .connectionState(let state):
            if state == .connected { mark(.dtlsConnected) }
            if state == .failed {
                fail(timeline.has(.iceConnected) ? .dtlsConnected : .iceConnected,
                     timeline.has(.iceConnected) ? "DTLS failed" : "ICE failed: \(iceDetail)")
            }
        case .dtlsState(let state):
            dtlsState = "\(state)"
            if state == .connected { mark(.dtlsConnected) }
            if state == .failed { fail(.dtlsConnected, "DTLS failed") }
        case .channelOpen:
            channelState = "open"
            mark(.dataChannelOpen)
            sendStartLive()
        case .channelMessage(let text):
            switch DataChannelMessage(text: text) {
            case .dataChannelConnected:
                // Firmwares that announce the channel want startLive after the announcement.
                if !timeline.has(.startLiveAcknowledged) { sendStartLive() }
            case .reply(let id, let value):
                guard id == nil || id == startLive?.requestID else { return }
                if value == 0 {
                    mark(.startLiveAcknowledged)
                    lastKeyframeRequest = nowMs - 1e9
                } else {
                    fail(.startLiveAcknowledged, "startLive refused: returnValue \(value)")
                }
            case .other, .unreadable:
                break
            }
        case .channelClosed:
            channelState = "closed"
            if !timeline.has(.firstFrame) { fail(timeline.awaiting ?? .dataChannelOpen, "the camera closed the data channel") }
        case .channelError(let why):
            channelState = "error"
            fail(timeline.has(.dataChannelOpen) ? (timeline.awaiting ?? .firstFrame) : .dataChannelOpen, "data channel error: \(why)")
        case .stream(let caps):
            health.codec = Self.capsField("encoding-name", caps) ?? ""
            health.profile = Self.capsField("profile-level-id", caps) ?? ""
        case .firstRTP:
            mark(.firstRTP)
        case .keyframe:
            mark(.firstKeyframe)
        case .firstFrame:
            mark(.firstFrame)
            peer?.requestStats()
        case .stats(let text):
            readStats(WebRTCStatsReport(flattened: text))
        case .error(let why):
            if !timeline.has(.firstFrame) { fail(timeline.awaiting ?? .firstFrame, "GStreamer: \(why)") }
        }
    }

    // MARK: Signaling

    mutating func handle(_ message: SignalingMessage) {
        switch message.kind {
        case .sdpAnswer:
            guard answer == nil, let description = message.sessionDescription else { return }
            let read = CameraAnswer(sdp: description.sdp)
            answer = read
            mark(.answer)
            guard read.isH264 else {
                fail(.answer, "the camera answered \(read.videoCodec ?? "no video")\(read.videoCodec == "H265" ? " (H.265)" : ""), which this viewer did not offer")
                return
            }
            peer?.setRemote(.answer, sdp: read.normalizedSDP)
        case .iceCandidate:
            guard let candidate = message.candidate, !candidate.candidate.isEmpty else { return }
            let line = candidate.candidate
            if request.options.loopbackOnly, !Self.isLoopback(line) {
                ignoredRemote += 1
                return
            }
            remoteCandidates.append(line)
            mark(.firstRemoteCandidate)
            let index = candidate.sdpMLineIndex ?? 0
            if remoteSet { peer?.addCandidate(mLineIndex: index, line: line) } else { pendingRemote.append((index, line)) }
        case .peerOut:
            if message.peer?.isCamera == true, !timeline.has(.firstFrame) { fail(timeline.awaiting ?? .firstFrame, "the camera left (PEER_OUT)") }
        default:
            break
        }
    }

    private func sendCandidate(_ line: String) {
        send?(SignalingMessage(kind: .iceCandidate, senderClientId: request.ticket.id, recipientClientId: request.serialNumber,
                               sessionId: request.ticket.traceId,
                               payload: .object(["candidate": .string(line), "sdpMid": .string(mid), "sdpMLineIndex": .number(0)])))
    }

    /// Tells the camera to stop sending, when it was asked to start; true when sent.
    func stopLive() -> Bool {
        guard let startLive, channelState == "open" else { return false }
        return peer?.send(text: startLive.stopJSON) ?? false
    }

    private mutating func sendStartLive() {
        let request = startLive ?? StartLiveRequest(ticket: self.request.ticket, clientName: self.request.clientName,
                                                    openTime: self.request.openTime, size: self.request.options.size)
        startLive = request
        peer?.send(text: request.json)
    }

    // MARK: Time

    mutating func tick() {
        let now = nowMs
        let options = request.options
        if let failure = timeline.overdue(at: now, timeouts: options.timeouts, iceDetail: iceDetail) {
            fail(failure.phase, failure.reason)
            return
        }
        if let host = hostCandidate, now - lastHostResend >= max(1, request.ticket.signalPingInterval) * 1000 {
            if lastHostResend > 0 { sendCandidate(host) }
            lastHostResend = now
        }
        if timeline.has(.startLiveAcknowledged), !timeline.has(.firstKeyframe),
           now - lastKeyframeRequest >= options.keyframeRequestInterval.milliseconds {
            lastKeyframeRequest = now
            if peer?.requestKeyframe(fullIntra: false) == true { health.keyframeRequests += 1 }
            if peer?.requestKeyframe(fullIntra: true) == true { health.keyframeRequests += 1 }
        }
        if timeline.has(.iceConnected), now - lastStats >= options.statsInterval.milliseconds {
            lastStats = now
            peer?.requestStats()
        }
        if let first = timeline.reached[.firstFrame], now - first >= options.watchSeconds * 1000, selectedPair != nil || now - first > 3000 {
            succeed()
        }
    }

    mutating func succeed() {
        let ms = Int((timeline.reached[.firstFrame] ?? nowMs).rounded())
        let path = selectedPair?.path(relayTransportFallback: relayFallback)
            ?? (request.options.relayOnly ? .relay(transport: relayFallback) : .p2p)
        verdict = .ok(path: path, firstFrameMs: ms)
    }

    private mutating func readStats(_ report: WebRTCStatsReport) {
        if let pair = report.selectedPair { selectedPair = pair }
        if let inbound = report.inbound {
            health.packetsReceived = inbound.packetsReceived
            health.bytesReceived = inbound.bytesReceived
            // RTCP counts loss only at its next report; the sequence numbers know it at once.
            let counts = peer?.rtpCounts() ?? (received: 0, expected: 0)
            health.packetsLost = max(inbound.packetsLost, counts.expected - counts.received)
            health.jitterMs = inbound.jitterSeconds * 1000
            health.nackCount = inbound.nackCount
            health.pliCount = inbound.pliCount
            health.firCount = inbound.firCount
        }
        absorbFrames()
        rates.update(&health, at: nowMs / 1000)
        if timeline.has(.firstFrame) { updates?(.health(health, latestFrame: peer?.frames.latest)) }
    }

    /// Copies the frame tap's counts into the figures.
    private mutating func absorbFrames() {
        guard let reading = peer?.frames.reading else { return }
        health.framesDecoded = reading.frames
        health.freezes = reading.freezes
        health.frozenSeconds = reading.frozenSeconds
        if reading.sourceWidth > 0 {
            health.width = reading.sourceWidth
            health.height = reading.sourceHeight
        }
    }

    // MARK: Words

    var iceDetail: String {
        let pairs = LiveViewReport.possiblePairs(local: localCandidates, remote: remoteCandidates)
        if request.options.relayOnly, !localCandidates.contains(where: { $0.contains(" typ relay") }) {
            return "no relay candidate — TURN refused the credentials or cannot be reached"
        }
        if remoteCandidates.isEmpty { return "the camera sent no candidate\(ignoredRemote > 0 ? " on loopback (\(ignoredRemote) ignored)" : "")" }
        return "0 of \(pairs) pairs answered"
    }

    static func isLoopback(_ line: String) -> Bool {
        let fields = line.split(separator: " ")
        guard fields.count > 4 else { return false }
        let address = fields[4]
        return address.hasPrefix("127.") || address == "::1"
    }

    static func capsField(_ name: String, _ caps: String) -> String? {
        guard let range = caps.range(of: "\(name)=(string)") else { return nil }
        return String(caps[range.upperBound...].prefix { $0 != "," && $0 != ";" && $0 != " " })
    }

    mutating func finish(_ verdict: LiveViewVerdict) -> LiveViewReport {
        absorbFrames()
        return LiveViewReport(
            serialNumber: request.serialNumber, traceId: request.ticket.traceId, startedAt: startedAt, timeline: timeline,
            verdict: verdict, selectedPair: selectedPair, localCandidates: localCandidates, remoteCandidates: remoteCandidates,
            ignoredRemoteCandidates: ignoredRemote, answer: answer, iceState: iceState, dtlsState: dtlsState,
            channelState: channelState, health: health, lastFrame: peer?.frames.latest, relayOnly: request.options.relayOnly)
    }
}
