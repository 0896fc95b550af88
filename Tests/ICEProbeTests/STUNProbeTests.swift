import Testing
import ICEProbe
import TestSupport

@Suite("STUN Binding probe against the built-in responder")
struct STUNProbeTests {
    let configuration = ICEProbeConfiguration(timeout: .seconds(30))  // a bound on failure only: Swift Testing starts every test at once, and a 3 s budget ran out in that burst

    @Test func bindingOverUDP() async throws {
        let responder = STUNResponder(software: "test responder")
        let port = try await responder.start()
        #expect(port > 0)
        #expect(await responder.port == port)
        let uri = ICEServerURI(scheme: .stun, host: "127.0.0.1", port: UInt16(port))
        let result = await STUNBindingProbe.run(uri, configuration: configuration)
        await responder.stop()
        #expect(result.failure == nil, "\(result.failure.map { "\($0)" } ?? "")")
        #expect(result.mappedAddress?.address == IPAddress("127.0.0.1"))
        #expect(result.mappedAddress == result.localAddress)
        #expect(result.software == "test responder")
        #expect(result.serverAddress == STUNTransportAddress(address: IPAddress("127.0.0.1")!, port: UInt16(port)))
        #expect(result.transactions.count == 1)
        #expect(result.transactions.first?.transmissions == 1)
    }

    @Test func noAnswerAfterAllTries() async throws {
        // A port with nothing bound: the probe must retransmit and give up, or learn at once
        // that nothing is there. Nothing bound means the port cannot be held for the test;
        // should another test of the run take it and answer, another port is tried.
        let policy = STUNRetransmissionPolicy(initialRTO: .milliseconds(20), maxTransmissions: 3, finalWaitMultiplier: 2)
        let result = try await FreePort.retryingOnClash(until: { (result: ICEProbeResult) in !result.succeeded }) { port in
            let blackHole = ICEServerURI(scheme: .stun, host: "127.0.0.1", port: port)
            // A budget far beyond the policy's 100 ms, so that the policy ends the probe:
            // running into the budget would show as a total near 30 s.
            return await STUNBindingProbe.run(blackHole, configuration: ICEProbeConfiguration(retransmission: policy, timeout: .seconds(30)))
        }
        let failure = try #require(result.failure)
        // With nothing bound, loopback answers ICMP port unreachable, which a connected UDP
        // socket reports as ECONNREFUSED; a firewall dropping the ICMP, or another test of
        // this parallel run binding the port meanwhile, gives no answer instead.
        #expect(failure == .unreachable || failure == .noAnswer(tries: 3), "\(failure)")
        #expect(result.totalTime < .seconds(10), "the retransmission policy, not the 30 s budget, ended it")
    }

    @Test func noAnswerFromSilentServer() async throws {
        let silent = try #require(SilentUDPSocket())
        let uri = ICEServerURI(scheme: .stun, host: "127.0.0.1", port: silent.port)
        let policy = STUNRetransmissionPolicy(initialRTO: .milliseconds(20), maxTransmissions: 3, finalWaitMultiplier: 2)
        // The budget is far beyond the policy's 100 ms, so only the policy can end the probe
        // in the time the guard below allows.
        let result = await STUNBindingProbe.run(uri, configuration: ICEProbeConfiguration(retransmission: policy, timeout: .seconds(30)))
        #expect(result.failure == .noAnswer(tries: 3))
        #expect(result.failure?.description == "no answer after 3 tries")
        #expect(result.transactions.first?.transmissions == 3)
        #expect(result.transactions.first?.roundTripTime == nil)
        // Sends at 0, 20 and 60 ms, then a final wait of 40 ms: timers never fire early, so
        // the lower bound holds however busy the machine; the upper one only tells the
        // policy's end from the 30 s budget's.
        #expect(result.totalTime >= .milliseconds(100))
        #expect(result.totalTime < .seconds(10))
        withExtendedLifetime(silent) {}
    }

    @Test func overallTimeoutCutsRetransmissionsShort() async throws {
        let silent = try #require(SilentUDPSocket())
        let uri = ICEServerURI(scheme: .stun, host: "127.0.0.1", port: silent.port)
        let policy = STUNRetransmissionPolicy(initialRTO: .milliseconds(100), maxTransmissions: 7)
        let result = await STUNBindingProbe.run(uri, configuration: ICEProbeConfiguration(retransmission: policy, timeout: .milliseconds(250)))
        // Sends at 0, 100 ms and 300 ms: the 250 ms budget ends after the second (fewer when
        // a busy machine delays the first send). The third retransmission is scheduled only
        // when the second goes out, so it always comes after the budget: seven tries (over
        // 6 s of sends) would mean the budget was ignored, whatever the machine's load.
        let failure = try #require(result.failure)
        #expect([.noAnswer(tries: 2), .noAnswer(tries: 1), .noAnswer(tries: 0)].contains(failure), "\(failure)")
        #expect(result.transactions.first?.transmissions ?? 0 <= 2)
        withExtendedLifetime(silent) {}
    }

    @Test func tlsSchemesAreReportedAsUnsupported() async {
        let result = await STUNBindingProbe.run(ICEServerURI(scheme: .stuns, host: "127.0.0.1"), configuration: configuration)
        #expect(result.failure == .tlsUnsupported(.stuns))
        #expect(result.failure?.description.hasPrefix("unsupported") == true)
        let turns = await TURNAllocator.allocate(ICEServerURI(scheme: .turns, host: "127.0.0.1"), credentials: nil, configuration: configuration)
        #expect(turns.failure == .tlsUnsupported(.turns))
    }

    @Test func responderIgnoresGarbageAndKeepsAnswering() async throws {
        let responder = STUNResponder()
        let port = try await responder.start()
        defer { Task { await responder.stop() } }
        let uri = ICEServerURI(scheme: .stun, host: "127.0.0.1", port: UInt16(port))
        let sender = try #require(SilentUDPSocket())
        var generator = SeededGenerator(seed: 99)
        let response = try STUNMessage(method: .binding, messageClass: .successResponse).encoded()
        var badFingerprint = try STUNMessage(method: .binding, messageClass: .request).encoded(fingerprint: true)
        badFingerprint[badFingerprint.count - 1] ^= 1
        for garbage in [[], [0x00], Array(repeating: 0xFF, count: 1500), response, badFingerprint, RFC5769Vectors.ipv4Response] {
            sender.send(garbage, toPort: UInt16(port))
        }
        for _ in 0..<200 {
            sender.send((0..<Int.random(in: 0...100, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }, toPort: UInt16(port))
        }
        for _ in 0..<3 {
            let result = await STUNBindingProbe.run(uri, configuration: configuration)
            #expect(result.succeeded)
        }
    }
}
