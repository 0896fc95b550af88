import Foundation

/// `vicotop probe --json` in the contract's terms (``JSONContract``): every key present,
/// `null` when it does not apply (no round trip, no mapped address, no error…).
extension ProbeReport {
    private enum Key: String, CodingKey { case serialNumber, traceId, servers, candidates, vpn }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(serialNumber, forKey: .serialNumber)
        try container.encode(traceId, forKey: .traceId)
        try container.encode(servers, forKey: .servers)
        try container.encode(candidates, forKey: .candidates)
        try container.encode(vpn, forKey: .vpn)
    }
}

extension ProbeReport.ServerRow {
    private enum Key: String, CodingKey { case url, status, rttMs, totalMs, mappedAddress, relayedAddress, software, error, transactions }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(url, forKey: .url)
        try container.encode(status, forKey: .status)
        try container.encode(rttMs, forKey: .rttMs)
        try container.encode(totalMs, forKey: .totalMs)
        try container.encode(mappedAddress, forKey: .mappedAddress)
        try container.encode(relayedAddress, forKey: .relayedAddress)
        try container.encode(software, forKey: .software)
        try container.encode(error, forKey: .error)
        try container.encode(transactions, forKey: .transactions)
    }
}

extension ProbeReport.TransactionRow {
    private enum Key: String, CodingKey { case method, authenticated, transmissions, rttMs, errorCode }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(method, forKey: .method)
        try container.encode(authenticated, forKey: .authenticated)
        try container.encode(transmissions, forKey: .transmissions)
        try container.encode(rttMs, forKey: .rttMs)
        try container.encode(errorCode, forKey: .errorCode)
    }
}

extension ProbeReport.CandidateRow {
    private enum Key: String, CodingKey { case type, `protocol`, address, port, priority, foundation, server, ms, line }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(type, forKey: .type)
        try container.encode(`protocol`, forKey: .protocol)
        try container.encode(address, forKey: .address)
        try container.encode(port, forKey: .port)
        try container.encode(priority, forKey: .priority)
        try container.encode(foundation, forKey: .foundation)
        try container.encode(server, forKey: .server)
        try container.encode(ms, forKey: .ms)
        try container.encode(line, forKey: .line)
    }
}
