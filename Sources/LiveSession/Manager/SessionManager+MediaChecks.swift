import Foundation

extension SessionManager {
    /// Checks `serial`'s live view: a view from the offer to a few seconds of decoded video,
    /// over the session's own socket, queued behind the checks already running (at most
    /// ``SessionConfiguration/mediaConcurrency`` at once). Nothing happens while one runs.
    public func checkMedia(_ serial: String) {
        startMedia(serial, length: .seconds(configuration.mediaCheckSeconds))
    }

    /// Checks every live camera's live view (bounded as ``checkMedia(_:)``).
    public func checkAllMedia() {
        for serial in devices.keys.sorted() where devices[serial]?.machine.state.isLive == true { checkMedia(serial) }
    }

    /// Keeps a live view running on `serial` (a preview: figures and a thumbnail at most
    /// once a second) until ``stopMedia(_:)``; only one preview runs at a time.
    public func startPreview(_ serial: String) {
        for other in devices.keys where other != serial && devices[other]?.media.previewing == true { stopMedia(other) }
        if devices[serial]?.mediaTask != nil, devices[serial]?.media.previewing == false { stopMedia(serial) }
        startMedia(serial, length: .untilCancelled)
    }

    /// Ends `serial`'s check or preview; its pipeline is freed before the task ends.
    public func stopMedia(_ serial: String) {
        guard let task = devices[serial]?.mediaTask else { return }
        task.cancel()
        devices[serial]?.mediaTask = nil
        devices[serial]?.media.previewing = false
        switch devices[serial]?.media.state {
        case .queued?, .checking?:
            // A view stopped before its verdict leaves the last verdict standing, at once.
            // (Read first: an optional-chained assignment evaluates its right side inside the write.)
            let prior = devices[serial]?.mediaPriorState ?? .never
            devices[serial]?.media.state = prior
        default:
            break
        }
        publish(serial)
    }

    /// Whether any live view is queued or running.
    public var mediaBusy: Bool { devices.values.contains { $0.mediaTask != nil } }

    /// Waits until no live view is queued or running, or `timeout` passes; true when idle.
    public func waitForMediaIdle(timeout: Duration) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while mediaBusy {
            if clock.now >= deadline || Task.isCancelled { return false }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return true
    }

    /// Re-checks every camera's live view each `interval`, one camera at a time, spread
    /// evenly over the interval (so a fleet is never woken all at once).
    public func scheduleMediaChecks(every interval: Duration) {
        mediaScheduleTask?.cancel()
        mediaScheduleTask = Task { [weak self] in
            while !Task.isCancelled {
                guard let self else { return }
                let serials = await self.serialsSorted()
                let step = interval / max(1, serials.count)
                for serial in serials {
                    // A camera that is down gets no check: its session already says why.
                    if await self.isComingUpOrLive(serial) { await self.checkMedia(serial) }
                    try? await Task.sleep(for: step)
                    if Task.isCancelled { return }
                }
                if serials.isEmpty { try? await Task.sleep(for: interval) }
            }
        }
    }

    private func serialsSorted() -> [String] { devices.keys.sorted() }

    private func isComingUpOrLive(_ serial: String) -> Bool { devices[serial]?.machine.state.isComingUpOrLive == true }

    // MARK: Running one view

    private func startMedia(_ serial: String, length: MediaViewRequest.Length) {
        guard devices[serial] != nil, devices[serial]?.mediaTask == nil else { return }
        let now = clock.now
        guard let engine = configuration.mediaEngine else {
            finish(serial, run: nil, MediaOutcome(verdict: .unavailable(reason: "no media engine in this program")), now: now)
            return
        }
        devices[serial]?.mediaRun += 1
        let run = devices[serial]?.mediaRun ?? 0
        let prior = devices[serial]?.media.state ?? .never
        devices[serial]?.mediaPriorState = prior
        devices[serial]?.media.state = .queued
        devices[serial]?.media.previewing = length == .untilCancelled
        devices[serial]?.media.startedAt = now
        devices[serial]?.media.waterfall = []
        devices[serial]?.media.fpsHistory = []
        devices[serial]?.media.kbpsHistory = []
        let request = MediaViewRequest(serialNumber: serial, length: length, relayOnly: configuration.mediaRelayOnly,
                                       loopbackOnly: configuration.mediaLoopbackOnly)
        let limiter = mediaLimiter
        devices[serial]?.mediaTask = Task { [weak self] in
            // Off the actor: the first call loads GStreamer, which can take a moment.
            if let reason = engine.unavailableReason {
                await self?.finish(serial, run: run, MediaOutcome(verdict: .unavailable(reason: reason)), now: nil)
                return
            }
            guard await limiter.acquireUnlessCancelled() else { return }
            defer { Task { await limiter.release() } }
            guard let self, !Task.isCancelled else { return }
            let channel: MediaSignalingChannel
            do {
                channel = try await self.attachMedia(serial, timeout: .seconds(30))
            } catch {
                // A view stopped while it waited for its session has no verdict of its own.
                if !Task.isCancelled {
                    await self.finish(serial, run: run, MediaOutcome(verdict: .failed(phase: "session", reason: "\(error)")), now: nil)
                }
                return
            }
            defer { channel.close() }
            await self.mediaProgress(serial, run: run, .phase(name: "waiting", ms: 0))
            let (updates, feed) = AsyncStream.makeStream(of: MediaProgress.self)
            let relay = Task { [weak self] in
                for await update in updates { await self?.mediaProgress(serial, run: run, update) }
            }
            let outcome = await engine.view(request, channel: channel) { feed.yield($0) }
            feed.finish()
            await relay.value
            await self.finish(serial, run: run, outcome, now: nil)
        }
        publish(serial)
    }

    private func mediaProgress(_ serial: String, run: Int, _ progress: MediaProgress) {
        guard devices[serial]?.mediaRun == run, devices[serial]?.mediaTask != nil else { return }
        switch progress {
        case .phase(let name, let ms):
            devices[serial]?.media.state = .checking(phase: name)
            if name == Self.firstFramePhase { releaseReplacedSocket(serial) }
            guard name != "waiting" else { break }
            devices[serial]?.media.waterfall.append(MediaPhaseTime(name: name, ms: ms))
            emit(serial, .mediaPhase, "live view: \(name) at \(Int(ms.rounded())) ms", now: clock.now)
        case .figures(let figures, let thumbnail, let pair):
            let lost = figures.packetsLost - (devices[serial]?.media.figures.packetsLost ?? 0)
            devices[serial]?.media.record(figures)
            if let thumbnail { devices[serial]?.media.thumbnail = thumbnail }
            if let pair { devices[serial]?.media.selectedPair = pair }
            SessionMetrics.mediaFigures(serial: serial, fps: figures.fps, bitrateBps: figures.bitrateBps, newlyLost: max(0, lost))
        }
        publish(serial)
    }

    /// The phase after which a connected peer no longer needs the signaling socket.
    static var firstFramePhase: String { "first decoded frame" }

    /// Once video flows, a socket that a refresh replaced is kept for nothing: close it.
    private func releaseReplacedSocket(_ serial: String) {
        guard let pending = devices[serial]?.closeAfterMedia, !pending.isEmpty else { return }
        for generation in pending {
            endMediaTaps(serial, generation: generation)
            dropSocket(serial, generation: generation)
        }
    }

    /// Records a view's end; `run` nil for a verdict given without running one.
    private func finish(_ serial: String, run: Int?, _ outcome: MediaOutcome, now: Date?) {
        guard devices[serial] != nil else { return }
        if let run, devices[serial]?.mediaRun != run { return }
        let now = now ?? clock.now
        var media = devices[serial]?.media ?? MediaStatus()
        let cancelledQuietly = outcome.verdict == .cancelled
        // A view stopped before its verdict leaves the last verdict standing.
        media.state = cancelledQuietly ? (devices[serial]?.mediaPriorState ?? .never) : .done(outcome.verdict)
        media.previewing = false
        // A cancelled run's details stay with it: the verdict shown is the last finished one.
        if !cancelledQuietly {
            media.checkedAt = now
            if !outcome.waterfall.isEmpty { media.waterfall = outcome.waterfall }
            media.selectedPair = outcome.selectedPair ?? media.selectedPair
            media.candidatePairs = outcome.candidatePairs
            media.dtlsState = outcome.dtlsState
            media.dataChannelState = outcome.dataChannelState
            if outcome.figures.framesDecoded > 0 || outcome.figures.packetsReceived > 0 { media.figures = outcome.figures }
            if let thumbnail = outcome.thumbnail { media.thumbnail = thumbnail }
        }
        devices[serial]?.media = media
        if run != nil { devices[serial]?.mediaTask = nil }
        switch outcome.verdict {
        case .ok(_, let ms):
            SessionMetrics.mediaCheck(serial: serial, result: "ok", phase: "")
            SessionMetrics.mediaFirstFrame(ms: ms)
        case .failed(let phase, _):
            SessionMetrics.mediaCheck(serial: serial, result: "failed", phase: phase)
        case .unavailable:
            SessionMetrics.mediaCheck(serial: serial, result: "unavailable", phase: "")
        case .cancelled:
            break
        }
        SessionMetrics.mediaPath(serial: serial, code: media.pathCode)
        if !cancelledQuietly { emit(serial, .mediaVerdict, "live view \(outcome.verdict.line)", now: now) }
        publish(serial)
    }
}

extension SessionState {
    /// Live, or on its way there (not waiting out a back-off, failed, refused or stopped).
    var isComingUpOrLive: Bool {
        switch self {
        case .idle, .requestingTicket, .connecting, .live, .refreshing: true
        case .backingOff, .unauthorized, .failed, .stopped: false
        }
    }
}
