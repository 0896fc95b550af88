import ArgumentParser
import Foundation
import LiveMedia
import ICEProbe
import VicohomeAPI
import VicohomeSimulator

/// `vicotop simulate`: runs the embedded cloud simulator in the foreground.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run the cloud simulator with the demo fleet until Ctrl-C.",
        discussion: """
            Listens on 127.0.0.1 only. Example, in two terminals:
              vicotop simulate --port 8080
              vicotop --api-base http://127.0.0.1:8080 --token demo-token-0123456789abcdef ticket VDCA1P2410000131
            """)

    @ParentCommand var root: Vicotop

    @Option(help: ArgumentHelp("API port (0 picks a free one).", valueName: "port"))
    var port: Int = 0

    @Option(name: .customLong("signal-port"), help: ArgumentHelp("Signaling WebSocket port (0 picks a free one).", valueName: "port"))
    var signalPort: Int = 0

    @Option(name: .customLong("ticket-lifetime"), help: ArgumentHelp("Ticket lifetime in seconds.", valueName: "seconds"))
    var ticketLifetime: Double = 300

    @Option(name: .customLong("ping-interval"), help: ArgumentHelp("Ping interval written into tickets, in seconds.", valueName: "seconds"))
    var pingInterval: Double = 5

    @Option(name: .customLong("wire-style"), help: ArgumentHelp("Protocol dialect: seed (as the seed document) or real (as real servers).", valueName: "style"))
    var wireStyle: WireStyle = .seed

    @Option(help: ArgumentHelp("Seed for injected loss, jitter and drops.", valueName: "n"))
    var seed: UInt64 = 0x5EED

    @Option(help: ArgumentHelp("Inject random faults at this many per second (socket drops, 5xx, malformed bodies, slow answers, tickets revoked early, 401 bursts, lost pongs); --seed makes the run reproducible.", valueName: "rate"))
    var chaos: Double?

    @Option(name: .customLong("generated-fleet"), help: ArgumentHelp("Serve N generated healthy cameras instead of the demo fleet (for benchmarks).", valueName: "n"))
    var generatedFleet: Int?

    @Option(help: ArgumentHelp("An external TURN server to name in every ticket (turn:host:port?transport=udp).", valueName: "uri"))
    var turn: [String] = []

    @Option(name: .customLong("turn-user"), help: ArgumentHelp("User name for the --turn servers.", valueName: "user"))
    var turnUser: String?

    @Option(name: .customLong("turn-credential"), help: ArgumentHelp("Credential for the --turn servers.", valueName: "secret"))
    var turnCredential: String?

    func validate() throws {
        for (name, value) in [("--port", port), ("--signal-port", signalPort)] where !(0...65535).contains(value) {
            throw ValidationError("\(name) must be between 0 and 65535")
        }
        if let generatedFleet, !(1...100_000).contains(generatedFleet) {
            throw ValidationError("--generated-fleet must be between 1 and 100000")
        }
        guard ticketLifetime >= 1, ticketLifetime <= 86_400 else {
            throw ValidationError("--ticket-lifetime must be between 1 and 86400 seconds")
        }
        guard pingInterval >= 0.1, pingInterval <= 600 else {
            throw ValidationError("--ping-interval must be between 0.1 and 600 seconds")
        }
        for uri in turn {
            do {
                let parsed = try ICEServerURI(parsing: uri)
                guard parsed.scheme.isTURN else { throw ValidationError("--turn wants a turn: or turns: URI, got \(uri)") }
            } catch let error as ICEServerURIError {
                throw ValidationError("--turn \(uri): \(error)")
            }
        }
        if let chaos, !(chaos > 0 && chaos <= ChaosSetting.maximumRate) {
            throw ValidationError("--chaos must be between 0 and \(Int(ChaosSetting.maximumRate)) faults per second")
        }
        if !turn.isEmpty, turnUser == nil || turnCredential == nil {
            throw ValidationError("--turn needs --turn-user and --turn-credential")
        }
    }

    func run() async throws {
        var configuration = SimulatorConfiguration()
        configuration.apiPort = port
        configuration.signalingPort = signalPort
        configuration.ticketLifetime = .milliseconds(Int64(ticketLifetime * 1000))
        configuration.pingInterval = .milliseconds(Int64(pingInterval * 1000))
        configuration.wireStyle = wireStyle
        configuration.seed = seed
        if let generatedFleet {
            configuration.devices = (0..<generatedFleet).map { SimulatedDevice.generated(index: $0) }
        }
        configuration.extraICEServers = turn.map {
            ICEServer(url: $0, username: Secret(turnUser ?? ""), credential: Secret(turnCredential ?? ""))
        }
        let simulator = VicohomeSimulator(configuration: configuration)
        do {
            try await simulator.start()
        } catch {
            Terminal.error("vicotop: cannot start the simulator: \(error) — is port \(port) in use?")
            throw ExitStatus.networkFailure.code
        }
        Terminal.output(banner(simulator))
        if let chaos { simulator.startChaos(rate: chaos, seed: seed) }
        let signal = await SignalWaiter.wait()
        simulator.stopChaos()
        Terminal.error("vicotop: signal \(signal), stopping the simulator")
        await simulator.stop()
    }

    private func banner(_ simulator: VicohomeSimulator) -> String {
        let base = simulator.baseURL.absoluteString
        var lines = [
            "vicotop simulator (\(wireStyle.rawValue) dialect) listening on 127.0.0.1",
            "  API base URL  \(base)",
            "  signaling     \(simulator.signalingURL.absoluteString)",
            "  STUN          \(simulator.stunURL)",
            "  cameras       " + (simulator.cameraMedia.isAvailable
                ? "WebRTC peers sending H.264 after startLive (GStreamer \(GStreamerRuntime.version))"
                : "signaling-only — live views need: \(simulator.cameraMedia.advice)"),
            "  demo token    \(simulator.token.exposedValue)",
            "  demo login    \(simulator.configuration.email) / \(simulator.configuration.password.exposedValue)",
            "  devices",
        ]
        if let generatedFleet {
            lines.append("    \(generatedFleet) generated healthy cameras, VDSIM00000000000 onwards")
        }
        for device in simulator.devices where generatedFleet == nil {
            lines.append("    \(device.serialNumber)  \(device.device.displayName.padding(toLength: 14, withPad: " ", startingAt: 0))  \(device.behavior.summary)")
        }
        for server in simulator.configuration.extraICEServers {
            lines.insert("  TURN          \(server.url)  (user \(server.username.redacted))", at: 4)
        }
        if let chaos {
            lines.append("  chaos         \(chaos) faults/s, seed \(seed) (counts at \(base)/simulator/counters)")
        }
        lines.append("  control       POST \(base)/simulator/chaos {\"rate\": 0.5, \"seed\": 7} starts chaos, {\"rate\": 0} calms it")
        lines.append("Try: vicotop --api-base \(base) --token \(simulator.token.exposedValue) ticket \(simulator.devices.first?.serialNumber ?? "SERIAL")")
        lines.append("Ctrl-C stops it.")
        return lines.joined(separator: "\n")
    }
}

extension WireStyle: ExpressibleByArgument {}
