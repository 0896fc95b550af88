import Foundation
import ICEProbe
import VicohomeAPI

/// What `vicotop probe` found: one row per ICE server, one per candidate, the VPN verdict.
///
/// Encodes to the `--json` form; renders to the table form. Credentials are never part
/// of it.
struct ProbeReport: Encodable {
    struct ServerRow: Encodable {
        var url: String
        var status: String
        var rttMs: Double?
        var totalMs: Double?
        var mappedAddress: String?
        var relayedAddress: String?
        var software: String?
        var error: String?
        var transactions: [TransactionRow]
    }

    struct TransactionRow: Encodable {
        var method: String
        var authenticated: Bool
        var transmissions: Int
        var rttMs: Double?
        var errorCode: Int?
    }

    struct CandidateRow: Encodable {
        var type: String
        var `protocol`: String
        var address: String
        var port: Int
        var priority: UInt32
        var foundation: String
        var server: String?
        var ms: Double?
        var line: String
    }

    struct VPNRow: Encodable {
        var detected: Bool
        var interfaces: [String]
        var defaultRouteThroughVPN: Bool
    }

    var serialNumber: String?
    var traceId: String?
    var servers: [ServerRow] = []
    var candidates: [CandidateRow] = []
    var vpn: VPNRow

    var allServersAnswered: Bool { servers.allSatisfy { $0.status == "ok" } }

    init(serialNumber: String?, traceId: String?, malformed: [(String, String)], results: [ICEProbeResult],
         candidates: [ICECandidate], vpn: VPNAssessment) {
        self.serialNumber = serialNumber
        self.traceId = traceId
        self.vpn = VPNRow(detected: vpn.vpnDetected, interfaces: vpn.vpnInterfaces, defaultRouteThroughVPN: vpn.defaultRouteThroughVPN)
        servers = malformed.map { ServerRow(url: $0.0, status: "invalid", error: $0.1, transactions: []) }
        servers += results.map(Self.row)
        self.candidates = candidates.map { candidate in
            let source = results.first { result in
                [result.mappedAddress, result.relayedAddress].compactMap { $0 }.contains {
                    "\($0.address)" == candidate.address && $0.port == candidate.port
                }
            }
            return CandidateRow(
                type: candidate.type.rawValue, protocol: candidate.transport.rawValue, address: candidate.address,
                port: Int(candidate.port), priority: candidate.priority, foundation: candidate.foundation,
                server: source.map { $0.server.description }, ms: source.map { Self.milliseconds($0.totalTime) },
                line: candidate.line)
        }
    }

    private static func row(_ result: ICEProbeResult) -> ServerRow {
        ServerRow(
            url: result.server.description,
            status: result.succeeded ? "ok" : "failed",
            rttMs: result.transactions.compactMap(\.roundTripTime).first.map(milliseconds),
            totalMs: milliseconds(result.totalTime),
            mappedAddress: result.mappedAddress?.description,
            relayedAddress: result.relayedAddress?.description,
            software: result.software.map { Sanitizer.singleLine($0) },
            error: result.failure.map { Sanitizer.singleLine($0.description) },
            transactions: result.transactions.map { transaction in
                TransactionRow(method: "\(transaction.method)", authenticated: transaction.authenticated,
                               transmissions: transaction.transmissions,
                               rttMs: transaction.roundTripTime.map(milliseconds), errorCode: transaction.errorCode)
            })
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let value = duration.inMilliseconds
        return (value * 100).rounded() / 100
    }

    /// The table form.
    func render() -> String {
        var lines: [String] = []
        if let serialNumber { lines.append("ICE probe for \(Sanitizer.singleLine(serialNumber))" + (traceId.map { "  traceId \(Sanitizer.singleLine($0))" } ?? "")) }
        lines.append("ICE servers")
        lines += Self.table(
            header: ["STATUS", "SERVER", "RTT", "TOTAL", "RESULT"],
            rows: servers.map { row in
                let result = row.error ?? [row.relayedAddress.map { "relayed \($0)" }, row.mappedAddress.map { "mapped \($0)" },
                                           row.software.map { "(\($0))" }].compactMap { $0 }.joined(separator: "  ")
                return [row.status, row.url, row.rttMs.map(Self.ms) ?? "—", row.totalMs.map(Self.ms) ?? "—", result]
            })
        lines.append("Candidates")
        if candidates.isEmpty {
            lines.append("  (none)")
        } else {
            lines += Self.table(
                header: ["TYPE", "PROTO", "ADDRESS", "PORT", "PRIORITY", "SERVER", "MS"],
                rows: candidates.map { [$0.type, $0.protocol, $0.address, String($0.port), String($0.priority), $0.server ?? "—", $0.ms.map(Self.ms) ?? "—"] })
        }
        lines.append("VPN: " + (vpn.detected ? "yes (\(vpn.interfaces.joined(separator: ", ")))\(vpn.defaultRouteThroughVPN ? ", default route through it" : "")" : "none detected"))
        return lines.joined(separator: "\n")
    }

    private static func ms(_ value: Double) -> String {
        value < 10 ? String(format: "%.2f ms", value) : String(format: "%.0f ms", value)
    }

    private static func table(header: [String], rows: [[String]]) -> [String] {
        let all = [header] + rows.map { $0.map { Sanitizer.singleLine($0) } }
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            "  " + row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
    }
}
