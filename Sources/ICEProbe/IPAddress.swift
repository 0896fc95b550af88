#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address as raw network-order bytes.
///
/// A value type of its own so the STUN codec needs neither NIO nor sockets.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// The IP version of an address.
    public enum Family: Sendable, Hashable {
        /// Four-byte IPv4.
        case v4
        /// Sixteen-byte IPv6.
        case v6
    }

    /// Four bytes for IPv4, sixteen for IPv6, in network order.
    public let bytes: [UInt8]

    /// Wraps raw bytes; nil unless there are exactly 4 or 16.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Parses dotted-quad IPv4 or RFC 4291 IPv6 text (without brackets or zone); nil otherwise.
    public init?(_ text: String) {
        if text.contains(":") {
            var storage = in6_addr()
            guard inet_pton(AF_INET6, text, &storage) == 1 else { return nil }
            self.bytes = withUnsafeBytes(of: &storage) { Array($0) }
        } else {
            var storage = in_addr()
            guard inet_pton(AF_INET, text, &storage) == 1 else { return nil }
            self.bytes = withUnsafeBytes(of: &storage) { Array($0) }
        }
    }

    /// Whether this is IPv4 or IPv6.
    public var family: Family { bytes.count == 4 ? .v4 : .v6 }

    /// True for 127.0.0.0/8 and ::1.
    public var isLoopback: Bool {
        switch family {
        case .v4: return bytes[0] == 127
        case .v6: return bytes == [UInt8](repeating: 0, count: 15) + [1]
        }
    }

    /// True for 169.254.0.0/16 and fe80::/10, which are useless as ICE candidates off-link.
    public var isLinkLocal: Bool {
        switch family {
        case .v4: return bytes[0] == 169 && bytes[1] == 254
        case .v6: return bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80
        }
    }

    /// True for 0.0.0.0 and ::.
    public var isUnspecified: Bool { bytes.allSatisfy { $0 == 0 } }

    /// Canonical text form (RFC 5952 for IPv6).
    public var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = self.family == .v4 ? AF_INET : AF_INET6
        let formatted = bytes.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count))
        }
        guard formatted != nil else { return "?" }
        let terminated = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: terminated, as: UTF8.self)
    }
}
