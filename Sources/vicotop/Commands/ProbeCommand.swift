import ArgumentParser
import Foundation
import ICEProbe
import LiveSession
import VicohomeAPI

/// `vicotop probe`: which ICE servers work, how fast, and which candidates this machine offers.
struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Probe a camera's ICE servers (from a fresh ticket) or a single STUN/TURN server.",
        discussion: """
            Every server is probed at once under one deadline: a STUN Binding for stun: URIs, a \
            TURN Allocate (then released) for turn: URIs. Exits 0 when every server answered, \
            5 when any did not.

            Examples:
              vicotop probe VDCA1P2410000131
              vicotop probe --ice-server 'turn:127.0.0.1:3478?transport=tcp' --username alice --credential secret
            """)

    @ParentCommand var root: Vicotop

    @Argument(help: ArgumentHelp("The camera whose ticket names the ICE servers.", valueName: "serial"))
    var serial: String?

    @Option(name: .customLong("ice-server"), help: ArgumentHelp("Probe this STUN/TURN URI instead of a ticket's servers.", valueName: "uri"))
    var iceServer: String?

    @Option(help: ArgumentHelp("TURN user name for --ice-server.", valueName: "user"))
    var username: String?

    @Option(help: ArgumentHelp("TURN credential for --ice-server (prefer VICOTOP_TURN_CREDENTIAL: flags show in `ps`).", valueName: "secret"))
    var credential: String?

    @Option(name: .customLong("probe-timeout"), help: ArgumentHelp("Deadline for all probes together, in seconds.", valueName: "seconds"))
    var probeTimeout: Double = 5

    @Flag(name: .customLong("include-loopback"), help: "Offer loopback addresses as host candidates.")
    var includeLoopback = false

    @Flag(help: "Print the findings as JSON.")
    var json = false

    func validate() throws {
        switch (serial, iceServer) {
        case (nil, nil): throw ValidationError("name a camera serial or give --ice-server URI")
        case (.some, .some): throw ValidationError("give a camera serial or --ice-server, not both")
        default: break
        }
        if iceServer == nil, username != nil || credential != nil {
            throw ValidationError("--username and --credential go with --ice-server")
        }
        guard probeTimeout > 0, probeTimeout <= 120 else { throw ValidationError("--probe-timeout must be between 0 and 120 seconds") }
    }

    func run() async throws {
        let options = root.global
        try await runReportingFailures {
            let report: ProbeReport
            if let iceServer {
                let secret = credential ?? ProcessInfo.processInfo.environment["VICOTOP_TURN_CREDENTIAL"]
                let server = ICEServer(url: iceServer, username: Secret(username ?? ""), credential: Secret(secret ?? ""))
                report = await gather(ICETargets.entries(for: [server]), serialNumber: nil, traceId: nil)
            } else {
                let serial = self.serial ?? ""
                // Gather inside `using`: on the demo account the simulator's STUN server must outlive the probes.
                report = try await Account.using(options) { account in
                    let ticket = try await account.client.getWebrtcTicket(serialNumber: serial)
                    return await gather(ICETargets.entries(for: ticket.iceServers), serialNumber: serial, traceId: ticket.traceId)
                }
            }
            if json {
                try JSONOutput.print(report, revealSecrets: false)
            } else {
                print(report.render())
            }
            if !report.allServersAnswered { throw ExitStatus.networkFailure.code }
        }
    }

    private func gather(_ entries: [ICETargets.Entry], serialNumber: String?, traceId: String?) async -> ProbeReport {
        var targets: [ICEProbeTarget] = []
        var malformed: [(String, String)] = []
        for entry in entries {
            switch entry {
            case .target(let target): targets.append(target)
            case .malformed(let uri, let error): malformed.append((uri, error.description))
            }
        }
        let timeout = Duration.milliseconds(Int64(probeTimeout * 1000))
        let gatherer = CandidateGatherer(
            configuration: ICEProbeConfiguration(timeout: timeout), includeLoopback: includeLoopback)
        var results: [ICEProbeResult] = []
        var candidates: [ICECandidate] = []
        for await event in gatherer.gather(servers: targets, deadline: .now + timeout) {
            switch event {
            case .candidate(let candidate): candidates.append(candidate)
            case .serverResult(let result): results.append(result)
            }
        }
        // Report servers in the ticket's order, not in the order they answered.
        results.sort { lhs, rhs in
            (targets.firstIndex { $0.uri == lhs.server } ?? 0) < (targets.firstIndex { $0.uri == rhs.server } ?? 0)
        }
        return ProbeReport(serialNumber: serialNumber, traceId: traceId, malformed: malformed, results: results,
                           candidates: candidates, vpn: VPNDetector.detect())
    }
}
