import Foundation
import ICEProbe

/// A real coturn started by a test on 127.0.0.1 on free ports, and terminated afterwards.
public final class CoturnServer: Sendable {
    public static let username = "alice"
    public static let password = "secret"
    public static let realm = "vicotop.test"

    /// Where turnserver lives, if anywhere; looked up once.
    public static let executablePath: String? = {
        let candidates = ["/usr/bin/turnserver", "/usr/sbin/turnserver", "/usr/local/bin/turnserver", "/opt/homebrew/bin/turnserver"]
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
        if found == nil {
            print(
                """
                ************************************************************************
                * WARNING: turnserver (coturn) is not installed.                       *
                * The coturn integration tests are SKIPPED, not passed.                 *
                * Install it with: apt-get install -y coturn                            *
                ************************************************************************
                """
            )
        }
        return found
    }()

    /// The condition for `.enabled(if:)`.
    public static var isInstalled: Bool { executablePath != nil }

    public let port: UInt16
    public let logPath: String
    private let process: Process

    /// Starts coturn and waits until it answers Binding over UDP and TCP.
    public init(staleNonceSeconds: Int? = nil) async throws {
        guard let executablePath = Self.executablePath else { throw CoturnError.notInstalled }
        guard let port = FreePort.find() else { throw CoturnError.noFreePort }
        self.port = port
        let directory = FileManager.default.temporaryDirectory.path
        self.logPath = "\(directory)/iceprobe-coturn-\(port).log"
        var arguments = [
            "-n",
            "--listening-ip=127.0.0.1",
            "--relay-ip=127.0.0.1",
            "--listening-port=\(port)",
            "--lt-cred-mech",
            "--user=\(Self.username):\(Self.password)",
            "--realm=\(Self.realm)",
            "--no-tls",
            "--no-dtls",
            "--no-cli",
            "--allow-loopback-peers",
            "--log-file=stdout",
            "--pidfile=\(directory)/iceprobe-coturn-\(port).pid",
        ]
        if let staleNonceSeconds { arguments.append("--stale-nonce=\(staleNonceSeconds)") }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executablePath)
        process.arguments = arguments
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = FileHandle(forWritingAtPath: logPath)
        process.standardOutput = log
        process.standardError = log
        try process.run()
        self.process = process

        try await waitUntilListening()
    }

    public func uri(_ scheme: ICEServerURI.Scheme, _ transport: ICEServerURI.Transport) -> ICEServerURI {
        ICEServerURI(scheme: scheme, host: "127.0.0.1", port: port, transport: transport)
    }

    private func waitUntilListening() async throws {
        let deadline = ContinuousClock.now + .seconds(15)
        let quick = ICEProbeConfiguration(retransmission: STUNRetransmissionPolicy(initialRTO: .milliseconds(50), maxTransmissions: 3), timeout: .milliseconds(500))
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw CoturnError.exited(log: (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "") }
            let udp = await STUNBindingProbe.run(uri(.stun, .udp), configuration: quick)
            let tcp = await STUNBindingProbe.run(ICEServerURI(scheme: .turn, host: "127.0.0.1", port: port, transport: .tcp), configuration: quick)
            if udp.succeeded && tcp.succeeded { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        terminate()
        throw CoturnError.notListening
    }

    /// Stops coturn with SIGKILL, without waiting: the child inherits a signal mask from the
    /// test process that blocks SIGTERM, and blocking here would stall a cooperative thread
    /// that other tests' probes need. coturn keeps no state worth a clean shutdown.
    public func terminate() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
    }

    deinit {
        terminate()
    }
}

public enum CoturnError: Error {
    case notInstalled
    case noFreePort
    case notListening
    case exited(log: String)
}
