import Testing
@testable import ICEProbe

@Suite("STUN codec")
struct STUNCodecTests {
    static let transactionID = STUNTransactionID(bytes: Array(1...12))!

    static let sampleAttributes: [STUNAttribute] = [
        .mappedAddress(STUNTransportAddress(address: IPAddress("10.1.2.3")!, port: 4321)),
        .xorMappedAddress(STUNTransportAddress(address: IPAddress("203.0.113.7")!, port: 54321)),
        .xorRelayedAddress(STUNTransportAddress(address: IPAddress("2001:db8::42")!, port: 50000)),
        .username("alice"),
        .realm("vicotop.test"),
        .nonce("abc/def+123"),
        .software("vicotop ✓"),
        .errorCode(STUNErrorCode(code: 438, reason: "Stale Nonce")),
        .lifetime(600),
        .requestedTransport(17),
        .unknown(type: STUNAttributeType(rawValue: 0x8055), value: [1, 2, 3]),
        .unknown(type: .useCandidate, value: []),
    ]

    @Test(arguments: STUNMessageClass.allCases)
    func messageTypeBits(messageClass: STUNMessageClass) {
        for method in [STUNMethod.binding, .allocate, .refresh, .channelBind, STUNMethod(rawValue: 0xFFF)!, STUNMethod(rawValue: 0xA5A)!] {
            let type = STUNMessageType(method: method, messageClass: messageClass)
            #expect(type.wireValue & 0xC000 == 0)
            #expect(STUNMessageType(wireValue: type.wireValue) == type)
        }
        #expect(STUNMessageType(method: .binding, messageClass: .successResponse).wireValue == 0x0101)
        #expect(STUNMessageType(method: .allocate, messageClass: .errorResponse).wireValue == 0x0113)
        #expect(STUNMessageType(wireValue: 0x4001) == nil)
    }

    @Test func roundTripEveryAttribute() throws {
        let message = STUNMessage(method: .allocate, messageClass: .successResponse, transactionID: Self.transactionID, attributes: Self.sampleAttributes)
        let bytes = try message.encoded()
        #expect(bytes.count % 4 == 0)
        #expect(try STUNMessage(decoding: bytes) == message)
    }

    @Test func roundTripWithIntegrityAndFingerprint() throws {
        let key = try STUNIntegrityKey.longTerm(username: "alice", realm: "vicotop.test", password: "secret")
        let message = STUNMessage(method: .allocate, messageClass: .request, transactionID: Self.transactionID, attributes: Self.sampleAttributes)
        let bytes = try message.encoded(integrityKey: key, fingerprint: true)
        #expect(STUNMessage.verifyIntegrity(of: bytes, key: key) == .valid)
        #expect(STUNMessage.verifyFingerprint(of: bytes) == .valid)
        let decoded = try STUNMessage(decoding: bytes)
        #expect(Array(decoded.attributes.dropLast(2)) == message.attributes)
        #expect(decoded.attributes.last?.type == .fingerprint)
        // Re-encoding the decoded message verbatim reproduces the bytes.
        #expect(try decoded.encoded() == bytes)

        var tampered = bytes
        tampered[30] ^= 0x01
        #expect(STUNMessage.verifyIntegrity(of: tampered, key: key) == .invalid)
        #expect(STUNMessage.verifyFingerprint(of: tampered) == .invalid)
        let otherKey = try STUNIntegrityKey.longTerm(username: "alice", realm: "vicotop.test", password: "other")
        #expect(STUNMessage.verifyIntegrity(of: bytes, key: otherKey) == .invalid)
    }

    @Test func messageIntegritySHA256IsVerified() throws {
        let key = STUNIntegrityKey.shortTerm(password: "pass")
        let message = STUNMessage(method: .binding, messageClass: .request, transactionID: Self.transactionID, attributes: [.username("u")])
        // Build MESSAGE-INTEGRITY-SHA256 by hand: HMAC over the message with the length covering it.
        var bytes = try message.encoded()
        let lengthWithAttribute = bytes.count - 20 + 36
        bytes[2] = UInt8(lengthWithAttribute >> 8)
        bytes[3] = UInt8(lengthWithAttribute & 0xFF)
        let code = STUNHashing.hmacSHA256(key: key.bytes, message: bytes[...])
        bytes += [0x00, 0x1C, 0x00, 0x20] + code
        #expect(STUNMessage.verifyIntegrity(of: bytes, key: key) == .valid)
        let decoded = try STUNMessage(decoding: bytes)
        #expect(decoded.attributes.last == .messageIntegritySHA256(code))
        bytes[bytes.count - 1] ^= 0xFF
        #expect(STUNMessage.verifyIntegrity(of: bytes, key: key) == .invalid)
    }

    @Test func coturnErrorReasonLosesTrailingNULs() throws {
        var bytes: [UInt8] = [0x01, 0x13, 0x00, 0x18, 0x21, 0x12, 0xA4, 0x42] + Array(1...12)
        bytes += [0x00, 0x09, 0x00, 0x14, 0x00, 0x00, 0x04, 0x01] + Array("Unauthorized".utf8) + [0, 0, 0, 0]
        let message = try STUNMessage(decoding: bytes)
        #expect(message.errorCode == STUNErrorCode(code: 401, reason: "Unauthorized"))
        #expect(message.type == STUNMessageType(method: .allocate, messageClass: .errorResponse))
    }

    @Test func typedDecodingErrors() {
        func error(_ bytes: [UInt8]) -> STUNDecodingError? {
            do {
                _ = try STUNMessage(decoding: bytes)
                return nil
            } catch {
                return error
            }
        }
        let header: [UInt8] = [0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xA4, 0x42] + Array(repeating: 7, count: 12)
        #expect(error([]) == .truncatedHeader(byteCount: 0))
        #expect(error(Array(header.prefix(19))) == .truncatedHeader(byteCount: 19))
        #expect(error([0x40] + header.dropFirst()) == .notSTUN(firstByte: 0x40))
        var badCookie = header
        badCookie[4] = 0
        #expect(error(badCookie) == .badMagicCookie(0x0012_A442))
        var oddLength = header
        oddLength[3] = 2
        #expect(error(oddLength + [0, 0]) == .lengthNotMultipleOfFour(2))
        var longer = header
        longer[3] = 8
        #expect(error(longer + [0, 0, 0, 0]) == .lengthMismatch(declared: 8, available: 4))
        var overrun = header
        overrun[3] = 8
        #expect(error(overrun + [0x80, 0x22, 0x00, 0x10, 1, 2, 3, 4]) == .truncatedAttribute(type: .software, offset: 20))
        var badLifetime = header
        badLifetime[3] = 8
        #expect(error(badLifetime + [0x00, 0x0D, 0x00, 0x02, 1, 2, 0, 0]) == .invalidAttributeLength(type: .lifetime, length: 2))
        var badFamily = header
        badFamily[3] = 12
        #expect(error(badFamily + [0x00, 0x20, 0x00, 0x08, 0, 3, 0, 0, 0, 0, 0, 0]) == .unknownAddressFamily(type: .xorMappedAddress, family: 3))
        var badText = header
        badText[3] = 8
        #expect(error(badText + [0x00, 0x06, 0x00, 0x02, 0xC3, 0x28, 0, 0]) == .invalidText(type: .username))
        var afterFingerprint = header
        afterFingerprint[3] = 12
        #expect(error(afterFingerprint + [0x80, 0x28, 0x00, 0x04, 0, 0, 0, 0, 0x80, 0x22, 0x00, 0x00]) == .attributeAfterFingerprint(type: .software))
        var badErrorCode = header
        badErrorCode[3] = 8
        #expect(error(badErrorCode + [0x00, 0x09, 0x00, 0x04, 0, 0, 4, 100]) == .invalidErrorCode(errorClass: 4, number: 100))
    }

    @Test func encodingRejectsOversizedValues() {
        let long = String(repeating: "x", count: 70_000)
        let message = STUNMessage(method: .binding, messageClass: .request, attributes: [.software(long)])
        #expect(throws: STUNEncodingError.valueTooLong(type: .software, length: 70_000)) { try message.encoded() }
        let many = STUNMessage(method: .binding, messageClass: .request, attributes: Array(repeating: .software(String(repeating: "y", count: 40_000)), count: 2))
        #expect(throws: STUNEncodingError.self) { try many.encoded() }
        let badCode = STUNMessage(method: .binding, messageClass: .errorResponse, attributes: [.errorCode(STUNErrorCode(code: 1000, reason: ""))])
        #expect(throws: STUNEncodingError.unencodableErrorCode(1000)) { try badCode.encoded() }
    }

    @Test func saslPrep() throws {
        #expect(try SASLprep.prepare("I\u{00AD}X") == "IX")
        #expect(try SASLprep.prepare("user") == "user")
        #expect(try SASLprep.prepare("a\u{00A0}b") == "a b")
        #expect(try SASLprep.prepare("\u{00AA}") == "a")
        #expect(try SASLprep.prepare("\u{2168}") == "IX")
        #expect(throws: SASLprepError.prohibitedCharacter(0x07)) { try SASLprep.prepare("bell\u{07}") }
        #expect(throws: SASLprepError.prohibitedCharacter(0xE000)) { try SASLprep.prepare("\u{E000}") }
        #expect(throws: SASLprepError.self) { try STUNIntegrityKey.longTerm(username: "u", realm: "r", password: "\u{0}") }
    }

    @Test func ipAddressText() {
        #expect(IPAddress("192.0.2.1")?.bytes == [192, 0, 2, 1])
        #expect(IPAddress("::1")?.isLoopback == true)
        #expect(IPAddress("fe80::1")?.isLinkLocal == true)
        #expect(IPAddress("2001:0db8:0:0:0:0:0:1")?.description == "2001:db8::1")
        #expect(IPAddress("256.0.0.1") == nil)
        #expect(IPAddress("example.com") == nil)
        #expect(IPAddress(bytes: [1, 2, 3]) == nil)
    }
}
