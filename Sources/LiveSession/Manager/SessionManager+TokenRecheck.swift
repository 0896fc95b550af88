import Foundation
import VicohomeAPI

/// The token re-check (see ``AuthGate``): after a 401 every session waits, and one ticket
/// request tries the same token again, at the policy's pace, or every few seconds while a
/// live view waits for a refresh that the cloud refused.
extension SessionManager {
    /// The cloud refused the token for `serial`'s request.
    func tokenRefused(by serial: String) {
        if let wait = auth.refused() {
            // The gate just closed (or a probe failed): pause everyone, plan the next re-check.
            let at = planAuthRecheck(notAfter: clock.now.addingTimeInterval(wait), replacing: true)
            let seconds = Int(at.timeIntervalSince(clock.now).rounded())
            logger.warning("the cloud refused the token: sessions wait, live ones keep their sockets; the same token is re-checked in \(seconds) s, a new one resumes at once")
            for other in devices.keys.sorted() where other != serial { feed(other, .authPaused) }
        } else if authRecheckAt != nil {
            // Closed already; a live session's refresh was refused since: it may need the re-check sooner.
            planAuthRecheck(notAfter: nil, replacing: false)
        }
    }

    /// Schedules the re-check at `notAfter` (or keeps the one planned), brought forward to
    /// the short live-session interval while a live session's refresh stands refused.
    @discardableResult
    func planAuthRecheck(notAfter: Date?, replacing: Bool) -> Date {
        let policy = configuration.backoff
        let now = clock.now
        var at = (replacing ? nil : authRecheckAt) ?? notAfter ?? now.addingTimeInterval(policy.authRecheckDelay(attempt: 0))
        if let soonest = devices.values.compactMap({ $0.machine.refusedTicketExpiry }).min(), soonest > now {
            at = min(at, now.addingTimeInterval(policy.authRecheckForLiveSessions))
        }
        guard at != authRecheckAt else { return at }
        authRecheckTask?.cancel()
        authRecheckAt = at
        let clock = self.clock
        let deadline = at
        authRecheckTask = Task { [weak self] in
            do { try await clock.sleep(until: deadline) } catch { return }
            await self?.recheckAuth()
        }
        return at
    }

    func cancelAuthRecheck() {
        authRecheckTask?.cancel()
        authRecheckTask = nil
        authRecheckAt = nil
    }

    /// Lets one session ask for a ticket with the refused token; its answer decides for all.
    /// The live session whose ticket runs out first goes first, as it has the most to lose.
    private func recheckAuth() {
        authRecheckAt = nil
        guard !isShutDown, let wait = auth.recheckDue() else { return }
        // Should the probe give no verdict (stopped, removed), the next re-check picks another.
        planAuthRecheck(notAfter: clock.now.addingTimeInterval(wait), replacing: true)
        let order = devices.keys.sorted()
        let atRisk = order.compactMap { serial in devices[serial]?.machine.refusedTicketExpiry.map { (serial, $0) } }
        let probe = atRisk.min { $0.1 < $1.1 }?.0
            ?? order.first { devices[$0]?.machine.state == .unauthorized }
        logger.notice("re-checking the refused token with one ticket request")
        if let probe { feed(probe, .authRecheck) }
    }

    /// An answer other than 401 from the ticket endpoint: the token was accepted.
    func tokenAccepted(by serial: String) {
        guard auth.accepted() else { return }
        cancelAuthRecheck()
        logger.notice("the cloud accepts the token again: resuming every session")
        for other in devices.keys.sorted() where other != serial { feed(other, .authRestored) }
    }

    /// Whether a ticket answer shows the cloud accepted the token: a ticket, or a refusal
    /// that names the camera (the cloud checks the token first).
    static func provesToken(_ outcome: Result<WebRTCTicket, VicohomeError>) -> Bool {
        switch outcome {
        case .success: true
        case .failure(.invalidSerial), .failure(.deviceOffline): true
        case .failure: false
        }
    }
}
