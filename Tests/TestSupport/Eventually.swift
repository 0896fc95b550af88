/// Polls a condition until it holds or the deadline passes; tests wait this way rather
/// than with fixed sleeps. The deadline only bounds a failure, so it is generous: Swift
/// Testing starts every test at once, and on two cores that first burst (processes
/// starting, GStreamer loading, cameras encoding) has held a waiting test back for seconds.
public func eventually(timeout: Duration = .seconds(30), _ condition: () -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return condition()
}
