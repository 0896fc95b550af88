#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What `VPNDetector` found.
public struct VPNAssessment: Sendable, Hashable {
    /// Up interfaces whose names look like VPN tunnels, in name order.
    public var vpnInterfaces: [String]
    /// Interfaces that carry a default route (or an OpenVPN-style 0.0.0.0/1 + 128.0.0.0/1 pair).
    public var defaultRouteInterfaces: [String]

    /// Creates an assessment.
    public init(vpnInterfaces: [String], defaultRouteInterfaces: [String]) {
        self.vpnInterfaces = vpnInterfaces
        self.defaultRouteInterfaces = defaultRouteInterfaces
    }

    /// Whether a default route leads into a VPN-like interface, so that STUN servers see the
    /// VPN's exit address rather than the home network's.
    public var defaultRouteThroughVPN: Bool {
        defaultRouteInterfaces.contains(where: VPNDetector.isVPNInterfaceName)
    }

    /// Whether any VPN-like interface is up or the default route goes through one.
    public var vpnDetected: Bool { !vpnInterfaces.isEmpty || defaultRouteThroughVPN }
}

/// Detects VPNs, a common reason for surprising reflexive addresses or failing relays.
///
/// The rules are pure functions over interface names and the text of /proc/net/route so that
/// they can be tested without a VPN; `detect()` merely feeds them the live data.
public enum VPNDetector {
    /// Name prefixes of tunnel interfaces made by OpenVPN, WireGuard, PPP, macOS, Tailscale,
    /// ZeroTier and IPsec.
    public static let interfacePrefixes = ["tun", "tap", "wg", "ppp", "utun", "tailscale", "zt", "ipsec"]

    /// Whether `name` looks like a VPN tunnel interface.
    public static func isVPNInterfaceName(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return interfacePrefixes.contains { lowered.hasPrefix($0) }
    }

    /// The interfaces of default routes in the text of Linux's /proc/net/route.
    ///
    /// A route counts as default when it is up and its prefix is /0, or /1 as OpenVPN's
    /// "def1" installs to override the real default without deleting it. Malformed lines are
    /// skipped.
    public static func defaultRouteInterfaces(routeTable: String) -> [String] {
        var names: [String] = []
        for line in routeTable.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
            guard fields.count >= 8,
                let flags = UInt32(fields[3], radix: 16),
                let mask = UInt32(fields[7], radix: 16)
            else { continue }
            let routeIsUp = flags & 0x1 != 0
            // The mask is printed as a host-order number; its set-bit count is the prefix length either way.
            guard routeIsUp, mask.nonzeroBitCount <= 1 else { continue }
            let name = String(fields[0])
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// Combines interface entries and the route table into a verdict.
    public static func assess(interfaces: [HostInterface], routeTable: String?) -> VPNAssessment {
        let vpnNames = Set(interfaces.filter { $0.isUp && isVPNInterfaceName($0.name) }.map(\.name)).sorted()
        let defaults = routeTable.map(defaultRouteInterfaces(routeTable:)) ?? []
        return VPNAssessment(vpnInterfaces: vpnNames, defaultRouteInterfaces: defaults)
    }

    /// Looks at this machine now.
    public static func detect() -> VPNAssessment {
        assess(interfaces: HostInterfaces.current(), routeTable: readFile("/proc/net/route"))
    }

    /// Reads a small text file without Foundation; nil when it cannot be read (not Linux).
    static func readFile(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > 1 << 20 { break }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
