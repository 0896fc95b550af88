import Foundation
import NIOConcurrencyHelpers

/// The faults of a chaos run that last a while, each undone when its time is up.
///
/// Outages may overlap: a camera silenced twice keeps its true behaviour from the first
/// time and speaks again only when the later outage ends; a newer slowdown is not cut short
/// by an older one's end. When chaos stops, everything is undone at once.
final class TimedFaults: Sendable {
    private struct State {
        var original: [String: DeviceBehavior] = [:]
        var silenceToken: [String: Int] = [:]
        var slowToken = 0
        var outageToken = 0
        var errorsToken = 0
        var nextToken = 0
        var ended = false
        var timesUp = 0
    }

    private let simulator: VicohomeSimulator
    private let state = NIOLockedValueBox(State())
    private let sleep: @Sendable (Duration) async -> Void

    /// `sleep` waits out a fault's duration: real time, unless a test steps through the ends
    /// of overlapping faults in an order of its choosing.
    init(simulator: VicohomeSimulator, sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }) {
        self.simulator = simulator
        self.sleep = sleep
    }

    /// How many faults have seen their time run out (whether or not that undid anything),
    /// so a test knows an end has been handled.
    var timesUp: Int { state.withLockedValue { $0.timesUp } }

    /// Runs `inject` unless chaos has ended, under the lock ``endAll()`` takes, so no fault
    /// lands after the calm.
    func whileRunning(_ inject: (VicohomeSimulator) -> Void) {
        state.withLockedValue { state in
            guard !state.ended else { return }
            inject(simulator)
        }
    }

    /// Leaves a camera's pings unanswered for `duration`.
    func silence(_ device: SimulatedDevice, for duration: Duration) {
        let serial = device.serialNumber
        // Injecting under the lock keeps endAll() from running between the two steps.
        let token = state.withLockedValue { state -> Int? in
            guard !state.ended else { return nil }
            state.nextToken += 1
            // The configured behaviour is the truth; a snapshot may show an outage that just ended.
            let configured = simulator.configuration.devices.first { $0.serialNumber == serial }?.behavior
            let original = state.original[serial] ?? configured ?? device.behavior
            state.original[serial] = original
            state.silenceToken[serial] = state.nextToken
            var silent = original
            silent.pingLoss = 1
            simulator.inject(.setBehavior(serial: serial, silent))
            return state.nextToken
        }
        guard let token else { return }
        let sleep = self.sleep
        Task {
            await sleep(duration)
            state.withLockedValue { state in
                defer { state.timesUp += 1 }
                guard state.silenceToken[serial] == token, let original = state.original[serial] else { return }
                simulator.inject(.setBehavior(serial: serial, original))
                state.original[serial] = nil
                state.silenceToken[serial] = nil
            }
        }
    }

    /// Delays every API answer by `delay` for `duration`.
    func slowAnswers(by delay: Duration, for duration: Duration) {
        arm(\.slowToken, for: duration,
            start: { $0.inject(.delayResponses(delay)) },
            end: { $0.inject(.delayResponses(.zero)) })
    }

    /// Refuses every API call as unauthorised (401) for `duration`, as an auth service
    /// outage would: whoever asks in that window is refused, whoever asks after is served.
    func authOutage(for duration: Duration) {
        arm(\.outageToken, for: duration,
            start: { $0.inject(.apiError(code: 401, message: "chaos: authentication service unavailable", count: nil)) },
            end: { $0.state.clearAPIError() })
    }

    /// Answers the next API calls badly (`fault`: server errors or malformed bodies), as long
    /// as they come within `window`: a server blip hits whoever asks during it, and is over
    /// for whoever asks later, rather than waiting for the next request however late.
    func failCalls(_ fault: SimulatorFault, within window: Duration) {
        arm(\.errorsToken, for: window, start: { $0.inject(fault) }, end: { $0.state.clearServerErrors() })
    }

    /// Starts a fault-wide condition and ends it after `duration`, unless a newer one of the
    /// same kind (recorded in `slot`) took its place or chaos ended.
    private func arm(_ slot: WritableKeyPath<State, Int> & Sendable, for duration: Duration,
                     start: (VicohomeSimulator) -> Void, end: @escaping @Sendable (VicohomeSimulator) -> Void) {
        let token = state.withLockedValue { state -> Int? in
            guard !state.ended else { return nil }
            state.nextToken += 1
            state[keyPath: slot] = state.nextToken
            start(simulator)
            return state.nextToken
        }
        guard let token else { return }
        let sleep = self.sleep
        Task {
            await sleep(duration)
            state.withLockedValue { state in
                defer { state.timesUp += 1 }
                guard state[keyPath: slot] == token, !state.ended else { return }
                end(simulator)
            }
        }
    }

    /// Undoes every fault at once and refuses new ones.
    func endAll() {
        state.withLockedValue { state in
            state.ended = true
            for (serial, behavior) in state.original { simulator.inject(.setBehavior(serial: serial, behavior)) }
            state.original = [:]
            state.silenceToken = [:]
            simulator.state.clearTransientFaults()
        }
    }
}
