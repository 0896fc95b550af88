import Foundation

/// The live view in a connection report, in the vendor's own terms: the JSON keys are its
/// live report's (`wait_time`, `p2p_connection_type`, `download_speed`, `error_msg`), so
/// support staff read it the way they read the app's.
public struct MediaReport: Sendable, Codable, Hashable {
    private enum CodingKeys: String, CodingKey {
        case result, videoCodec, checkedAt, phases, figures
        case waitTimeMs = "wait_time", connectionType = "p2p_connection_type", relayProtocol = "relay_protocol"
        case downloadSpeedKbps = "download_speed", errorMessage = "error_msg", selectedPair = "selected_pair"
        case candidatePairs = "candidate_pairs"
    }

    /// `ok`, `failed`, `unavailable`, `never` or `checking`.
    public var result: String
    /// Milliseconds from the start of the view to the first decoded frame.
    public var waitTimeMs: Int?
    /// `p2p` or `relay`.
    public var connectionType: String?
    /// How the relay was reached (`udp`, `tcp`), for a relayed view.
    public var relayProtocol: String?
    /// Received kbit/s at the end of the view.
    public var downloadSpeedKbps: Double?
    /// `H264`, `H265`, with the profile when known.
    public var videoCodec: String?
    /// The failing step and its reason (`ICE: ICE failed: 0 of 6 pairs answered`).
    public var errorMessage: String?
    /// When the view ended.
    public var checkedAt: Date?
    /// The pair ICE chose.
    public var selectedPair: String?
    /// Every candidate pair and its state.
    public var candidatePairs: [String]
    /// The waterfall, phase by phase.
    public var phases: [MediaPhaseTime]
    /// The figures at the end (fps, bit rate, resolution, loss, jitter, NACK/PLI/FIR, freezes).
    public var figures: MediaFigures

    /// The report of a device's media status.
    public init(_ media: MediaStatus) {
        result = media.word
        checkedAt = media.checkedAt
        selectedPair = media.selectedPair
        candidatePairs = media.candidatePairs
        phases = media.waterfall
        figures = media.figures
        let codec = [media.figures.codec, media.figures.profile].filter { !$0.isEmpty }.joined(separator: " ")
        videoCodec = codec.isEmpty ? nil : codec
        downloadSpeedKbps = media.figures.bitrateBps > 0 ? (media.figures.bitrateBps / 100).rounded() / 10 : nil
        switch media.state {
        case .done(.ok(let path, let ms)):
            waitTimeMs = ms
            connectionType = path.hasPrefix("relay") ? "relay" : "p2p"
            if path.hasPrefix("relay") { relayProtocol = path.contains("tcp") ? "tcp" : "udp" }
        case .done(.failed(let phase, let reason)):
            errorMessage = "\(phase): \(reason)"
        case .done(.unavailable(let reason)):
            errorMessage = reason
        default:
            break
        }
    }
}
