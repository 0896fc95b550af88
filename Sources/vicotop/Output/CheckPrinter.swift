import Foundation
import LiveMedia
import LiveSession
import VicohomeAPI

/// Prints `vicotop check` as it runs: a header, each phase as it is reached (ms from the
/// check's start), then the path, the figures, a thumbnail and the verdict.
struct CheckPrinter: Sendable {
    let started: Date

    func header(serial: String, name: String?, traceId: String, phases: SessionPhases?) {
        let title = [Sanitizer.singleLine(serial), name.map { Sanitizer.singleLine($0) }].compactMap { $0 }.joined(separator: " · ")
        var lines = ["vicotop check \(title)", "traceId   \(Sanitizer.singleLine(traceId))"]
        if let phases {
            for (label, ms) in [("ticket", phases.ticketMs), ("socket open", phases.socketOpenMs), ("camera joined (PEER_IN)", phases.cameraInMs)] {
                if let ms { lines.append(row(label, ms)) }
            }
        }
        Terminal.output(lines.joined(separator: "\n"))
    }

    func phase(_ phase: LiveViewPhase, ms: Double, viewStart: Date) {
        Terminal.output(row(phase.title, viewStart.timeIntervalSince(started) * 1000 + ms))
    }

    private func row(_ label: String, _ ms: Double) -> String {
        "  " + label.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: "%7.0f ms", ms)
    }

    func summary(_ report: LiveViewReport, thumbnail style: ThumbnailStyle?) {
        var lines: [String] = []
        if let pair = report.selectedPair {
            var path = pair.path(relayTransportFallback: "udp")
            if case .ok(let verdictPath, _) = report.verdict { path = verdictPath }
            lines.append("path      \(path.description) · \(pair.description) · RTT n/a in webrtcbin 1.22")
        }
        let health = report.health
        if report.timeline.has(.firstRTP) || health.framesDecoded > 0 {
            let codec = [health.codec, health.profile].filter { !$0.isEmpty }.joined(separator: " ")
            lines.append("video     \(codec.isEmpty ? "—" : codec) · \(health.resolution) · \(String(format: "%.1f", health.fps)) fps · \(String(format: "%.0f", health.kbps)) kbit/s · \(health.framesDecoded) frames")
            lines.append("loss      \(health.packetsLost) of \(health.packetsReceived + health.packetsLost) packets (\(String(format: "%.1f", health.lossRatio * 100)) %) · jitter \(String(format: "%.1f", health.jitterMs)) ms · NACK \(health.nackCount) PLI \(health.pliCount) FIR \(health.firCount) · freezes \(health.freezes)")
        }
        if let answer = report.answer {
            lines.append("answer    \(answer.videoCodec ?? "no video") \(answer.profileLevelId ?? "") · setup \(answer.setup ?? "?")\(answer.setup == "actpass" ? " (read as passive)" : "") · \(answer.hasDataChannel ? "data channel" : "no data channel")")
        }
        lines.append("states    ICE \(report.iceState) · DTLS \(report.dtlsState) · data channel \(report.channelState) · candidates \(report.localCandidates.count) local, \(report.remoteCandidates.count) remote")
        Terminal.output(lines.joined(separator: "\n"))
        if let style, let frame = report.lastFrame {
            switch style {
            case .sixel: Terminal.output(ThumbnailRenderer.sixel(frame))
            case .kitty: Terminal.output(ThumbnailRenderer.kitty(frame))
            default:
                let thumbnail = Thumbnail.fitting(frame, maxColumns: 48, maxRows: 14)
                Terminal.output(ThumbnailRenderer.lines(thumbnail, style: style).joined(separator: "\n"))
            }
        }
        Terminal.output("verdict   \(report.verdict.line)")
    }
}
