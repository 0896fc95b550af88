import Foundation
import VicohomeAPI

/// The token re-check (see ``AuthGate``): after a 401 every session waits, and one ticket
/// request tries the same token again, at the policy's pace, or every few seconds while a
/// live view waits for a refresh that the cloud refused.
extension SessionManager {
    /// What a ticket answer says about the token.
    static func verdict(on outcome: Result<WebRTCTicket, VicohomeError>) -> AuthGate.Verdict {
        switch outcome {
        case .success: .accepted
        case .failure(let error):
            switch error.category {
            case .auth: .refused
            case .device: .accepted  // 101 and 102 name the camera: the token passed
            case .network, .configuration: .unknown
            }
        }
    }

    /// Acts on what a ticket answer changed at the gate, once the answering session has
    /// taken the answer.
    func gateChanged(_ change: AuthGate.Change, verdict: AuthGate.Verdict, answering serial: String) {
        switch change {
        case .closed(let wait):
            let at = planAuthRecheck(notAfter: clock.now.addingTimeInterval(wait), replacing: true)
            let seconds = Int(at.timeIntervalSince(clock.now).rounded())
            logger.warning("the cloud refused the token: sessions wait, live ones keep their sockets; the same token is re-checked in \(seconds) s, a new one resumes at once")
            for other in devices.keys.sorted() where other != serial { feed(other, .authPaused) }
        case .reopened:
            cancelAuthRecheck()
            logger.notice("the cloud accepts the token again: resuming every session")
            for other in devices.keys.sorted() where other != serial { feed(other, .authRestored) }
        case .none:
            // A refusal that decides nothing (the answer to a request sent with an older token,
            // or before the gate last changed): if requests may go out, this session asks again.
            if verdict == .refused, auth.allowsRequest(from: serial) { feed(serial, .authRestored) }
        }
    }

    /// A session was refused for the token (by the cloud, or held at the closed gate); if it
    /// is a live session whose refresh was refused, the re-check may be needed sooner.
    func sessionRefused() {
        guard authRecheckAt != nil else { return }
        planAuthRecheck(notAfter: nil, replacing: false)
    }

    /// Schedules the re-check at `notAfter` (or keeps the one planned), brought forward to
    /// the short live-session interval while a live session's refresh stands refused.
    @discardableResult
    func planAuthRecheck(notAfter: Date?, replacing: Bool) -> Date {
        let policy = configuration.backoff
        let now = clock.now
        var at = (replacing ? nil : authRecheckAt) ?? notAfter ?? now.addingTimeInterval(policy.authRecheckDelay(attempt: 0))
        if devices.values.contains(where: { ($0.machine.refusedTicketExpiry ?? .distantPast) > now }) {
            at = min(at, now.addingTimeInterval(policy.authRecheckForLiveSessions))
        }
        guard at != authRecheckAt else { return at }
        authRecheckTask?.cancel()
        authRecheckAt = at
        let clock = self.clock
        let deadline = at
        authRecheckTask = Task { [weak self] in
            do { try await clock.sleep(until: deadline) } catch { return }
            guard !Task.isCancelled else { return }
            await self?.recheckAuth(due: deadline)
        }
        return at
    }

    func cancelAuthRecheck() {
        authRecheckTask?.cancel()
        authRecheckTask = nil
        authRecheckAt = nil
    }

    /// The live session whose refused refresh leaves it the least time, if any.
    private func liveSessionAtRisk(now: Date) -> String? {
        devices.compactMap { serial, runtime in runtime.machine.refusedTicketExpiry.map { (expiry: $0, serial: serial) } }
            .filter { $0.expiry > now }
            .min { ($0.expiry, $0.serial) < ($1.expiry, $1.serial) }?.serial
    }

    /// Lets one session ask for a ticket with the refused token; its answer decides for all.
    /// The live session whose ticket runs out first goes first, as it has the most to lose.
    private func recheckAuth(due deadline: Date) {
        // A re-check replaced or cancelled since this one was planned does not run.
        guard !isShutDown, authRecheckAt == deadline else { return }
        authRecheckAt = nil
        let rescue = liveSessionAtRisk(now: clock.now)
        guard let probe = rescue ?? devices.filter({ $0.value.machine.state == .unauthorized }).keys.min(),
              let wait = auth.recheckDue(probe: probe, rescue: rescue != nil)
        else {
            // Nobody waits for a ticket now; whoever asks next is held and picked up then.
            if !auth.isOpen { planAuthRecheck(notAfter: nil, replacing: true) }
            return
        }
        // Should the probe give no verdict (stopped, removed, a server error), the next re-check picks again.
        planAuthRecheck(notAfter: clock.now.addingTimeInterval(wait), replacing: true)
        logger.notice("re-checking the refused token with one ticket request (\(probe))")
        feed(probe, .authRecheck)
    }
}
