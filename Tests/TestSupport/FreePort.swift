#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds a loopback port that is free for both TCP and UDP, since coturn listens on both.
public enum FreePort {
    /// A port free for TCP and UDP on 127.0.0.1, or `nil` after 20 tries.
    public static func find() -> UInt16? {
        for _ in 0..<20 {
            guard let port = bindEphemeral(type: socketStreamType) else { continue }
            if canBind(port: port, type: socketDatagramType) { return port }
        }
        return nil
    }

    /// Runs `body` with a port that was free, until `accepted` likes the result or
    /// `attempts` ports have been tried; returns the last result.
    ///
    /// For a port that must have nothing behind it (an ICMP port unreachable over UDP): a
    /// held socket would answer, so the port can only be found free, and another test of the
    /// parallel run may bind it before `body` uses it. A fresh port is unlikely to clash
    /// again, while a real fault shows on every attempt.
    public static func retryingOnClash<T>(attempts: Int = 5, until accepted: (T) -> Bool,
                                          _ body: (UInt16) async throws -> T) async throws -> T {
        var last: T?
        for _ in 0..<max(1, attempts) {
            guard let port = find() else { continue }
            let result = try await body(port)
            if accepted(result) { return result }
            last = result
        }
        guard let last else { throw NoFreePort() }
        return last
    }

    /// No free port was found.
    public struct NoFreePort: Error {}

    #if canImport(Glibc)
    private static let socketStreamType = Int32(SOCK_STREAM.rawValue)
    private static let socketDatagramType = Int32(SOCK_DGRAM.rawValue)
    #else
    private static let socketStreamType = SOCK_STREAM
    private static let socketDatagramType = SOCK_DGRAM
    #endif

    private static func bindEphemeral(type: Int32) -> UInt16? {
        let descriptor = socket(AF_INET, type, 0)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { return nil }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { return nil }
        return UInt16(bigEndian: address.sin_port)
    }

    static func canBind(port: UInt16, type: Int32) -> Bool {
        let descriptor = socket(AF_INET, type, 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}

/// A loopback TCP port held by a socket that is bound but never listens: a connection to
/// it is refused at once, and nobody else can take the port while this lives (the socket
/// has no SO_REUSEADDR).
public final class RefusingTCPPort: @unchecked Sendable {
    /// The port.
    public let port: UInt16
    private let descriptor: Int32

    /// Binds 127.0.0.1:0; nil if that fails.
    public init?() {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return nil }
        var address = FreePort.loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        self.port = UInt16(bigEndian: address.sin_port)
    }

    deinit { close(descriptor) }
}
