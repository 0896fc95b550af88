import Testing
@testable import ICEProbe

/// Any byte string must decode to a message or a typed error: never a trap. Decoded messages
/// must survive an encode/decode round trip.
@Suite("STUN codec properties", .serialized)
struct STUNCodecPropertyTests {
    /// Decodes, and for whatever decodes checks the round trip and runs the verifiers.
    private func exercise(_ bytes: [UInt8]) -> Bool {
        let key = STUNIntegrityKey.shortTerm(password: "pw")
        _ = STUNMessage.verifyIntegrity(of: bytes, key: key)
        _ = STUNMessage.verifyFingerprint(of: bytes)
        let message: STUNMessage
        do {
            message = try STUNMessage(decoding: bytes)
        } catch {
            return false
        }
        let reencoded = try? message.encoded()
        #expect(reencoded != nil)
        if let reencoded {
            #expect((try? STUNMessage(decoding: reencoded)) == message)
        }
        return true
    }

    /// Sized to stay well under a second in a debug build (libFuzzer does the long runs, see
    /// Tests/Fuzz); yielding now and then keeps them from starving
    /// the timing-sensitive network tests that share the two cooperative threads.
    private func yieldNowAndThen(_ iteration: Int) async {
        if iteration % 200 == 0 { await Task.yield() }
    }

    @Test func randomBytes() async {
        var generator = SeededGenerator(seed: 0x5354_554E)
        for iteration in 0..<2_500 {
            await yieldNowAndThen(iteration)
            let count = Int.random(in: 0...96, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = exercise(bytes)
        }
    }

    /// Random attribute soup behind a valid header, so the attribute decoders get exercised
    /// rather than the header checks alone.
    @Test func randomAttributesBehindValidHeader() async {
        var generator = SeededGenerator(seed: 42)
        let interestingTypes: [UInt16] = [0x0001, 0x0006, 0x0008, 0x0009, 0x000D, 0x0014, 0x0015, 0x0016, 0x0019, 0x001C, 0x0020, 0x8022, 0x8028, 0x7777]
        var decoded = 0
        for iteration in 0..<2_500 {
            await yieldNowAndThen(iteration)
            var body: [UInt8] = []
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                let type = interestingTypes.randomElement(using: &generator)!
                let length = Int.random(in: 0...24, using: &generator)
                body += [UInt8(type >> 8), UInt8(type & 0xFF), 0, UInt8(length)]
                let valueStart = body.count
                body += (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                if length >= 2, Int.random(in: 0..<4, using: &generator) != 0 {
                    // A plausible address family gets the address decoder past its first check.
                    body[valueStart + 1] = UInt8.random(in: 1...2, using: &generator)
                }
                if Bool.random(using: &generator) {
                    body += Array(repeating: 0, count: (4 - length % 4) % 4)
                }
            }
            let declared = Bool.random(using: &generator) ? body.count : Int.random(in: 0...200, using: &generator)
            let header: [UInt8] = [UInt8.random(in: 0...1, using: &generator), UInt8.random(in: 0...255, using: &generator),
                                   UInt8(declared >> 8 & 0xFF), UInt8(declared & 0xFF), 0x21, 0x12, 0xA4, 0x42]
                + (0..<12).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if exercise(header + body) { decoded += 1 }
        }
        // Not a correctness claim, just proof the generator reaches the attribute decoders.
        #expect(decoded > 100)
    }

    @Test func mutatedValidMessages() async throws {
        var generator = SeededGenerator(seed: 7)
        let key = try STUNIntegrityKey.longTerm(username: "alice", realm: "vicotop.test", password: "secret")
        let seeds: [[UInt8]] = [
            RFC5769Vectors.sampleRequest, RFC5769Vectors.ipv4Response, RFC5769Vectors.ipv6Response, RFC5769Vectors.longTermRequest,
            try STUNMessage(method: .allocate, messageClass: .successResponse, attributes: STUNCodecTests.sampleAttributes)
                .encoded(integrityKey: key, fingerprint: true),
        ]
        for iteration in 0..<4_000 {
            await yieldNowAndThen(iteration)
            var bytes = seeds[iteration % seeds.count]
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                if bytes.isEmpty { break }
                switch Int.random(in: 0..<6, using: &generator) {
                case 0:
                    let index = Int.random(in: 0..<bytes.count, using: &generator)
                    bytes[index] = UInt8.random(in: 0...255, using: &generator)
                case 1:
                    let index = Int.random(in: 0..<bytes.count, using: &generator)
                    bytes[index] ^= 1 << UInt8.random(in: 0...7, using: &generator)
                case 2:
                    bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)))
                case 3:
                    bytes += (0..<Int.random(in: 1...8, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                case 4 where bytes.count >= 4:
                    // Attack the length field, the classic source of over-reads.
                    bytes[2] = UInt8.random(in: 0...255, using: &generator)
                    bytes[3] = UInt8.random(in: 0...255, using: &generator)
                case 5 where bytes.count >= 26:
                    // Attack an attribute length inside the message.
                    let index = 22 + 4 * Int.random(in: 0..<((bytes.count - 22) / 4), using: &generator)
                    bytes[min(index, bytes.count - 1)] = UInt8.random(in: 0...255, using: &generator)
                default:
                    break
                }
            }
            _ = exercise(bytes)
        }
    }
}
