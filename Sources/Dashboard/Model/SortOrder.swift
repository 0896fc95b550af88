import LiveSession

/// How the device list is ordered; `o` cycles through them.
public enum SortOrder: String, Sendable, Hashable, CaseIterable {
    /// As added (the account's order).
    case added
    /// Worst state first: failed, then backing off, then on the way, then live.
    case state
    /// Soonest ticket expiry first.
    case expiry
    /// Slowest round trip first.
    case rtt
    /// Serial number.
    case serial
    /// Device name.
    case name

    /// The next order in the cycle.
    public var next: SortOrder {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// `snapshots` in this order; ties keep the added order.
    public func sorted(_ snapshots: [DeviceSnapshot]) -> [DeviceSnapshot] {
        let indexed = Array(snapshots.enumerated())
        func key(_ snapshot: DeviceSnapshot) -> (Double, String) {
            switch self {
            case .added: (0, "")
            case .state: (Double(Self.severity(snapshot.state)), snapshot.serialNumber)
            case .expiry: (snapshot.ticket?.expiresAt.timeIntervalSince1970 ?? .infinity, "")
            case .rtt: (-(snapshot.ping.lastMs ?? -1), "")
            case .serial: (0, snapshot.serialNumber)
            case .name: (0, (snapshot.name ?? "\u{10FFFF}").lowercased())
            }
        }
        return indexed.sorted { left, right in
            let (a, b) = (key(left.element), key(right.element))
            if a != b { return a < b }
            return left.offset < right.offset
        }.map(\.element)
    }

    static func severity(_ state: SessionState) -> Int {
        switch state {
        case .failed: 0
        case .unauthorized: 1
        case .backingOff: 2
        case .stopped: 3
        case .idle, .requestingTicket, .connecting: 4
        case .refreshing: 5
        case .live: 6
        }
    }
}
