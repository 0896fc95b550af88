/// What a camera's answer says, read before webrtcbin sees it.
public struct CameraAnswer: Sendable, Hashable {
    /// The video codec the camera chose (`H264`, `H265`, …), or nil without video.
    public var videoCodec: String?
    /// The H.264 profile-level-id, when given.
    public var profileLevelId: String?
    /// The DTLS role the answer claims (`active`, `passive`, `actpass`).
    public var setup: String?
    /// The fingerprint hash functions named.
    public var fingerprintHashes: [String]
    /// Whether the answer accepts the data channel.
    public var hasDataChannel: Bool
    /// The answer as webrtcbin should read it (see ``init(sdp:)``).
    public var normalizedSDP: String

    /// Reads an answer. `a=setup:actpass` is not valid in an answer, yet some cameras send
    /// it; it is read as `passive` (the camera is the DTLS server), as clients do.
    public init(sdp: String) {
        var document = SDPDocument(sdp)
        let video = document.media.first { $0.kind == "video" }
        let payload = video?.lines.first.flatMap { $0.split(separator: " ").dropFirst(3).first.map(String.init) }
        let rtpmap = video?.attributes("rtpmap").first { payload == nil || $0.hasPrefix(payload! + " ") }
        videoCodec = rtpmap.flatMap { $0.split(separator: " ").dropFirst().first?.split(separator: "/").first.map { String($0).uppercased() } }
        profileLevelId = video?.attributes("fmtp").lazy.compactMap { fmtp in
            fmtp.split(separator: ";").lazy.map { $0.trimmingSpaces }.first { $0.hasPrefix("profile-level-id=") }
                .map { String($0.dropFirst("profile-level-id=".count)).lowercased() }
        }.first
        setup = document.allAttributes("setup").first
        fingerprintHashes = document.allAttributes("fingerprint").compactMap { $0.split(separator: " ").first.map { $0.lowercased() } }
        // Port 0 rejects a section, unless it only rides the bundle.
        hasDataChannel = document.media.contains { section in
            section.kind == "application" && (!section.lines[0].hasPrefix("m=application 0 ") || !section.attributes("bundle-only").isEmpty)
        }
        document.rewriteLines { $0 == "a=setup:actpass" ? "a=setup:passive" : $0 }
        normalizedSDP = document.text
    }

    /// Whether the viewer can decode the chosen codec.
    public var isH264: Bool { videoCodec == "H264" }
}

extension Substring {
    var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return text
    }
}
