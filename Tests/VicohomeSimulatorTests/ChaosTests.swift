import Foundation
import Testing
import TestSupport
import VicohomeSimulator

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
}
