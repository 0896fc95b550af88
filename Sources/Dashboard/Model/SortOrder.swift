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
        if self == .added { return snapshots }
        // Each key is computed once, not at every comparison: lower-casing names inside the
        // comparator made a sort of a thousand cameras allocate twenty thousand strings.
        let keyed = snapshots.enumerated().map { (key: key($0.element), offset: $0.offset) }
        return keyed.sorted { left, right in
            if left.key != right.key { return left.key < right.key }
            return left.offset < right.offset
        }.map { snapshots[$0.offset] }
    }

    private func key(_ snapshot: DeviceSnapshot) -> (Double, String) {
        switch self {
        case .added: (0, "")
        case .state: (Double(Self.severity(snapshot.state)), snapshot.serialNumber)
        case .expiry: (snapshot.ticket?.expiresAt.timeIntervalSince1970 ?? .infinity, "")
        case .rtt: (-(snapshot.ping.lastMs ?? -1), "")
        case .serial: (0, snapshot.serialNumber)
        case .name: (0, (snapshot.name ?? "\u{10FFFF}").lowercased())
        }
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
