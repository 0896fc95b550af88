import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// A typed client for the Vicohome cloud API.
///
/// Every call is a JSON `POST` carrying the common fields (`language`, `countryNo`,
/// `requestId`) and, except login, the token. Answers in either envelope are decoded
/// tolerantly; every failure is a ``VicohomeError``. The client is a value: copy it with
/// another token through ``withToken(_:)``.
///
/// ```swift
/// let client = VicohomeClient(configuration: .init(region: .eu), token: token)
/// let ticket = try await client.getWebrtcTicket(serialNumber: "VDCA1P0123456789")
/// ```
public struct VicohomeClient: Sendable {
    /// Where and how to talk to the cloud.
    public var configuration: APIConfiguration
    /// The account token, if logged in.
    public var token: Secret?
    private let httpClient: HTTPClient
    private let logger: Logger

    /// Creates a client. It uses the shared HTTP client (pooled connections) unless given one.
    public init(
        configuration: APIConfiguration, token: Secret? = nil, httpClient: HTTPClient = .shared,
        logger: Logger = Logger(label: "vicotop.api")
    ) {
        self.configuration = configuration
        self.token = token
        self.httpClient = httpClient
        self.logger = logger
    }

    /// The same client with another token.
    public func withToken(_ token: Secret?) -> VicohomeClient {
        var copy = self
        copy.token = token
        return copy
    }

    /// Logs in with e-mail and password and returns the account token.
    public func login(email: String, password: Secret) async throws(VicohomeError) -> Secret {
        struct LoginData: Decodable {
            struct Token: Decodable { var token: String }
            var token: Token
        }
        let body: [String: JSONValue] = [
            "email": .string(email), "password": .string(password.exposedValue), "loginType": .number(0),
        ]
        let data = try await post(.login, body: body, authenticated: false, as: LoginData.self)
        return Secret(data.token.token)
    }

    /// Lists the account's devices.
    public func listDevices() async throws(VicohomeError) -> [Device] {
        struct ListData: Decodable { var list: LossyList<Device>? }
        let data = try await post(.listDevices, body: [:], as: ListData.self)
        return data.list?.elements ?? []
    }

    /// Describes one device.
    public func device(serialNumber: String) async throws(VicohomeError) -> Device {
        try await post(.selectDevice, body: ["serialNumber": .string(serialNumber)],
                       serialNumber: serialNumber, as: Device.self)
    }

    /// Asks for a WebRTC ticket for a device.
    public func getWebrtcTicket(serialNumber: String) async throws(VicohomeError) -> WebRTCTicket {
        try await post(
            .webrtcTicket,
            body: ["serialNumber": .string(serialNumber), "verifyDormancyStatus": .bool(true)],
            serialNumber: serialNumber, as: WebRTCTicket.self)
    }

    /// Ends the device's live view; call it before asking a new ticket after a failure.
    public func stopLive(serialNumber: String) async throws(VicohomeError) {
        _ = try await post(.stopLive, body: ["serialNumber": .string(serialNumber)],
                           serialNumber: serialNumber, as: EmptyPayload.self)
    }

    // MARK: - Transport

    private func post<Payload: Decodable>(
        _ endpoint: Endpoint, body: [String: JSONValue], authenticated: Bool = true,
        serialNumber: String? = nil, as type: Payload.Type
    ) async throws(VicohomeError) -> Payload {
        var fields = body
        let requestId = UUID().uuidString.lowercased()
        fields["language"] = .string(configuration.language)
        fields["countryNo"] = .string(configuration.countryNo)
        fields["requestId"] = .string(requestId)
        fields["app"] = .object(["appType": .string("vicotop"), "versionName": .string(VicotopVersion.current)])

        var request = HTTPClientRequest(url: configuration.url(for: endpoint.rawValue))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "vicotop/\(VicotopVersion.current)")
        if authenticated {
            guard let token, !token.isEmpty else {
                throw .unauthorized(code: -1025, message: "no token configured")
            }
            request.headers.add(name: "Authorization", value: configuration.authScheme.headerValue(for: token))
        }
        let encoded: Data
        do { encoded = try JSONEncoder().encode(fields) } catch {
            throw .invalidConfiguration("cannot encode request: \(error)")
        }
        request.body = .bytes(ByteBuffer(bytes: encoded))

        let started = ContinuousClock.now
        var log = logger
        log[metadataKey: "requestId"] = "\(requestId)"
        log.debug("POST \(endpoint.rawValue)")
        let status: Int
        let bytes: [UInt8]
        do {
            let timeout = TimeAmount.nanoseconds(configuration.requestTimeout.inNanoseconds)
            let response = try await httpClient.execute(request, timeout: timeout, logger: logger)
            status = Int(response.status.code)
            var buffer = try await response.body.collect(upTo: configuration.maxResponseBytes)
            bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch {
            throw mapTransportError(error)
        }
        log.debug("POST \(endpoint.rawValue) → HTTP \(status) in \(ContinuousClock.now - started)")
        return try ResponseInterpreter.interpret(status: status, body: bytes, serialNumber: serialNumber, as: type)
    }

    private func mapTransportError(_ error: any Error) -> VicohomeError {
        let seconds = configuration.requestTimeout.inSeconds
        if let error = error as? HTTPClientError {
            if [.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout].contains(error) {
                return .timeout(seconds: seconds)
            }
            if [.invalidURL, .emptyHost, .emptyScheme].contains(error) {
                return .invalidConfiguration("bad API base URL \(configuration.baseURL.absoluteString): \(error)")
            }
            return .connectionFailed(detail: "\(configuration.baseURL.absoluteString): \(error)")
        }
        if error is NIOTooManyBytesError {
            return .malformedBody(status: 200, detail: "answer larger than \(configuration.maxResponseBytes) bytes", excerpt: "")
        }
        let detail = String(describing: error)
        let reason = Self.knownSocketErrors.first { detail.contains($0.key) }?.value ?? detail
        return .connectionFailed(detail: "\(configuration.baseURL.absoluteString): \(reason)")
    }

    /// Plain words for the socket errors NIO reports with errno details.
    private static let knownSocketErrors: [String: String] = [
        "Connection refused": "connection refused",
        "Network is unreachable": "network unreachable",
        "No route to host": "no route to host",
        "Connection reset": "connection reset by the server",
        "Name or service not known": "host name not found",
        "nodename nor servname": "host name not found",
        "Temporary failure in name resolution": "host name could not be resolved (no DNS?)",
    ]
}
