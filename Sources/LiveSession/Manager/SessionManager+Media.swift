import Foundation
import VicohomeAPI

extension SessionManager {
    /// A seat for a live view on `serial`'s signaling socket, once the session is live and
    /// the camera has joined; waits up to `timeout` for that (the vendor waits 30 s for
    /// `PEER_IN`).
    public func attachMedia(_ serial: String, timeout: Duration = .seconds(30)) async throws(MediaAttachError) -> MediaSignalingChannel {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            guard let runtime = devices[serial] else { throw .unknownDevice(serial) }
            if runtime.machine.state.isLive, let generation = runtime.machine.socket,
               let connection = runtime.connections[generation], let ticket = runtime.machine.ticket,
               runtime.cameraPresent[generation] == true {
                return seat(serial, generation: generation, connection: connection, ticket: ticket, runtime: runtime)
            }
            if clock.now >= deadline {
                if runtime.machine.state.isLive {
                    throw .cameraAbsent(seconds: Int(timeout.components.seconds))
                }
                throw .notLive(state: "\(runtime.machine.state.word)", lastError: runtime.lastError)
            }
            try? await Task.sleep(for: .milliseconds(50))
            if Task.isCancelled { throw .notLive(state: "cancelled", lastError: nil) }
        }
    }

    private func seat(_ serial: String, generation: Int, connection: SignalingConnection, ticket: WebRTCTicket,
                      runtime: DeviceRuntime) -> MediaSignalingChannel {
        let (stream, continuation) = AsyncStream.makeStream(of: SignalingMessage.self)
        let id = UUID()
        devices[serial]?.mediaTaps[id] = MediaTap(generation: generation, continuation: continuation)
        let openedAfter = (runtime.phases.socketOpenMs ?? 0) / 1000
        let openTime = runtime.phaseStart.map { $0.addingTimeInterval(openedAfter) } ?? clock.now
        return MediaSignalingChannel(
            serialNumber: serial, ticket: ticket, openTime: openTime, clientName: configuration.clientName,
            incoming: stream, send: { connection.send($0) },
            close: { [weak self] in
                continuation.finish()
                guard let self else { return }
                Task { await self.detachMedia(serial, id) }
            })
    }

    private func detachMedia(_ serial: String, _ id: UUID) {
        guard let tap = devices[serial]?.mediaTaps[id] else { return }
        tap.continuation.finish()
        devices[serial]?.mediaTaps[id] = nil
        let generation = tap.generation
        guard devices[serial]?.closeAfterMedia.contains(generation) == true,
              devices[serial]?.mediaTaps.values.contains(where: { $0.generation == generation }) == false
        else { return }
        devices[serial]?.closeAfterMedia.remove(generation)
        dropSocket(serial, generation: generation)
    }

    /// Closes and forgets one socket of a device.
    func dropSocket(_ serial: String, generation: Int) {
        if let connection = devices[serial]?.connections.removeValue(forKey: generation) { connection.close() }
        devices[serial]?.cameraPresent[generation] = nil
    }

    /// Hands a live-view message of socket `generation` to the media engines seated there.
    func forwardToMedia(_ serial: String, generation: Int, _ message: SignalingMessage) {
        guard let taps = devices[serial]?.mediaTaps, !taps.isEmpty else { return }
        for tap in taps.values where tap.generation == generation { tap.continuation.yield(message) }
    }

    /// Ends the seats on socket `generation` (every seat when nil): the socket is gone.
    func endMediaTaps(_ serial: String, generation: Int?) {
        guard let taps = devices[serial]?.mediaTaps else { return }
        for (id, tap) in taps where generation == nil || tap.generation == generation {
            tap.continuation.finish()
            devices[serial]?.mediaTaps[id] = nil
        }
        if let generation { devices[serial]?.closeAfterMedia.remove(generation) } else { devices[serial]?.closeAfterMedia = [] }
    }
}
