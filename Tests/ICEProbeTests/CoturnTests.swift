import Foundation
import Testing
import ICEProbe
import TestSupport

/// Runs the probes against a real coturn on loopback. Serialized: each test starts its own
/// server, and several at once would crowd a small CI machine.
@Suite(
    "Probes against a real coturn",
    .serialized,
    .enabled(if: CoturnServer.isInstalled, "turnserver (coturn) is not installed: apt-get install -y coturn")
)
struct CoturnTests {
    let configuration = ICEProbeConfiguration(timeout: .seconds(5))
    let credentials = TURNCredentials(username: CoturnServer.username, password: CoturnServer.password)

    @Test(arguments: [ICEServerURI.Transport.udp, .tcp])
    func stunBinding(transport: ICEServerURI.Transport) async throws {
        let server = try await CoturnServer()
        defer { server.terminate() }
        let result = await STUNBindingProbe.run(server.uri(.stun, transport), configuration: configuration)
        #expect(result.failure == nil, "\(result.failure.map { "\($0)" } ?? "")")
        #expect(result.mappedAddress?.address == IPAddress("127.0.0.1"))
        #expect(result.mappedAddress?.port == result.localAddress?.port)
        #expect(result.software?.lowercased().contains("coturn") == true)
        #expect(result.transactions.count == 1)
        #expect(result.transactions.first?.roundTripTime != nil)
    }

    @Test(arguments: [ICEServerURI.Transport.udp, .tcp])
    func turnAllocation(transport: ICEServerURI.Transport) async throws {
        let server = try await CoturnServer()
        defer { server.terminate() }
        let result = await TURNAllocator.allocate(server.uri(.turn, transport), credentials: credentials, configuration: configuration)
        #expect(result.failure == nil, "\(result.failure.map { "\($0)" } ?? "")")
        #expect(result.relayedAddress?.address == IPAddress("127.0.0.1"))
        #expect(result.mappedAddress?.address == IPAddress("127.0.0.1"))
        #expect(result.allocationLifetime ?? 0 > 0)
        #expect(result.allocationReleased)
        #expect(result.nonce?.realm == CoturnServer.realm)
        // 401 challenge, authenticated Allocate, Refresh with LIFETIME 0.
        #expect(result.transactions.map(\.errorCode) == [401, nil, nil])
        #expect(result.transactions.map(\.method) == [.allocate, .allocate, .refresh])
    }

    @Test(arguments: [ICEServerURI.Transport.udp, .tcp])
    func wrongPassword(transport: ICEServerURI.Transport) async throws {
        let server = try await CoturnServer()
        defer { server.terminate() }
        let wrong = TURNCredentials(username: CoturnServer.username, password: "not-the-secret")
        let result = await TURNAllocator.allocate(server.uri(.turn, transport), credentials: wrong, configuration: configuration)
        #expect(result.failure == .authenticationFailed)
        #expect(result.failure?.description == "authentication failed")
        #expect(result.relayedAddress == nil)
    }

    @Test func missingCredentials() async throws {
        let server = try await CoturnServer()
        defer { server.terminate() }
        let result = await TURNAllocator.allocate(server.uri(.turn, .udp), credentials: nil, configuration: configuration)
        #expect(result.failure == .credentialsRequired)
    }

    @Test func freshSocketPerProbeAvoidsAllocationMismatch() async throws {
        let server = try await CoturnServer()
        defer { server.terminate() }
        for _ in 0..<3 {
            let result = await TURNAllocator.allocate(server.uri(.turn, .udp), credentials: credentials, configuration: configuration)
            #expect(result.failure == nil, "\(result.failure.map { "\($0)" } ?? "")")
        }
    }

    /// The nonce expires while the allocation is held, so the Refresh that frees it gets 438
    /// and must be retried with the nonce that came with the 438.
    @Test func staleNonceWhileHoldingAllocation() async throws {
        // Nonces live 3 s and the allocation is held 7 s: the Refresh always finds its nonce
        // stale, and a busy machine has 3 s for each retry that follows a fresh nonce.
        let server = try await CoturnServer(staleNonceSeconds: 3)
        defer { server.terminate() }
        let options = TURNAllocationOptions(holdDuration: .seconds(7))
        let long = ICEProbeConfiguration(timeout: .seconds(60))
        let result = await TURNAllocator.allocate(server.uri(.turn, .udp), credentials: credentials, options: options, configuration: long)
        #expect(result.failure == nil, "\(result.failure.map { "\($0)" } ?? "")")
        let allocates = result.transactions.filter { $0.method == .allocate }.map(\.errorCode)
        // [401, nil] as a rule; a machine slow enough to let the first nonce go stale before
        // the signed Allocate adds a 438 and its retry, which is the case below done early.
        #expect(allocates.first == 401 && allocates.last == .some(nil), "\(allocates)")
        #expect(result.transactions.filter { $0.method == .refresh }.map(\.errorCode) == [438, nil])
        #expect(result.allocationReleased)
    }

    /// A nonce kept from an earlier probe is stale by now: the first Allocate gets 438 and the
    /// probe recovers with the fresh nonce.
    @Test func staleSeededNonce() async throws {
        let server = try await CoturnServer(staleNonceSeconds: 3)
        defer { server.terminate() }
        let first = await TURNAllocator.allocate(server.uri(.turn, .udp), credentials: credentials, configuration: configuration)
        let oldNonce = try #require(first.nonce)
        // Nothing to poll: the nonce goes stale on coturn's clock alone. Waiting longer
        // never hurts.
        try await Task.sleep(for: .milliseconds(3500))
        let options = TURNAllocationOptions(knownNonce: oldNonce)
        let result = await TURNAllocator.allocate(server.uri(.turn, .udp), credentials: credentials, options: options, configuration: configuration)
        #expect(result.failure == nil, "\(result.failure.map { "\($0)" } ?? "")")
        #expect(result.transactions.first?.errorCode == 438)
        #expect(result.transactions.first?.authenticated == true)
        #expect(result.relayedAddress != nil)
        #expect(result.nonce != oldNonce)
    }

    @Test func unreachablePortOverUDP() async throws {
        // Nothing may be bound for the ICMP to come back, so the port cannot be held: a
        // clash with another test of the run shows as no answer, and is retried elsewhere.
        let result = try await FreePort.retryingOnClash(until: { (result: ICEProbeResult) in result.failure == .unreachable }) { port in
            let uri = ICEServerURI(scheme: .turn, host: "127.0.0.1", port: port, transport: .udp)
            return await TURNAllocator.allocate(uri, credentials: credentials, configuration: configuration)
        }
        let failure = try #require(result.failure)
        #expect(failure == .unreachable, "\(failure)")
    }

    @Test func unreachablePortOverTCP() async throws {
        let refusing = try #require(RefusingTCPPort())
        let uri = ICEServerURI(scheme: .turn, host: "127.0.0.1", port: refusing.port, transport: .tcp)
        let result = await TURNAllocator.allocate(uri, credentials: credentials, configuration: configuration)
        #expect(result.failure == .unreachable)
        #expect(result.failure?.description == "unreachable")
        withExtendedLifetime(refusing) {}
    }

    @Test func gatherRelayAndReflexiveCandidates() async throws {
        let server = try await CoturnServer()
        defer { server.terminate() }
        let servers = [
            ICEProbeTarget(uri: server.uri(.stun, .udp)),
            ICEProbeTarget(uri: server.uri(.turn, .udp), username: CoturnServer.username, credential: CoturnServer.password),
            ICEProbeTarget(uri: server.uri(.turn, .tcp), username: CoturnServer.username, credential: CoturnServer.password),
            ICEProbeTarget(uri: server.uri(.turn, .udp), username: CoturnServer.username, credential: "wrong"),
        ]
        let gatherer = CandidateGatherer(configuration: configuration, includeHostCandidates: false)
        var candidates: [ICECandidate] = []
        var results: [ICEProbeResult] = []
        for await event in gatherer.gather(servers: servers, deadline: .now + .seconds(5)) {
            switch event {
            case .candidate(let candidate): candidates.append(candidate)
            case .serverResult(let result): results.append(result)
            }
        }
        #expect(results.count == 4)
        #expect(results.filter { $0.failure == .authenticationFailed }.count == 1)
        let relays = candidates.filter { $0.type == .relay }
        #expect(relays.count == 2)
        #expect(relays.allSatisfy { $0.address == "127.0.0.1" && $0.relatedAddress == "127.0.0.1" })
        // The relay reached over UDP outranks the one behind TCP.
        #expect(Set(relays.map(\.priority)) == [ICECandidate.priority(type: .relay), ICECandidate.priority(type: .relay, localPreference: 32767)])
        #expect(candidates.filter { $0.type == .srflx }.count == 2)
    }
}
