import LiveSession

/// The last events of one device, oldest first, at most ``capacity``.
public struct EventLog: Sendable, Hashable {
    /// How many events are kept per device.
    public static let capacity = 200

    /// The events kept.
    public private(set) var events: [SessionEvent] = []

    /// An empty log.
    public init() {}

    /// Adds an event, dropping the oldest when full.
    public mutating func append(_ event: SessionEvent) {
        events.append(event)
        if events.count > Self.capacity { events.removeFirst(events.count - Self.capacity) }
    }
}
