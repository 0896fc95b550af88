import Dashboard
import Foundation
@testable import LiveSession
import Testing
import TestSupport

@Suite("Clipboard and export")
struct ClipboardAndExportTests {
    @Test("OSC 52 carries the text in base64")
    func osc52() {
        #expect(Clipboard.osc52("webrtc-1") == "\u{1B}]52;c;d2VicnRjLTE=\u{07}")
    }

    @Test("reports are written 0600 under a safe name and carry no secret")
    func export() throws {
        let snapshot = Fixtures.fleet[0]
        let report = ConnectionReport(
            traceId: snapshot.ticket?.traceId, serialNumber: "VD/../x", name: snapshot.name, generatedAt: Fixtures.now,
            state: snapshot.state, ticket: snapshot.ticket, phases: snapshot.phases, ping: .init(snapshot.ping),
            iceServers: snapshot.iceServers, localCandidates: snapshot.localCandidates, remoteCandidates: snapshot.remoteCandidates,
            vpn: nil, errors: [], events: Fixtures.events(snapshot.serialNumber))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vicotop-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try ReportExport.write(report, to: folder, at: Fixtures.now)
        #expect(url.lastPathComponent == "vicotop-report-VD____x-20261118-110640Z.json")
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(snapshot.ticket!.traceId))
        for secret in ["s3cr3t-sign-value", "turn-user", "turn-pass"] { #expect(!text.contains(secret)) }
        #expect(ContractSchema.report.problems(in: text) == [], "\(text)")
    }
}
