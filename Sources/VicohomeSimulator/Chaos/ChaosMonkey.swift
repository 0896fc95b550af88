import Foundation

/// Injects a ``ChaosPlan``'s faults into a running simulator until stopped, and undoes the
/// timed ones (slow answers, lost pongs) when their time is up.
public final class ChaosMonkey: Sendable {
    private let task: Task<Void, Never>

    /// Starts injecting into `simulator`.
    public init(simulator: VicohomeSimulator, rate: Double, seed: UInt64) {
        task = Task {
            var plan = ChaosPlan(rate: rate, seed: seed)
            while !Task.isCancelled {
                let event = plan.next()
                try? await Task.sleep(for: event.after)
                if Task.isCancelled { break }
                await Self.apply(event, to: simulator)
            }
        }
    }

    /// Stops injecting; faults already armed run their course.
    public func stop() { task.cancel() }

    private static func apply(_ event: ChaosEvent, to simulator: VicohomeSimulator) async {
        let devices = simulator.devices
        guard !devices.isEmpty else { return }
        let device = devices[event.target % devices.count]
        simulator.countChaos(event.fault)
        switch event.fault {
        case .socketDrop:
            simulator.inject(.dropSockets(serial: device.serialNumber))
        case .serverError:
            simulator.inject(.serverErrors(status: [500, 502, 503][event.target % 3], count: event.magnitude))
        case .malformedBody:
            simulator.inject(.malformedJSON(count: 1))
        case .slowAnswers:
            simulator.inject(.delayResponses(.seconds(event.magnitude)))
            Task {
                try? await Task.sleep(for: .seconds(3))
                simulator.inject(.delayResponses(.zero))
            }
        case .ticketRevoked:
            simulator.inject(.rejectSignaling(count: 1))
            simulator.inject(.dropSockets(serial: device.serialNumber))
        case .unauthorizedBurst:
            simulator.inject(.apiError(code: 401, message: "chaos: authentication service unavailable", count: event.magnitude))
        case .lostPongs:
            var silent = device.behavior
            silent.pingLoss = 1
            simulator.inject(.setBehavior(serial: device.serialNumber, silent))
            Task {
                try? await Task.sleep(for: .seconds(5 * event.magnitude))
                simulator.inject(.setBehavior(serial: device.serialNumber, device.behavior))
            }
        }
    }
}
