import Testing
@testable import ICEProbe

/// Any byte string must decode to a message or a typed error: never a trap. Decoded messages
/// must survive an encode/decode round trip. Valid messages, built at random, must decode
/// to what was encoded, and their integrity and fingerprint must verify, and stop verifying
/// when a bit changes.
@Suite("STUN codec properties", .serialized)
struct STUNCodecPropertyTests {
    /// Decodes, and for whatever decodes checks the round trip; the verifiers must agree
    /// with the decoder on whether the bytes are a well-formed message. Returns the
    /// decoding error, or nil when the bytes decoded.
    @discardableResult
    private func exercise(_ bytes: [UInt8]) -> STUNDecodingError? {
        let key = STUNIntegrityKey.shortTerm(password: "pw")
        let integrity = STUNMessage.verifyIntegrity(of: bytes, key: key)
        let fingerprint = STUNMessage.verifyFingerprint(of: bytes)
        let message: STUNMessage
        do {
            message = try STUNMessage(decoding: bytes)
        } catch {
            // The verifiers read the same layout: a layout error is theirs too; an error in
            // an attribute's value is the decoder's alone.
            if case .malformed(let layoutError) = integrity {
                #expect(layoutError == error)
                #expect(fingerprint == integrity)
            }
            return error
        }
        #expect(!integrity.isMalformed && !fingerprint.isMalformed, "decoded, yet the verifiers call it malformed")
        let reencoded = try? message.encoded()
        #expect(reencoded != nil)
        if let reencoded {
            #expect((try? STUNMessage(decoding: reencoded)) == message)
        }
        return nil
    }

    /// Sized to stay well under a second in a debug build (libFuzzer does the long runs, see
    /// Tests/Fuzz); yielding now and then lets the network tests that share the two
    /// cooperative threads get on.
    private func yieldNowAndThen(_ iteration: Int) async {
        if iteration % 200 == 0 { await Task.yield() }
    }

    /// Random bytes almost never carry the magic cookie: what they exercise is the header's
    /// rejection, which must be a typed error the verifiers agree with.
    @Test func randomBytes() async {
        var generator = SeededGenerator(seed: 0x5354_554E)
        var rejected = 0
        for iteration in 0..<2_500 {
            await yieldNowAndThen(iteration)
            let count = Int.random(in: 0...96, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if exercise(bytes) != nil { rejected += 1 }
        }
        #expect(rejected == 2_500, "random bytes that decoded: \(2_500 - rejected)")
    }

    /// Random valid messages: every attribute kind with random values, with and without
    /// MESSAGE-INTEGRITY and FINGERPRINT.
    @Test func validMessagesRoundTrip() async throws {
        var generator = SeededGenerator(seed: 0x0001_5EED)
        let key = STUNIntegrityKey.shortTerm(password: "pw")
        let wrongKey = STUNIntegrityKey.shortTerm(password: "pW")
        var signed = 0, fingerprinted = 0, corruptionsCaught = 0
        for iteration in 0..<1_500 {
            await yieldNowAndThen(iteration)
            let message = Self.randomMessage(using: &generator)
            let withIntegrity = Bool.random(using: &generator)
            let withFingerprint = Bool.random(using: &generator)
            let bytes = try message.encoded(integrityKey: withIntegrity ? key : nil, fingerprint: withFingerprint)

            let decoded = try STUNMessage(decoding: bytes)
            #expect(decoded.type == message.type)
            #expect(decoded.transactionID == message.transactionID)
            #expect(Array(decoded.attributes.prefix(message.attributes.count)) == message.attributes, "\(message.attributes)")
            let trailer = decoded.attributes.dropFirst(message.attributes.count).map(\.type)
            #expect(trailer == (withIntegrity ? [.messageIntegrity] : []) + (withFingerprint ? [.fingerprint] : []))
            // Everything decoded, integrity and fingerprint included, is written back as it was.
            #expect(try decoded.encoded() == bytes)
            exercise(bytes)

            #expect(STUNMessage.verifyIntegrity(of: bytes, key: key) == (withIntegrity ? .valid : .absent))
            #expect(STUNMessage.verifyIntegrity(of: bytes, key: wrongKey) == (withIntegrity ? .invalid : .absent))
            #expect(STUNMessage.verifyFingerprint(of: bytes) == (withFingerprint ? .valid : .absent))
            if withIntegrity { signed += 1 }
            if withFingerprint { fingerprinted += 1 }

            // One flipped bit after the length field, anywhere the checks cover, must break
            // one of them (or the decoding).
            guard withIntegrity || withFingerprint else { continue }
            var corrupted = bytes
            let covered = withFingerprint ? bytes.count - 8 : bytes.count - 24
            let index = Int.random(in: 4..<covered, using: &generator)
            corrupted[index] ^= 1 << UInt8.random(in: 0...7, using: &generator)
            let integrity = STUNMessage.verifyIntegrity(of: corrupted, key: key)
            let fingerprint = STUNMessage.verifyFingerprint(of: corrupted)
            let caught = (withIntegrity && integrity != .valid) || (withFingerprint && fingerprint != .valid)
            #expect(caught, "bit flip at byte \(index) went unnoticed")
            if caught { corruptionsCaught += 1 }
        }
        #expect(signed > 500 && fingerprinted > 500 && corruptionsCaught > 900)
    }

    /// A message with a random method and class and up to eight random attributes, none of
    /// them MESSAGE-INTEGRITY or FINGERPRINT (the encoder adds those).
    static func randomMessage(using generator: inout SeededGenerator) -> STUNMessage {
        let method = STUNMethod(rawValue: UInt16.random(in: 0..<0x1000, using: &generator))!
        let messageClass = STUNMessageClass.allCases.randomElement(using: &generator)!
        let attributes = (0..<Int.random(in: 0...8, using: &generator)).map { _ in randomAttribute(using: &generator) }
        return STUNMessage(method: method, messageClass: messageClass, transactionID: .random(using: &generator), attributes: attributes)
    }

    static func randomAttribute(using generator: inout SeededGenerator) -> STUNAttribute {
        func address() -> STUNTransportAddress {
            let length = Bool.random(using: &generator) ? 4 : 16
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            return STUNTransportAddress(address: IPAddress(bytes: bytes)!, port: UInt16.random(in: 0...UInt16.max, using: &generator))
        }
        func text(maximum: Int) -> String {
            // ASCII, Latin, CJK and an astral emoji: one to four UTF-8 bytes each.
            let alphabet: [Character] = ["a", "Z", "0", " ", "/", "+", "é", "ß", "✓", "東", "😀"]
            return String((0..<Int.random(in: 0...maximum, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
        switch Int.random(in: 0..<11, using: &generator) {
        case 0: return .mappedAddress(address())
        case 1: return .xorMappedAddress(address())
        case 2: return .xorRelayedAddress(address())
        case 3: return .username(text(maximum: 30))
        case 4: return .realm(text(maximum: 30))
        case 5: return .nonce(text(maximum: 30))
        case 6: return .software(text(maximum: 30))
        case 7:
            // A reason ending in NUL would lose it: coturn's padding is stripped on decoding.
            return .errorCode(STUNErrorCode(code: Int.random(in: 300...699, using: &generator), reason: text(maximum: 20)))
        case 8: return .lifetime(UInt32.random(in: 0...UInt32.max, using: &generator))
        case 9: return .requestedTransport(UInt8.random(in: 0...255, using: &generator))
        default:
            // Types this module keeps as raw bytes, comprehension-required or not.
            let type = [0x0024, 0x0025, 0x7777, 0x8029, 0x802A, 0xC001].randomElement(using: &generator)!
            let value = (0..<Int.random(in: 0...24, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            return .unknown(type: STUNAttributeType(rawValue: UInt16(type)), value: value)
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
            if exercise(header + body) == nil { decoded += 1 }
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
            exercise(bytes)
        }
    }
}

extension STUNCheckResult {
    var isMalformed: Bool { if case .malformed = self { true } else { false } }
}
