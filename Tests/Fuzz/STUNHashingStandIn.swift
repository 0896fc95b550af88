// Replaces STUNHashing.swift in the fuzz build, which is compiled without swift-crypto.
// The digests only need the right lengths and determinism here: the fuzzer targets parsing.

enum STUNHashing {
    static func hmacSHA1(key: [UInt8], message: ArraySlice<UInt8>) -> [UInt8] {
        digest(key + Array(message), length: 20)
    }

    static func hmacSHA256(key: [UInt8], message: ArraySlice<UInt8>) -> [UInt8] {
        digest(key + Array(message), length: 32)
    }

    static func md5(_ bytes: [UInt8]) -> [UInt8] {
        digest(bytes, length: 16)
    }

    private static func digest(_ bytes: [UInt8], length: Int) -> [UInt8] {
        var output: [UInt8] = []
        var seed: UInt8 = 0
        while output.count < length {
            let crc = CRC32.checksum(of: [seed] + bytes)
            output += [UInt8(truncatingIfNeeded: crc >> 24), UInt8(truncatingIfNeeded: crc >> 16), UInt8(truncatingIfNeeded: crc >> 8), UInt8(truncatingIfNeeded: crc)]
            seed &+= 1
        }
        return Array(output.prefix(length))
    }
}
