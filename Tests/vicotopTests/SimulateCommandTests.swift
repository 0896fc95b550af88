import Foundation
import Testing
import VicohomeAPI

/// `vicotop simulate` in one process and `vicotop ticket` in another, as the README shows.
@Suite("vicotop simulate")
struct SimulateCommandTests {
    @Test("prints its base URL, token and serials; serves tickets to another process; stops on SIGTERM")
    func simulateThenTicket() async throws {
        let process = Process()
        process.executableURL = VicotopProcess.binary
        process.arguments = ["simulate", "--ticket-lifetime", "60"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // The banner ends with the Ctrl-C hint; the read ends with it or with the process.
        let banner = await VicotopProcess.read(out.fileHandleForReading) { $0.contains("Ctrl-C") }
        let base = try #require(banner.split(separator: "\n").first { $0.contains("API base URL") }?
            .split(separator: " ").last.map(String.init))
        let token = try #require(banner.split(separator: "\n").first { $0.contains("demo token") }?
            .split(separator: " ").last.map(String.init))
        #expect(banner.contains("VDCA1P2410000131"))
        #expect(base.hasPrefix("http://127.0.0.1:"))

        let ticket = try await VicotopProcess.run(["--api-base", base, "--token", token, "ticket", "VDCA1P2410000131", "--json"])
        #expect(ticket.status == 0, "stderr: \(ticket.stderr)")
        let decoded = try JSONDecoder().decode(WebRTCTicket.self, from: Data(ticket.stdout.utf8))
        #expect(abs((decoded.lifetime ?? 0) - 60) < 0.01)

        process.terminate()
        let stopDeadline = ContinuousClock.now + .seconds(5)
        while process.isRunning, ContinuousClock.now < stopDeadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 0)
    }
}
