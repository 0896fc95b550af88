import LiveSession

/// The last events of one device, oldest first, at most ``capacity``.
public struct EventLog: Sendable, Hashable {
    /// How many events are kept per device by default.
    public static let defaultCapacity = SessionConfiguration().eventHistory

    /// How many events are kept.
    public let capacity: Int
    /// The events kept.
    public private(set) var events: [SessionEvent] = []

    /// An empty log keeping at most `capacity` events.
    public init(capacity: Int = EventLog.defaultCapacity) { self.capacity = max(1, capacity) }

    /// Adds an event, dropping the oldest when full.
    public mutating func append(_ event: SessionEvent) {
        events.append(event)
        if events.count > capacity { events.removeFirst(events.count - capacity) }
    }
}
