import Foundation
import LiveMedia
import LiveSession

/// `vicotop check --json`: every phase and figure and the verdict, in the contract's terms
/// (``JSONContract``: RFC 3339 times, durations with their unit in the key, every key
/// present, `null` when it does not apply). No secret appears: no TURN URL or credential.
struct CheckResult: Encodable {
    struct Verdict: Encodable {
        var result: String
        var line: String
        var phase: String?
        var reason: String?
        var path: String?
        var firstFrameMs: Int?

        private enum Key: String, CodingKey { case result, line, phase, reason, path, firstFrameMs }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(result, forKey: .result)
            try container.encode(line, forKey: .line)
            try container.encode(phase, forKey: .phase)
            try container.encode(reason, forKey: .reason)
            try container.encode(path, forKey: .path)
            try container.encode(firstFrameMs, forKey: .firstFrameMs)
        }
    }

    /// What the camera's answer said; each `null` when the SDP did not say.
    struct Answer: Encodable {
        var videoCodec: String?, profileLevelId: String?, setup: String?

        private enum Key: String, CodingKey { case videoCodec, profileLevelId, setup }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(videoCodec, forKey: .videoCodec)
            try container.encode(profileLevelId, forKey: .profileLevelId)
            try container.encode(setup, forKey: .setup)
        }
    }

    struct Phase: Encodable {
        var phase: String
        var ms: Double
    }

    struct Candidate: Encodable {
        var type: String, transport: String, address: String, port: Int
    }

    struct Pair: Encodable {
        var local: Candidate, remote: Candidate
    }

    struct Media: Encodable {
        var codec: String, profile: String, width: Int, height: Int, fps: Double, kbps: Double
        var framesDecoded: Int, packetsReceived: Int, packetsLost: Int, jitterMs: Double
        var nackCount: Int, pliCount: Int, firCount: Int, keyframeRequests: Int, freezes: Int, frozenSeconds: Double
    }

    var serialNumber: String
    var name: String?
    var traceId: String
    var startedAt: String
    var verdict: Verdict
    var phases: [Phase]
    var selectedPair: Pair?
    var localCandidates: [String]
    var remoteCandidates: [String]
    var ignoredRemoteCandidates: Int
    var possiblePairs: Int
    var answer: Answer?
    var states: [String: String]
    var media: Media

    private enum Key: String, CodingKey {
        case serialNumber, name, traceId, startedAt, verdict, phases, selectedPair, localCandidates, remoteCandidates
        case ignoredRemoteCandidates, possiblePairs, answer, states, media
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(serialNumber, forKey: .serialNumber)
        try container.encode(name, forKey: .name)
        try container.encode(traceId, forKey: .traceId)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(phases, forKey: .phases)
        try container.encode(selectedPair, forKey: .selectedPair)
        try container.encode(localCandidates, forKey: .localCandidates)
        try container.encode(remoteCandidates, forKey: .remoteCandidates)
        try container.encode(ignoredRemoteCandidates, forKey: .ignoredRemoteCandidates)
        try container.encode(possiblePairs, forKey: .possiblePairs)
        try container.encode(answer, forKey: .answer)
        try container.encode(states, forKey: .states)
        try container.encode(media, forKey: .media)
    }

    init(report: LiveViewReport, name: String?, started: Date, offsetMs: Double, sessionPhases: SessionPhases?) {
        serialNumber = report.serialNumber
        self.name = name
        traceId = report.traceId
        startedAt = JSONContract.timestamp(started)
        switch report.verdict {
        case .ok(let path, let ms):
            verdict = Verdict(result: "ok", line: report.verdict.line, path: path.description, firstFrameMs: ms)
        case .failed(let phase, let reason):
            verdict = Verdict(result: "failed", line: report.verdict.line, phase: phase.rawValue, reason: reason)
        case .unavailable(let reason):
            verdict = Verdict(result: "unavailable", line: report.verdict.line, reason: reason)
        }
        var phases: [Phase] = []
        if let session = sessionPhases {
            for (phase, ms) in [("ticket", session.ticketMs), ("socket-open", session.socketOpenMs), ("camera-joined", session.cameraInMs)] {
                if let ms { phases.append(Phase(phase: phase, ms: ms)) }
            }
        }
        phases += report.timeline.ordered.map { Phase(phase: $0.phase.rawValue, ms: ($0.ms + offsetMs).rounded()) }
        self.phases = phases
        selectedPair = report.selectedPair.map {
            Pair(local: Candidate(type: $0.local.type, transport: $0.local.transport, address: $0.local.address, port: $0.local.port),
                 remote: Candidate(type: $0.remote.type, transport: $0.remote.transport, address: $0.remote.address, port: $0.remote.port))
        }
        localCandidates = report.localCandidates
        remoteCandidates = report.remoteCandidates
        ignoredRemoteCandidates = report.ignoredRemoteCandidates
        possiblePairs = report.possiblePairs
        answer = report.answer.map { Answer(videoCodec: $0.videoCodec, profileLevelId: $0.profileLevelId, setup: $0.setup) }
        states = ["ice": report.iceState, "dtls": report.dtlsState, "dataChannel": report.channelState]
        let health = report.health
        media = Media(codec: health.codec, profile: health.profile, width: health.width, height: health.height,
                      fps: (health.fps * 10).rounded() / 10, kbps: health.kbps.rounded(), framesDecoded: health.framesDecoded,
                      packetsReceived: health.packetsReceived, packetsLost: health.packetsLost, jitterMs: (health.jitterMs * 100).rounded() / 100,
                      nackCount: health.nackCount, pliCount: health.pliCount, firCount: health.firCount,
                      keyframeRequests: health.keyframeRequests, freezes: health.freezes, frozenSeconds: health.frozenSeconds)
    }
}
