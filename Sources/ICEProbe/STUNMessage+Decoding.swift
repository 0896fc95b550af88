extension STUNMessage {
    /// Decodes one whole message; any other input yields a `STUNDecodingError`, never a trap.
    ///
    /// The byte count must match the header's length exactly: on UDP a datagram is one
    /// message, and on TCP `STUNStreamFramer` cuts the stream first.
    public init(decoding bytes: [UInt8]) throws(STUNDecodingError) {
        let layout = try STUNWireLayout(bytes: bytes)
        var attributes: [STUNAttribute] = []
        attributes.reserveCapacity(layout.attributes.count)
        for span in layout.attributes {
            let value = bytes[span.valueOffset..<(span.valueOffset + span.valueLength)]
            attributes.append(try Self.decodeAttribute(type: span.type, value: value, transactionID: layout.transactionID))
        }
        self.init(type: layout.messageType, transactionID: layout.transactionID, attributes: attributes)
    }

    /// Decodes a message from any byte sequence.
    public init(decoding bytes: some Sequence<UInt8>) throws(STUNDecodingError) {
        try self.init(decoding: Array(bytes))
    }

    private static func decodeAttribute(
        type: STUNAttributeType,
        value: ArraySlice<UInt8>,
        transactionID: STUNTransactionID
    ) throws(STUNDecodingError) -> STUNAttribute {
        switch type {
        case .mappedAddress:
            return .mappedAddress(try decodeAddress(type: type, value: value, xorWith: nil))
        case .xorMappedAddress:
            return .xorMappedAddress(try decodeAddress(type: type, value: value, xorWith: transactionID))
        case .xorRelayedAddress:
            return .xorRelayedAddress(try decodeAddress(type: type, value: value, xorWith: transactionID))
        case .username:
            return .username(try decodeText(type: type, value: value))
        case .realm:
            return .realm(try decodeText(type: type, value: value))
        case .nonce:
            return .nonce(try decodeText(type: type, value: value))
        case .software:
            return .software(try decodeText(type: type, value: value))
        case .errorCode:
            return .errorCode(try decodeErrorCode(value: value))
        case .lifetime:
            guard value.count == 4 else { throw .invalidAttributeLength(type: type, length: value.count) }
            return .lifetime(Array(value).readUInt32(at: 0))
        case .requestedTransport:
            guard value.count == 4 else { throw .invalidAttributeLength(type: type, length: value.count) }
            return .requestedTransport(value[value.startIndex])
        case .messageIntegrity:
            guard value.count == 20 else { throw .invalidAttributeLength(type: type, length: value.count) }
            return .messageIntegrity(Array(value))
        case .messageIntegritySHA256:
            guard (16...32).contains(value.count), value.count % 4 == 0 else {
                throw .invalidAttributeLength(type: type, length: value.count)
            }
            return .messageIntegritySHA256(Array(value))
        case .fingerprint:
            guard value.count == 4 else { throw .invalidAttributeLength(type: type, length: value.count) }
            return .fingerprint(Array(value).readUInt32(at: 0))
        default:
            return .unknown(type: type, value: Array(value))
        }
    }

    private static func decodeAddress(
        type: STUNAttributeType,
        value: ArraySlice<UInt8>,
        xorWith transactionID: STUNTransactionID?
    ) throws(STUNDecodingError) -> STUNTransportAddress {
        let value = Array(value)
        guard value.count >= 4 else { throw .invalidAttributeLength(type: type, length: value.count) }
        let family = value[1]
        let addressLength: Int
        switch family {
        case 0x01: addressLength = 4
        case 0x02: addressLength = 16
        default: throw .unknownAddressFamily(type: type, family: family)
        }
        guard value.count == 4 + addressLength else { throw .invalidAttributeLength(type: type, length: value.count) }
        var port = value.readUInt16(at: 2)
        var addressBytes = Array(value[4...])
        if let transactionID {
            port ^= UInt16(truncatingIfNeeded: magicCookie >> 16)
            let mask = xorMask(transactionID: transactionID)
            for index in addressBytes.indices { addressBytes[index] ^= mask[index] }
        }
        // Cannot fail: the length is 4 or 16 by the switch above.
        guard let address = IPAddress(bytes: addressBytes) else {
            throw .invalidAttributeLength(type: type, length: value.count)
        }
        return STUNTransportAddress(address: address, port: port)
    }

    /// The cookie followed by the transaction id: the key XOR-MAPPED-ADDRESS uses so that
    /// NATs rewriting addresses they spot in payloads leave it alone.
    static func xorMask(transactionID: STUNTransactionID) -> [UInt8] {
        var mask: [UInt8] = []
        mask.appendUInt32(magicCookie)
        mask.append(contentsOf: transactionID.bytes)
        return mask
    }

    private static func decodeText(type: STUNAttributeType, value: ArraySlice<UInt8>) throws(STUNDecodingError) -> String {
        guard let text = strictUTF8String(value) else { throw .invalidText(type: type) }
        return text
    }

    private static func decodeErrorCode(value: ArraySlice<UInt8>) throws(STUNDecodingError) -> STUNErrorCode {
        let value = Array(value)
        guard value.count >= 4 else { throw .invalidAttributeLength(type: .errorCode, length: value.count) }
        let errorClass = Int(value[2] & 0x07)
        let number = Int(value[3])
        guard number < 100 else { throw .invalidErrorCode(errorClass: errorClass, number: number) }
        // coturn pads its reason phrases with NULs, which are not part of the text.
        var reasonBytes = value[4...]
        while let last = reasonBytes.last, last == 0 { reasonBytes = reasonBytes.dropLast() }
        guard let reason = strictUTF8String(reasonBytes) else { throw .invalidText(type: .errorCode) }
        return STUNErrorCode(code: errorClass * 100 + number, reason: reason)
    }

    /// Decodes UTF-8 and rejects invalid sequences instead of repairing them, so that
    /// re-encoding gives back the same bytes. (`String(validating:)` needs macOS 15.)
    static func strictUTF8String(_ bytes: ArraySlice<UInt8>) -> String? {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var scalars = String.UnicodeScalarView()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: return String(scalars)
            case .error: return nil
            }
        }
    }
}
