/// The HMAC key for MESSAGE-INTEGRITY (RFC 8489 section 9).
public struct STUNIntegrityKey: Sendable, Hashable {
    /// The raw key bytes.
    public let bytes: [UInt8]

    /// Wraps raw key bytes.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The short-term key used by ICE connectivity checks: the password's UTF-8 bytes.
    public static func shortTerm(password: String) -> STUNIntegrityKey {
        STUNIntegrityKey(bytes: Array(password.utf8))
    }

    /// The long-term key used by TURN: MD5(username ":" realm ":" SASLprep(password)).
    public static func longTerm(username: String, realm: String, password: String) throws(SASLprepError) -> STUNIntegrityKey {
        let prepared = try SASLprep.prepare(password)
        return STUNIntegrityKey(bytes: STUNHashing.md5(Array("\(username):\(realm):\(prepared)".utf8)))
    }
}

/// The outcome of checking a received message's MESSAGE-INTEGRITY or FINGERPRINT.
public enum STUNCheckResult: Sendable, Hashable {
    /// The attribute is present and correct.
    case valid
    /// The attribute is present and wrong.
    case invalid
    /// The message carries no such attribute.
    case absent
    /// The bytes are not a well-formed message.
    case malformed(STUNDecodingError)
}

extension STUNMessage {
    /// Checks MESSAGE-INTEGRITY and, when present, MESSAGE-INTEGRITY-SHA256 of the received
    /// `bytes` against `key`.
    ///
    /// Works on the bytes as received rather than on a decoded message, because the HMAC covers
    /// padding and attribute order exactly as the sender wrote them.
    public static func verifyIntegrity(of bytes: [UInt8], key: STUNIntegrityKey) -> STUNCheckResult {
        let layout: STUNWireLayout
        do {
            layout = try STUNWireLayout(bytes: bytes)
        } catch {
            return .malformed(error)
        }
        var checkedAny = false
        for span in layout.attributes where span.type == .messageIntegrity || span.type == .messageIntegritySHA256 {
            let received = bytes[span.valueOffset..<(span.valueOffset + span.valueLength)]
            let paddedLength = (span.valueLength + 3) & ~3
            var covered = Array(bytes[0..<span.headerOffset])
            // The length field must claim to end right after this attribute; anything written
            // after it (FINGERPRINT) was added later and is not covered.
            covered.writeUInt16(UInt16(truncatingIfNeeded: span.headerOffset + 4 + paddedLength - headerLength), at: 2)
            let expected: [UInt8]
            if span.type == .messageIntegrity {
                guard span.valueLength == 20 else { return .invalid }
                expected = STUNHashing.hmacSHA1(key: key.bytes, message: covered[...])
            } else {
                guard (16...32).contains(span.valueLength), span.valueLength % 4 == 0 else { return .invalid }
                expected = Array(STUNHashing.hmacSHA256(key: key.bytes, message: covered[...]).prefix(span.valueLength))
            }
            guard constantTimeEqual(expected, Array(received)) else { return .invalid }
            checkedAny = true
        }
        return checkedAny ? .valid : .absent
    }

    /// Checks FINGERPRINT of the received `bytes`.
    public static func verifyFingerprint(of bytes: [UInt8]) -> STUNCheckResult {
        let layout: STUNWireLayout
        do {
            layout = try STUNWireLayout(bytes: bytes)
        } catch {
            return .malformed(error)
        }
        guard let span = layout.attributes.last(where: { $0.type == .fingerprint }) else { return .absent }
        guard span.valueLength == 4 else { return .invalid }
        let expected = CRC32.checksum(of: bytes[0..<span.headerOffset]) ^ fingerprintXOR
        return bytes.readUInt32(at: span.valueOffset) == expected ? .valid : .invalid
    }

    /// Compares without an early exit so the time taken does not leak how much of a forged
    /// HMAC was right.
    private static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
