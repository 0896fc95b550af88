import VicohomeAPI

/// One part of a fleet split between N watchers: shard K of N (1 ≤ K ≤ N).
///
/// Cameras are assigned by rendezvous (highest-random-weight) hashing: every shard
/// number k in 1…N gives a camera the weight ``ShardHash/weight(serial:shard:)``, and the
/// camera belongs to the shard of highest weight. Each watcher decides on its own, with no
/// coordination and no list to share, and every camera lands in exactly one shard. Going
/// from N to N + 1 shards moves only the cameras whose new weight beats their old best,
/// about 1/(N + 1) of them, and all of them to the new shard.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// K: this watcher's shard, 1-based.
    public let index: Int
    /// N: how many shards the fleet is split into.
    public let count: Int

    /// The most shards a fleet may be split into: far beyond what one account needs, and
    /// it keeps the per-camera cost (one hash per shard) small.
    public static let maximumCount = 256

    /// The whole fleet: shard 1 of 1.
    public static let whole = Shard(uncheckedIndex: 1, count: 1)

    private init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Shard `index` of `count`.
    public init(index: Int, count: Int) throws(ShardError) {
        guard (1...Self.maximumCount).contains(count) else { throw ShardError.countOutOfRange(count) }
        guard (1...count).contains(index) else { throw ShardError.indexOutOfRange(index: index, count: count) }
        self.init(uncheckedIndex: index, count: count)
    }

    /// Reads `K/N`, such as `2/5`; spaces around the numbers are allowed.
    public init(parsing text: String) throws(ShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let index = Int(parts[0].trimmingSpaces), let count = Int(parts[1].trimmingSpaces)
        else { throw ShardError.malformed(text) }
        try self.init(index: index, count: count)
    }

    /// Whether this is the whole fleet (1/1).
    public var isWhole: Bool { count == 1 }

    /// `K/N`.
    public var description: String { "\(index)/\(count)" }

    /// Whether the camera `serial` belongs to this shard.
    public func contains(_ serial: String) -> Bool {
        isWhole || Self.owner(of: serial, count: count) == index
    }

    /// The shard (1…`count`) that owns `serial` when the fleet is split in `count`.
    public static func owner(of serial: String, count: Int) -> Int {
        var best = 1
        var bestWeight: UInt64 = 0
        for shard in 1...max(1, count) {
            let weight = ShardHash.weight(serial: serial, shard: shard)
            // Ties (vanishingly rare) go to the lower shard, so every watcher agrees.
            if shard == 1 || weight > bestWeight {
                best = shard
                bestWeight = weight
            }
        }
        return best
    }
}

/// Why `K/N` is not a shard.
public enum ShardError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not of the form `K/N`.
    case malformed(String)
    /// N is outside 1…``Shard/maximumCount``.
    case countOutOfRange(Int)
    /// K is outside 1…N.
    case indexOutOfRange(index: Int, count: Int)

    public var description: String {
        switch self {
        case .malformed(let text):
            "shard must be K/N with whole numbers, such as 1/3 (got '\(Sanitizer.singleLine(text))')"
        case .countOutOfRange(let count):
            "shard count N must be between 1 and \(Shard.maximumCount) (got \(count))"
        case .indexOutOfRange(let index, let count):
            "shard number K must be between 1 and N = \(count) (got \(index)); shards are numbered from 1"
        }
    }
}

private extension Substring {
    var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
