/// A STUN message (RFC 8489): a type, a transaction id and attributes in wire order.
///
/// A plain value with no I/O; `init(decoding:)` and `encoded(...)` convert to and from bytes.
public struct STUNMessage: Sendable, Hashable {
    /// The fixed value of header bytes 4...7 that tells RFC 5389+ STUN apart from older traffic.
    public static let magicCookie: UInt32 = 0x2112_A442

    /// The size of the fixed header.
    public static let headerLength = 20

    /// Method and class.
    public var type: STUNMessageType
    /// The transaction id.
    public var transactionID: STUNTransactionID
    /// Attributes in wire order, including any MESSAGE-INTEGRITY and FINGERPRINT that were decoded.
    public var attributes: [STUNAttribute]

    /// Creates a message; a fresh random transaction id unless one is given.
    public init(type: STUNMessageType, transactionID: STUNTransactionID = .random(), attributes: [STUNAttribute] = []) {
        self.type = type
        self.transactionID = transactionID
        self.attributes = attributes
    }

    /// Creates a message of `method` and `messageClass`.
    public init(
        method: STUNMethod,
        messageClass: STUNMessageClass,
        transactionID: STUNTransactionID = .random(),
        attributes: [STUNAttribute] = []
    ) {
        self.init(type: STUNMessageType(method: method, messageClass: messageClass), transactionID: transactionID, attributes: attributes)
    }

    /// The first XOR-MAPPED-ADDRESS, else the first MAPPED-ADDRESS.
    public var mappedAddress: STUNTransportAddress? {
        var legacy: STUNTransportAddress?
        for attribute in attributes {
            switch attribute {
            case .xorMappedAddress(let address): return address
            case .mappedAddress(let address): legacy = legacy ?? address
            default: continue
            }
        }
        return legacy
    }

    /// The first XOR-RELAYED-ADDRESS.
    public var relayedAddress: STUNTransportAddress? {
        attributes.lazy.compactMap { if case .xorRelayedAddress(let value) = $0 { value } else { nil } }.first
    }

    /// The first ERROR-CODE.
    public var errorCode: STUNErrorCode? {
        attributes.lazy.compactMap { if case .errorCode(let value) = $0 { value } else { nil } }.first
    }

    /// The first SOFTWARE.
    public var software: String? {
        attributes.lazy.compactMap { if case .software(let value) = $0 { value } else { nil } }.first
    }

    /// The first REALM.
    public var realm: String? {
        attributes.lazy.compactMap { if case .realm(let value) = $0 { value } else { nil } }.first
    }

    /// The first NONCE.
    public var nonce: String? {
        attributes.lazy.compactMap { if case .nonce(let value) = $0 { value } else { nil } }.first
    }

    /// The first USERNAME.
    public var username: String? {
        attributes.lazy.compactMap { if case .username(let value) = $0 { value } else { nil } }.first
    }

    /// The first LIFETIME, in seconds.
    public var lifetime: UInt32? {
        attributes.lazy.compactMap { if case .lifetime(let value) = $0 { value } else { nil } }.first
    }
}
