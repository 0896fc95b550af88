import ArgumentParser
import Foundation
import LiveSession
import Logging
import VicohomeAPI
import VicohomeSimulator

/// `vicotop bench`: the session manager against the in-process simulator at scale.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark the session manager against the in-process simulator and print figures.",
        discussion: """
            For each fleet size: time until every device is live, time until every device also has \
            its first RTT (time to all verdicts), then a steady period during \
            which tickets expire and are refreshed. Prints RSS, CPU seconds per minute of steady \
            state (of this process; a simulator in a child process is reported apart), refreshes \
            handled per second, and refreshes missed (sessions that left live, sockets closed by expiry, \
            or expired tickets presented — must be 0).

            Example: vicotop bench --devices 1000 --devices 10000 --steady 60
            """)

    @Option(help: ArgumentHelp("Fleet sizes to run, one run each.", valueName: "n"))
    var devices: [Int] = [1000, 10000]

    @Option(name: .customLong("ticket-lifetime"), help: ArgumentHelp("Ticket lifetime in seconds.", valueName: "seconds"))
    var ticketLifetime: Double = 60

    @Option(name: .customLong("ping-interval"), help: ArgumentHelp("Ping interval in seconds.", valueName: "seconds"))
    var pingInterval: Double = 5

    @Option(help: ArgumentHelp("Seconds of steady state to measure.", valueName: "seconds"))
    var steady: Double = 60

    @Option(help: ArgumentHelp("Where the simulator runs: auto, in-process or process (auto: in this process when the open-file limit allows both ends of every socket).", valueName: "where"))
    var simulator: String = "auto"

    @Option(name: .customLong("live-timeout"), help: ArgumentHelp("Give up if not all live within this many seconds.", valueName: "seconds"))
    var liveTimeout: Double = 300

    func validate() throws {
        guard ["auto", "in-process", "process"].contains(simulator) else {
            throw ValidationError("--simulator is auto, in-process or process")
        }
        guard !devices.isEmpty, devices.allSatisfy({ (1...50_000).contains($0) }) else {
            throw ValidationError("--devices must be between 1 and 50000")
        }
        guard ticketLifetime >= 5, steady >= 1, pingInterval >= 0.5 else {
            throw ValidationError("--ticket-lifetime ≥ 5, --ping-interval ≥ 0.5 and --steady ≥ 1 seconds")
        }
    }

    func run() async throws {
        let limit = ProcessFigures.raiseOpenFileLimit(to: UInt64(devices.max()! * 3 + 1024))
        Terminal.output("vicotop bench: ticket lifetime \(ticketLifetime) s, ping interval \(pingInterval) s, steady \(steady) s, open-file limit \(limit)")
        Terminal.output("devices  simulator      all-live   verdicts   RSS-MiB  peak-MiB  CPU-s/min  sim-CPU-s/min  refresh/s  refreshes  missed  fds")
        for count in devices {
            let inProcess = simulator == "in-process" || (simulator == "auto" && UInt64(count * 2 + 2048) < limit)
            let row = try await runOnce(count, inProcess: inProcess)
            Terminal.output(row)
        }
    }

    private func runOnce(_ count: Int, inProcess: Bool) async throws -> String {
        let simulator = try await BenchSimulator.start(count: count, lifetime: ticketLifetime, pingInterval: pingInterval,
                                                       inProcess: inProcess)
        var session = SessionConfiguration()
        session.probeICE = false
        session.maxConcurrentTicketRequests = 64
        var quiet = Logger(label: "vicotop.bench")
        quiet.logLevel = .critical
        let client = VicohomeClient(configuration: APIConfiguration(baseURL: simulator.baseURL, requestTimeout: .seconds(30)),
                                    token: simulator.token)
        let manager = SessionManager(client: client, configuration: session, logger: quiet)
        await manager.start()
        for index in 0..<count { await manager.add(SimulatedDevice.generated(index: index).serialNumber) }

        let started = ContinuousClock.now
        await manager.startAll()
        // All live: every session up. All verdicts: every camera also has its first RTT
        // (what `status --once` waits for).
        var allLive: Duration?
        var allVerdicts: Duration?
        while ContinuousClock.now - started < .seconds(liveTimeout) {
            let snapshots = manager.snapshots
            let now = ContinuousClock.now - started
            if allLive == nil, snapshots.allSatisfy({ $0.state.isLive }) { allLive = now }
            if allLive != nil, snapshots.allSatisfy({ $0.state.isLive && $0.ping.received > 0 }) {
                allVerdicts = now
                break
            }
            try await Task.sleep(for: .milliseconds(20))
        }

        // Steady state: count every departure from live while tickets roll over.
        let events = manager.events(buffer: 1 << 20)
        let departures = Task {
            var count = 0
            for await event in events where event.kind == .stateChanged && !event.state.isLive { count += 1 }
            return count
        }
        let okBefore = manager.snapshots.reduce(0) { $0 + ($1.ticketRequests["ok"] ?? 0) }
        let countersBefore = await simulator.counters()
        let cpuBefore = ProcessFigures.cpuSeconds()
        let simulatorCPUBefore = simulator.childCPUSeconds
        let steadyStart = ContinuousClock.now
        try await Task.sleep(for: .milliseconds(Int64(steady * 1000)))
        let elapsed = ContinuousClock.now - steadyStart
        let seconds = elapsed.inSeconds
        let cpu = ProcessFigures.cpuSeconds() - cpuBefore
        let simulatorCPU = simulator.childCPUSeconds.flatMap { after in simulatorCPUBefore.map { after - $0 } }
        let okAfter = manager.snapshots.reduce(0) { $0 + ($1.ticketRequests["ok"] ?? 0) }
        let (rss, peak) = ProcessFigures.residentMiB()
        let fds = ProcessFigures.openFiles()
        let notLive = manager.snapshots.filter { !$0.state.isLive }.count
        await manager.shutdown()
        let left = await departures.value
        let counters = await simulator.counters()
        var missed = left + notLive
        if let counters, let countersBefore {
            missed += (counters.expiredTicketUses - countersBefore.expiredTicketUses)
                + (counters.expiryCloses - countersBefore.expiryCloses)
        }
        await simulator.stop()
        let refreshes = okAfter - okBefore
        let liveText = allLive.map { String(format: "%.2f s", $0.inSeconds) } ?? "timeout"
        let verdictText = allVerdicts.map { String(format: "%.2f s", $0.inSeconds) } ?? "timeout"
        let simulatorText = simulatorCPU.map { String(format: "%.2f", $0 / seconds * 60) } ?? "(included)"
        return [
            String(count).leftPadded(7), simulator.where_.rightPadded(13), liveText.rightPadded(9), verdictText.rightPadded(9),
            String(format: "%8.1f", rss), String(format: "%8.1f", peak), String(format: "%9.2f", cpu / seconds * 60),
            simulatorText.leftPadded(13), String(format: "%9.1f", Double(refreshes) / seconds), String(refreshes).leftPadded(9),
            String(missed).leftPadded(6), String(fds),
        ].joined(separator: "  ")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
    func rightPadded(_ width: Int) -> String { padding(toLength: max(width, count), withPad: " ", startingAt: 0) }
}
