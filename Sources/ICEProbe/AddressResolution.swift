import NIOCore
import NIOPosix

enum AddressResolution {
    /// Resolves `host` with getaddrinfo on NIO's thread pool, since getaddrinfo blocks; IP
    /// literals skip the pool.
    static func resolve(host: String, port: UInt16) async -> SocketAddress? {
        if let address = try? SocketAddress(ipAddress: host, port: Int(port)) { return address }
        return try? await NIOThreadPool.singleton.runIfActive {
            try SocketAddress.makeAddressResolvingHost(host, port: Int(port))
        }
    }
}

extension STUNTransportAddress {
    /// Converts an IPv4 or IPv6 socket address; nil for Unix sockets.
    init?(_ socketAddress: SocketAddress) {
        guard let text = socketAddress.ipAddress, let address = IPAddress(text), let port = socketAddress.port,
            let port16 = UInt16(exactly: port)
        else { return nil }
        self.init(address: address, port: port16)
    }
}
