/// One `get-stats` answer of webrtcbin, flattened by the C shim to `id\tfield\tvalue` lines.
///
/// webrtcbin 1.22 quirks handled here: a pair's candidate entries carry swapped `type`s
/// (so they are found by id, never by type), and a pair has no round-trip time.
public struct WebRTCStatsReport: Sendable, Hashable {
    /// Every entry's fields, by the entry's id.
    public var entries: [String: [String: String]]

    /// Parses the shim's lines; malformed lines are skipped.
    public init(flattened text: String) {
        var entries: [String: [String: String]] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            entries[String(parts[0]), default: [:]][String(parts[1])] = String(parts[2])
        }
        self.entries = entries
    }

    /// Entries whose `type` names this stats kind (`INBOUND_RTP`, `CANDIDATE_PAIR`, …).
    public func entries(ofType type: String) -> [[String: String]] {
        entries.keys.sorted().compactMap { id in
            guard let fields = entries[id], fields["type"]?.uppercased().contains("STATS_\(type)") == true else { return nil }
            return fields
        }
    }

    /// The first inbound RTP stream.
    public var inbound: InboundRTP? { entries(ofType: "INBOUND_RTP").first.map(InboundRTP.init) }

    /// The candidate pair the transport selected.
    public var selectedPair: SelectedPair? {
        let pairId = entries(ofType: "TRANSPORT").lazy.compactMap { $0["selected-candidate-pair-id"] }.first { !$0.isEmpty }
        guard let pairId, let pair = entries[pairId],
              let local = pair["local-candidate-id"].flatMap({ entries[$0] }),
              let remote = pair["remote-candidate-id"].flatMap({ entries[$0] })
        else { return nil }
        return SelectedPair(local: CandidateStats(local), remote: CandidateStats(remote))
    }

    /// Local and remote candidates known to the stats, by the ids' own words.
    public var candidateCounts: (local: Int, remote: Int) {
        (entries.keys.filter { $0.hasPrefix("ice-candidate-local") }.count,
         entries.keys.filter { $0.hasPrefix("ice-candidate-remote") }.count)
    }
}

/// The figures of an inbound RTP stream.
public struct InboundRTP: Sendable, Hashable {
    /// Packets received.
    public var packetsReceived: Int
    /// Bytes received.
    public var bytesReceived: Int
    /// Packets lost, as RTCP counts them (never negative).
    public var packetsLost: Int
    /// Interarrival jitter in seconds.
    public var jitterSeconds: Double
    /// NACKs, PLIs and FIRs the viewer sent.
    public var nackCount: Int, pliCount: Int, firCount: Int

    init(_ fields: [String: String]) {
        func int(_ key: String) -> Int { fields[key].flatMap { Int($0) ?? Double($0).map { Int($0) } } ?? 0 }
        packetsReceived = int("packets-received")
        bytesReceived = int("bytes-received")
        jitterSeconds = fields["jitter"].flatMap(Double.init) ?? 0
        nackCount = int("nack-count")
        pliCount = int("pli-count")
        firCount = int("fir-count")
        // 1.22 keeps the loss inside the rtpsource structure; -1 means "not yet known".
        let lost = fields["packets-lost"].flatMap { Int($0) }
            ?? fields["gst-rtpsource-stats"].flatMap { Self.field("packets-lost", in: $0) }
        packetsLost = max(0, lost ?? 0)
    }

    static func field(_ name: String, in structure: String) -> Int? {
        guard let range = structure.range(of: "\(name)=(int)") else { return nil }
        return Int(structure[range.upperBound...].prefix { $0 == "-" || $0.isNumber })
    }
}

/// One candidate, as its stats entry describes it.
public struct CandidateStats: Sendable, Hashable {
    /// `host`, `srflx`, `prflx` or `relay`.
    public var type: String
    /// `udp` or `tcp`.
    public var transport: String
    /// Address and port.
    public var address: String, port: Int
    /// The STUN or TURN server it came from, when any.
    public var url: String

    init(_ fields: [String: String]) {
        type = fields["candidate-type"] ?? "?"
        transport = (fields["protocol"] ?? "?").lowercased()
        address = fields["address"] ?? "?"
        port = fields["port"].flatMap { Int($0) } ?? 0
        url = fields["url"] ?? ""
    }

    /// Creates a candidate description.
    public init(type: String, transport: String, address: String, port: Int, url: String = "") {
        self.type = type
        self.transport = transport
        self.address = address
        self.port = port
        self.url = url
    }
}

/// The pair ICE chose.
public struct SelectedPair: Sendable, Hashable {
    /// This end.
    public var local: CandidateStats
    /// The camera's end.
    public var remote: CandidateStats

    /// Creates a pair.
    public init(local: CandidateStats, remote: CandidateStats) {
        self.local = local
        self.remote = remote
    }

    /// p2p, or relay with how the TURN server was reached (from its URL, else `fallback`).
    public func path(relayTransportFallback fallback: String) -> MediaPath {
        guard local.type == "relay" || remote.type == "relay" else { return .p2p }
        let url = local.type == "relay" ? local.url : remote.url
        if url.contains("transport=tcp") { return .relay(transport: "tcp") }
        if url.contains("transport=udp") { return .relay(transport: "udp") }
        return .relay(transport: fallback)
    }

    /// `host udp 127.0.0.1:50037 ⇄ host udp 127.0.0.1:45655`.
    public var description: String {
        "\(local.type) \(local.transport) \(local.address):\(local.port) ⇄ \(remote.type) \(remote.transport) \(remote.address):\(remote.port)"
    }
}
