import ArgumentParser
import Foundation
import LiveMedia
import LiveSession
import Logging
import VicohomeAPI

/// `vicotop check SERIAL`: one live view from the ticket to seconds of decoded video.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Prove one camera's live view: ticket, signaling, ICE, DTLS, startLive, video.",
        discussion: """
            Runs a receive-only WebRTC viewer (GStreamer's webrtcbin) over the session's own
            signaling socket and prints each phase with its milliseconds, the path (p2p or relay),
            the video's figures, a thumbnail of a decoded frame and one verdict.
            Exit codes: 0 video decoded, 6 the live view failed at a media phase, 7 GStreamer is
            missing (the message names the packages); 3, 4, 5 as everywhere for token, device and
            network failures before the live view starts.
            Example: vicotop check VDCA1P2410000131
                     vicotop check VDCA1P2410000131 --relay-only --json | jq .verdict
            """)

    @ParentCommand var root: Vicotop

    @Argument(help: ArgumentHelp("The camera's serial number.", valueName: "serial"))
    var serial: String

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Flag(name: .customLong("relay-only"), help: "Use only TURN-relayed candidates: tells \"P2P blocked\" from \"camera broken\".")
    var relayOnly = false

    @Option(help: ArgumentHelp("Seconds of video to watch after the first frame.", valueName: "n"))
    var seconds: Double = 5

    @Option(help: ArgumentHelp("How to show a decoded frame: auto, blocks, sixel, kitty or none.", valueName: "mode"))
    var thumbnail: ThumbnailMode = .auto

    @Flag(name: .customLong("loopback-only"),
          help: "Gather and accept only loopback candidates (automatic when the cloud is on this machine: the simulator).")
    var loopbackOnly = false

    @Option(name: .customLong("answer-timeout"), help: ArgumentHelp("Seconds to wait for the camera's answer.", valueName: "s"))
    var answerTimeout: Double = 12

    @Option(name: .customLong("connect-timeout"), help: ArgumentHelp("Seconds for ICE, and again for DTLS and the data channel.", valueName: "s"))
    var connectTimeout: Double = 10

    @Option(name: .customLong("video-timeout"), help: ArgumentHelp("Seconds from startLive to the first decoded frame.", valueName: "s"))
    var videoTimeout: Double = 30

    enum ThumbnailMode: String, ExpressibleByArgument, CaseIterable {
        case auto, blocks, sixel, kitty, none
    }

    func validate() throws {
        guard !serial.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("the serial number is empty") }
        guard seconds >= 0, seconds <= 3600 else { throw ValidationError("--seconds takes 0 to 3600") }
        for (name, value) in [("answer", answerTimeout), ("connect", connectTimeout), ("video", videoTimeout)] where !(value > 0 && value <= 600) {
            throw ValidationError("--\(name)-timeout takes more than 0 and at most 600 seconds")
        }
    }

    func run() async throws {
        let options = root.global
        try await runReportingFailures {
            let availability = GStreamerRuntime.viewer
            guard availability.isAvailable else {
                throw CommandFailure(status: .mediaUnavailable, message: "live view \(availability.summary)")
            }
            let started = Date()
            let account = try await Account.resolve(options, quiet: json)
            let config = try EffectiveConfiguration.load(options)
            LogSetup.bootstrap(level: config.logLevel.value)
            var sessionConfiguration = SessionConfiguration()
            sessionConfiguration.probeICE = true
            var logger = Logger(label: "vicotop.check")
            logger.logLevel = config.logLevel.value
            let manager = SessionManager(client: account.client, configuration: sessionConfiguration, logger: logger)
            let verdict: LiveViewVerdict
            do {
                verdict = try await inspect(manager: manager, account: account, started: started, revealSecrets: options.revealSecrets)
            } catch {
                await manager.shutdown()
                await account.close()
                throw error
            }
            await manager.shutdown()
            await account.close()
            switch verdict {
            case .ok: return
            case .unavailable: throw ExitStatus.mediaUnavailable.code
            case .failed: throw ExitStatus.mediaFailure.code
            }
        }
    }

    /// Watches the camera until its socket is live, runs the live view on it, prints it.
    private func inspect(manager: SessionManager, account: Account, started: Date, revealSecrets: Bool) async throws -> LiveViewVerdict {
        await manager.start()
        // The name is for the header only: a camera the list does not show is still checked.
        let name = try? await account.client.listDevices().first { $0.serialNumber == serial }?.deviceName
        await manager.add(serial, name: name.flatMap { $0 }.map { Sanitizer.singleLine($0) })
        await manager.startWatching(serial)
        let channel: MediaSignalingChannel
        do {
            channel = try await manager.attachMedia(serial, timeout: .seconds(30))
        } catch {
            throw failure(before: error, snapshot: manager.snapshot(serial))
        }
        defer { channel.close() }
        let printer = CheckPrinter(started: started)
        let session = manager.snapshot(serial)
        if !json { printer.header(serial: serial, name: session?.name, traceId: channel.ticket.traceId, phases: session?.phases) }
        let request = LiveViewRequest(serialNumber: serial, ticket: channel.ticket, clientName: channel.clientName,
                                      openTime: channel.openTime, options: viewOptions(account: account))
        let viewStart = Date()
        let json = self.json
        var report = await LiveViewer.run(request, send: channel.send, incoming: channel.incoming) { update in
            if case .phase(let phase, let ms) = update, !json { printer.phase(phase, ms: ms, viewStart: viewStart) }
        }
        report = refine(report, iceServers: manager.snapshot(serial)?.iceServers ?? [])
        let offset = viewStart.timeIntervalSince(started) * 1000
        if case .ok(let path, let ms) = report.verdict {
            report.verdict = .ok(path: path, firstFrameMs: ms + Int(offset.rounded()))
        }
        if json {
            try JSONOutput.print(CheckResult(report: report, name: session?.name, started: started, offsetMs: offset,
                                             sessionPhases: session?.phases), revealSecrets: revealSecrets)
        } else {
            printer.summary(report, thumbnail: thumbnailStyle())
        }
        return report.verdict
    }

    private func viewOptions(account: Account) -> LiveViewOptions {
        var view = LiveViewOptions()
        view.relayOnly = relayOnly
        view.loopbackOnly = loopbackOnly || account.isLocal
        view.watchSeconds = seconds
        view.timeouts.answer = .milliseconds(Int64(answerTimeout * 1000))
        view.timeouts.ice = .milliseconds(Int64(connectTimeout * 1000))
        view.timeouts.dtls = .milliseconds(Int64(connectTimeout * 1000))
        view.timeouts.video = .milliseconds(Int64(videoTimeout * 1000))
        return view
    }

    private func thumbnailStyle() -> ThumbnailStyle? {
        let environment = ProcessInfo.processInfo.environment
        switch thumbnail {
        case .none: return nil
        case .sixel: return .sixel
        case .kitty: return .kitty
        case .blocks: return environment["NO_COLOR"] != nil ? .greyRamp : .automatic(environment: environment)
        case .auto:
            guard Terminal.stdoutIsTTY else { return nil }
            return environment["NO_COLOR"] != nil ? .greyRamp : .automatic(environment: environment)
        }
    }

    /// A relay-only failure without relay candidates: the session's TURN probe says why.
    private func refine(_ report: LiveViewReport, iceServers: [ICEServerStatus]) -> LiveViewReport {
        guard case .failed(let phase, _) = report.verdict, report.relayOnly,
              !report.localCandidates.contains(where: { $0.contains(" typ relay") })
        else { return report }
        var refined = report
        let turn = iceServers.filter { $0.url.lowercased().hasPrefix("turn") }
        if turn.isEmpty {
            refined.verdict = .failed(phase: phase, reason: "ICE failed: the ticket names no TURN server")
        } else if let refused = turn.first(where: { status in
            let detail = status.detail.lowercased()
            return !status.ok && (detail.contains("401") || detail.contains("unauthorized") || detail.contains("authentication"))
        }) {
            refined.verdict = .failed(phase: phase, reason: "TURN refused the credentials (\(refused.url): \(refused.detail))")
        } else if turn.allSatisfy({ !$0.ok }) {
            refined.verdict = .failed(phase: phase, reason: "ICE failed: no TURN server answered (\(turn.map(\.detail).joined(separator: "; ")))")
        }
        return refined
    }

    private func failure(before error: MediaAttachError, snapshot: DeviceSnapshot?) -> CommandFailure {
        let message = "live view not started: \(error)"
        switch snapshot?.state {
        case .unauthorized?: return CommandFailure(status: .authFailure, message: message)
        case .failed?, .backingOff(_, .offline)?, .backingOff(_, .viewerLimit)?: return CommandFailure(status: .deviceError, message: message)
        default:
            if case .cameraAbsent = error { return CommandFailure(status: .mediaFailure, message: message) }
            return CommandFailure(status: .networkFailure, message: message)
        }
    }
}
