/// The stable hash behind ``Shard``: the same weights on every machine, in every process
/// and every release, which Swift's `Hasher` (seeded per process) does not give.
///
/// weight(serial, k) = fmix64(FNV-1a-64(UTF-8 of serial, a 0 byte, k in decimal ASCII)).
/// FNV-1a is simple to reproduce in any language; murmur3's 64-bit finaliser then spreads
/// the last bytes (the shard number) over every bit, which FNV alone does poorly, so the
/// weights of one camera under different shards behave as independent draws.
public enum ShardHash {
    /// The rendezvous weight of camera `serial` for shard `shard`.
    public static func weight(serial: String, shard: Int) -> UInt64 {
        let hash = fnv1a(String(shard).utf8, from: fnv1a(CollectionOfOne(0), from: fnv1a(serial.utf8)))
        return fmix64(hash)
    }

    /// FNV-1a 64 of `bytes`, continuing from `hash` (the offset basis to start).
    static func fnv1a<Bytes: Sequence<UInt8>>(_ bytes: Bytes, from hash: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = hash
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// murmur3's 64-bit finaliser.
    static func fmix64(_ value: UInt64) -> UInt64 {
        var k = value
        k ^= k >> 33
        k &*= 0xff51_afd7_ed55_8ccd
        k ^= k >> 33
        k &*= 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }
}
