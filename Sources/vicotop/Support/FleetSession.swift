import Foundation
import LiveSession
import Logging
import VicohomeAPI

/// A session manager watching the account's cameras (or the ones named), for the
/// long-running modes.
struct FleetSession {
    var account: Account
    var manager: SessionManager
    var metrics: MetricsEndpoint?

    /// Lists the cameras, adds those of the configured shard (or only the named ones of
    /// that shard) and starts watching.
    ///
    /// `attach` sees the manager before any device is added, so a subscriber misses no
    /// event; `quiet` keeps the metrics address off standard error (the dashboard owns
    /// the terminal).
    static func start(account: Account, config: EffectiveConfiguration, probeICE: Bool, metrics: ListenAddress?,
                      quiet: Bool = false, attach: (@Sendable (SessionManager) -> Void)? = nil) async throws -> FleetSession {
        var configuration = SessionConfiguration()
        configuration.probeICE = probeICE
        configuration.eventHistory = config.eventHistory.value
        configuration.mediaEngine = GStreamerMediaEngine()
        configuration.mediaLoopbackOnly = account.isLocal
        if let margin = config.refreshMargin.value {
            configuration.planner.minimumMargin = margin
            configuration.planner.maximumMargin = max(configuration.planner.maximumMargin, margin)
        }
        let serials = config.devices.value
        let logLevel = config.logLevel.value
        var logger = Logger(label: "vicotop.session")
        logger.logLevel = logLevel
        let manager = SessionManager(client: account.client, configuration: configuration, logger: logger)
        await manager.start()
        attach?(manager)
        var endpoint: MetricsEndpoint?
        if let metrics {
            endpoint = try await MetricsEndpoint.start(metrics, manager: manager, shard: config.shard.value, planner: configuration.planner)
            if !quiet { Terminal.error("vicotop: metrics at http://\(ListenAddress(argument: "\(metrics.host):\(endpoint!.port)")!)/metrics") }
        }
        // The shard splits the selection (the account's cameras, or the ones named), so N
        // watchers sharing one configuration share its cameras out between them.
        let shard = config.shard.value
        if serials.isEmpty {
            for device in try await account.client.listDevices() where shard.contains(device.serialNumber) {
                await manager.add(device.serialNumber, name: device.deviceName.map { Sanitizer.singleLine($0) })
            }
        } else {
            let mine = serials.filter { shard.contains($0) }
            for serial in mine { await manager.add(serial) }
            // Named cameras left out could look like a typo: say where they went.
            if mine.count < serials.count, !quiet {
                Terminal.error("vicotop: shard \(shard) watches \(mine.count) of the \(serials.count) cameras named; the others belong to other shards")
            }
        }
        await manager.startAll()
        if let seconds = config.mediaCheckInterval.value {
            await manager.scheduleMediaChecks(every: .milliseconds(Int64(seconds * 1000)))
        }
        return FleetSession(account: account, manager: manager, metrics: endpoint)
    }

    /// Resolves the account (starting the embedded simulator when there is none), then
    /// starts watching; the account is closed again if watching cannot start.
    static func connect(_ options: GlobalOptions, config: EffectiveConfiguration, probeICE: Bool,
                        environment: [String: String] = ProcessInfo.processInfo.environment,
                        quiet: Bool = false, attach: (@Sendable (SessionManager) -> Void)? = nil) async throws -> FleetSession {
        let account = try await Account.resolve(options, environment: environment, quiet: quiet)
        do {
            return try await start(account: account, config: config, probeICE: probeICE, metrics: options.metricsListen, quiet: quiet, attach: attach)
        } catch {
            await account.close()
            throw error
        }
    }

    func stop() async {
        await manager.shutdown()
        await metrics?.stop()
        await account.close()
    }
}
