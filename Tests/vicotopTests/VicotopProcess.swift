import Foundation

/// Runs the built `vicotop` binary as a subprocess and captures what it prints.
struct VicotopProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The built binary: beside the test bundle, in the same build folder.
    static let binary: URL = {
        if let override = ProcessInfo.processInfo.environment["VICOTOP_BINARY"] {
            return URL(fileURLWithPath: override)
        }
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug"),
        ]
        for folder in candidates {
            let url = folder.appendingPathComponent("vicotop")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return candidates[2].appendingPathComponent("vicotop")
    }()

    /// Runs `vicotop` with `arguments`, a clean environment plus `environment`, and a deadline.
    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
                    timeout: Duration = .seconds(30)) async throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["VICOHOME_TOKEN"] = nil
        env["NO_COLOR"] = "1"
        // Keep the user's own credentials, config and logs out of the tests, and the tests' out of them.
        env["XDG_CONFIG_HOME"] = isolatedHome.appendingPathComponent("config").path
        env["XDG_STATE_HOME"] = isolatedHome.appendingPathComponent("state").path
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        async let stdoutData = readToEnd(out.fileHandleForReading)
        async let stderrData = readToEnd(err.fileHandleForReading)
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw Timeout(arguments: arguments)
        }
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: await stdoutData, as: UTF8.self),
                      stderr: String(decoding: await stderrData, as: UTF8.self))
    }

    struct Timeout: Error { var arguments: [String] }

    /// Starts `vicotop` with `arguments`, which should include `--metrics-listen 127.0.0.1:0`:
    /// the kernel picks a port nobody else holds, and the process names it on standard
    /// error. Returns the process and that port (nil when it never said).
    static func startWithMetrics(_ arguments: [String], environment: [String: String]? = nil) async throws -> (Process, Int?) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardOutput = FileHandle.nullDevice
        let err = Pipe()
        process.standardError = err
        try process.run()
        let said = await read(err.fileHandleForReading, timeout: .seconds(60)) { $0.contains("/metrics") }
        // Drain the rest so the child never blocks on a full pipe.
        let handle = err.fileHandleForReading
        Thread.detachNewThread { _ = handle.readDataToEndOfFile() }
        let port = said.firstMatch(of: /metrics at http:\/\/127\.0\.0\.1:(\d+)\/metrics/).flatMap { Int($0.1) }
        return (process, port)
    }

    /// This process's environment with the user's token, config, logs and shard kept out,
    /// for ``startWithMetrics(_:environment:)``.
    static var isolatedEnvironment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["VICOHOME_TOKEN"] = nil
        env["VICOTOP_SHARD"] = nil
        env["XDG_CONFIG_HOME"] = isolatedHome.appendingPathComponent("config").path
        env["XDG_STATE_HOME"] = isolatedHome.appendingPathComponent("state").path
        return env
    }

    /// A folder of this test run for XDG_CONFIG_HOME and XDG_STATE_HOME.
    static let isolatedHome: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vicotop-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Reads a pipe to its end on a thread of its own. A blocking read on Swift's
    /// cooperative pool, or on Dispatch's global queues (which share its thread limit on
    /// Linux), would starve the simulator running in this same process.
    static func readToEnd(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: handle.readDataToEndOfFile()) }
        }
    }

    /// Reads a pipe on a thread of its own until `done` says the text so far is enough, the
    /// pipe ends, or `timeout` passes: a child that hangs without a word must not hang the
    /// suite with it.
    static func read(_ handle: FileHandle, timeout: Duration = .seconds(60), until done: @escaping @Sendable (String) -> Bool) async -> String {
        let descriptor = handle.fileDescriptor
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let deadline = ContinuousClock.now + timeout
                var text = ""
                var buffer = [UInt8](repeating: 0, count: 4096)
                while !done(text), ContinuousClock.now < deadline {
                    var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                    let polled = poll(&ready, 1, 100)
                    if polled < 0 && errno == EINTR { continue }
                    guard polled >= 0 else { break }
                    guard polled > 0 else { continue }
                    let count = Foundation.read(descriptor, &buffer, buffer.count)
                    if count <= 0 { break }
                    text += String(decoding: buffer[0..<count], as: UTF8.self)
                }
                continuation.resume(returning: text)
            }
        }
    }
}
