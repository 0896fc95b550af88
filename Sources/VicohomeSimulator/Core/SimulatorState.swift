import LiveMedia
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import VicohomeAPI

/// A ticket the simulator issued, remembered so the signaling server can check it.
struct IssuedTicket: Sendable {
    var traceId: String
    var serialNumber: String
    var groupId: String
    var role: String
    var clientId: String
    var sign: String
    var accessToken: String?
    var expires: Date
}

/// A signaling socket the simulator holds open.
struct OpenSocket: Sendable {
    var serialNumber: String
    var traceId: String
    var channel: any Channel
}

/// The simulator's shared, lock-protected state: the account, its cameras, issued
/// tickets, open sockets, injected faults and counters. Both servers read it.
final class SimulatorState: Sendable {
    struct Faults: Sendable {
        var serverErrors: (status: Int, remaining: Int?)?
        var malformedRemaining: Int??
        var apiError: (code: Int, message: String, remaining: Int?)?
        var delay: Duration = .zero
        var tokenRevoked = false
        var signalingRejections = 0
    }

    private struct Inner: Sendable {
        var devices: [String: SimulatedDevice] = [:]
        var order: [String] = []
        var tokens: Set<String> = []
        var faults = Faults()
        var tickets: [String: IssuedTicket] = [:]
        var sockets: [ObjectIdentifier: OpenSocket] = [:]
        var viewers: [String: Int] = [:]
        var counters = SimulatorCounters()
        var random: SeededRandom
        var ticketSerial = 0
    }

    let configuration: SimulatorConfiguration
    private let inner: NIOLockedValueBox<Inner>
    private let media = NIOLockedValueBox<MediaAvailability?>(nil)

    /// Whether cameras can be real WebRTC peers here; GStreamer is loaded on first use.
    var cameraMedia: MediaAvailability {
        media.withLockedValue { known in
            if let known { return known }
            let found = GStreamerRuntime.camera
            known = found
            return found
        }
    }

    init(configuration: SimulatorConfiguration) {
        self.configuration = configuration
        var state = Inner(random: SeededRandom(seed: configuration.seed))
        for device in configuration.devices where state.devices[device.serialNumber] == nil {
            state.devices[device.serialNumber] = device
            state.order.append(device.serialNumber)
        }
        state.tokens = [configuration.token.exposedValue]
        self.inner = NIOLockedValueBox(state)
    }

    /// The simulator's clock, which may run ahead of the real one.
    var now: Date { configuration.clock().addingTimeInterval(configuration.clockOffset.inSeconds) }

    // MARK: Account

    func isValid(token: String) -> Bool {
        inner.withLockedValue { !$0.faults.tokenRevoked && $0.tokens.contains(token) }
    }

    func login(email: String, password: String) -> String? {
        guard email.lowercased() == configuration.email.lowercased(),
              password == configuration.password.exposedValue else { return nil }
        return configuration.token.exposedValue
    }

    // MARK: Devices

    var devices: [SimulatedDevice] {
        inner.withLockedValue { state in state.order.compactMap { state.devices[$0] } }
    }

    func device(_ serial: String) -> SimulatedDevice? {
        inner.withLockedValue { $0.devices[serial] }
    }

    func behavior(_ serial: String) -> DeviceBehavior {
        inner.withLockedValue { $0.devices[serial]?.behavior ?? .healthy }
    }

    func setBehavior(_ serial: String, _ behavior: DeviceBehavior) {
        inner.withLockedValue { $0.devices[serial]?.behavior = behavior }
    }

    func addDevice(_ device: SimulatedDevice) {
        inner.withLockedValue { state in
            if state.devices[device.serialNumber] == nil { state.order.append(device.serialNumber) }
            state.devices[device.serialNumber] = device
        }
    }

    func removeDevice(_ serial: String) {
        inner.withLockedValue { state in
            state.devices[serial] = nil
            state.order.removeAll { $0 == serial }
        }
    }

    // MARK: Faults

    func inject(_ fault: SimulatorFault) -> [any Channel] {
        inner.withLockedValue { state in
            switch fault {
            case .dropSockets(let serial):
                return state.sockets.values.filter { serial == nil || $0.serialNumber == serial }.map(\.channel)
            case .serverErrors(let status, let count):
                state.faults.serverErrors = (status, count)
            case .malformedJSON(let count):
                state.faults.malformedRemaining = .some(count)
            case .apiError(let code, let message, let count):
                state.faults.apiError = (code, message, count)
            case .delayResponses(let delay):
                state.faults.delay = delay
            case .rejectSignaling(let count):
                state.faults.signalingRejections = count
            case .revokeToken:
                state.faults.tokenRevoked = true
            case .setBehavior(let serial, let behavior):
                state.devices[serial]?.behavior = behavior
            }
            return []
        }
    }

    /// Consumes one injected handshake refusal, if any is left.
    func takeSignalingRejection() -> Bool {
        inner.withLockedValue { state in
            guard state.faults.signalingRejections > 0 else { return false }
            state.faults.signalingRejections -= 1
            return true
        }
    }

    func restoreToken() { inner.withLockedValue { $0.faults.tokenRevoked = false } }

    func clearFaults() { inner.withLockedValue { $0.faults = Faults() } }

    /// Ends an API error injected without a count.
    func clearAPIError() { inner.withLockedValue { $0.faults.apiError = nil } }

    /// Drops server errors and malformed bodies not yet used up.
    func clearServerErrors() {
        inner.withLockedValue { state in
            state.faults.serverErrors = nil
            state.faults.malformedRemaining = .none
        }
    }

    /// Ends every fault but a revoked token: errors, malformed bodies, delays, handshake refusals.
    func clearTransientFaults() {
        inner.withLockedValue { state in
            let revoked = state.faults.tokenRevoked
            state.faults = Faults()
            state.faults.tokenRevoked = revoked
        }
    }

    /// What to do with the next API call: consumes one count of a counted fault.
    enum APIDisposition { case normal, serverError(Int), malformed, apiError(code: Int, message: String) }

    func nextAPIDisposition() -> (APIDisposition, Duration) {
        inner.withLockedValue { state in
            state.counters.apiRequests += 1
            let delay = state.faults.delay
            if let (status, remaining) = state.faults.serverErrors {
                if let remaining {
                    state.faults.serverErrors = remaining > 1 ? (status, remaining - 1) : nil
                }
                return (.serverError(status), delay)
            }
            if case .some(let remaining) = state.faults.malformedRemaining {
                if let remaining {
                    state.faults.malformedRemaining = remaining > 1 ? .some(remaining - 1) : .none
                }
                return (.malformed, delay)
            }
            if let (code, message, remaining) = state.faults.apiError {
                if let remaining {
                    state.faults.apiError = remaining > 1 ? (code, message, remaining - 1) : nil
                }
                return (.apiError(code: code, message: message), delay)
            }
            return (.normal, delay)
        }
    }

    // MARK: Tickets

    func issueTicket(for serial: String, lifetime: Duration) -> IssuedTicket {
        let now = self.now
        return inner.withLockedValue { state in
            state.ticketSerial += 1
            state.counters.ticketsIssued += 1
            let stamp = Int64(now.timeIntervalSince1970 * 1000)
            let short = serial.prefix(6).lowercased()
            let ticket = IssuedTicket(
                traceId: "webrtc-\(short)-\(stamp)-\(state.ticketSerial)",
                serialNumber: serial,
                groupId: "grp-\(serial.lowercased())",
                role: "viewer",
                clientId: "usr-\(String(state.random.next() % 10_000_000_000, radix: 10))",
                sign: Self.randomToken(20, using: &state.random),
                accessToken: configuration.wireStyle == .real ? "eyJ" + Self.randomToken(40, using: &state.random) : nil,
                expires: now.addingTimeInterval(lifetime.inSeconds))
            state.tickets[ticket.traceId] = ticket
            if state.ticketSerial % 1024 == 0 {
                // Forget tickets long expired so a long soak does not grow without bound.
                let horizon = now.addingTimeInterval(-600)
                state.tickets = state.tickets.filter { $0.value.expires > horizon }
            }
            return ticket
        }
    }

    func ticket(traceId: String) -> IssuedTicket? {
        inner.withLockedValue { $0.tickets[traceId] }
    }

    func count(_ update: (inout SimulatorCounters) -> Void) {
        inner.withLockedValue { update(&$0.counters) }
    }

    var counters: SimulatorCounters { inner.withLockedValue { $0.counters } }

    /// Every `sign` and access token issued so far (for the secret-leak tests).
    var issuedSecrets: [String] {
        inner.withLockedValue { state in state.tickets.values.flatMap { [$0.sign] + ($0.accessToken.map { [$0] } ?? []) } }
    }

    // MARK: Sockets

    /// Registers a socket unless the camera already has its maximum of viewers.
    func registerSocket(_ socket: OpenSocket, maxViewers: Int) -> Bool {
        inner.withLockedValue { state in
            guard state.viewers[socket.serialNumber, default: 0] < maxViewers else { return false }
            state.sockets[ObjectIdentifier(socket.channel)] = socket
            state.viewers[socket.serialNumber, default: 0] += 1
            return true
        }
    }

    func unregisterSocket(_ channel: any Channel) {
        inner.withLockedValue { state in
            guard let socket = state.sockets.removeValue(forKey: ObjectIdentifier(channel)) else { return }
            state.viewers[socket.serialNumber, default: 1] -= 1
        }
    }

    var openSocketCount: Int { inner.withLockedValue { $0.sockets.count } }

    func openSockets(serial: String) -> Int {
        inner.withLockedValue { $0.viewers[serial, default: 0] }
    }

    // MARK: Randomness

    func random<T>(_ body: (inout SeededRandom) -> T) -> T {
        inner.withLockedValue { body(&$0.random) }
    }

    static func randomToken(_ length: Int, using random: inout SeededRandom) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
    }
}
