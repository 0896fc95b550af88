extension STUNMessage {
    /// The wire form of the message.
    ///
    /// Attributes are written verbatim and in order, so a decoded message re-encodes to the same
    /// bytes. With `integrityKey`, a MESSAGE-INTEGRITY is appended; with `fingerprint`, a
    /// FINGERPRINT after that. `paddingByte` only exists because RFC 5769's vectors pad with
    /// spaces; receivers ignore padding.
    public func encoded(
        integrityKey: STUNIntegrityKey? = nil,
        fingerprint: Bool = false,
        paddingByte: UInt8 = 0
    ) throws(STUNEncodingError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128)
        bytes.appendUInt16(type.wireValue)
        bytes.appendUInt16(0)
        bytes.appendUInt32(Self.magicCookie)
        bytes.append(contentsOf: transactionID.bytes)

        for attribute in attributes {
            let value = try encodedValue(of: attribute)
            try Self.appendAttribute(type: attribute.type, value: value, to: &bytes, paddingByte: paddingByte)
        }
        if let integrityKey {
            try Self.setLength(covering: 24, of: &bytes)
            let code = STUNHashing.hmacSHA1(key: integrityKey.bytes, message: bytes[...])
            try Self.appendAttribute(type: .messageIntegrity, value: code, to: &bytes, paddingByte: paddingByte)
        }
        if fingerprint {
            try Self.setLength(covering: 8, of: &bytes)
            let crc = CRC32.checksum(of: bytes) ^ Self.fingerprintXOR
            var value: [UInt8] = []
            value.appendUInt32(crc)
            try Self.appendAttribute(type: .fingerprint, value: value, to: &bytes, paddingByte: paddingByte)
        }
        try Self.setLength(covering: 0, of: &bytes)
        return bytes
    }

    /// FINGERPRINT's CRC is xored with "STUN" so that it differs from CRCs other protocols
    /// sharing the port might carry.
    static let fingerprintXOR: UInt32 = 0x5354_554E

    /// Sets the header's length to the attributes so far plus `extra` bytes still to come,
    /// which is what the integrity and fingerprint computations require.
    private static func setLength(covering extra: Int, of bytes: inout [UInt8]) throws(STUNEncodingError) {
        let length = bytes.count - headerLength + extra
        guard length <= Int(UInt16.max) else { throw .messageTooLarge(length: length + headerLength) }
        bytes.writeUInt16(UInt16(length), at: 2)
    }

    private static func appendAttribute(
        type: STUNAttributeType,
        value: [UInt8],
        to bytes: inout [UInt8],
        paddingByte: UInt8
    ) throws(STUNEncodingError) {
        guard value.count <= Int(UInt16.max) else { throw .valueTooLong(type: type, length: value.count) }
        bytes.appendUInt16(type.rawValue)
        bytes.appendUInt16(UInt16(value.count))
        bytes.append(contentsOf: value)
        let padding = (4 - value.count % 4) % 4
        bytes.append(contentsOf: repeatElement(paddingByte, count: padding))
    }

    private func encodedValue(of attribute: STUNAttribute) throws(STUNEncodingError) -> [UInt8] {
        switch attribute {
        case .mappedAddress(let address):
            return Self.encodeAddress(address, xorWith: nil)
        case .xorMappedAddress(let address), .xorRelayedAddress(let address):
            return Self.encodeAddress(address, xorWith: transactionID)
        case .username(let text), .realm(let text), .nonce(let text), .software(let text):
            return Array(text.utf8)
        case .errorCode(let error):
            guard (0...799).contains(error.code) else { throw .unencodableErrorCode(error.code) }
            return [0, 0, UInt8(error.code / 100), UInt8(error.code % 100)] + Array(error.reason.utf8)
        case .lifetime(let seconds):
            var value: [UInt8] = []
            value.appendUInt32(seconds)
            return value
        case .requestedTransport(let protocolNumber):
            return [protocolNumber, 0, 0, 0]
        case .messageIntegrity(let code), .messageIntegritySHA256(let code):
            return code
        case .fingerprint(let crc):
            var value: [UInt8] = []
            value.appendUInt32(crc)
            return value
        case .unknown(_, let value):
            return value
        }
    }

    private static func encodeAddress(_ address: STUNTransportAddress, xorWith transactionID: STUNTransactionID?) -> [UInt8] {
        var value: [UInt8] = [0, address.address.family == .v4 ? 0x01 : 0x02]
        var port = address.port
        var addressBytes = address.address.bytes
        if let transactionID {
            port ^= UInt16(truncatingIfNeeded: magicCookie >> 16)
            let mask = xorMask(transactionID: transactionID)
            for index in addressBytes.indices { addressBytes[index] ^= mask[index] }
        }
        value.appendUInt16(port)
        value.append(contentsOf: addressBytes)
        return value
    }
}
