extension SessionManager {
    /// Waits until `condition` holds for the snapshots or `timeout` passes; whether it held.
    ///
    /// The condition is checked when snapshots change, not on a timer, and at most every
    /// `spacing`: a fleet of thousands publishes on every pong, and copying all of its
    /// snapshots at each of them would compete with the pings being waited for.
    public nonisolated func waitUntil(timeout: Duration, spacing: Duration = .milliseconds(10),
                                      _ condition: @escaping @Sendable ([DeviceSnapshot]) -> Bool) async -> Bool {
        let changes = snapshotChanges()
        if condition(snapshots) { return true }
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                for await _ in changes {
                    if condition(self.snapshots) { return true }
                    try? await Task.sleep(for: spacing)
                }
                return false
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let held = await group.next() ?? false
            group.cancelAll()
            return held || condition(snapshots)
        }
    }
}
