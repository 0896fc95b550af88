import Foundation
import LiveSession
import VicohomeAPI
import VicohomeSimulator

/// A simulator on loopback and a session manager watching it.
struct ManagerHarness {
    let simulator: VicohomeSimulator
    let manager: SessionManager

    static func start(
        devices: [SimulatedDevice]? = nil, style: WireStyle = .seed,
        configure: (inout SimulatorConfiguration) -> Void = { _ in },
        session: (inout SessionConfiguration) -> Void = { _ in }
    ) async throws -> ManagerHarness {
        var configuration = SimulatorConfiguration()
        configuration.wireStyle = style
        if let devices { configuration.devices = devices }
        configure(&configuration)
        let simulator = VicohomeSimulator(configuration: configuration)
        try await simulator.start()
        var sessionConfiguration = SessionConfiguration()
        sessionConfiguration.probeICE = false
        session(&sessionConfiguration)
        let client = VicohomeClient(configuration: APIConfiguration(baseURL: simulator.baseURL, requestTimeout: .seconds(3)),
                                    token: simulator.token)
        let manager = SessionManager(client: client, configuration: sessionConfiguration)
        await manager.start()
        for device in simulator.devices { await manager.add(device.serialNumber, name: device.device.deviceName) }
        return ManagerHarness(simulator: simulator, manager: manager)
    }

    func stop() async {
        await manager.shutdown()
        await simulator.stop()
    }

    /// Polls a device's snapshot until `condition` holds; returns the snapshot that did, or nil.
    @discardableResult
    func wait(_ serial: String, timeout: Duration = .seconds(10), until condition: (DeviceSnapshot) -> Bool) async throws -> DeviceSnapshot? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let snapshot = manager.snapshot(serial), condition(snapshot) { return snapshot }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }
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
}
