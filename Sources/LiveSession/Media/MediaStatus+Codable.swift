import Foundation

/// The live view in JSON: a plain `state` word with its details beside it, so a script
/// reads it without knowing Swift; times as RFC 3339 (see ``JSONContract``). Thumbnails
/// and sparkline histories stay out.
extension MediaStatus: Codable {
    private enum Key: String, CodingKey {
        case state, phase, reason, path, firstFrameMs, startedAt, checkedAt, previewing, waterfall, selectedPair
        case candidatePairs, dtlsState, dataChannelState, figures
    }

    /// `never`, `queued`, `checking`, `ok`, `failed`, `unavailable` or `cancelled`.
    public var word: String {
        switch state {
        case .never: return "never"
        case .queued: return "queued"
        case .checking: return "checking"
        case .done(.ok): return "ok"
        case .done(.failed): return "failed"
        case .done(.unavailable): return "unavailable"
        case .done(.cancelled): return "cancelled"
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(word, forKey: .state)
        // Every key is written, `null` when the state has no such detail: the contract's
        // objects have one fixed set of keys.
        var phase: String?, reason: String?, path: String?, firstFrameMs: Int?
        switch state {
        case .checking(let current): phase = current
        case .done(.ok(let via, let ms)):
            path = via
            firstFrameMs = ms
        case .done(.failed(let failedPhase, let why)):
            phase = failedPhase
            reason = why
        case .done(.unavailable(let why)): reason = why
        default: break
        }
        try container.encode(phase, forKey: .phase)
        try container.encode(reason, forKey: .reason)
        try container.encode(path, forKey: .path)
        try container.encode(firstFrameMs, forKey: .firstFrameMs)
        try container.encodeTime(startedAt, forKey: .startedAt)
        try container.encodeTime(checkedAt, forKey: .checkedAt)
        try container.encode(previewing, forKey: .previewing)
        try container.encode(waterfall, forKey: .waterfall)
        try container.encode(selectedPair, forKey: .selectedPair)
        try container.encode(candidatePairs, forKey: .candidatePairs)
        // "—" is how the dashboard draws "not seen yet"; a script gets null for that.
        try container.encode(dtlsState == "—" ? nil : dtlsState, forKey: .dtlsState)
        try container.encode(dataChannelState == "—" ? nil : dataChannelState, forKey: .dataChannelState)
        try container.encode(figures, forKey: .figures)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        self.init()
        let phase = try container.decodeIfPresent(String.self, forKey: .phase) ?? ""
        let reason = try container.decodeIfPresent(String.self, forKey: .reason) ?? ""
        switch try container.decode(String.self, forKey: .state) {
        case "queued": state = .queued
        case "checking": state = .checking(phase: phase)
        case "ok": state = .done(.ok(path: try container.decode(String.self, forKey: .path),
                                     firstFrameMs: try container.decode(Int.self, forKey: .firstFrameMs)))
        case "failed": state = .done(.failed(phase: phase, reason: reason))
        case "unavailable": state = .done(.unavailable(reason: reason))
        case "cancelled": state = .done(.cancelled)
        default: state = .never
        }
        startedAt = try container.decodeTimeIfPresent(forKey: .startedAt)
        checkedAt = try container.decodeTimeIfPresent(forKey: .checkedAt)
        previewing = try container.decodeIfPresent(Bool.self, forKey: .previewing) ?? false
        waterfall = try container.decodeIfPresent([MediaPhaseTime].self, forKey: .waterfall) ?? []
        selectedPair = try container.decodeIfPresent(String.self, forKey: .selectedPair)
        candidatePairs = try container.decodeIfPresent([String].self, forKey: .candidatePairs) ?? []
        dtlsState = try container.decodeIfPresent(String.self, forKey: .dtlsState) ?? "—"
        dataChannelState = try container.decodeIfPresent(String.self, forKey: .dataChannelState) ?? "—"
        figures = try container.decodeIfPresent(MediaFigures.self, forKey: .figures) ?? MediaFigures()
    }
}
