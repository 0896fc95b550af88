#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One address of one network interface, or an interface without an IP address.
public struct HostInterface: Sendable, Hashable {
    /// The interface name, such as "eth0" or "wg0".
    public var name: String
    /// The IP address; nil for an entry that only reports the interface (Linux's AF_PACKET).
    public var address: IPAddress?
    /// IFF_UP.
    public var isUp: Bool
    /// IFF_LOOPBACK.
    public var isLoopback: Bool

    /// Creates an entry.
    public init(name: String, address: IPAddress?, isUp: Bool, isLoopback: Bool) {
        self.name = name
        self.address = address
        self.isUp = isUp
        self.isLoopback = isLoopback
    }
}

/// The machine's interfaces as getifaddrs sees them, and the pure rules that pick host
/// candidate addresses out of them.
public enum HostInterfaces {
    /// Every interface entry; empty if getifaddrs fails.
    public static func current() -> [HostInterface] {
        var head: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&head) == 0, let first = head else { return [] }
        defer { freeifaddrs(head) }
        var result: [HostInterface] = []
        var cursor: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = cursor {
            let flags = Int32(bitPattern: UInt32(entry.pointee.ifa_flags))
            result.append(
                HostInterface(
                    name: String(cString: entry.pointee.ifa_name),
                    address: entry.pointee.ifa_addr.flatMap(ipAddress(from:)),
                    isUp: flags & Int32(IFF_UP) != 0,
                    isLoopback: flags & Int32(IFF_LOOPBACK) != 0
                )
            )
            cursor = entry.pointee.ifa_next
        }
        return result
    }

    private static func ipAddress(from pointer: UnsafeMutablePointer<sockaddr>) -> IPAddress? {
        switch Int32(pointer.pointee.sa_family) {
        case AF_INET:
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                withUnsafeBytes(of: address.pointee.sin_addr) { IPAddress(bytes: Array($0)) }
            }
        case AF_INET6:
            return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                withUnsafeBytes(of: address.pointee.sin6_addr) { IPAddress(bytes: Array($0)) }
            }
        default:
            return nil
        }
    }

    /// The addresses worth offering as host candidates: interfaces that are up, without
    /// loopback unless asked (peers cannot reach it) and without link-local unless asked
    /// (IPv6 link-local needs a zone, and neither kind leaves the link), deduplicated.
    public static func candidateAddresses(
        from interfaces: [HostInterface],
        includeLoopback: Bool = false,
        includeLinkLocal: Bool = false
    ) -> [(interface: String, address: IPAddress)] {
        var seen = Set<IPAddress>()
        var result: [(interface: String, address: IPAddress)] = []
        for interface in interfaces where interface.isUp {
            guard let address = interface.address, !address.isUnspecified else { continue }
            if !includeLoopback && (interface.isLoopback || address.isLoopback) { continue }
            if !includeLinkLocal && address.isLinkLocal { continue }
            if seen.insert(address).inserted { result.append((interface.name, address)) }
        }
        return result
    }
}
