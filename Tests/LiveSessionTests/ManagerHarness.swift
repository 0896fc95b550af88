import Foundation
import LiveSession
import TestSupport
import VicohomeAPI
import VicohomeSimulator

/// A simulator on loopback and a session manager watching it.
///
/// With a ``ManualClock`` both run on it: tickets are issued, checked and planned in the
/// time the test moves, so back-offs, refreshes and expiries happen when the test says,
/// however busy the machine. Only the sockets and HTTP calls take real time.
struct ManagerHarness {
    let simulator: VicohomeSimulator
    let manager: SessionManager
    let clock: ManualClock?

    static func start(
        devices: [SimulatedDevice]? = nil, style: WireStyle = .seed, clock: ManualClock? = nil,
        requestTimeout: Duration = .seconds(3),
        configure: (inout SimulatorConfiguration) -> Void = { _ in },
        session: (inout SessionConfiguration) -> Void = { _ in }
    ) async throws -> ManagerHarness {
        var configuration = SimulatorConfiguration()
        configuration.wireStyle = style
        if let devices { configuration.devices = devices }
        if let clock { configuration.clock = { clock.now } }
        configure(&configuration)
        let simulator = VicohomeSimulator(configuration: configuration)
        try await simulator.start()
        var sessionConfiguration = SessionConfiguration()
        sessionConfiguration.probeICE = false
        session(&sessionConfiguration)
        let client = VicohomeClient(configuration: APIConfiguration(baseURL: simulator.baseURL, requestTimeout: requestTimeout),
                                    token: simulator.token)
        let manager = SessionManager(client: client, configuration: sessionConfiguration, clock: clock ?? SystemClock())
        await manager.start()
        for device in simulator.devices { await manager.add(device.serialNumber, name: device.device.deviceName) }
        return ManagerHarness(simulator: simulator, manager: manager, clock: clock)
    }

    func stop() async {
        await manager.shutdown()
        await simulator.stop()
    }

    /// Polls a device's snapshot until `condition` holds; returns the snapshot that did, or nil.
    /// The timeout only bounds a test that has already failed.
    @discardableResult
    func wait(_ serial: String, timeout: Duration = .seconds(20), until condition: (DeviceSnapshot) -> Bool) async throws -> DeviceSnapshot? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let snapshot = manager.snapshot(serial), condition(snapshot) { return snapshot }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    /// Moves the manual clock on by `seconds` (and a millisecond), then waits until the manager's timer
    /// scheduler sleeps again (it always sleeps towards some deadline), so every timer due
    /// by now has been handed to the manager. What those timers start (requests,
    /// sockets) runs in real time: wait for its outcome with ``wait(_:timeout:until:)``.
    func advance(by seconds: TimeInterval) async throws {
        guard let clock else { preconditionFailure("advance(by:) needs a harness started with a ManualClock") }
        // A millisecond more, so that a deadline reached by a sum of steps is not missed by
        // the rounding of dates.
        clock.advance(by: seconds + 0.001)
        let now = clock.now
        _ = try await eventually(timeout: .seconds(20)) { clock.sleepers.contains { $0 > now } }
    }

    /// The manual clock's time.
    var now: Date { clock?.now ?? Date() }
}

/// A healthy camera with a chosen behaviour, for focused tests.
func camera(_ serial: String = "VDTEST0000000001", _ change: (inout DeviceBehavior) -> Void = { _ in }) -> SimulatedDevice {
    var behavior = DeviceBehavior.healthy
    change(&behavior)
    var device = SimulatedDevice.generated(index: 1, behavior: behavior)
    device.device.serialNumber = serial
    return device
}

extension SessionState {
    var backoffReason: BackoffReason? {
        if case .backingOff(_, let reason) = self { reason } else { nil }
    }

    /// When a back-off ends.
    var backoffUntil: Date? {
        if case .backingOff(let until, _) = self { until } else { nil }
    }
}
