/// A chaos run's parameters, as `POST /simulator/chaos` takes and answers them:
/// `{"rate": 0.5, "seed": 7}` starts (or replaces) a run, `{"rate": 0}` stops it.
public struct ChaosSetting: Sendable, Codable, Hashable {
    /// Faults per second; 0 means no chaos.
    public var rate: Double
    /// The seed of the fault sequence.
    public var seed: UInt64

    /// A setting.
    public init(rate: Double, seed: UInt64 = 0x5EED) {
        self.rate = rate
        self.seed = seed
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(rate: try container.decode(Double.self, forKey: .rate),
                  seed: try container.decodeIfPresent(UInt64.self, forKey: .seed) ?? 0x5EED)
    }

    /// The highest rate accepted.
    public static let maximumRate: Double = 100
}
