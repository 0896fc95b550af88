/// The 96-bit transaction identifier that pairs a response with its request (RFC 8489 section 5).
public struct STUNTransactionID: Sendable, Hashable, CustomStringConvertible {
    /// Exactly twelve bytes.
    public let bytes: [UInt8]

    /// Creates an identifier from twelve bytes; nil for any other count.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 12 else { return nil }
        self.bytes = bytes
    }

    /// A fresh identifier from the system's cryptographically secure generator, as RFC 8489
    /// asks, so that off-path attackers cannot forge responses.
    public static func random() -> STUNTransactionID {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// A fresh identifier from a caller-supplied generator, for reproducible tests.
    public static func random(using generator: inout some RandomNumberGenerator) -> STUNTransactionID {
        var bytes = [UInt8]()
        bytes.reserveCapacity(12)
        for _ in 0..<12 { bytes.append(UInt8.random(in: .min ... .max, using: &generator)) }
        return STUNTransactionID(unchecked: bytes)
    }

    init(unchecked bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Lowercase hex.
    public var description: String {
        bytes.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
