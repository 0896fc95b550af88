import VicohomeAPI

/// A camera of the simulated account: what the device list says and how it behaves.
public struct SimulatedDevice: Sendable, Hashable {
    /// The listed description.
    public var device: Device
    /// The behaviour.
    public var behavior: DeviceBehavior

    /// The serial number.
    public var serialNumber: String { device.serialNumber }

    /// Creates a simulated camera.
    public init(device: Device, behavior: DeviceBehavior = .healthy) {
        self.device = device
        self.behavior = behavior
    }

    /// A plain healthy camera with a generated serial, for large fleets in benchmarks.
    public static func generated(index: Int, behavior: DeviceBehavior = .healthy) -> SimulatedDevice {
        let serial = "VDSIM" + String(format: "%011d", index)
        return SimulatedDevice(
            device: Device(serialNumber: serial, deviceName: "Sim Cam \(index)", modelNo: "CG6", displayModelNo: "SimCam",
                           online: true, awake: true, batteryLevel: 100, isCharging: true, signalStrength: -50,
                           networkName: "sim-net", ip: "127.0.0.1", deviceStatus: 0, firmwareId: "2.3.1"),
            behavior: behavior)
    }
}
