import Dispatch
import Foundation

/// Waits until the process receives one of a set of signals (SIGINT, SIGTERM, SIGHUP).
enum SignalWaiter {
    /// Returns the signal that arrived.
    static func wait(for signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]) async -> Int32 {
        let stream = AsyncStream<Int32> { continuation in
            let sources = signals.map { number -> any DispatchSourceSignal in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { continuation.yield(number) }
                source.resume()
                return source
            }
            let holder = SignalSources(sources)
            continuation.onTermination = { _ in holder.cancel() }
        }
        for await number in stream { return number }
        return SIGTERM
    }
}

/// Keeps signal sources alive for as long as the waiting stream exists.
///
/// Dispatch sources are thread-safe, but not marked `Sendable`; only `cancel()` is
/// called from another context.
private final class SignalSources: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    init(_ sources: [any DispatchSourceSignal]) { self.sources = sources }
    func cancel() { sources.forEach { $0.cancel() } }
}
