/// The camera's side of the quirks in the protocol notes: an offer that breaks one of them
/// gets silence, not an error. The simulator's cameras enforce them.
public enum CameraQuirks {
    /// Why a real camera would ignore this offer, or nil when it would answer.
    public static func reasonToIgnore(offer sdp: String) -> String? {
        let document = SDPDocument(sdp)
        guard let application = document.media.first(where: { $0.kind == "application" }),
              application.attributes("sctpmap").contains(where: { $0.hasPrefix("5000 ") })
        else { return "no a=sctpmap:5000 line" }
        let hashes = document.allAttributes("fingerprint").compactMap { $0.split(separator: " ").first?.lowercased() }
        guard !hashes.isEmpty else { return "no DTLS fingerprint" }
        guard hashes.allSatisfy({ $0 == "sha-256" }) else { return "a fingerprint other than sha-256" }
        guard let video = document.media.first(where: { $0.kind == "video" }),
              video.attributes("rtpmap").contains(where: { $0.uppercased().contains(" H264/") })
        else { return "no H.264 video" }
        return nil
    }
}
