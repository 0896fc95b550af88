import Foundation
import Hummingbird
import VicohomeAPI

/// What an endpoint answers, before the dialect's envelope is put around it.
enum APIAnswer {
    case success(JSONValue?)
    case failure(httpStatus: Int, code: Int, message: String)

    /// The answer in the envelope of `style`.
    func response(style: WireStyle) -> Response {
        let (codeKey, messageKey) = style == .seed ? ("code", "message") : ("result", "msg")
        var object: [String: JSONValue]
        let status: Int
        switch self {
        case .success(let data):
            object = [codeKey: .number(0), messageKey: .string("Success")]
            if let data { object["data"] = data }
            status = 200
        case .failure(let httpStatus, let code, let message):
            object = [codeKey: .number(Double(code)), messageKey: .string(message)]
            status = httpStatus
        }
        let body = (try? JSONEncoder().encode(JSONValue.object(object))) ?? Data("{}".utf8)
        return Self.raw(status: status, contentType: "application/json", body: body)
    }

    static func raw(status: Int, contentType: String, body: Data) -> Response {
        Response(
            status: HTTPResponse.Status(code: status),
            headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
