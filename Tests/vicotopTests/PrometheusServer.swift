import AsyncHTTPClient
import Foundation
import TestSupport

/// Debian's `prometheus` (and its `promtool`), run by a test on 127.0.0.1 with a storage
/// folder of its own, and terminated afterwards.
final class PrometheusServer {
    /// Where the binaries live, if anywhere.
    static let prometheusPath = ["/usr/bin/prometheus", "/usr/local/bin/prometheus"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let promtoolPath = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Whether CI runs the suite: `.ci/run` installs prometheus there, so a missing one is a
    /// failure, not a skip.
    static var required: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    /// The condition for `.enabled(if:)`: installed here, or required (and then the test
    /// fails saying what is missing).
    static var shouldRun: Bool {
        if prometheusPath != nil && promtoolPath != nil || required { return true }
        print("""
            ************************************************************************
            * WARNING: prometheus/promtool are not installed.                      *
            * The Prometheus and promtool tests are SKIPPED, not passed.           *
            * Install them with: apt-get install -y prometheus                     *
            ************************************************************************
            """)
        return false
    }

    static let missing = "prometheus and promtool are needed (apt-get install -y prometheus; .ci/run installs it)"

    let port: Int
    let folder: URL
    private let process: Process

    /// Writes `config` (prometheus.yml text; `files` beside it) and starts Prometheus on a
    /// free loopback port; returns once it answers `/-/ready`.
    init(config: String, files: [String: String] = [:]) async throws {
        guard let path = Self.prometheusPath else { throw Failure(message: Self.missing) }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vicotop-prometheus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        try config.write(to: folder.appendingPathComponent("prometheus.yml"), atomically: true, encoding: .utf8)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        guard let port = FreePort.find() else { throw Failure(message: "no free port for prometheus") }
        self.port = Int(port)
        process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.currentDirectoryURL = folder
        process.arguments = [
            "--config.file=\(folder.appendingPathComponent("prometheus.yml").path)",
            "--storage.tsdb.path=\(folder.appendingPathComponent("data").path)",
            "--web.listen-address=127.0.0.1:\(port)",
            "--log.level=warn",
        ]
        let logPath = folder.appendingPathComponent("prometheus.log").path
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = FileHandle(forWritingAtPath: logPath) ?? FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if !process.isRunning { break }
            if let (status, _) = try? await get("/-/ready"), status == 200 { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        let said = log
        terminate()
        throw Failure(message: "prometheus did not become ready: \(said)")
    }

    /// What Prometheus logged so far.
    var log: String {
        (try? String(contentsOf: folder.appendingPathComponent("prometheus.log"), encoding: .utf8)) ?? ""
    }

    /// Stops Prometheus (and waits for it) and removes its folder.
    func terminate() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// GET `path` on the server: status and body.
    func get(_ path: String) async throws -> (Int, String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = .GET
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 22)))
    }

    /// An instant query through `/api/v1/query`: each result's labels and value; nil when
    /// the query failed.
    func query(_ promql: String) async -> [(labels: [String: String], value: Double)]? {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = promql.addingPercentEncoding(withAllowedCharacters: allowed) ?? promql
        guard let (status, body) = try? await get("/api/v1/query?query=\(encoded)"), status == 200,
              let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
              object["status"] as? String == "success",
              let data = object["data"] as? [String: Any], let results = data["result"] as? [[String: Any]]
        else { return nil }
        return results.map { result in
            let labels = result["metric"] as? [String: String] ?? [:]
            let pair = result["value"] as? [Any]
            return (labels, (pair?.last as? String).flatMap(Double.init) ?? .nan)
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
