import VicohomeAPI

/// The demo account's cameras: one of each behaviour the product must handle.
public enum DemoFleet {
    /// The cameras, in list order.
    public static let devices: [SimulatedDevice] = [
        camera("VDCA1P2410000131", "Front Door", "CG622", "Vicohome Doorbell Cam", battery: 87, .healthy),
        camera("VDCB2G2408001742", "Garden Gate", "CB1", "Vicohome Bird Cam", battery: 64, .shortLivedTickets.media { $0.videoStarts = false }),
        camera("VDCA1P2311004420", "Garage", "CG622", "Vicohome Doorbell Cam", battery: 3, .offline, online: false),
        camera("VDCX9Z2209000007", "Old Porch Cam", "CG1", "Vicohome Cam Lite", battery: 51, .invalidSerial),
        camera("VDBF3R2402002218", "Bird Feeder", "BF3", "Vicohome Bird Feeder", battery: 42, .slowLossyPings.media { $0.packetLossPercent = 5 }),
        camera("VDCB2G2405003071", "Driveway", "CB1", "Vicohome Bird Cam", battery: 99, .flakySocket.media { $0.candidatesReachable = false }),
        camera("VDCA1P2407005563", "Nursery", "CG622", "Vicohome Indoor Cam", battery: 100, .viewerLimitReached),
        camera("VDSL4K2403006690", "Back Yard", "SL4", "Vicohome Solar Cam", battery: 76, .peerFlapping.media { $0.answersActpass = true }),
    ]

    /// A stable, locally administered MAC address derived from the serial.
    private static func macAddress(for serial: String) -> String {
        let digits = Array(serial.utf8.suffix(4))
        return (["02", "5e"] + digits.map { String(format: "%02x", $0) }).joined(separator: ":")
    }

    private static func camera(
        _ serial: String, _ name: String, _ model: String, _ display: String, battery: Int,
        _ behavior: DeviceBehavior, online: Bool = true
    ) -> SimulatedDevice {
        let lastOctet = Int(serial.suffix(2)) ?? 10
        return SimulatedDevice(
            device: Device(
                serialNumber: serial, deviceName: name, modelNo: model, displayModelNo: display,
                online: online, awake: online, batteryLevel: battery, isCharging: battery == 100,
                signalStrength: -48 - lastOctet % 30, networkName: "HomeNet-5G", ip: "192.0.2.\(lastOctet + 10)",
                macAddress: macAddress(for: serial),
                deviceStatus: online ? 0 : 1, firmwareId: "2.4.\(lastOctet % 9)",
                offlineTime: nil),
            behavior: behavior)
    }
}
