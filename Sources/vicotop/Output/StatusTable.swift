import Foundation
import LiveSession
import VicohomeAPI

/// The fleet as an aligned table: one line per camera.
struct StatusTable {
    func render(_ snapshots: [DeviceSnapshot], now: Date = Date()) -> String {
        let header = ["SERIAL", "NAME", "STATE", "TICKET", "RTT", "LOSS", "CAMERA", "TRACE"]
        let rows = snapshots.map { snapshot -> [String] in
            [
                snapshot.serialNumber,
                DeviceTable.clip(Sanitizer.singleLine(snapshot.name ?? ""), 16),
                snapshot.state.word,
                snapshot.timeLeft(at: now).map { $0 > 0 ? DurationFormat.short($0) : "expired" } ?? "—",
                snapshot.ping.lastMs.map { String(format: "%.0f ms", $0) } ?? "—",
                snapshot.ping.window.isEmpty ? "—" : String(format: "%.0f%%", snapshot.ping.lossPercent),
                snapshot.state.isLive ? (snapshot.cameraPresent ? "in" : "away") : "—",
                snapshot.ticket?.traceId ?? "—",
            ]
        }
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
