import Foundation

/// The live view in a connection report, in the vendor's own terms: the JSON keys are its
/// live report's (`wait_time`, `p2p_connection_type`, `download_speed`, `error_msg`), so
/// support staff read it the way they read the app's. Every key is written (`null` when it
/// does not apply) and `checkedAt` is an RFC 3339 time, as everywhere in ``JSONContract``.
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

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(result, forKey: .result)
        try container.encode(waitTimeMs, forKey: .waitTimeMs)
        try container.encode(connectionType, forKey: .connectionType)
        try container.encode(relayProtocol, forKey: .relayProtocol)
        try container.encode(downloadSpeedKbps, forKey: .downloadSpeedKbps)
        try container.encode(videoCodec, forKey: .videoCodec)
        try container.encode(errorMessage, forKey: .errorMessage)
        try container.encodeTime(checkedAt, forKey: .checkedAt)
        try container.encode(selectedPair, forKey: .selectedPair)
        try container.encode(candidatePairs, forKey: .candidatePairs)
        try container.encode(phases, forKey: .phases)
        try container.encode(figures, forKey: .figures)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        result = try container.decode(String.self, forKey: .result)
        waitTimeMs = try container.decodeIfPresent(Int.self, forKey: .waitTimeMs)
        connectionType = try container.decodeIfPresent(String.self, forKey: .connectionType)
        relayProtocol = try container.decodeIfPresent(String.self, forKey: .relayProtocol)
        downloadSpeedKbps = try container.decodeIfPresent(Double.self, forKey: .downloadSpeedKbps)
        videoCodec = try container.decodeIfPresent(String.self, forKey: .videoCodec)
        errorMessage = try container.decodeIfPresent(String.self, forKey: .errorMessage)
        checkedAt = try container.decodeTimeIfPresent(forKey: .checkedAt)
        selectedPair = try container.decodeIfPresent(String.self, forKey: .selectedPair)
        candidatePairs = try container.decode([String].self, forKey: .candidatePairs)
        phases = try container.decode([MediaPhaseTime].self, forKey: .phases)
        figures = try container.decode(MediaFigures.self, forKey: .figures)
    }
}
