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
            For each fleet size: time until every device is live, then a steady period during \
            which tickets expire and are refreshed. Prints RSS, CPU seconds per minute of steady \
            state (the simulator runs in the same process and is included), refreshes handled \
            per second, and refreshes missed (sessions that left live, sockets closed by expiry, \
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

    @Option(name: .customLong("live-timeout"), help: ArgumentHelp("Give up if not all live within this many seconds.", valueName: "seconds"))
    var liveTimeout: Double = 300

    func validate() throws {
        guard !devices.isEmpty, devices.allSatisfy({ (1...50_000).contains($0) }) else {
            throw ValidationError("--devices must be between 1 and 50000")
        }
        guard ticketLifetime >= 5, steady >= 1, pingInterval >= 0.5 else {
            throw ValidationError("--ticket-lifetime ≥ 5, --ping-interval ≥ 0.5 and --steady ≥ 1 seconds")
        }
    }

    func run() async throws {
        let limit = ProcessFigures.raiseOpenFileLimit(to: UInt64(devices.max()! * 3 + 1024))
        print("vicotop bench: ticket lifetime \(ticketLifetime) s, ping interval \(pingInterval) s, steady \(steady) s, open-file limit \(limit)")
        print("devices  all-live   RSS-MiB  peak-MiB  CPU-s/min  refresh/s  refreshes  missed  fds")
        for count in devices {
            let row = try await runOnce(count)
            print(row)
        }
    }

    private func runOnce(_ count: Int) async throws -> String {
        var configuration = SimulatorConfiguration()
        configuration.devices = (0..<count).map { SimulatedDevice.generated(index: $0) }
        configuration.ticketLifetime = .milliseconds(Int64(ticketLifetime * 1000))
        configuration.pingInterval = .milliseconds(Int64(pingInterval * 1000))
        let simulator = VicohomeSimulator(configuration: configuration)
        try await simulator.start()
        var session = SessionConfiguration()
        session.probeICE = false
        session.maxConcurrentTicketRequests = 64
        var quiet = Logger(label: "vicotop.bench")
        quiet.logLevel = .critical
        let client = VicohomeClient(configuration: APIConfiguration(baseURL: simulator.baseURL, requestTimeout: .seconds(30)),
                                    token: simulator.token)
        let manager = SessionManager(client: client, configuration: session, logger: quiet)
        await manager.start()
        for device in configuration.devices { await manager.add(device.serialNumber) }

        let started = ContinuousClock.now
        await manager.startAll()
        var allLive: Duration?
        while ContinuousClock.now - started < .seconds(liveTimeout) {
            if manager.snapshots.allSatisfy({ $0.state.isLive }) {
                allLive = ContinuousClock.now - started
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }

        // Steady state: count every departure from live while tickets roll over.
        let events = manager.events(buffer: 1 << 20)
        let departures = Task {
            var count = 0
            for await event in events where event.kind == .stateChanged && !event.state.isLive { count += 1 }
            return count
        }
        let okBefore = manager.snapshots.reduce(0) { $0 + ($1.ticketRequests["ok"] ?? 0) }
        let countersBefore = simulator.counters
        let cpuBefore = ProcessFigures.cpuSeconds()
        let steadyStart = ContinuousClock.now
        try await Task.sleep(for: .milliseconds(Int64(steady * 1000)))
        let elapsed = ContinuousClock.now - steadyStart
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let cpu = ProcessFigures.cpuSeconds() - cpuBefore
        let okAfter = manager.snapshots.reduce(0) { $0 + ($1.ticketRequests["ok"] ?? 0) }
        let (rss, peak) = ProcessFigures.residentMiB()
        let fds = ProcessFigures.openFiles()
        let notLive = manager.snapshots.filter { !$0.state.isLive }.count
        await manager.shutdown()
        let left = await departures.value
        let counters = simulator.counters
        let missed = left + notLive + (counters.expiredTicketUses - countersBefore.expiredTicketUses)
            + (counters.expiryCloses - countersBefore.expiryCloses)
        await simulator.stop()
        let refreshes = okAfter - okBefore
        let liveText = allLive.map { String(format: "%.2f s", Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18) } ?? "timeout"
        return String(format: "%7d  %9@  %8.1f  %8.1f  %9.2f  %9.1f  %9d  %6d  %d",
                      count, liveText, rss, peak, cpu / seconds * 60, Double(refreshes) / seconds, refreshes, missed, fds)
    }
}
