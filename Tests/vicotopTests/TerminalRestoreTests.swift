import Foundation
import TestSupport
import Testing

/// Every way out of the dashboard leaves the terminal as it found it: echo and canonical
/// mode back, the alternate screen left, the cursor shown, mouse reporting off. The
/// binary draws on a pseudo-terminal the test owns, so the modes and every byte written
/// can be checked.
@Suite("Terminal restore on every way out", .serialized)
struct TerminalRestoreTests {
    enum Exit: String, CaseIterable, CustomTestStringConvertible {
        case quitKey = "q", interrupt = "SIGINT", terminate = "SIGTERM", hangupSignal = "SIGHUP"
        case stdinClosed = "stdin end of file", crash = "a fatal error (SIGSEGV)"
        var testDescription: String { rawValue }
    }

    @Test("modes, screen and cursor are restored", arguments: Exit.allCases)
    func restore(exit: Exit) async throws {
        // stdout on one pseudo-terminal; stdin on a second one when the test must close
        // stdin alone (hanging up stdout would also send SIGHUP-like EIO on writes).
        let screen = try PseudoTerminal(columns: 100, rows: 30)
        let keyboard = exit == .stdinClosed ? try PseudoTerminal(columns: 100, rows: 30) : screen
        screen.startReading()
        let before = screen.modes()
        let home = VicotopProcess.isolatedHome.appendingPathComponent("restore-\(UUID().uuidString.prefix(8))")
        let environment = [
            "TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": home.path, "PATH": "/usr/bin:/bin",
            "XDG_CONFIG_HOME": home.appendingPathComponent("config").path, "XDG_STATE_HOME": home.appendingPathComponent("state").path,
        ]
        let process = try SpawnedProcess.start([VicotopProcess.binary.path], environment: environment,
                                               stdin: keyboard.slave, stdout: screen.slave, stderr: screen.slave)
        let drawn = try await eventually(timeout: .seconds(30)) { String(decoding: screen.data, as: UTF8.self).contains("Devices") }
        #expect(drawn, "the dashboard never drew")
        let during = screen.modes()
        #expect(during.c_lflag & tcflag_t(ECHO) == 0, "echo should be off while drawing")
        switch exit {
        case .quitKey: keyboard.type("q")
        case .interrupt: process.signal(SIGINT)
        case .terminate: process.signal(SIGTERM)
        case .hangupSignal: process.signal(SIGHUP)
        case .stdinClosed: keyboard.hangUp()
        case .crash: process.signal(SIGSEGV)
        }
        let ending = await process.wait(timeout: .seconds(30))
        if exit == .crash {
            #expect(ending == .signalled(SIGSEGV), "a crash still ends as the crash: \(String(describing: ending))")
        } else {
            #expect(ending == .exited(0), "\(exit.rawValue) ended as \(String(describing: ending))")
        }
        if ending == nil { process.signal(SIGKILL) }
        let after = screen.modes()
        for flag in [ECHO, ICANON, ISIG, IEXTEN, ECHOE, ECHOK] {
            #expect(after.c_lflag & tcflag_t(flag) == before.c_lflag & tcflag_t(flag), "lflag \(flag) not restored")
        }
        #expect(after.c_iflag & tcflag_t(ICRNL | IXON) == before.c_iflag & tcflag_t(ICRNL | IXON))
        #expect(after.c_oflag & tcflag_t(OPOST) == before.c_oflag & tcflag_t(OPOST))
        // The reader thread copies what the child wrote last; wait for the bytes that leave
        // the alternate screen rather than for a fixed time (a crash writes them too).
        _ = try await eventually(timeout: .seconds(10)) {
            Self.lastState(String(decoding: screen.data, as: UTF8.self), on: "\u{1B}[?1049h", off: "\u{1B}[?1049l") == false
        }
        let output = String(decoding: screen.data, as: UTF8.self)
        #expect(Self.lastState(output, on: "\u{1B}[?1049h", off: "\u{1B}[?1049l") == false, "the alternate screen was not left")
        #expect(Self.lastState(output, on: "\u{1B}[?25l", off: "\u{1B}[?25h") == false, "the cursor was left hidden")
        #expect(Self.lastState(output, on: "\u{1B}[?1000h", off: "\u{1B}[?1000l") != true, "mouse reporting left on")
        #expect(!output.contains("Fatal error") || exit == .crash)
    }

    /// Whether the last of `on`/`off` in `text` is `on`; nil when neither appears.
    static func lastState(_ text: String, on: String, off: String) -> Bool? {
        let lastOn = text.range(of: on, options: .backwards)?.lowerBound
        let lastOff = text.range(of: off, options: .backwards)?.lowerBound
        switch (lastOn, lastOff) {
        case (nil, nil): return nil
        case (.some, nil): return true
        case (nil, .some): return false
        case (.some(let a), .some(let b)): return a > b
        }
    }
}
