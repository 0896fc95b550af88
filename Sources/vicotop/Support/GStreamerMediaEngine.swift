import Foundation
import LiveMedia
import LiveSession

/// The session manager's ``MediaEngine`` on GStreamer's webrtcbin (``LiveViewer``).
/// GStreamer is loaded on the first check, not at start-up.
struct GStreamerMediaEngine: MediaEngine {
    /// The thumbnail's size in cells (32 × 9 keeps 16:9 with square cells).
    static let thumbnailColumns = 32, thumbnailRows = 9

    var unavailableReason: String? {
        let availability = GStreamerRuntime.viewer
        return availability.isAvailable ? nil : availability.advice
    }

    func view(_ request: MediaViewRequest, channel: MediaSignalingChannel,
              progress: @escaping @Sendable (MediaProgress) -> Void) async -> MediaOutcome {
        var options = LiveViewOptions()
        options.relayOnly = request.relayOnly
        options.loopbackOnly = request.loopbackOnly
        switch request.length {
        case .seconds(let seconds): options.watchSeconds = seconds
        case .untilCancelled: options.watchSeconds = .infinity
        }
        let viewRequest = LiveViewRequest(serialNumber: request.serialNumber, ticket: channel.ticket, clientName: channel.clientName,
                                          openTime: channel.openTime, options: options)
        let report = await LiveViewer.run(viewRequest, send: channel.send, incoming: channel.incoming) { update in
            switch update {
            case .phase(let phase, let ms): progress(.phase(name: phase.title, ms: ms))
            case .health(let health, let frame): progress(.figures(Self.figures(health), frame.map(Self.thumbnail), selectedPair: nil))
            case .finished: break
            }
        }
        return Self.outcome(report)
    }

    static func outcome(_ report: LiveViewReport) -> MediaOutcome {
        let verdict: MediaVerdict
        switch report.verdict {
        case .ok(let path, let ms): verdict = .ok(path: path.description, firstFrameMs: ms)
        case .failed(_, "cancelled"): verdict = .cancelled
        case .failed(let phase, let reason): verdict = .failed(phase: phase.shortName, reason: reason)
        case .unavailable(let reason): verdict = .unavailable(reason: reason)
        }
        return MediaOutcome(
            verdict: verdict,
            waterfall: report.timeline.ordered.map { MediaPhaseTime(name: $0.phase.title, ms: $0.ms) },
            selectedPair: report.selectedPair?.description,
            candidatePairs: candidatePairs(report),
            dtlsState: report.dtlsState, dataChannelState: report.channelState,
            figures: figures(report.health), thumbnail: report.lastFrame.map(thumbnail))
    }

    /// Every pair of same-transport candidates, the selected one marked. webrtcbin 1.22
    /// reports no per-pair state, so the others are "not selected", not "failed".
    static func candidatePairs(_ report: LiveViewReport) -> [String] {
        func parts(_ line: String) -> (transport: String, address: String, type: String) {
            let fields = line.split(separator: " ").map(String.init)
            let type = fields.firstIndex(of: "typ").flatMap { fields.indices.contains($0 + 1) ? fields[$0 + 1] : nil } ?? "?"
            return (fields.count > 2 ? fields[2].lowercased() : "?", fields.count > 5 ? "\(fields[4]):\(fields[5])" : "?", type)
        }
        var pairs: [String] = []
        for local in report.localCandidates.map(parts) {
            for remote in report.remoteCandidates.map(parts) where remote.transport == local.transport {
                let selected = report.selectedPair.map {
                    "\($0.local.address):\($0.local.port)" == local.address && "\($0.remote.address):\($0.remote.port)" == remote.address
                } ?? false
                pairs.append("\(local.type) \(local.transport) \(local.address) ⇄ \(remote.type) \(remote.address): \(selected ? "selected" : "not selected")")
            }
        }
        return Array(pairs.prefix(32))
    }

    static func figures(_ health: MediaHealth) -> MediaFigures {
        var figures = MediaFigures()
        figures.fps = health.fps
        figures.bitrateBps = health.kbps * 1000
        figures.width = health.width
        figures.height = health.height
        figures.codec = health.codec
        figures.profile = health.profile
        figures.framesDecoded = health.framesDecoded
        figures.packetsReceived = health.packetsReceived
        figures.packetsLost = health.packetsLost
        figures.jitterMs = health.jitterMs
        figures.nackCount = health.nackCount
        figures.pliCount = health.pliCount
        figures.firCount = health.firCount
        figures.freezes = health.freezes
        return figures
    }

    static func thumbnail(_ frame: DecodedFrame) -> MediaThumbnail {
        let cells = Thumbnail(frame: frame, columns: thumbnailColumns, rows: thumbnailRows)
        func pack(_ colour: RGB) -> UInt32 { UInt32(colour.r) << 16 | UInt32(colour.g) << 8 | UInt32(colour.b) }
        return MediaThumbnail(columns: cells.columns, rows: cells.rows, tops: cells.cells.map { pack($0.top) },
                              bottoms: cells.cells.map { pack($0.bottom) })
    }
}
