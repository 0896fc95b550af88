import Foundation
import LiveSession
import VicohomeAPI

/// The fleet as an aligned table: one line per camera.
struct StatusTable {
    /// With `media`, a MEDIA column (the live view's verdict) comes before the trace.
    func render(_ snapshots: [DeviceSnapshot], now: Date = Date(), media: Bool = false) -> String {
        var header = ["SERIAL", "NAME", "STATE", "TICKET", "RTT", "LOSS", "CAMERA", "TRACE"]
        if media { header.insert("MEDIA", at: 7) }
        let rows = snapshots.map { snapshot -> [String] in
            var row = [
                snapshot.serialNumber,
                DeviceTable.clip(Sanitizer.singleLine(snapshot.name ?? ""), 16),
                snapshot.state.word,
                snapshot.timeLeft(at: now).map { $0 > 0 ? DurationFormat.short($0) : "expired" } ?? "—",
                snapshot.ping.lastMs.map { String(format: "%.0f ms", $0) } ?? "—",
                snapshot.ping.isEmpty ? "—" : String(format: "%.0f%%", snapshot.ping.lossPercent),
                snapshot.state.isLive ? (snapshot.cameraPresent ? "in" : "away") : "—",
                snapshot.ticket?.traceId ?? "—",
            ]
            if media { row.insert(Self.media(snapshot.media), at: 7) }
            return row
        }
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// `ok p2p 612 ms`, `failed ICE: …`, `—` when never checked.
    static func media(_ status: MediaStatus) -> String {
        switch status.state {
        case .never: return "—"
        case .queued: return "queued"
        case .checking(let phase): return "checking: \(phase)"
        case .done(.ok(let path, let ms)): return "ok \(path) \(ms) ms"
        case .done(.failed(let phase, let reason)): return "failed at \(phase): \(Sanitizer.singleLine(reason))"
        case .done(.unavailable): return "unavailable"
        case .done(.cancelled): return "cancelled"
        }
    }
}
