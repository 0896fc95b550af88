import Foundation
import Testing
import VicohomeSimulator
@testable import vicotop

@Suite("Log file")
struct LogFileTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vicotop-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("rotates by size, keeping the newest lines and a bounded number of old files")
    func rotation() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try LogFile(url: folder.appendingPathComponent("vicotop.log"), maxBytes: 200, keep: 2)
        for index in 0..<40 { file.write("line \(index) " + String(repeating: "x", count: 30)) }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["vicotop.log", "vicotop.log.1", "vicotop.log.2"])
        let current = try String(contentsOf: folder.appendingPathComponent("vicotop.log"), encoding: .utf8)
        #expect(current.contains("line 39 "))
        #expect(current.utf8.count <= 200)
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("vicotop.log").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test("watch logs every session line with its traceId to $XDG_STATE_HOME/vicotop/vicotop.log, never the token")
    func watchLogs() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let simulator = VicohomeSimulator()
        try await simulator.start()
        let result = try await VicotopProcess.run(
            ["watch", "--jsonl", "--no-ice", "--duration", "2", "--log-level", "debug",
             "--api-base", simulator.baseURL.absoluteString, "--token", simulator.token.exposedValue],
            environment: ["XDG_STATE_HOME": folder.path])
        await simulator.stop()
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let log = try String(contentsOf: folder.appendingPathComponent("vicotop/vicotop.log"), encoding: .utf8)
        let sessionLines = log.split(separator: "\n").filter { $0.contains(" vicotop.session ") }
        #expect(sessionLines.count > 10)
        let withTicket = sessionLines.filter { $0.contains("ticketReceived") || $0.contains("socketOpened") }
        #expect(!withTicket.isEmpty)
        #expect(withTicket.allSatisfy { $0.contains("traceId=webrtc-") && $0.contains("serial=") })
        #expect(!log.contains(simulator.token.exposedValue))
        #expect(!result.stdout.contains(" info vicotop.session "), "logs never go to the terminal")
    }
}
