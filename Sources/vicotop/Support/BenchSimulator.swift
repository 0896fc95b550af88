import AsyncHTTPClient
import Foundation
import VicohomeAPI
import VicohomeSimulator

/// The simulator a benchmark runs against: in this process, or in a child process when
/// one process cannot hold both ends of every socket (the open-file limit).
enum BenchSimulator {
    case inProcess(VicohomeSimulator)
    case child(process: Process, baseURL: URL, token: Secret)

    /// Starts the simulator with `count` generated cameras.
    static func start(count: Int, lifetime: Double, pingInterval: Double, inProcess: Bool) async throws -> BenchSimulator {
        if inProcess {
            var configuration = SimulatorConfiguration()
            configuration.devices = (0..<count).map { SimulatedDevice.generated(index: $0) }
            configuration.ticketLifetime = .milliseconds(Int64(lifetime * 1000))
            configuration.pingInterval = .milliseconds(Int64(pingInterval * 1000))
            let simulator = VicohomeSimulator(configuration: configuration)
            try await simulator.start()
            return .inProcess(simulator)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["simulate", "--generated-fleet", String(count), "--ticket-lifetime", String(lifetime),
                             "--ping-interval", String(pingInterval)]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let banner = await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            // A thread of its own: a blocking read on the cooperative pool would stall the manager.
            Thread.detachNewThread {
                var text = ""
                while !text.contains("Ctrl-C") {
                    let chunk = out.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    text += String(decoding: chunk, as: UTF8.self)
                }
                continuation.resume(returning: text)
            }
        }
        func value(_ label: String) -> String? {
            banner.split(separator: "\n").first { $0.contains(label) }?.split(separator: " ").last.map(String.init)
        }
        guard let base = value("API base URL").flatMap(URL.init(string:)), let token = value("demo token") else {
            process.terminate()
            throw CommandFailure(status: .internalError, message: "the simulator process did not start")
        }
        return .child(process: process, baseURL: base, token: Secret(token))
    }

    var baseURL: URL {
        switch self {
        case .inProcess(let simulator): simulator.baseURL
        case .child(_, let baseURL, _): baseURL
        }
    }

    var token: Secret {
        switch self {
        case .inProcess(let simulator): simulator.token
        case .child(_, _, let token): token
        }
    }

    var where_: String {
        switch self {
        case .inProcess: "in-process"
        case .child: "child process"
        }
    }

    /// What the simulator has seen.
    func counters() async -> SimulatorCounters? {
        switch self {
        case .inProcess(let simulator):
            return simulator.counters
        case .child(_, let baseURL, _):
            var request = HTTPClientRequest(url: baseURL.absoluteString + "/simulator/counters")
            request.method = .GET
            guard let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(10)),
                  let body = try? await response.body.collect(upTo: 1 << 20)
            else { return nil }
            return try? JSONDecoder().decode(SimulatorCounters.self, from: Data(body.readableBytesView))
        }
    }

    /// CPU seconds the child process has used (nil in process: it is part of ours).
    var childCPUSeconds: Double? {
        guard case .child(let process, _, _) = self,
              let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    func stop() async {
        switch self {
        case .inProcess(let simulator): await simulator.stop()
        case .child(let process, _, _):
            process.terminate()
            process.waitUntilExit()
        }
    }
}
