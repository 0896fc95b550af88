import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import NIOConcurrencyHelpers
import Testing
import TestSupport
@testable import VicohomeSimulator

@Suite("Chaos mode")
struct ChaosTests {
    @Test("the same seed gives the same faults; another seed others")
    func reproducible() {
        var first = ChaosPlan(rate: 2, seed: 42)
        var second = ChaosPlan(rate: 2, seed: 42)
        var other = ChaosPlan(rate: 2, seed: 43)
        let a = (0..<50).map { _ in first.next() }
        let b = (0..<50).map { _ in second.next() }
        let c = (0..<50).map { _ in other.next() }
        #expect(a == b)
        #expect(a != c)
    }

    @Test("faults arrive at the asked rate and every kind occurs")
    func rate() {
        var plan = ChaosPlan(rate: 4, seed: 7)
        let events = (0..<20_000).map { _ in plan.next() }
        let seconds = events.reduce(0.0) { $0 + Double($1.after.components.seconds) + Double($1.after.components.attoseconds) / 1e18 }
        let observed = Double(events.count) / seconds
        #expect(abs(observed - 4) / 4 < 0.05, "observed \(observed) faults/s")
        let kinds = Dictionary(grouping: events, by: \.fault).mapValues(\.count)
        #expect(Set(kinds.keys) == Set(ChaosFault.allCases))
        for (kind, count) in kinds { #expect(count > 2_000, "\(kind) only \(count) times") }
        #expect(events.allSatisfy { (1...3).contains($0.magnitude) })
    }

    @Test("a running monkey injects and counts faults in a live simulator")
    func live() async throws {
        let simulator = VicohomeSimulator()
        try await simulator.start()
        let monkey = ChaosMonkey(simulator: simulator, rate: 40, seed: 1)
        let injected = try await eventually(timeout: .seconds(10)) { simulator.counters.chaosFaults.values.reduce(0, +) >= 10 }
        monkey.stop()
        await simulator.stop()
        #expect(injected, "faults counted: \(simulator.counters.chaosFaults)")
    }

    @Test("overlapping outages restore the camera's true behaviour; stopping chaos undoes them at once")
    func timedFaults() async throws {
        let simulator = VicohomeSimulator()
        try await simulator.start()
        let device = try #require(simulator.devices.first)
        let truth = device.behavior.pingLoss
        // The outages end when the test says, in the order a real run would end them.
        let timer = SteppedSleeps()
        let timed = TimedFaults(simulator: simulator, sleep: { await timer.sleep($0) })
        timed.silence(device, for: .milliseconds(300))
        // The second outage sees the camera silent already; it must not take that for the truth.
        timed.silence(try #require(simulator.devices.first), for: .milliseconds(600))
        #expect(try await eventually { timer.waiting == [.milliseconds(300), .milliseconds(600)] })
        timer.end(.milliseconds(300))
        #expect(try await eventually { timed.timesUp == 1 })
        #expect(simulator.devices.first?.behavior.pingLoss == 1, "the later outage still runs")
        timer.end(.milliseconds(600))
        #expect(try await eventually { timed.timesUp == 2 })
        #expect(simulator.devices.first?.behavior.pingLoss == truth)

        timed.silence(device, for: .seconds(60))
        timed.slowAnswers(by: .seconds(4), for: .seconds(60))
        timed.authOutage(for: .seconds(60))
        if case .apiError(let code, _) = simulator.state.nextAPIDisposition().0 { #expect(code == 401) } else {
            Issue.record("an auth outage refuses every call")
        }
        simulator.inject(.serverErrors(status: 503, count: 3))
        simulator.inject(.revokeToken)
        timed.endAll()
        #expect(simulator.devices.first?.behavior.pingLoss == truth)
        let (disposition, delay) = simulator.state.nextAPIDisposition()
        #expect(delay == .zero, "no slowdown left")
        if case .normal = disposition {} else { Issue.record("no error left: \(disposition)") }
        #expect(!simulator.state.isValid(token: simulator.token.exposedValue), "a test's revoked token is not chaos's to restore")
        timed.silence(device, for: .seconds(60))
        #expect(simulator.devices.first?.behavior.pingLoss == truth, "nothing new once ended")
        timer.endAll()
        await simulator.stop()
    }

    @Test("POST /simulator/chaos starts and calms chaos in a running simulator; a bad body is refused")
    func httpControl() async throws {
        let simulator = VicohomeSimulator()
        try await simulator.start()
        func post(_ body: String) async throws -> (Int, String) {
            var request = URLRequest(url: simulator.baseURL.appendingPathComponent("simulator/chaos"))
            request.httpMethod = "POST"
            request.httpBody = Data(body.utf8)
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        }
        func injected() -> Int { simulator.counters.chaosFaults.values.reduce(0, +) }

        let (started, answer) = try await post(#"{"rate": 50, "seed": 3}"#)
        #expect(started == 200)
        #expect(try JSONDecoder().decode(ChaosSetting.self, from: Data(answer.utf8)) == ChaosSetting(rate: 50, seed: 3))
        #expect(try await eventually(timeout: .seconds(10)) { injected() >= 10 })

        let (stopped, calm) = try await post(#"{"rate": 0}"#)
        #expect(stopped == 200)
        #expect(try JSONDecoder().decode(ChaosSetting.self, from: Data(calm.utf8)).rate == 0)
        #expect(simulator.chaosSetting == nil)
        let after = injected()
        try await Task.sleep(for: .milliseconds(500))
        #expect(injected() == after, "no fault after calm")

        for bad in ["not json", #"{"rate": -1}"#, #"{"rate": 1e9}"#, #"{"seed": 1}"#] {
            #expect(try await post(bad).0 == 400, "\(bad)")
        }
        #expect(simulator.chaosSetting == nil)
        await simulator.stop()
    }
}

/// Sleeps that end only when the test ends them, by their duration.
final class SteppedSleeps: Sendable {
    private let sleepers = NIOLockedValueBox<[(duration: Duration, continuation: CheckedContinuation<Void, Never>)]>([])

    /// The durations of the sleeps under way, in the order they began.
    var waiting: [Duration] { sleepers.withLockedValue { $0.map(\.duration) } }

    func sleep(_ duration: Duration) async {
        await withCheckedContinuation { continuation in
            sleepers.withLockedValue { $0.append((duration, continuation)) }
        }
    }

    /// Ends the first sleep of `duration`.
    func end(_ duration: Duration) {
        let sleeper = sleepers.withLockedValue { sleepers in
            sleepers.firstIndex { $0.duration == duration }.map { sleepers.remove(at: $0) }
        }
        sleeper?.continuation.resume()
    }

    /// Ends every sleep under way, so no task is left suspended for ever.
    func endAll() {
        for sleeper in sleepers.withLockedValue({ sleepers in defer { sleepers = [] }; return sleepers }) {
            sleeper.continuation.resume()
        }
    }
}
