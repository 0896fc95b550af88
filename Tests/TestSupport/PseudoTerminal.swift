import Foundation
import NIOConcurrencyHelpers

/// A pseudo-terminal pair opened by the test: the child gets the slave, the test keeps
/// the master (to type, to read what was drawn, to hang up) and a slave descriptor of
/// its own to read the line's modes before and after.
public final class PseudoTerminal: @unchecked Sendable {
    /// The master side.
    public private(set) var master: Int32
    /// A slave descriptor the test holds.
    public let slave: Int32
    /// The slave's path (/dev/pts/N).
    public let path: String
    private let output = NIOLockedValueBox(Data())
    private let reading = NIOLockedValueBox(false)
    private let stopReading = NIOLockedValueBox(false)

    /// Opens a pair sized `columns`×`rows` in raw-free, cooked mode (as a fresh terminal is).
    public init(columns: Int = 100, rows: Int = 30) throws {
        // posix_openpt/grantpt/unlockpt are hidden from Swift's Glibc module; this is what
        // they do on Linux.
        // Close-on-exec, so a child holds only the descriptors it is given: a master
        // inherited by the child would keep its terminal from ever hanging up.
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        // TIOCSPTLCK and TIOCGPTN are _IOW/_IOR macros Swift cannot import.
        let setLock: UInt = 0x4004_5431, getNumber: UInt = 0x8004_5430
        guard master >= 0, ioctl(master, setLock, &unlock) == 0, ioctl(master, getNumber, &number) == 0 else {
            throw PseudoTerminalError(description: "cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        path = "/dev/pts/\(number)"
        slave = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else { throw PseudoTerminalError(description: "cannot open \(path)") }
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
    }

    deinit {
        // A reader thread closes the master itself once it sees the stop flag: closing a
        // descriptor another thread is blocked on would let the number be reused under it.
        let readerOwnsMaster = reading.withLockedValue { $0 }
        stopReading.withLockedValue { $0 = true }
        if master >= 0 && !readerOwnsMaster { close(master) }
        close(slave)
    }

    /// The line's modes now.
    public func modes() -> termios {
        var modes = termios()
        tcgetattr(slave, &modes)
        return modes
    }

    /// Starts copying what the child writes into ``data``, on a thread of its own that
    /// polls, so it can stop when the terminal is released.
    public func startReading() {
        let master = self.master
        let output = self.output
        let stop = self.stopReading
        reading.withLockedValue { $0 = true }
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            defer { close(master) }
            while !stop.withLockedValue({ $0 }) {
                var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                guard poll(&descriptor, 1, 50) >= 0 else { return }
                guard descriptor.revents != 0 else { continue }
                let count = read(master, &buffer, buffer.count)
                if count <= 0 { return }
                output.withLockedValue { $0.append(contentsOf: buffer[0..<count]) }
            }
        }
    }

    /// Everything the child wrote so far.
    public var data: Data { output.withLockedValue { $0 } }

    /// Types bytes as the user would.
    public func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Hangs up: closes the master, so the child reads end of file. Only for a terminal
    /// nobody reads from.
    public func hangUp() {
        precondition(!reading.withLockedValue { $0 }, "hang up a terminal that is not being read")
        close(master)
        master = -1
    }
}

/// Why a pseudo-terminal could not be opened.
public struct PseudoTerminalError: Error, CustomStringConvertible {
    public var description: String
}

/// A child process started with posix_spawn on given descriptors.
public struct SpawnedProcess: Sendable {
    /// Its pid.
    public var pid: pid_t

    /// Starts `argv` with stdin, stdout and stderr on the given descriptors.
    public static func start(_ argv: [String], environment: [String: String], stdin: Int32, stdout: Int32, stderr: Int32) throws -> SpawnedProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        let arguments = argv.map { strdup($0) } + [nil]
        let environmentStrings = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            arguments.forEach { free($0) }
            environmentStrings.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, argv[0], &actions, nil, arguments, environmentStrings)
        guard result == 0 else { throw PseudoTerminalError(description: "cannot start \(argv[0]): \(String(cString: strerror(result)))") }
        return SpawnedProcess(pid: pid)
    }

    /// How it ended: an exit status, or the signal that killed it.
    public enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    /// Waits (polling, so no thread blocks) until it ends or `timeout` passes.
    public func wait(timeout: Duration) async -> Ending? {
        let deadline = ContinuousClock.now + timeout
        var status: Int32 = 0
        while ContinuousClock.now < deadline {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let signal = status & 0x7F
                return signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    /// Sends a signal.
    public func signal(_ number: Int32) { kill(pid, number) }
}
