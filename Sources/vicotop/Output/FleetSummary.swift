import Foundation
import LiveSession

/// The fleet at one moment (`status --once --json`, each `watch --jsonl` snapshot): when,
/// how many devices are ok, degraded and failed (by ``SessionState/health``), which shard
/// of the account this watcher covers, and each device.
struct FleetSummary: Encodable {
    var at: Date
    var shard: Shard
    var live: Int
    var degraded: Int
    var failed: Int
    var devices: [DeviceSnapshot]

    init(_ snapshots: [DeviceSnapshot], shard: Shard, at: Date = Date()) {
        self.at = at
        self.shard = shard
        live = snapshots.filter { $0.state.health == .ok }.count
        degraded = snapshots.filter { $0.state.health == .degraded }.count
        failed = snapshots.filter { $0.state.health == .failed }.count
        devices = snapshots
    }

    private enum Key: String, CodingKey { case at, shard, live, degraded, failed, devices }
    private enum ShardKey: String, CodingKey { case index, count }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encodeTime(at, forKey: .at)
        // Always present (1 of 1 unsharded), so a script summing shards needs no special case.
        var shardContainer = container.nestedContainer(keyedBy: ShardKey.self, forKey: .shard)
        try shardContainer.encode(shard.index, forKey: .index)
        try shardContainer.encode(shard.count, forKey: .count)
        try container.encode(live, forKey: .live)
        try container.encode(degraded, forKey: .degraded)
        try container.encode(failed, forKey: .failed)
        try container.encode(devices, forKey: .devices)
    }
}
