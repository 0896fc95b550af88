import Foundation
import Testing

/// `vicotop status --once` on the embedded demo fleet reports each live camera's first RTT:
/// the first ping goes as the socket opens and status waits (within --settle) for its pong.
@Suite("status --once verdicts")
struct StatusVerdictTests {
    /// The demo camera that loses 15 % of its pings: its first one may be lost, and then
    /// the report shows that loss instead of an RTT.
    static let lossySerial = "VDBF3R2402002218"

    @Test("status --once --json on the demo reports an RTT for every live camera, its first pong received")
    func rttForEveryLiveCamera() async throws {
        // No account anywhere: the embedded simulator's demo fleet.
        let result = try await VicotopProcess.run(["status", "--once", "--json", "--settle", "20"], timeout: .seconds(60))
        #expect(result.status == 2, "the demo fleet has a camera whose serial is refused; stderr: \(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let devices = try #require(object["devices"] as? [[String: Any]])
        let live = devices.filter { ($0["state"] as? String) == "live" }
        #expect(!live.isEmpty, "stdout: \(result.stdout)")
        for device in live {
            let serial = device["serialNumber"] as? String ?? "?"
            let ping = try #require(device["ping"] as? [String: Any], "no ping figures for \(serial)")
            let received = ping["received"] as? Int ?? 0
            if serial == Self.lossySerial, received == 0 {
                let missed = ping["consecutiveMisses"] as? Int ?? 0
                #expect(missed >= 1, "\(serial): neither an answer nor a loss: \(ping)")
                continue
            }
            #expect(received >= 1, "\(serial): \(ping)")
            #expect(ping["sent"] as? Int ?? 0 >= 1, "\(serial): \(ping)")
            #expect(ping["lastMs"] is Double || ping["lastMs"] is Int, "\(serial) has no RTT: \(ping)")
        }
    }
}
