import Foundation

/// A live view's figures in JSON, rounded to what is measured (fps to a tenth, bits per
/// second whole, jitter to a hundredth of a ms), so no float noise reaches a script.
extension MediaFigures {
    private enum Key: String, CodingKey {
        case fps, bitrateBps, width, height, codec, profile, framesDecoded, packetsReceived, packetsLost, jitterMs
        case nackCount, pliCount, firCount, freezes
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode((fps * 10).rounded() / 10, forKey: .fps)
        try container.encode(bitrateBps.rounded(), forKey: .bitrateBps)
        try container.encode(width, forKey: .width)
        try container.encode(height, forKey: .height)
        try container.encode(codec, forKey: .codec)
        try container.encode(profile, forKey: .profile)
        try container.encode(framesDecoded, forKey: .framesDecoded)
        try container.encode(packetsReceived, forKey: .packetsReceived)
        try container.encode(packetsLost, forKey: .packetsLost)
        try container.encode(JSONContract.milliseconds(jitterMs), forKey: .jitterMs)
        try container.encode(nackCount, forKey: .nackCount)
        try container.encode(pliCount, forKey: .pliCount)
        try container.encode(firCount, forKey: .firCount)
        try container.encode(freezes, forKey: .freezes)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        self.init()
        fps = try container.decode(Double.self, forKey: .fps)
        bitrateBps = try container.decode(Double.self, forKey: .bitrateBps)
        width = try container.decode(Int.self, forKey: .width)
        height = try container.decode(Int.self, forKey: .height)
        codec = try container.decode(String.self, forKey: .codec)
        profile = try container.decode(String.self, forKey: .profile)
        framesDecoded = try container.decode(Int.self, forKey: .framesDecoded)
        packetsReceived = try container.decode(Int.self, forKey: .packetsReceived)
        packetsLost = try container.decode(Int.self, forKey: .packetsLost)
        jitterMs = try container.decode(Double.self, forKey: .jitterMs)
        nackCount = try container.decode(Int.self, forKey: .nackCount)
        pliCount = try container.decode(Int.self, forKey: .pliCount)
        firCount = try container.decode(Int.self, forKey: .firCount)
        freezes = try container.decode(Int.self, forKey: .freezes)
    }
}
