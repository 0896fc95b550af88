import Foundation
import Hummingbird
import VicohomeAPI

/// The simulated cloud's HTTP API: the endpoints of the protocol notes, token auth,
/// the seed's error answers and the faults a test injected.
struct APIRoutes: Sendable {
    let state: SimulatorState
    let renderer: @Sendable () -> TicketRenderer
    /// Starts (rate > 0) or stops chaos; answers the setting now in force.
    let chaos: @Sendable (ChaosSetting) -> ChaosSetting?

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post(RouterPath(stringLiteral: Endpoint.login.rawValue)) { request, _ in
            await handle(request, authenticated: false) { body in login(body) }
        }
        router.post(RouterPath(stringLiteral: Endpoint.listDevices.rawValue)) { request, _ in
            await handle(request) { _ in listDevices() }
        }
        router.post(RouterPath(stringLiteral: Endpoint.selectDevice.rawValue)) { request, _ in
            await handle(request) { body in selectDevice(body) }
        }
        router.post(RouterPath(stringLiteral: Endpoint.webrtcTicket.rawValue)) { request, _ in
            await handle(request) { body in ticket(body) }
        }
        router.post(RouterPath(stringLiteral: Endpoint.stopLive.rawValue)) { request, _ in
            await handle(request) { body in stopLive(body) }
        }
        // Not part of the cloud's API: lets a benchmark in another process read what the simulator saw.
        router.get(RouterPath(stringLiteral: Self.countersPath)) { _, _ in
            let body = (try? JSONEncoder().encode(state.counters)) ?? Data("{}".utf8)
            return APIAnswer.raw(status: 200, contentType: "application/json", body: body)
        }
        // Not part of the cloud's API either: lets a soak turn chaos on and off in another process.
        router.post(RouterPath(stringLiteral: Self.chaosPath)) { request, _ in
            var request = request
            guard let buffer = try? await request.collectBody(upTo: 4096),
                  let setting = try? JSONDecoder().decode(ChaosSetting.self, from: Data(buffer: buffer)),
                  setting.rate.isFinite, (0...ChaosSetting.maximumRate).contains(setting.rate)
            else {
                return APIAnswer.raw(status: 400, contentType: "text/plain",
                                     body: Data("expected {\"rate\": 0...\(ChaosSetting.maximumRate), \"seed\": n}\n".utf8))
            }
            let now = chaos(setting) ?? ChaosSetting(rate: 0)
            return APIAnswer.raw(status: 200, contentType: "application/json", body: (try? JSONEncoder().encode(now)) ?? Data())
        }
        return router
    }

    /// Where the simulator's counters are served, as JSON.
    static let countersPath = "/simulator/counters"
    /// Where chaos is started and stopped: `POST {"rate": 0.5, "seed": 7}`, `{"rate": 0}` stops.
    static let chaosPath = "/simulator/chaos"

    private var style: WireStyle { state.configuration.wireStyle }

    /// Applies faults and auth, then runs the endpoint.
    private func handle(
        _ request: Request, authenticated: Bool = true, endpoint: @Sendable ([String: JSONValue]) -> APIAnswer
    ) async -> Response {
        let (disposition, delay) = state.nextAPIDisposition()
        if delay > .zero { try? await Task.sleep(for: delay) }
        switch disposition {
        case .serverError(let status):
            return APIAnswer.raw(status: status, contentType: "text/html",
                                 body: Data("<html><body><h1>\(status) Service Unavailable</h1></body></html>".utf8))
        case .malformed:
            return APIAnswer.raw(status: 200, contentType: "application/json",
                                 body: Data(#"{"code":0,"message":"Success","data":{"traceId":"webrtc-trunc"#.utf8))
        case .apiError(let code, let message):
            return APIAnswer.failure(httpStatus: 200, code: code, message: message).response(style: style)
        case .normal:
            break
        }
        if authenticated, let refusal = authorize(request) {
            state.count { $0.unauthorizedCalls += 1 }
            return refusal.response(style: style)
        }
        var request = request
        let body: [String: JSONValue]
        do {
            let buffer = try await request.collectBody(upTo: 1 << 20)
            let data = Data(buffer: buffer)
            body = data.isEmpty ? [:] : try JSONDecoder().decode([String: JSONValue].self, from: data)
        } catch {
            return APIAnswer.failure(httpStatus: 400, code: 400, message: "Request body is not a JSON object")
                .response(style: style)
        }
        return endpoint(body).response(style: style)
    }

    /// Checks the token; `nil` when it is good. Accepts `Bearer <token>` and the bare token,
    /// or only the form the configuration names.
    private func authorize(_ request: Request) -> APIAnswer? {
        guard var header = request.headers[.authorization], !header.isEmpty else {
            return unauthorized(code: -1025, message: "Missing authentication token")
        }
        let scheme: AuthScheme = header.lowercased().hasPrefix("bearer ") ? .bearer : .raw
        if scheme == .bearer { header = String(header.dropFirst(7)) }
        guard state.configuration.authSchemes.contains(scheme) else {
            return unauthorized(code: -1026, message: "Invalid authentication token")
        }
        guard state.isValid(token: header.trimmingCharacters(in: .whitespaces)) else {
            return unauthorized(code: -1026, message: "Invalid authentication token")
        }
        return nil
    }

    private func unauthorized(code: Int, message: String) -> APIAnswer {
        switch style {
        case .seed: .failure(httpStatus: 401, code: 401, message: message)
        case .real: .failure(httpStatus: 200, code: code, message: message)
        }
    }

    // MARK: Endpoints

    private func login(_ body: [String: JSONValue]) -> APIAnswer {
        guard let email = body["email"]?.stringValue, let password = body["password"]?.stringValue,
              let token = state.login(email: email, password: password)
        else {
            return .failure(httpStatus: style == .seed ? 401 : 200, code: style == .seed ? 401 : -1026,
                            message: "Wrong e-mail or password")
        }
        return .success(.object(["token": .object(["token": .string(token)])]))
    }

    private func listDevices() -> APIAnswer {
        let list = state.devices.map { simulated -> JSONValue in
            var device = simulated.device
            device.online = simulated.behavior.online
            return Self.json(device)
        }
        return .success(.object(["list": .array(list)]))
    }

    private func selectDevice(_ body: [String: JSONValue]) -> APIAnswer {
        guard let serial = body["serialNumber"]?.stringValue, let simulated = state.device(serial) else {
            return .failure(httpStatus: 400, code: 101, message: "Invalid device serial number")
        }
        return .success(Self.json(simulated.device))
    }

    private func ticket(_ body: [String: JSONValue]) -> APIAnswer {
        guard let serial = body["serialNumber"]?.stringValue, let simulated = state.device(serial),
              !simulated.behavior.rejectsSerial
        else {
            state.count { $0.ticketsRefused += 1 }
            return .failure(httpStatus: 400, code: 101, message: "Invalid device serial number")
        }
        guard simulated.behavior.online else {
            state.count { $0.ticketsRefused += 1 }
            return .failure(httpStatus: 400, code: 102, message: "Device is offline or unavailable")
        }
        let lifetime = simulated.behavior.ticketLifetime ?? state.configuration.ticketLifetime
        let issued = state.issueTicket(for: serial, lifetime: lifetime)
        return .success(renderer().render(issued, serverTime: state.now))
    }

    private func stopLive(_ body: [String: JSONValue]) -> APIAnswer {
        guard let serial = body["serialNumber"]?.stringValue, state.device(serial) != nil else {
            return .failure(httpStatus: 400, code: 101, message: "Invalid device serial number")
        }
        state.count { $0.stopLiveCalls += 1 }
        return .success(nil)
    }

    private static func json(_ device: Device) -> JSONValue {
        guard let data = try? JSONEncoder().encode(device),
              let value = try? JSONDecoder().decode(JSONValue.self, from: data) else { return .null }
        return value
    }
}
