import LiveSession
import Testing

/// Rendezvous sharding: stable, exhaustive, balanced, and minimal movement when a shard is added.
@Suite("Shards")
struct ShardTests {
    /// Ten thousand serials shaped like real ones.
    static let serials: [String] = (0..<10_000).map { "VDCA1P\(2_400_000_000 + $0 * 7_919)" }

    @Test("K/N is read and checked")
    func parsing() throws {
        #expect(try Shard(parsing: "2/5") == Shard(index: 2, count: 5))
        #expect(try Shard(parsing: " 1 / 1 ").isWhole)
        #expect(try Shard(parsing: "256/256").description == "256/256")
        #expect(throws: ShardError.malformed("2")) { try Shard(parsing: "2") }
        #expect(throws: ShardError.malformed("a/b")) { try Shard(parsing: "a/b") }
        #expect(throws: ShardError.malformed("1/2/3")) { try Shard(parsing: "1/2/3") }
        #expect(throws: ShardError.indexOutOfRange(index: 0, count: 3)) { try Shard(parsing: "0/3") }
        #expect(throws: ShardError.indexOutOfRange(index: 4, count: 3)) { try Shard(parsing: "4/3") }
        #expect(throws: ShardError.countOutOfRange(0)) { try Shard(parsing: "0/0") }
        #expect(throws: ShardError.countOutOfRange(257)) { try Shard(parsing: "1/257") }
        #expect(ShardError.indexOutOfRange(index: 0, count: 3).description.contains("numbered from 1"))
    }

    @Test("the weights are fixed forever: other tools and other releases must agree")
    func stableWeights() {
        // Computed independently (Python) from the definition in ShardHash's documentation.
        #expect(ShardHash.weight(serial: "VDCA1P2410000131", shard: 1) == 0xcdc5_a328_2d2b_2eb4)
        #expect(ShardHash.weight(serial: "VDCA1P2410000131", shard: 2) == 0x7b5e_1ba7_6058_d484)
        #expect(Shard.owner(of: "VDCA1P2407005563", count: 2) == 2)
        #expect(Shard.owner(of: "VDCA1P2311004420", count: 3) == 3)
        #expect(Shard.owner(of: "VDCA1P2410000131", count: 4) == 4)
    }

    @Test("every camera is in exactly one shard", arguments: [1, 2, 3, 7, 16])
    func exactlyOne(count: Int) throws {
        let shards = try (1...count).map { try Shard(index: $0, count: count) }
        for serial in Self.serials.prefix(2_000) {
            #expect(shards.filter { $0.contains(serial) }.count == 1, "\(serial)")
        }
    }

    @Test("shards are balanced within reason", arguments: 2...16)
    func balance(count: Int) {
        var sizes = [Int](repeating: 0, count: count + 1)
        for serial in Self.serials { sizes[Shard.owner(of: serial, count: count)] += 1 }
        let expected = Double(Self.serials.count) / Double(count)
        // Binomial spread is about √expected; 15 % leaves room for six standard deviations at N = 16.
        for size in sizes.dropFirst() {
            #expect(abs(Double(size) - expected) < 0.15 * expected, "sizes \(sizes.dropFirst()) for N = \(count)")
        }
    }

    @Test("adding a shard moves about 1/(N+1) of the cameras, all to the new shard", arguments: 1...15)
    func minimalMovement(count: Int) {
        var moved = 0
        for serial in Self.serials {
            let before = Shard.owner(of: serial, count: count)
            let after = Shard.owner(of: serial, count: count + 1)
            if before != after {
                moved += 1
                #expect(after == count + 1, "\(serial) moved from \(before) to \(after), not to the new shard")
            }
        }
        let expected = Double(Self.serials.count) / Double(count + 1)
        #expect(abs(Double(moved) - expected) < 0.15 * expected, "\(moved) moved going \(count) → \(count + 1)")
    }
}
