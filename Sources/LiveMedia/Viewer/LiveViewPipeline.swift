/// The gst-launch descriptions a viewer uses.
public enum LiveViewPipeline {
    /// The viewer: webrtcbin alone; incoming streams get a decoder chain when they appear.
    public static let viewer = "webrtcbin name=webrtc bundle-policy=max-bundle latency=200"

    /// The decoder chain for H.264, ending in frames scaled to `width` pixels wide.
    public static func h264Decoder(width: Int) -> String {
        "rtph264depay ! h264parse name=parse ! avdec_h264 name=dec ! " + scaler(width: width)
    }

    /// The decoder chain for H.265 (when the libav plugin has the decoder).
    public static func h265Decoder(width: Int) -> String {
        "rtph265depay ! h265parse name=parse ! avdec_h265 name=dec ! " + scaler(width: width)
    }

    private static func scaler(width: Int) -> String {
        "videoconvert ! videoscale ! video/x-raw,format=RGB,width=\(max(16, width)),pixel-aspect-ratio=1/1 ! appsink name=frames"
    }
}
