import Foundation

/// The status part of every API answer: `{"code","message"}` as in the seed, or
/// `{"result","msg"}` as real servers send it.
struct APIStatus: Decodable {
    var code: Int
    var message: String

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        guard let code = try c.lenientInt("code", "result") else {
            throw DecodingError.keyNotFound(
                AnyCodingKey("code"), .init(codingPath: [], debugDescription: "neither 'code' nor 'result' present"))
        }
        self.code = code
        self.message = (try? c.lenientString("message", "msg")) ?? ""
    }
}

/// The `data` member of a successful answer.
struct APIData<Payload: Decodable>: Decodable {
    var data: Payload
}

/// Turns an HTTP status and body into a payload or a ``VicohomeError``.
///
/// The order matters: the API's own code, when present, says most; HTTP 401 is an auth
/// failure whatever the body; other HTTP errors without the API's JSON are reported with
/// a sanitised excerpt; a 2xx body that is not the promised JSON is malformed.
enum ResponseInterpreter {
    static func interpret<Payload: Decodable>(
        status: Int, body: [UInt8], serialNumber: String?, as: Payload.Type
    ) throws(VicohomeError) -> Payload {
        let decoder = JSONDecoder()
        let excerpt = { Sanitizer.excerpt(body) }
        let apiStatus: APIStatus
        do {
            apiStatus = try decoder.decode(APIStatus.self, from: Data(body))
        } catch {
            if status == 401 { throw .unauthorized(code: 401, message: "HTTP 401") }
            if !(200..<300).contains(status) { throw .httpStatus(status: status, excerpt: excerpt()) }
            throw .malformedBody(status: status, detail: Self.describe(error), excerpt: excerpt())
        }
        if apiStatus.code != 0 || status == 401 {
            throw mapError(code: apiStatus.code == 0 ? 401 : apiStatus.code, httpStatus: status,
                           message: apiStatus.message, serialNumber: serialNumber)
        }
        if !(200..<300).contains(status) { throw .httpStatus(status: status, excerpt: excerpt()) }
        if Payload.self == EmptyPayload.self { return EmptyPayload() as! Payload }
        do {
            return try decoder.decode(APIData<Payload>.self, from: Data(body)).data
        } catch {
            throw .malformedBody(status: status, detail: Self.describe(error), excerpt: excerpt())
        }
    }

    /// Maps a non-zero API code to the error it means.
    static func mapError(code: Int, httpStatus: Int, message: String, serialNumber: String?) -> VicohomeError {
        switch code {
        case 101: .invalidSerial(serialNumber: serialNumber, message: message)
        case 102: .deviceOffline(serialNumber: serialNumber, message: message)
        case 401, -1024, -1025, -1026, -1027: .unauthorized(code: code, message: message)
        default: httpStatus == 401 ? .unauthorized(code: code, message: message) : .api(code: code, message: message)
        }
    }

    /// A decoding error in one line, naming the field.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return String(describing: error) }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "" : " at \(keys.joined(separator: "."))"
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing field '\(key.stringValue)'\(path(context))"
        case .typeMismatch(_, let context): return context.debugDescription + path(context)
        case .valueNotFound(_, let context): return "null value\(path(context))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "not JSON" }
            return context.debugDescription + path(context)
        @unknown default: return "undecodable"
        }
    }
}

/// The payload of endpoints that answer with no data.
struct EmptyPayload: Decodable, Sendable {}
