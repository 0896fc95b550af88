import Foundation

/// Injects a ``ChaosPlan``'s faults into a running simulator until stopped, and undoes the
/// timed ones (slow answers, lost pongs, auth outages, the 2 s windows of server errors
/// and malformed bodies) when their time is up.
public final class ChaosMonkey: Sendable {
    private let task: Task<Void, Never>
    private let timed: TimedFaults

    /// Starts injecting into `simulator`.
    public init(simulator: VicohomeSimulator, rate: Double, seed: UInt64) {
        let timed = TimedFaults(simulator: simulator)
        self.timed = timed
        task = Task {
            var plan = ChaosPlan(rate: rate, seed: seed)
            while !Task.isCancelled {
                let event = plan.next()
                try? await Task.sleep(for: event.after)
                if Task.isCancelled { break }
                Self.apply(event, to: simulator, timed: timed)
            }
        }
    }

    /// Stops injecting and calms the simulator at once: silenced cameras answer pings
    /// again, answers are no longer slowed, and counted faults not yet used up (errors,
    /// malformed bodies, handshake refusals) are dropped, an auth outage ends. A revoked token stays
    /// revoked: that is a test's fault, not chaos.
    public func stop() {
        task.cancel()
        timed.endAll()
    }

    private static func apply(_ event: ChaosEvent, to simulator: VicohomeSimulator, timed: TimedFaults) {
        let devices = simulator.devices
        guard !devices.isEmpty else { return }
        let device = devices[event.target % devices.count]
        timed.whileRunning { $0.countChaos(event.fault) }
        switch event.fault {
        case .socketDrop:
            timed.whileRunning { $0.inject(.dropSockets(serial: device.serialNumber)) }
        case .serverError:
            timed.failCalls(.serverErrors(status: [500, 502, 503][event.target % 3], count: event.magnitude), within: .seconds(2))
        case .malformedBody:
            timed.failCalls(.malformedJSON(count: 1), within: .seconds(2))
        case .slowAnswers:
            timed.slowAnswers(by: .seconds(event.magnitude), for: .seconds(3))
        case .ticketRevoked:
            timed.whileRunning { simulator in
                simulator.inject(.rejectSignaling(count: 1))
                simulator.inject(.dropSockets(serial: device.serialNumber))
            }
        case .unauthorizedBurst:
            timed.authOutage(for: .seconds(event.magnitude))
        case .lostPongs:
            timed.silence(device, for: .seconds(5 * event.magnitude))
        }
    }
}
