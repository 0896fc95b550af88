import Foundation
import NIOConcurrencyHelpers
import Testing
import TestSupport
import VicohomeAPI
import VicohomeSimulator
@testable import LiveSession

/// An engine that runs no WebRTC: it holds a view for `hold` (or until cancelled), reports
/// two phases and counts how many views run at once. The manager's scheduling, bounds and
/// cancellation are the subject here; the real engine is tested end to end elsewhere.
final class CountingEngine: MediaEngine {
    struct Counts { var running = 0, most = 0, started = 0, cancelled = 0, channels: [String] = [] }
    let counts = NIOLockedValueBox(Counts())
    let hold: Duration
    let reason: String?

    init(hold: Duration = .milliseconds(300), unavailable reason: String? = nil) {
        self.hold = hold
        self.reason = reason
    }

    var unavailableReason: String? { reason }

    func view(_ request: MediaViewRequest, channel: MediaSignalingChannel,
              progress: @escaping @Sendable (MediaProgress) -> Void) async -> MediaOutcome {
        counts.withLockedValue {
            $0.running += 1
            $0.started += 1
            $0.most = max($0.most, $0.running)
            $0.channels.append(channel.ticket.traceId)
        }
        defer { counts.withLockedValue { $0.running -= 1 } }
        progress(.phase(name: "offer sent", ms: 1))
        let length: Duration = request.length == .untilCancelled ? .seconds(3600) : hold
        do {
            try await Task.sleep(for: length)
        } catch {
            counts.withLockedValue { $0.cancelled += 1 }
            return MediaOutcome(verdict: .cancelled)
        }
        progress(.phase(name: "first decoded frame", ms: 20))
        return MediaOutcome(verdict: .ok(path: "p2p", firstFrameMs: 20), waterfall: [MediaPhaseTime(name: "first decoded frame", ms: 20)])
    }
}

@Suite("Live-view checks in the session manager")
struct ManagerMediaTests {
    static func devices(_ count: Int) -> [SimulatedDevice] {
        (1...count).map { camera(String(format: "VDTEST%010d", $0)) }
    }

    @Test("V on five cameras: at most two views at once, every camera gets its verdict")
    func bounded() async throws {
        let engine = CountingEngine()
        let harness = try await ManagerHarness.start(devices: Self.devices(5), session: { $0.mediaEngine = engine })
        await harness.manager.startAll()
        for device in harness.simulator.devices { #expect(try await harness.wait(device.serialNumber) { $0.state == .live && $0.cameraPresent } != nil) }
        await harness.manager.checkAllMedia()
        #expect(await harness.manager.waitForMediaIdle(timeout: .seconds(60)))
        #expect(engine.counts.withLockedValue { $0.most } == 2)
        #expect(engine.counts.withLockedValue { $0.started } == 5)
        for snapshot in harness.manager.snapshots {
            #expect(snapshot.media.verdict == .ok(path: "p2p", firstFrameMs: 20))
            #expect(snapshot.media.checkedAt != nil && snapshot.media.waterfall.map(\.name) == ["first decoded frame"])
        }
        // The exported report carries the check in the vendor's terms.
        let report = try #require(await harness.manager.report(harness.simulator.devices[0].serialNumber))
        let json = String(decoding: try report.json(), as: UTF8.self)
        #expect(json.contains(#""wait_time" : 20"#) || json.contains(#""wait_time":20"#), "\(json)")
        #expect(json.contains("p2p_connection_type") && json.contains(#""result""#))
        await harness.stop()
    }

    @Test("a preview runs until stopped; stopping cancels it and the last verdict stays")
    func previewStops() async throws {
        let engine = CountingEngine(hold: .milliseconds(10))
        let harness = try await ManagerHarness.start(devices: Self.devices(1), session: { $0.mediaEngine = engine })
        let serial = harness.simulator.devices[0].serialNumber
        await harness.manager.startAll()
        _ = try await harness.wait(serial) { $0.state == .live && $0.cameraPresent }
        await harness.manager.checkMedia(serial)
        #expect(await harness.manager.waitForMediaIdle(timeout: .seconds(30)))
        await harness.manager.startPreview(serial)
        #expect(try await harness.wait(serial) { $0.media.previewing && $0.media.state == .checking(phase: "offer sent") } != nil)
        await harness.manager.stopMedia(serial)
        #expect(try await eventually(timeout: .seconds(30)) { engine.counts.withLockedValue { $0.cancelled == 1 && $0.running == 0 } })
        let after = try #require(harness.manager.snapshot(serial))
        #expect(!after.media.previewing)
        #expect(after.media.verdict == .ok(path: "p2p", firstFrameMs: 20), "the check's verdict stands")
        await harness.stop()
    }

    @Test("a session that drops ends its view; one stopped (stoplive) or removed too")
    func endsWithSession() async throws {
        let engine = CountingEngine()
        let harness = try await ManagerHarness.start(devices: Self.devices(2), session: { $0.mediaEngine = engine })
        let first = harness.simulator.devices[0].serialNumber, second = harness.simulator.devices[1].serialNumber
        await harness.manager.startAll()
        for serial in [first, second] { _ = try await harness.wait(serial) { $0.state == .live && $0.cameraPresent } }
        await harness.manager.startPreview(first)
        _ = try await harness.wait(first) { $0.media.previewing && $0.media.state == .checking(phase: "offer sent") }
        harness.simulator.inject(.dropSockets(serial: first))
        #expect(try await eventually(timeout: .seconds(30)) { engine.counts.withLockedValue { $0.cancelled } == 1 })
        await harness.manager.startPreview(second)
        _ = try await harness.wait(second) { $0.media.state == .checking(phase: "offer sent") }
        await harness.manager.stop(second)
        #expect(try await eventually(timeout: .seconds(30)) { engine.counts.withLockedValue { $0.cancelled } == 2 })
        #expect(engine.counts.withLockedValue { $0.running } == 0)
        await harness.stop()
    }

    @Test("a refresh during a view keeps the view and the socket it rides until the view ends")
    func refreshKeepsView() async throws {
        let engine = CountingEngine()
        let harness = try await ManagerHarness.start(devices: Self.devices(1), session: { $0.mediaEngine = engine })
        let serial = harness.simulator.devices[0].serialNumber
        await harness.manager.startAll()
        let live = try #require(try await harness.wait(serial) { $0.state == .live && $0.cameraPresent })
        await harness.manager.startPreview(serial)
        _ = try await harness.wait(serial) { $0.media.state == .checking(phase: "offer sent") }
        await harness.manager.refreshTicket(serial)
        let refreshed = try #require(try await harness.wait(serial) { $0.state == .live && $0.ticket?.traceId != live.ticket?.traceId })
        #expect(refreshed.media.previewing)
        #expect(engine.counts.withLockedValue { $0.cancelled } == 0, "the view survived the refresh")
        #expect(harness.simulator.openSockets(serial: serial) == 2, "the view's socket stays open beside the new one")
        await harness.manager.stopMedia(serial)
        #expect(try await eventually(timeout: .seconds(30)) { harness.simulator.openSockets(serial: serial) == 1 })
        #expect(engine.counts.withLockedValue { $0.channels } == [live.ticket!.traceId])
        await harness.stop()
    }

    @Test("without a usable engine every check says why")
    func unavailable() async throws {
        let engine = CountingEngine(unavailable: "install gstreamer1.0-nice")
        let harness = try await ManagerHarness.start(devices: Self.devices(1), session: { $0.mediaEngine = engine })
        let serial = harness.simulator.devices[0].serialNumber
        await harness.manager.checkMedia(serial)
        #expect(try await eventually { harness.manager.snapshot(serial)?.media.verdict == .unavailable(reason: "install gstreamer1.0-nice") })
        #expect(harness.manager.snapshot(serial)?.media.word == "unavailable")
        #expect(engine.counts.withLockedValue { $0.started } == 0)
        let none = try await ManagerHarness.start(devices: Self.devices(1))
        await none.manager.checkMedia(serial)
        #expect(none.manager.snapshot(serial)?.media.verdict == .unavailable(reason: "no media engine in this program"))
        await harness.stop()
        await none.stop()
    }

    @Test("a schedule checks every camera once per interval, one after another")
    func schedule() async throws {
        let engine = CountingEngine(hold: .milliseconds(10))
        let harness = try await ManagerHarness.start(devices: Self.devices(3), session: { $0.mediaEngine = engine })
        await harness.manager.startAll()
        for device in harness.simulator.devices { _ = try await harness.wait(device.serialNumber) { $0.state == .live && $0.cameraPresent } }
        await harness.manager.scheduleMediaChecks(every: .milliseconds(900))
        #expect(try await eventually(timeout: .seconds(30)) { harness.manager.snapshots.allSatisfy { $0.media.verdict != nil } })
        #expect(engine.counts.withLockedValue { $0.most } == 1, "spread over the interval, never together")
        await harness.stop()
    }

    @Test("a view stopped while it waits for its session leaves no verdict of its own")
    func cancelledWhileQueued() async throws {
        let engine = CountingEngine()
        let harness = try await ManagerHarness.start(devices: Self.devices(1), session: { $0.mediaEngine = engine })
        let serial = harness.simulator.devices[0].serialNumber
        await harness.manager.startPreview(serial)  // the session is not even started: it waits
        #expect(try await eventually { harness.manager.snapshot(serial)?.media.state == .queued })
        await harness.manager.stopMedia(serial)
        // Wait for the manager to be done with it rather than a fixed while: a late verdict
        // on a loaded machine would otherwise come after the check.
        _ = await harness.manager.waitForMediaIdle(timeout: .seconds(30))
        let media = try #require(harness.manager.snapshot(serial)?.media)
        #expect(media.state == .never && media.checkedAt == nil, "\(media.state)")
        #expect(engine.counts.withLockedValue { $0.started } == 0)
        #expect(await harness.manager.mediaBusy == false)
        await harness.stop()
    }

    @Test("the media status reads as plain JSON")
    func json() throws {
        var media = MediaStatus()
        media.state = .done(.failed(phase: "ICE", reason: "ICE failed: 0 of 6 pairs answered"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(media), as: UTF8.self)
        #expect(text.contains(#""state":"failed""#) && text.contains(#""phase":"ICE""#) && text.contains(#""reason":"ICE failed: 0 of 6 pairs answered""#))
        let back = try JSONDecoder().decode(MediaStatus.self, from: Data(text.utf8))
        #expect(back.state == media.state)
    }
}
