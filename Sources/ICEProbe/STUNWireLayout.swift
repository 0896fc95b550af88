/// Where each attribute of a message lies, found without interpreting any value.
///
/// Decoding and integrity checking share this walk so that both apply the same bounds checks;
/// every index is compared against the remaining count before use, so no input can trap.
struct STUNWireLayout {
    struct AttributeSpan {
        var type: STUNAttributeType
        /// Offset of the four-byte attribute header.
        var headerOffset: Int
        /// Offset of the value, right after the header.
        var valueOffset: Int
        /// The value's length without padding.
        var valueLength: Int
    }

    var messageType: STUNMessageType
    var transactionID: STUNTransactionID
    var attributes: [AttributeSpan]

    init(bytes: [UInt8]) throws(STUNDecodingError) {
        guard bytes.count >= STUNMessage.headerLength else {
            throw .truncatedHeader(byteCount: bytes.count)
        }
        let wireType = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
        guard let messageType = STUNMessageType(wireValue: wireType) else {
            throw .notSTUN(firstByte: bytes[0])
        }
        let cookie = bytes.readUInt32(at: 4)
        guard cookie == STUNMessage.magicCookie else { throw .badMagicCookie(cookie) }
        let declaredLength = Int(bytes.readUInt16(at: 2))
        guard declaredLength % 4 == 0 else { throw .lengthNotMultipleOfFour(declaredLength) }
        let available = bytes.count - STUNMessage.headerLength
        guard declaredLength == available else {
            throw .lengthMismatch(declared: declaredLength, available: available)
        }

        var spans: [AttributeSpan] = []
        var offset = STUNMessage.headerLength
        var sawFingerprint = false
        while offset < bytes.count {
            guard bytes.count - offset >= 4 else { throw .truncatedAttribute(type: nil, offset: offset) }
            let type = STUNAttributeType(rawValue: bytes.readUInt16(at: offset))
            if sawFingerprint { throw .attributeAfterFingerprint(type: type) }
            let valueLength = Int(bytes.readUInt16(at: offset + 2))
            let paddedLength = (valueLength + 3) & ~3
            guard bytes.count - offset - 4 >= paddedLength else {
                throw .truncatedAttribute(type: type, offset: offset)
            }
            spans.append(AttributeSpan(type: type, headerOffset: offset, valueOffset: offset + 4, valueLength: valueLength))
            sawFingerprint = type == .fingerprint
            offset += 4 + paddedLength
        }

        self.messageType = messageType
        self.transactionID = STUNTransactionID(unchecked: Array(bytes[8..<20]))
        self.attributes = spans
    }
}

extension Array where Element == UInt8 {
    /// Big-endian read; callers have already checked that two bytes remain.
    func readUInt16(at offset: Int) -> UInt16 {
        UInt16(self[offset]) << 8 | UInt16(self[offset + 1])
    }

    /// Big-endian read; callers have already checked that four bytes remain.
    func readUInt32(at offset: Int) -> UInt32 {
        UInt32(self[offset]) << 24 | UInt32(self[offset + 1]) << 16 | UInt32(self[offset + 2]) << 8 | UInt32(self[offset + 3])
    }

    mutating func appendUInt16(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }

    mutating func appendUInt32(_ value: UInt32) {
        append(UInt8(truncatingIfNeeded: value >> 24))
        append(UInt8(truncatingIfNeeded: value >> 16))
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }

    mutating func writeUInt16(_ value: UInt16, at offset: Int) {
        self[offset] = UInt8(truncatingIfNeeded: value >> 8)
        self[offset + 1] = UInt8(truncatingIfNeeded: value)
    }
}
