import Testing
@testable import ICEProbe

@Suite("RFC 5769 test vectors")
struct RFC5769Tests {
    /// Re-encodes a decoded vector the way its sender did: integrity and fingerprint recomputed.
    private func reencode(_ message: STUNMessage, key: STUNIntegrityKey, paddingByte: UInt8) throws -> [UInt8] {
        var stripped = message
        let hadFingerprint = message.attributes.contains { $0.type == .fingerprint }
        stripped.attributes.removeAll { $0.type == .messageIntegrity || $0.type == .fingerprint }
        return try stripped.encoded(integrityKey: key, fingerprint: hadFingerprint, paddingByte: paddingByte)
    }

    @Test func sampleRequest() throws {
        let bytes = RFC5769Vectors.sampleRequest
        let message = try STUNMessage(decoding: bytes)
        #expect(message.type == STUNMessageType(method: .binding, messageClass: .request))
        #expect(message.software == "STUN test client")
        #expect(message.username == "evtj:h6vY")
        #expect(message.attributes.contains(.unknown(type: .priority, value: [0x6e, 0x00, 0x01, 0xff])))
        #expect(message.attributes.contains(.unknown(type: .iceControlled, value: [0x93, 0x2f, 0xf9, 0xb1, 0x51, 0x26, 0x3b, 0x36])))
        let key = STUNIntegrityKey.shortTerm(password: RFC5769Vectors.sampleRequestPassword)
        #expect(STUNMessage.verifyIntegrity(of: bytes, key: key) == .valid)
        #expect(STUNMessage.verifyFingerprint(of: bytes) == .valid)
        #expect(STUNMessage.verifyIntegrity(of: bytes, key: .shortTerm(password: "wrong")) == .invalid)
        #expect(try reencode(message, key: key, paddingByte: 0x20) == bytes)
        #expect(try message.encoded(paddingByte: 0x20) == bytes)
    }

    @Test func ipv4Response() throws {
        let bytes = RFC5769Vectors.ipv4Response
        let message = try STUNMessage(decoding: bytes)
        #expect(message.type == STUNMessageType(method: .binding, messageClass: .successResponse))
        #expect(message.software == "test vector")
        #expect(message.mappedAddress == STUNTransportAddress(address: IPAddress("192.0.2.1")!, port: 32853))
        let key = STUNIntegrityKey.shortTerm(password: RFC5769Vectors.sampleRequestPassword)
        #expect(STUNMessage.verifyIntegrity(of: bytes, key: key) == .valid)
        #expect(STUNMessage.verifyFingerprint(of: bytes) == .valid)
        #expect(try reencode(message, key: key, paddingByte: 0x20) == bytes)
    }

    @Test func ipv6Response() throws {
        let bytes = RFC5769Vectors.ipv6Response
        let message = try STUNMessage(decoding: bytes)
        #expect(message.mappedAddress == STUNTransportAddress(address: IPAddress("2001:db8:1234:5678:11:2233:4455:6677")!, port: 32853))
        #expect(message.mappedAddress?.description == "[2001:db8:1234:5678:11:2233:4455:6677]:32853")
        let key = STUNIntegrityKey.shortTerm(password: RFC5769Vectors.sampleRequestPassword)
        #expect(STUNMessage.verifyIntegrity(of: bytes, key: key) == .valid)
        #expect(STUNMessage.verifyFingerprint(of: bytes) == .valid)
        #expect(try reencode(message, key: key, paddingByte: 0x20) == bytes)
    }

    @Test func longTermCredentialRequest() throws {
        let bytes = RFC5769Vectors.longTermRequest
        let message = try STUNMessage(decoding: bytes)
        #expect(message.username == RFC5769Vectors.longTermUsername)
        #expect(message.nonce == RFC5769Vectors.longTermNonce)
        #expect(message.realm == RFC5769Vectors.longTermRealm)
        #expect(try SASLprep.prepare(RFC5769Vectors.longTermPassword) == "TheMatrIX")
        let key = try STUNIntegrityKey.longTerm(
            username: RFC5769Vectors.longTermUsername,
            realm: RFC5769Vectors.longTermRealm,
            password: RFC5769Vectors.longTermPassword
        )
        let plainKey = try STUNIntegrityKey.longTerm(username: RFC5769Vectors.longTermUsername, realm: "example.org", password: "TheMatrIX")
        #expect(key == plainKey)
        #expect(STUNMessage.verifyIntegrity(of: bytes, key: key) == .valid)
        #expect(STUNMessage.verifyFingerprint(of: bytes) == .absent)
        #expect(try reencode(message, key: key, paddingByte: 0) == bytes)
    }

    @Test func crc32CheckValue() {
        #expect(CRC32.checksum(of: Array("123456789".utf8)) == 0xCBF4_3926)
    }
}
