import Foundation

/// A live-view phase in JSON: its name and the ms from the view's start, to a hundredth.
extension MediaPhaseTime {
    private enum Key: String, CodingKey { case name, ms }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(name, forKey: .name)
        try container.encode(JSONContract.milliseconds(ms), forKey: .ms)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        self.init(name: try container.decode(String.self, forKey: .name), ms: try container.decode(Double.self, forKey: .ms))
    }
}
