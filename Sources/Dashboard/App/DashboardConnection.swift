import LiveSession

/// What the dashboard needs from the program that starts it: a session manager already
/// watching devices, what to say in the header, and how to shut the whole thing down.
public struct DashboardConnection: Sendable {
    /// The manager whose snapshots are shown and to which commands go.
    public var manager: SessionManager
    /// Endpoint, demo flag and account for the header.
    public var header: HeaderInfo
    /// Closes sessions, servers and clients.
    public var close: @Sendable () async -> Void

    /// Creates a connection.
    public init(manager: SessionManager, header: HeaderInfo, close: @escaping @Sendable () async -> Void) {
        self.manager = manager
        self.header = header
        self.close = close
    }
}

/// Sets up the fleet. It calls `attach` with the manager before any device is started,
/// so the dashboard sees every event from the first one.
public typealias DashboardConnector = @Sendable (_ attach: @escaping @Sendable (SessionManager) -> Void) async throws -> DashboardConnection
