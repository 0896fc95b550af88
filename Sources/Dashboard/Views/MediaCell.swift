import Foundation
import LiveSession

/// The MEDIA column's words for a live view: `● 1.2 s p2p`, `● 0.9 s relay`, `✖ ICE`,
/// `… DTLS`, `—`.
enum MediaCell {
    static func text(_ media: MediaStatus, glyphs: Glyphs) -> (String, Role) {
        let ok = glyphs.isASCII ? "*" : "●", bad = glyphs.isASCII ? "x" : "✖", busy = glyphs.isASCII ? "..." : "…"
        switch media.state {
        case .never: return ("—", .muted)
        case .queued: return ("\(busy) queued", .muted)
        case .checking(let phase): return ("\(busy) \(short(phase))", .accent)
        case .done(.ok(let path, let ms)):
            let seconds = String(format: "%.1f s", Double(ms) / 1000)
            return ("\(ok) \(seconds) \(path.hasPrefix("relay") ? "relay" : "p2p")", .ok)
        case .done(.failed(let phase, _)): return ("\(bad) \(phase)", .error)
        case .done(.unavailable): return ("\(bad) GStreamer", .warn)
        case .done(.cancelled): return ("—", .muted)
        }
    }

    /// A phase title as the column can hold it (`ICE connected` → `ICE`).
    static func short(_ phase: String) -> String {
        let lower = phase.lowercased()
        if lower.contains("ice") || lower.contains("candidate") { return "ICE" }
        if lower.contains("dtls") { return "DTLS" }
        if lower.contains("data channel") { return "channel" }
        if lower.contains("startlive") { return "startLive" }
        if lower.contains("rtp") || lower.contains("keyframe") || lower.contains("frame") { return "video" }
        if lower.contains("answer") || lower.contains("offer") { return "answer" }
        return phase
    }
}
