/// An IP address and port as carried by the address attributes.
public struct STUNTransportAddress: Sendable, Hashable, CustomStringConvertible {
    /// The IP address.
    public var address: IPAddress
    /// The port.
    public var port: UInt16

    /// Creates a transport address.
    public init(address: IPAddress, port: UInt16) {
        self.address = address
        self.port = port
    }

    /// "192.0.2.1:32853" or "[2001:db8::1]:32853".
    public var description: String {
        switch address.family {
        case .v4: return "\(address):\(port)"
        case .v6: return "[\(address)]:\(port)"
        }
    }
}
