import Foundation
import Testing
@testable import LiveSession
import VicohomeAPI

/// A fleet that started together refreshes spread out, and no camera ever later than the
/// margin allows.
@Suite("Refresh spreading")
struct RefreshSpreadTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func ticket(lifetime: TimeInterval, at time: Date) -> WebRTCTicket {
        WebRTCTicket(traceId: "t", groupId: "g", role: "viewer", id: "i", signalServer: "ws://127.0.0.1:1", sign: "s",
                     serverTime: time, expirationTime: time.addingTimeInterval(lifetime))
    }

    @Test("never later than expiry − margin, never earlier than the spread window allows",
          arguments: [5.0, 20, 45, 60, 100, 300, 3600, 86_400])
    func bounds(lifetime: Double) {
        let planner = RefreshPlanner()
        let ticket = ticket(lifetime: lifetime, at: t0)
        let latest = t0.addingTimeInterval(lifetime - planner.margin(lifetime: lifetime))
        let window = planner.spreadWindow(lifetime: lifetime)
        #expect(window > 0 && window <= lifetime * 0.1 + 1e-9)
        // A fixed grid over the unit range, so a failure names a unit that reproduces it.
        let units = [0, 0.5, 0.999_999, 1, -3, 7] + (0..<200).map { Double($0) / 200 }
        for unit in units {
            let date = planner.refreshDate(ticket: ticket, skew: 0, receivedAt: t0, unit: unit)
            #expect(date <= latest, "unit \(unit) refreshes after the margin")
            #expect(date >= latest.addingTimeInterval(-window - 1e-6), "unit \(unit) refreshes before the window")
            #expect(date > t0, "a refresh within the ticket's life")
        }
        // A serial's place is in 0..<1 too, and a serial's machine uses it.
        let machine = DeviceStateMachine(serialNumber: "VDCA1P2410000131")
        #expect((0..<1).contains(machine.refreshSpread))
    }

    @Test("a fleet's places are stable and spread evenly over the window")
    func fleetSpreads() {
        let serials = (0..<10_000).map { String(format: "VDSIM%011ld", $0) }
        let units = serials.map(RefreshPlanner.spreadUnit(serialNumber:))
        #expect(units.allSatisfy { (0..<1).contains($0) })
        #expect(units == serials.map(RefreshPlanner.spreadUnit(serialNumber:)), "the same serial, the same place")
        // Ten buckets of the window hold about a tenth each (10 % ± 2 %).
        var buckets = [Int](repeating: 0, count: 10)
        for unit in units { buckets[Int(unit * 10)] += 1 }
        #expect(buckets.allSatisfy { (800...1200).contains($0) }, "uneven: \(buckets)")
    }

    @Test("machines given tickets at the same moment plan their refreshes apart, all by the margin")
    func fleetOfMachines() {
        let lifetime = 300.0
        let planner = RefreshPlanner()
        let latest = t0.addingTimeInterval(lifetime - planner.margin(lifetime: lifetime))
        var dates: [Date] = []
        for index in 0..<1000 {
            var machine = DeviceStateMachine(serialNumber: String(format: "VDSIM%011ld", index))
            _ = machine.handle(.start, now: t0, random: 0.5)
            let effects = machine.handle(.ticketReceived(ticket(lifetime: lifetime, at: t0), requestedAt: t0, receivedAt: t0),
                                         now: t0, random: 0.5)
            let refresh = effects.compactMap { if case .schedule(.refresh, let date) = $0 { date } else { nil } }
            dates += refresh
        }
        #expect(dates.count == 1000)
        #expect(dates.allSatisfy { $0 <= latest }, "none later than the margin allows")
        let earliest = dates.min()!, last = dates.max()!
        // 30 s of window: the fleet uses nearly all of it, and no second holds more than 8 %.
        #expect(last.timeIntervalSince(earliest) > 27)
        let perSecond = Dictionary(grouping: dates) { Int($0.timeIntervalSince(earliest)) }.mapValues(\.count)
        #expect(perSecond.values.max()! < 80, "a burst: \(perSecond.values.max()!) in one second")
    }

    @Test("spreading off: every refresh at the margin")
    func off() {
        var planner = RefreshPlanner()
        planner.spreadFraction = 0
        let date = planner.refreshDate(ticket: ticket(lifetime: 300, at: t0), skew: 0, receivedAt: t0, unit: 0.7)
        #expect(date == t0.addingTimeInterval(240))
    }
}
