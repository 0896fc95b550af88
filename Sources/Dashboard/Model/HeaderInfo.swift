import LiveSession

/// What the header says about where the dashboard is connected.
public struct HeaderInfo: Sendable, Hashable {
    /// The API endpoint (host), or the simulator's address in demo mode.
    public var endpoint: String
    /// Whether this is the embedded simulator's demo account.
    public var isDemo: Bool
    /// Who is signed in: an e-mail, or where the token came from.
    public var account: String
    /// VPN detection: nil before it ran, else a short verdict.
    public var vpn: String?
    /// The part of the fleet watched; shown unless it is the whole fleet.
    public var shard: Shard

    /// Creates header information.
    public init(endpoint: String, isDemo: Bool, account: String, vpn: String? = nil, shard: Shard = .whole) {
        self.endpoint = endpoint
        self.isDemo = isDemo
        self.account = account
        self.vpn = vpn
        self.shard = shard
    }
}

/// A short message in the key bar: what a command did, or why it could not.
public struct StatusMessage: Sendable, Hashable {
    /// The text.
    public var text: String
    /// Whether it reports a failure.
    public var isError: Bool

    /// Creates a message.
    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

/// What the keyboard is doing: moving around, typing into a prompt, or answering one.
public enum InputMode: Sendable, Hashable {
    /// Keys are commands.
    case normal
    /// Typing a filter.
    case filtering(String)
    /// Typing a serial to add.
    case adding(String)
    /// Asked whether to reconnect every device.
    case confirmReconnectAll
    /// Asked whether to remove a device.
    case confirmRemove(String)
    /// Asked whether to check every camera's live view.
    case confirmCheckAllMedia
    /// The help overlay is open.
    case help
}

/// Which pane the keys move in.
public enum Focus: Sendable, Hashable {
    /// The device list.
    case list
    /// The selected device's detail, enlarged and scrollable.
    case detail
}
