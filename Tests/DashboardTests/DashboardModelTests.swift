import Dashboard
import Foundation
@testable import LiveSession
import Testing

@Suite("Keys and the model")
struct DashboardModelTests {
    @Test("j/k and the arrows move the selection and stop at the ends")
    func selection() {
        var model = Fixtures.model()
        let serials = model.visible.map(\.serialNumber)
        #expect(model.selected == serials[0])
        _ = model.handle(.character("j"))
        #expect(model.selected == serials[1])
        _ = model.handle(.down)
        #expect(model.selected == serials[2])
        _ = model.handle(.up)
        _ = model.handle(.character("k"))
        _ = model.handle(.character("k"))
        #expect(model.selected == serials[0])
        _ = model.handle(.character("G"))
        #expect(model.selected == serials.last)
    }

    @Test("r, t, s, p and c name the selected device; s resumes a stopped one")
    func commands() {
        var model = Fixtures.model()
        let first = model.selected!
        #expect(model.handle(.character("r")) == [.reconnect(first)])
        #expect(model.handle(.character("t")) == [.refreshTicket(first)])
        #expect(model.handle(.character("s")) == [.stopWatching(first)])
        #expect(model.handle(.character("p")) == [.probeICE(first)])
        #expect(model.handle(.character("c")) == [.copy(model.selectedSnapshot!.ticket!.traceId)])
        #expect(model.handle(.character("e")) == [.exportReport(first)])
        model.selected = "VDCB2G2405003071"  // stopped
        #expect(model.handle(.character("s")) == [.resumeWatching("VDCB2G2405003071")])
        model.selected = "VDCA1P2311004420"  // no ticket: nothing to copy
        #expect(model.handle(.character("c")).isEmpty)
        #expect(model.status?.isError == true)
    }

    @Test("R asks first; only y goes ahead")
    func reconnectAll() {
        var model = Fixtures.model()
        #expect(model.handle(.character("R")).isEmpty)
        #expect(model.mode == .confirmReconnectAll)
        #expect(model.handle(.character("n")).isEmpty)
        #expect(model.mode == .normal)
        _ = model.handle(.character("R"))
        #expect(model.handle(.character("y")) == [.reconnectAll])
    }

    @Test("/ filters as you type, Esc clears, Enter keeps")
    func filter() {
        var model = Fixtures.model()
        _ = model.handle(.character("/"))
        for character in "gar" { _ = model.handle(.character(character)) }
        #expect(model.visible.map(\.serialNumber) == ["VDCB2G2408001742", "VDCA1P2311004420"])  // Garden Gate, Garage
        #expect(model.selected == "VDCB2G2408001742")
        _ = model.handle(.enter)
        #expect(model.mode == .normal)
        #expect(model.filter == "gar")
        _ = model.handle(.escape)
        #expect(model.filter.isEmpty)
        _ = model.handle(.character("/"))
        for character in "failed" { _ = model.handle(.character(character)) }
        _ = model.handle(.escape)
        #expect(model.visible.count == Fixtures.fleet.count)
    }

    @Test("the kept list is the same as filtering and sorting afresh, key by key, with Backspace and new snapshots between")
    func keptListMatchesAFreshOne() {
        var model = Fixtures.model()
        func fresh(_ model: DashboardModel) -> [String] {
            let needle = model.filter.lowercased()
            let matching = model.snapshots.filter { snapshot in
                needle.isEmpty || snapshot.serialNumber.lowercased().contains(needle)
                    || (snapshot.name?.lowercased().contains(needle) ?? false) || snapshot.state.word.contains(needle)
            }
            return model.sort.sorted(matching).map(\.serialNumber)
        }
        for order in SortOrder.allCases {
            model.sort = order
            _ = model.handle(.character("/"))
            let keys: [Key] = [.character("G"), .character("a"), .backspace, .character("A"), .character("r"), .backspace, .backspace, .backspace]
            for (index, key) in keys.enumerated() {
                _ = model.handle(key)
                #expect(model.visible.map(\.serialNumber) == fresh(model), "\(order) after \(key): filter '\(model.filter)'")
                // New snapshots in another order: a list kept from the old ones would differ.
                model.update(index.isMultiple(of: 2) ? Fixtures.fleet.reversed() : Fixtures.fleet)
                #expect(model.visible.map(\.serialNumber) == fresh(model), "\(order) after new snapshots: filter '\(model.filter)'")
            }
            _ = model.handle(.escape)
        }
    }

    @Test("o cycles the sort; by state puts the worst first")
    func sort() {
        var model = Fixtures.model()
        _ = model.handle(.character("o"))
        #expect(model.sort == .state)
        #expect(model.visible.first?.serialNumber == "VDCX9Z2209000007")  // failed
        #expect(model.visible.last?.serialNumber == "VDCA1P2410000131")  // live
        for _ in SortOrder.allCases.dropFirst() { _ = model.handle(.character("o")) }
        #expect(model.sort == .added)
    }

    @Test("a adds a camera of another shard all the same, and says whose it is")
    func addOutsideTheShard() throws {
        var model = Fixtures.model()
        model.header.shard = try Shard(index: 1, count: 2)
        let serial = "VDCA1P2407005563"  // shard 2 of 2 (ShardTests pins it)
        model.update(model.snapshots.filter { $0.serialNumber != serial })
        _ = model.handle(.character("a"))
        for character in serial { _ = model.handle(.character(character)) }
        #expect(model.handle(.enter) == [.add(serial)], "the user's explicit wish wins over the shard")
        #expect(model.status?.text == "adding \(serial) (shard 2/2, not this 1/2: watched here too)")
        #expect(model.status?.isError == false)
    }

    @Test("a adds a plausible new serial; d removes after a yes")
    func addAndRemove() {
        var model = Fixtures.model()
        _ = model.handle(.character("a"))
        for character in "VDNEW0000000001" { _ = model.handle(.character(character)) }
        #expect(model.handle(.enter) == [.add("VDNEW0000000001")])
        _ = model.handle(.character("a"))
        _ = model.handle(.character("x"))
        #expect(model.handle(.enter).isEmpty)
        #expect(model.status?.isError == true)
        _ = model.handle(.character("a"))
        for character in "VDCA1P2410000131" { _ = model.handle(.character(character)) }
        #expect(model.handle(.enter).isEmpty, "already watched")
        model.selected = model.visible[2].serialNumber
        let selected = model.selected!
        _ = model.handle(.character("d"))
        #expect(model.handle(.character("y")) == [.remove(selected)])
    }

    @Test("Enter focuses the detail; j/k then scroll it; Esc returns")
    func focus() {
        var model = Fixtures.model()
        let selected = model.selected
        _ = model.handle(.enter)
        #expect(model.focus == .detail)
        _ = model.handle(.character("j"))
        _ = model.handle(.character("j"))
        #expect(model.detailScroll == 2)
        #expect(model.selected == selected)
        _ = model.handle(.escape)
        #expect(model.focus == .list)
    }

    @Test("? opens the help, any key closes it, q quits, T cycles the theme")
    func helpQuitTheme() {
        var model = Fixtures.model()
        _ = model.handle(.character("?"))
        #expect(model.mode == .help)
        #expect(model.handle(.character("j")).isEmpty)
        #expect(model.mode == .normal)
        #expect(model.handle(.character("T")) == [.cycleTheme])
        #expect(model.handle(.character("q")) == [.quit])
    }

    @Test("the selection follows its device when snapshots change order or it disappears")
    func selectionSurvivesUpdates() {
        var model = Fixtures.model()
        model.selected = "VDCA1P2407005563"
        model.update(Fixtures.fleet.reversed())
        #expect(model.selected == "VDCA1P2407005563")
        model.update(Fixtures.fleet.filter { $0.serialNumber != "VDCA1P2407005563" })
        #expect(model.selected != nil)
        #expect(model.selected != "VDCA1P2407005563")
    }

    @Test("the 1 Hz tick is needed only while a countdown (ticket or retry) is shown")
    func countdownVisibility() {
        var model = Fixtures.model()
        #expect(model.showsCountdown)
        model.filter = "garage"  // backing off: a retry countdown
        #expect(model.showsCountdown)
        model.filter = "porch"  // failed, no ticket
        #expect(!model.showsCountdown)
    }

    @Test("the detail scrolls no further than its end")
    func detailScrollLimit() {
        var model = Fixtures.model()
        model.maximumDetailScroll = 3
        _ = model.handle(.enter)
        for _ in 0..<10 { _ = model.handle(.character("j")) }
        #expect(model.detailScroll == 3)
        _ = model.handle(.character("k"))
        #expect(model.detailScroll == 2)
    }

    @Test("the event log keeps the last 200 events of each device")
    func eventLog() {
        var log = EventLog()
        for index in 0..<250 {
            log.append(SessionEvent(at: Fixtures.now, serialNumber: "S", traceId: nil, kind: .command, message: "\(index)", state: .live))
        }
        #expect(log.events.count == EventLog.defaultCapacity)
        #expect(log.events.first?.message == "50")

        var model = DashboardModel(now: Fixtures.now, header: HeaderInfo(endpoint: "e", isDemo: true, account: "a", vpn: nil), eventHistory: 20)
        for index in 0..<30 {
            model.record( SessionEvent(at: Fixtures.now, serialNumber: "S", traceId: nil, kind: .command, message: "\(index)", state: .live))
        }
        #expect(model.logs["S"]?.events.map(\.message) == (10..<30).map { "\($0)" }, "event_history applies to the log pane")
    }

    @Test("every key of the help does what the key map says")
    func keyMapIsComplete() {
        let actions = Set(KeyMap.bindings.map(\.action))
        #expect(actions == Set(Action.allCases))
        for binding in KeyMap.bindings {
            for key in binding.keys { #expect(KeyMap.action(for: key) == binding.action) }
        }
    }
}
