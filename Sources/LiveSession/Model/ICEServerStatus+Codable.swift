import Foundation

/// An ICE server's probe in JSON: `rttMs` present, `null` when the server did not answer.
extension ICEServerStatus {
    private enum Key: String, CodingKey { case url, ok, rttMs, detail }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(url, forKey: .url)
        try container.encode(ok, forKey: .ok)
        try container.encode(rttMs.map(JSONContract.milliseconds), forKey: .rttMs)
        try container.encode(detail, forKey: .detail)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        self.init(url: try container.decode(String.self, forKey: .url), ok: try container.decode(Bool.self, forKey: .ok),
                  rttMs: try container.decodeIfPresent(Double.self, forKey: .rttMs),
                  detail: try container.decode(String.self, forKey: .detail))
    }
}
