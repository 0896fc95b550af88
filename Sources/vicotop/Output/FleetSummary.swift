import Foundation
import LiveSession

/// The fleet at one moment (`status --once --json`, each `watch --jsonl` snapshot): when,
/// how many devices are ok, degraded and failed (by ``SessionState/health``), and each device.
struct FleetSummary: Encodable {
    var at: Date
    var live: Int
    var degraded: Int
    var failed: Int
    var devices: [DeviceSnapshot]

    init(_ snapshots: [DeviceSnapshot], at: Date = Date()) {
        self.at = at
        live = snapshots.filter { $0.state.health == .ok }.count
        degraded = snapshots.filter { $0.state.health == .degraded }.count
        failed = snapshots.filter { $0.state.health == .failed }.count
        devices = snapshots
    }

    private enum Key: String, CodingKey { case at, live, degraded, failed, devices }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encodeTime(at, forKey: .at)
        try container.encode(live, forKey: .live)
        try container.encode(degraded, forKey: .degraded)
        try container.encode(failed, forKey: .failed)
        try container.encode(devices, forKey: .devices)
    }
}
