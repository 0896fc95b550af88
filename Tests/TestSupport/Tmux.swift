import Foundation

/// A tmux server of its own (private socket, no user config) running one command in a
/// pane of a given size: the end-to-end UI tests drive the real binary through it.
public final class TmuxSession: @unchecked Sendable {
    /// Why a tmux session could not be used.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private let socket = "vicotop-test-\(UUID().uuidString.prefix(8))"
    /// The pane's target.
    public let target = "ui"

    /// Whether tmux is installed (`.ci/run` installs it).
    public static var isInstalled: Bool { executable != nil }

    private static let executable: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Starts `command` (a shell command line) in a detached `width`×`height` pane.
    public init(width: Int, height: Int, command: String) async throws {
        guard Self.executable != nil else { throw Failure(description: "tmux is not installed: apt-get install tmux (.ci/run does)") }
        let result = await run(["-f", "/dev/null", "new-session", "-d", "-s", target, "-x", "\(width)", "-y", "\(height)", command])
        guard result.status == 0 else { throw Failure(description: "tmux new-session failed: \(result.output)") }
        _ = await run(["set-option", "-t", target, "remain-on-exit", "on"])
    }

    /// Runs `body` with a session and always ends the session afterwards.
    public static func with<T>(width: Int, height: Int, command: String, _ body: (TmuxSession) async throws -> T) async throws -> T {
        let session = try await TmuxSession(width: width, height: height, command: command)
        do {
            let result = try await body(session)
            await session.close()
            return result
        } catch {
            await session.close()
            throw error
        }
    }

    /// The pane's text now.
    public func capture() async -> String {
        await run(["capture-pane", "-p", "-t", target]).output
    }

    /// The screen with its colours and attributes as escape sequences.
    public func captureWithEscapes() async -> String {
        await run(["capture-pane", "-p", "-e", "-t", target]).output
    }

    /// Types literal text.
    public func type(_ text: String) async {
        _ = await run(["send-keys", "-t", target, "-l", text])
    }

    /// Presses named keys (Enter, Escape, Up …).
    public func press(_ keys: String...) async {
        _ = await run(["send-keys", "-t", target] + keys)
    }

    /// Resizes the window.
    public func resize(width: Int, height: Int) async {
        _ = await run(["resize-window", "-t", target, "-x", "\(width)", "-y", "\(height)"])
    }

    /// A tmux format evaluated for the pane (`#{alternate_on}`, `#{pane_pid}` …).
    public func display(_ format: String) async -> String {
        await run(["display-message", "-p", "-t", target, format]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs any tmux command on this server; returns its output.
    public func command(_ arguments: [String]) async -> String {
        await run(arguments).output
    }

    /// Kills the pane: its terminal hangs up.
    public func killPane() async {
        _ = await run(["kill-pane", "-t", target])
    }

    /// Waits until the pane's text satisfies `condition`; returns the last text seen.
    @discardableResult
    public func waitFor(_ timeout: Duration = .seconds(20), _ condition: (String) -> Bool) async -> (matched: Bool, screen: String) {
        let deadline = ContinuousClock.now + timeout
        var screen = ""
        while ContinuousClock.now < deadline {
            screen = await capture()
            if condition(screen) { return (true, screen) }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return (false, screen)
    }

    /// Ends the tmux server and everything in it.
    public func close() async {
        // kill-server alone sometimes leaves tmux 3.3a's server running; ending the
        // session first makes it exit.
        _ = await run(["kill-session", "-t", target])
        _ = await run(["kill-server"])
    }

    deinit {
        // A test that failed before close() must not leave a server behind.
        _ = Self.spawnAndWait([Self.executable ?? "/usr/bin/tmux", "-L", socket, "kill-session", "-t", target])
        _ = Self.spawnAndWait([Self.executable ?? "/usr/bin/tmux", "-L", socket, "kill-server"])
    }

    /// Runs tmux on a thread of its own: a blocking wait on the cooperative pool could
    /// starve servers other tests run in this process.
    private func run(_ arguments: [String]) async -> (status: Int32, output: String) {
        let executable = Self.executable ?? "/usr/bin/tmux"
        let argv = [executable, "-L", socket] + arguments
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: Self.spawnAndWait(argv))
            }
        }
    }

    /// Spawns and waits: output goes to a file, not a pipe, because the server that
    /// new-session forks inherits the descriptor and a pipe would never reach its end.
    private static func spawnAndWait(_ argv: [String]) -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-out-\(UUID().uuidString)").path
        let input = open("/dev/null", O_RDONLY | O_CLOEXEC)
        let output = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer {
            closeDescriptor(input)
            closeDescriptor(output)
            unlink(file)
        }
        guard input >= 0, output >= 0,
              let process = try? SpawnedProcess.start(argv, environment: ProcessInfo.processInfo.environment,
                                                      stdin: input, stdout: output, stderr: output)
        else { return (-1, "cannot start \(argv[0])") }
        var status: Int32 = 0
        while waitpid(process.pid, &status, 0) < 0 && errno == EINTR {}
        return ((status >> 8) & 0xFF, (try? String(contentsOfFile: file, encoding: .utf8)) ?? "")
    }
}

/// `close(2)`, out of reach inside ``TmuxSession`` whose `close()` hides it.
private func closeDescriptor(_ descriptor: Int32) { close(descriptor) }

/// Quotes a string for a POSIX shell command line.
public func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
