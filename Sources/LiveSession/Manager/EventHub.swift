import Foundation
import NIOConcurrencyHelpers

/// Fans session events out to any number of subscribers, each with its own buffer.
final class EventHub: Sendable {
    private let subscribers = NIOLockedValueBox<[UUID: AsyncStream<SessionEvent>.Continuation]>([:])

    func subscribe(buffer: Int) -> AsyncStream<SessionEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: SessionEvent.self, bufferingPolicy: .bufferingNewest(buffer))
        let id = UUID()
        subscribers.withLockedValue { $0[id] = continuation }
        continuation.onTermination = { [weak self] _ in
            self?.subscribers.withLockedValue { _ = $0.removeValue(forKey: id) }
        }
        return stream
    }

    func publish(_ event: SessionEvent) {
        for continuation in subscribers.withLockedValue({ Array($0.values) }) { continuation.yield(event) }
    }

    func finish() {
        for continuation in subscribers.withLockedValue({ Array($0.values) }) { continuation.finish() }
    }
}
