import Foundation
import LiveMedia
import Hummingbird
import ICEProbe
import Logging
import ServiceLifecycle
import NIOConcurrencyHelpers
import NIOCore
import VicohomeAPI

/// An in-process fake of the Vicohome cloud on loopback: the HTTP API, the signaling
/// WebSocket, and a scripted fleet of cameras with faults to inject.
///
/// ```swift
/// let simulator = VicohomeSimulator()
/// try await simulator.start()
/// let client = VicohomeClient(configuration: .init(baseURL: simulator.baseURL), token: simulator.token)
/// simulator.inject(.revokeToken)
/// await simulator.stop()
/// ```
public final class VicohomeSimulator: Sendable {
    /// The configuration it was created with.
    public let configuration: SimulatorConfiguration
    let state: SimulatorState
    private let signaling: SignalingServer
    private let stunResponder: STUNResponder
    private let running: NIOLockedValueBox<Running?> = NIOLockedValueBox(nil)
    private let chaos: NIOLockedValueBox<(setting: ChaosSetting, monkey: ChaosMonkey)?> = NIOLockedValueBox(nil)
    private let logger: Logger

    private struct Running: Sendable {
        var apiPort: Int
        var signalingPort: Int
        var stunPort: Int
        var apiTask: Task<Void, Never>
        var serviceGroup: ServiceGroup
    }

    /// Creates a simulator; nothing listens until ``start()``.
    public init(configuration: SimulatorConfiguration = SimulatorConfiguration(), logger: Logger? = nil) {
        self.configuration = configuration
        self.state = SimulatorState(configuration: configuration)
        self.signaling = SignalingServer(state: state)
        self.stunResponder = STUNResponder(host: configuration.host, software: "vicotop simulator STUN")
        var quiet = Logger(label: "vicotop.simulator")
        quiet.logLevel = .error
        self.logger = logger ?? quiet
    }

    /// Starts both servers and returns once they accept connections.
    public func start() async throws {
        let stunPort = try await stunResponder.start()
        let signalingPort = try await signaling.start(host: configuration.host, port: configuration.signalingPort)
        let host = configuration.host
        let iceServers = [ICEServer(url: "stun:\(host):\(stunPort)")] + configuration.extraICEServers
        let state = self.state
        let signalingBase = "ws://\(host):\(signalingPort)"
        let configuration = self.configuration
        let routes = APIRoutes(state: state, renderer: {
            TicketRenderer(
                style: configuration.wireStyle, signalingBase: signalingBase,
                iceServers: iceServers, pingInterval: configuration.pingInterval,
                stopLiveTimeout: configuration.stopLiveTimeout)
        }, chaos: { [weak self] setting in
            guard let self else { return nil }
            if setting.rate > 0 { self.startChaos(rate: setting.rate, seed: setting.seed) } else { self.stopChaos() }
            return self.chaosSetting ?? ChaosSetting(rate: 0, seed: setting.seed)
        })
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: routes.router(),
            configuration: .init(address: .hostname(host, port: configuration.apiPort), serverName: "vicohome-simulator"),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger)
        // A service group of our own, so stop() can shut the server down gracefully
        // instead of cancelling it mid-accept.
        let serviceGroup = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task {
            do { try await serviceGroup.run() } catch {
                portContinuation.finish()
            }
        }
        var iterator = portStream.makeAsyncIterator()
        guard let apiPort = await iterator.next(), apiPort > 0 else {
            task.cancel()
            await signaling.stop()
            await stunResponder.stop()
            throw SimulatorError.couldNotListen(host: host, port: configuration.apiPort)
        }
        running.withLockedValue {
            $0 = Running(apiPort: apiPort, signalingPort: signalingPort, stunPort: stunPort, apiTask: task,
                         serviceGroup: serviceGroup)
        }
    }

    /// Stops both servers and closes every socket.
    public func stop() async {
        stopChaos()
        let current = running.withLockedValue { value in
            defer { value = nil }
            return value
        }
        await signaling.stop()
        await stunResponder.stop()
        guard let current else { return }
        await current.serviceGroup.triggerGracefulShutdown()
        await current.apiTask.value
    }

    /// The API base URL (`http://127.0.0.1:PORT`).
    public var baseURL: URL {
        URL(string: "http://\(configuration.host):\(running.withLockedValue { $0?.apiPort ?? 0 })")!
    }

    /// The signaling server URL tickets name.
    public var signalingURL: URL {
        URL(string: "ws://\(configuration.host):\(running.withLockedValue { $0?.signalingPort ?? 0 })")!
    }

    /// The simulator's own STUN server, which every ticket names first.
    public var stunURL: String {
        "stun:\(configuration.host):\(running.withLockedValue { $0?.stunPort ?? 0 })"
    }

    /// The account token.
    public var token: Secret { configuration.token }

    /// The account's cameras as they are now.
    public var devices: [SimulatedDevice] { state.devices }

    /// What the simulator has seen so far.
    public var counters: SimulatorCounters { state.counters }

    /// Whether its cameras are real WebRTC peers (GStreamer present) or signaling-only.
    public var cameraMedia: MediaAvailability { state.cameraMedia }

    /// Signaling sockets open now, for one camera or all.
    public func openSockets(serial: String? = nil) -> Int {
        serial.map(state.openSockets(serial:)) ?? state.openSocketCount
    }

    /// Injects a fault.
    public func inject(_ fault: SimulatorFault) {
        let toDrop = state.inject(fault)
        if !toDrop.isEmpty { state.count { $0.socketsDropped += toDrop.count } }
        for channel in toDrop { channel.close(promise: nil) }
    }

    /// Starts injecting random faults (see ``ChaosMonkey``), replacing a chaos run under way.
    public func startChaos(rate: Double, seed: UInt64) {
        // The run under way is undone first, so the new one never sees its faults as the truth.
        stopChaos()
        let monkey = ChaosMonkey(simulator: self, rate: rate, seed: seed)
        let previous = chaos.withLockedValue { value in
            defer { value = (ChaosSetting(rate: rate, seed: seed), monkey) }
            return value
        }
        previous?.monkey.stop()
    }

    /// Stops chaos and undoes its faults at once (see ``ChaosMonkey/stop()``).
    public func stopChaos() {
        let previous = chaos.withLockedValue { value in
            defer { value = nil }
            return value
        }
        previous?.monkey.stop()
    }

    /// The chaos run under way, if any.
    public var chaosSetting: ChaosSetting? {
        chaos.withLockedValue { $0?.setting }
    }

    /// Counts a fault chaos mode injected.
    public func countChaos(_ fault: ChaosFault) { state.count { $0.chaosFaults[fault.rawValue, default: 0] += 1 } }

    /// Accepts the account's token again after ``SimulatorFault/revokeToken``.
    public func restoreToken() { state.restoreToken() }

    /// Ends every API fault (errors, malformed bodies, delays, revocation).
    public func clearFaults() { state.clearFaults() }

    /// Adds a camera to the account (or replaces one with the same serial).
    public func addDevice(_ device: SimulatedDevice) { state.addDevice(device) }

    /// Removes a camera from the account.
    public func removeDevice(serial: String) { state.removeDevice(serial) }
}

/// Why the simulator could not start.
public enum SimulatorError: Error, CustomStringConvertible {
    /// The API server did not come up on the address.
    case couldNotListen(host: String, port: Int)

    public var description: String {
        switch self {
        case .couldNotListen(let host, let port): "the simulator could not listen on \(host):\(port)"
        }
    }
}
