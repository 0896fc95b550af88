import Foundation
import TestSupport
import Testing
import VicohomeAPI
import VicohomeSimulator

@Suite("Client against the simulator over loopback HTTP")
struct ClientOverHTTPTests {
    @Test("login, list, ticket and stoplive succeed in both dialects", arguments: WireStyle.allCases)
    func happyPath(style: WireStyle) async throws {
        try await withSimulator(style: style) { simulator, client in
            let token = try await client.login(email: "demo@vicotop.test", password: "demo-password")
            #expect(token == simulator.token)
            let devices = try await client.withToken(token).listDevices()
            #expect(devices.count == DemoFleet.devices.count)
            #expect(devices.first?.serialNumber == Serial.healthy)
            let before = Date()
            let ticket = try await client.getWebrtcTicket(serialNumber: Serial.healthy)
            #expect(ticket.lifetime.map { abs($0 - 300) < 0.01 } == true)
            #expect(abs(ticket.clockSkew(receivedAt: before) ?? 99) < 2)
            #expect(ticket.signalPingInterval == 5)
            #expect(ticket.appStopLiveTimeout == 30)
            if style == .real {
                #expect(ticket.accessToken != nil)
                #expect(ticket.signalServerIpAddress == "127.0.0.1")
            }
            try await client.stopLive(serialNumber: Serial.healthy)
            #expect(simulator.counters.stopLiveCalls == 1)
            #expect(simulator.counters.ticketsIssued == 1)
        }
    }

    @Test("each auth scheme sends its own header form: a server that takes only that form accepts it, and refuses the other",
          arguments: AuthScheme.allCases)
    func authScheme(_ scheme: AuthScheme) async throws {
        try await withSimulator(configure: { $0.authSchemes = [scheme] }) { _, client in
            var chosen = client
            chosen.configuration.authScheme = scheme
            let count = try await chosen.listDevices().count
            #expect(count == DemoFleet.devices.count)
            // The control: the other form is refused by this server, so the call above
            // passed on the header form, not on the token alone.
            var other = client
            other.configuration.authScheme = scheme == .raw ? .bearer : .raw
            let refused = await apiError { try await other.listDevices() }
            #expect(refused?.category == .auth, "\(String(describing: refused))")
        }
    }

    @Test("device errors: 101 for an unknown or rejected serial, 102 for an offline camera", arguments: WireStyle.allCases)
    func deviceErrors(style: WireStyle) async throws {
        try await withSimulator(style: style) { _, client in
            let offline = await apiError { try await client.getWebrtcTicket(serialNumber: Serial.offline) }
            #expect(offline == .deviceOffline(serialNumber: Serial.offline, message: "Device is offline or unavailable"))
            let invalid = await apiError { try await client.getWebrtcTicket(serialNumber: Serial.invalid) }
            #expect(invalid == .invalidSerial(serialNumber: Serial.invalid, message: "Invalid device serial number"))
            let unknown = await apiError { try await client.getWebrtcTicket(serialNumber: "NOPE") }
            #expect(unknown?.category == .device)
        }
    }

    @Test("auth failures: wrong password, wrong token, revoked token, and recovery", arguments: WireStyle.allCases)
    func authErrors(style: WireStyle) async throws {
        try await withSimulator(style: style) { simulator, client in
            let badLogin = await apiError { try await client.login(email: "demo@vicotop.test", password: "wrong") }
            #expect(badLogin?.category == .auth)
            let wrongToken = await apiError { try await client.withToken("nope").listDevices() }
            #expect(wrongToken?.category == .auth)
            let noToken = await apiError { try await client.withToken(nil).listDevices() }
            #expect(noToken == .unauthorized(code: -1025, message: "no token configured"))
            simulator.inject(.revokeToken)
            let list = await apiError { try await client.listDevices() }
            let ticket = await apiError { try await client.getWebrtcTicket(serialNumber: Serial.healthy) }
            let stop = await apiError { try await client.stopLive(serialNumber: Serial.healthy) }
            for error in [list, ticket, stop] {
                #expect(error?.category == .auth)
                if style == .seed { #expect(error == .unauthorized(code: 401, message: "Invalid authentication token")) }
                if style == .real { #expect(error == .unauthorized(code: -1026, message: "Invalid authentication token")) }
            }
            simulator.restoreToken()
            let count = try await client.listDevices().count
            #expect(count == DemoFleet.devices.count)
        }
    }

    @Test("server faults: 5xx without JSON, malformed JSON, other API codes, expired-token codes")
    func serverFaults() async throws {
        try await withSimulator { simulator, client in
            simulator.inject(.serverErrors(status: 503, count: 1))
            let unavailable = await apiError { try await client.getWebrtcTicket(serialNumber: Serial.healthy) }
            guard case .httpStatus(503, let excerpt)? = unavailable else {
                Issue.record("expected HTTP 503, got \(String(describing: unavailable))")
                return
            }
            #expect(excerpt.contains("503"))
            #expect(unavailable?.isTransient == true)
            _ = try await client.getWebrtcTicket(serialNumber: Serial.healthy)

            simulator.inject(.malformedJSON(count: 1))
            let malformed = await apiError { try await client.getWebrtcTicket(serialNumber: Serial.healthy) }
            guard case .malformedBody(200, _, let body)? = malformed else {
                Issue.record("expected a malformed body, got \(String(describing: malformed))")
                return
            }
            #expect(body.contains("traceId"))

            simulator.inject(.apiError(code: -2001, message: "rate limited", count: 1))
            let limited = await apiError { try await client.listDevices() }
            #expect(limited == .api(code: -2001, message: "rate limited"))
            simulator.inject(.apiError(code: -1027, message: "token expired", count: 1))
            let expired = await apiError { try await client.listDevices() }
            #expect(expired == .unauthorized(code: -1027, message: "token expired"))
            let count = try await client.listDevices().count
            #expect(count == DemoFleet.devices.count)
        }
    }

    @Test("a slow server is a timeout; a closed port is a connection failure")
    func transportFailures() async throws {
        try await withSimulator { simulator, client in
            var impatient = client
            impatient.configuration.requestTimeout = .milliseconds(300)
            simulator.inject(.delayResponses(.seconds(2)))
            let slow = await apiError { try await impatient.listDevices() }
            #expect(slow == .timeout(seconds: 0.3))
            simulator.clearFaults()
        }
        // A port held by a socket that never listens: connections are refused, and no other
        // test can start a server there meanwhile.
        let refusing = try #require(RefusingTCPPort())
        let closed = VicohomeClient(
            configuration: APIConfiguration(baseURL: URL(string: "http://127.0.0.1:\(refusing.port)")!, requestTimeout: .seconds(3)),
            token: "t")
        let refused = await apiError { try await closed.listDevices() }
        withExtendedLifetime(refusing) {}
        guard case .connectionFailed(let detail)? = refused else {
            Issue.record("expected a connection failure, got \(String(describing: refused))")
            return
        }
        #expect(detail.contains("127.0.0.1:\(refusing.port)"))
        #expect(refused?.category == .network)
    }
}
