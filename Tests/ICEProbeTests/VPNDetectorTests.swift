import Testing
import ICEProbe

@Suite("VPN detection and host interfaces")
struct VPNDetectorTests {
    static let plainRoutes = """
        Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
        eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0
        eth0\t0001A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0
        """

    static let wireGuardDefault = """
        Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
        wg0\t00000000\t00000000\t0001\t0\t0\t0\t00000000\t0\t0\t0
        eth0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0
        """

    static let openVPNDef1 = """
        Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
        eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0
        tun0\t00000000\t0108080A\t0003\t0\t0\t0\t00000080\t0\t0\t0
        tun0\t00000080\t0108080A\t0003\t0\t0\t0\t00000080\t0\t0\t0
        tun0\t0008080A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
        """

    static func interface(_ name: String, _ address: String?, up: Bool = true, loopback: Bool = false) -> HostInterface {
        HostInterface(name: name, address: address.flatMap(IPAddress.init), isUp: up, isLoopback: loopback)
    }

    @Test func vpnInterfaceNames() {
        for name in ["tun0", "tap1", "wg0", "ppp0", "utun3", "tailscale0", "zt7nnig26", "ipsec0", "WG-home"] {
            #expect(VPNDetector.isVPNInterfaceName(name), "\(name)")
        }
        for name in ["eth0", "enp3s0", "wlan0", "lo", "docker0", "br-1234", "veth12"] {
            #expect(!VPNDetector.isVPNInterfaceName(name), "\(name)")
        }
    }

    @Test func noVPN() {
        let assessment = VPNDetector.assess(interfaces: [Self.interface("lo", "127.0.0.1", loopback: true), Self.interface("eth0", "192.168.1.5")], routeTable: Self.plainRoutes)
        #expect(assessment.vpnInterfaces.isEmpty)
        #expect(assessment.defaultRouteInterfaces == ["eth0"])
        #expect(!assessment.defaultRouteThroughVPN)
        #expect(!assessment.vpnDetected)
    }

    @Test func wireGuardCarriesDefaultRoute() {
        let assessment = VPNDetector.assess(interfaces: [Self.interface("eth0", "192.168.1.5"), Self.interface("wg0", "10.8.0.2")], routeTable: Self.wireGuardDefault)
        #expect(assessment.vpnInterfaces == ["wg0"])
        #expect(assessment.defaultRouteInterfaces == ["wg0", "eth0"])
        #expect(assessment.defaultRouteThroughVPN)
        #expect(assessment.vpnDetected)
    }

    @Test func openVPNSplitDefault() {
        #expect(VPNDetector.defaultRouteInterfaces(routeTable: Self.openVPNDef1) == ["eth0", "tun0"])
        let assessment = VPNDetector.assess(interfaces: [Self.interface("tun0", nil)], routeTable: Self.openVPNDef1)
        #expect(assessment.defaultRouteThroughVPN)
    }

    @Test func downTunnelIsNotReportedAndGarbageIsSkipped() {
        let assessment = VPNDetector.assess(interfaces: [Self.interface("tun0", "10.0.0.2", up: false)], routeTable: "garbage\nnot\ta\troute\n\u{0}\u{1}")
        #expect(!assessment.vpnDetected)
        #expect(VPNDetector.assess(interfaces: [], routeTable: nil).defaultRouteInterfaces.isEmpty)
    }

    @Test func liveDetectionDoesNotCrash() {
        _ = VPNDetector.detect()
        #expect(HostInterfaces.current().contains { $0.isLoopback })
    }

    @Test func hostCandidateAddressFilter() {
        let interfaces = [
            Self.interface("lo", "127.0.0.1", loopback: true),
            Self.interface("lo", "::1", loopback: true),
            Self.interface("eth0", nil),
            Self.interface("eth0", "192.168.1.5"),
            Self.interface("eth0", "fe80::1"),
            Self.interface("eth0", "2001:db8::5"),
            Self.interface("eth1", "10.0.0.9", up: false),
            Self.interface("eth2", "192.168.1.5"),
            Self.interface("eth3", "169.254.3.4"),
        ]
        let addresses = HostInterfaces.candidateAddresses(from: interfaces).map { "\($0.interface) \($0.address)" }
        #expect(addresses == ["eth0 192.168.1.5", "eth0 2001:db8::5"])
        let everything = HostInterfaces.candidateAddresses(from: interfaces, includeLoopback: true, includeLinkLocal: true).map { "\($0.address)" }
        #expect(everything == ["127.0.0.1", "::1", "192.168.1.5", "fe80::1", "2001:db8::5", "169.254.3.4"])
    }
}
