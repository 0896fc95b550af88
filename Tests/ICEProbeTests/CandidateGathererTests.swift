import Testing
import ICEProbe

@Suite("Candidate gathering")
struct CandidateGathererTests {
    @Test func gathersHostAndReflexiveFromResponder() async throws {
        let responder = STUNResponder()
        let port = UInt16(try await responder.start())
        let stun = ICEProbeTarget(uri: ICEServerURI(scheme: .stun, host: "127.0.0.1", port: port))
        // Two entries for one server: the reflexive candidates must differ by port, not repeat.
        let gatherer = CandidateGatherer(configuration: ICEProbeConfiguration(timeout: .seconds(30)), includeLoopback: true)
        var candidates: [ICECandidate] = []
        var results: [ICEProbeResult] = []
        for await event in gatherer.gather(servers: [stun, stun], deadline: .now + .seconds(30)) {
            switch event {
            case .candidate(let candidate): candidates.append(candidate)
            case .serverResult(let result): results.append(result)
            }
        }
        await responder.stop()

        #expect(results.count == 2)
        #expect(results.allSatisfy { $0.succeeded })
        let host = candidates.filter { $0.type == .host }
        #expect(host.contains { $0.address == "127.0.0.1" })
        let reflexive = candidates.filter { $0.type == .srflx }
        #expect(reflexive.count == 2)
        for candidate in reflexive {
            #expect(candidate.address == "127.0.0.1")
            #expect(candidate.relatedAddress == "127.0.0.1")
            #expect(candidate.priority == ICECandidate.priority(type: .srflx))
            #expect(try ICECandidate(parsing: candidate.line) == candidate)
        }
        #expect(Set(candidates.map(\.line)).count == candidates.count)
    }

    @Test func deadlineEndsTheStream() async throws {
        // A socket held for the test that never answers, and retransmissions slower than
        // the deadline.
        let silent = try #require(SilentUDPSocket())
        let server = ICEProbeTarget(uri: ICEServerURI(scheme: .stun, host: "127.0.0.1", port: silent.port))
        let configuration = ICEProbeConfiguration(retransmission: STUNRetransmissionPolicy(initialRTO: .seconds(1)), timeout: .seconds(30))
        let gatherer = CandidateGatherer(configuration: configuration, includeHostCandidates: false)
        let started = ContinuousClock.now
        var results: [ICEProbeResult] = []
        for await event in gatherer.gather(servers: [server], deadline: .now + .milliseconds(300)) {
            if case .serverResult(let result) = event { results.append(result) }
        }
        // Without the deadline the probe would run for its 30 s budget (or its retransmissions,
        // as long); the guard only tells the two apart.
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(results.count <= 1)
        #expect(results.allSatisfy { !$0.succeeded })
        withExtendedLifetime(silent) {}
    }
}
