import Foundation
import LiveMedia
import LiveSession
import VicohomeAPI
import VicohomeSimulator
import TestSupport

/// GStreamer present or not, said once and loudly: the media tests skip, they do not pass.
enum MediaTestSupport {
    static let gstreamerPresent: Bool = {
        let availability = GStreamerRuntime.camera
        if !availability.isAvailable {
            print("""
                ************************************************************************
                * WARNING: GStreamer's WebRTC plugins are missing here.                *
                * The live-view integration tests are SKIPPED, not passed.             *
                * \(availability.summary)
                ************************************************************************
                """)
        }
        return availability.isAvailable
    }()
}

/// A simulator whose cameras are WebRTC peers, a session manager on it, and one live view.
struct LiveViewHarness {
    let simulator: VicohomeSimulator
    let manager: SessionManager

    static func start(_ media: (inout CameraMediaBehavior) -> Void = { _ in },
                      configure: (inout SimulatorConfiguration) -> Void = { _ in }) async throws -> LiveViewHarness {
        var configuration = SimulatorConfiguration()
        var device = SimulatedDevice.generated(index: 1, behavior: DeviceBehavior.healthy.media(media))
        device.device.serialNumber = serial
        device.device.deviceName = "Test Cam"
        configuration.devices = [device]
        configure(&configuration)
        let simulator = VicohomeSimulator(configuration: configuration)
        try await simulator.start()
        var session = SessionConfiguration()
        session.probeICE = false
        let client = VicohomeClient(configuration: APIConfiguration(baseURL: simulator.baseURL, requestTimeout: .seconds(5)), token: simulator.token)
        let manager = SessionManager(client: client, configuration: session)
        await manager.start()
        await manager.add(serial, name: "Test Cam")
        await manager.startWatching(serial)
        return LiveViewHarness(simulator: simulator, manager: manager)
    }

    static let serial = "VDTEST0000000001"

    /// Runs one view over the session's socket; loopback candidates only, always.
    func view(_ change: (inout LiveViewOptions) -> Void = { _ in }) async throws -> LiveViewReport {
        let channel = try await manager.attachMedia(Self.serial, timeout: .seconds(30))
        defer { channel.close() }
        var options = LiveViewOptions()
        options.loopbackOnly = true
        options.watchSeconds = 1
        change(&options)
        let request = LiveViewRequest(serialNumber: Self.serial, ticket: channel.ticket, clientName: channel.clientName,
                                      openTime: channel.openTime, options: options)
        return await LiveViewer.run(request, send: channel.send, incoming: channel.incoming)
    }

    func stop() async {
        await manager.shutdown()
        await simulator.stop()
    }

    /// Starts a harness, runs `body` and stops the harness, alone through the GStreamer gate.
    static func with<T: Sendable>(_ media: @escaping @Sendable (inout CameraMediaBehavior) -> Void = { _ in },
                                  configure: @escaping @Sendable (inout SimulatorConfiguration) -> Void = { _ in },
                                  _ body: @Sendable (LiveViewHarness) async throws -> T) async throws -> T {
        try await SerialGate.gstreamer.run {
            let harness = try await start(media, configure: configure)
            do {
                let result = try await body(harness)
                await harness.stop()
                return result
            } catch {
                await harness.stop()
                throw error
            }
        }
    }
}
