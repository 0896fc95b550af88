import CGStreamer
import Foundation

/// Loads GStreamer at run time and says whether a viewer or a simulated camera can run.
///
/// Setting `VICOTOP_GSTREAMER=off` makes GStreamer count as missing, so the behaviour of
/// a machine without it can be seen (and tested) on one that has it.
public enum GStreamerRuntime {
    /// The elements a receive-only viewer needs.
    public static let viewerElements = [
        "webrtcbin", "nicesrc", "nicesink", "dtlssrtpdec", "srtpdec", "sctpdec", "rtpbin",
        "rtph264depay", "h264parse", "avdec_h264", "videoconvert", "videoscale", "appsink",
    ]
    /// The elements a simulated camera needs besides the viewer's.
    public static let cameraElements = ["appsrc", "openh264enc", "rtph264pay", "capssetter"]

    /// Whether a viewer can run here. Loads GStreamer on first use.
    public static var viewer: MediaAvailability { availability(of: viewerElements) }

    /// Whether a simulated camera (a sending peer) can run here.
    public static var camera: MediaAvailability { availability(of: viewerElements + cameraElements) }

    /// Loads GStreamer and reports the first element missing from `elements`.
    public static func availability(of elements: [String]) -> MediaAvailability {
        if ProcessInfo.processInfo.environment["VICOTOP_GSTREAMER"] == "off" {
            return .unavailable(reason: "GStreamer is turned off by VICOTOP_GSTREAMER=off")
        }
        var reason = [CChar](repeating: 0, count: 512)
        guard vgst_load(&reason, reason.count) == 0 else {
            return .unavailable(reason: String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        let missing = elements.filter { vgst_has_element($0) == 0 }
        guard missing.isEmpty else {
            return .unavailable(reason: "GStreamer \(version) lacks the element\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", "))")
        }
        return .available(version: version)
    }

    /// GStreamer's version, once loaded.
    public static var version: String { String(cString: vgst_version()) }
}
