import Crypto
import Foundation
import VicohomeAPI

/// The data channel's `startLive` request: no video flows until the camera gets it.
public struct StartLiveRequest: Sendable, Hashable {
    /// A fresh id for this request; the reply echoes it.
    public var requestID: String
    /// md5 of `groupId:role:id:name:openTimeMs`, in lower-case hex.
    public var connectionID: String
    /// Seconds since 1970.
    public var timeStamp: Int
    /// `1280x720`, `1920x1080`, `640x480` or `auto`.
    public var size: String

    /// The request for a session opened at `openTime` with `ticket`, announced as `clientName`.
    public init(ticket: WebRTCTicket, clientName: String, openTime: Date, size: String = "1280x720", requestID: String = UUID().uuidString) {
        self.requestID = requestID
        self.connectionID = Self.connectionID(
            groupId: ticket.groupId, role: ticket.role, id: ticket.id, name: clientName,
            openTimeMs: Int64((openTime.timeIntervalSince1970 * 1000).rounded()))
        self.timeStamp = Int(openTime.timeIntervalSince1970)
        self.size = size
    }

    /// md5 hex of `groupId:role:id:name:openTimeMs`, as the vendor's player computes it.
    public static func connectionID(groupId: String, role: String, id: String, name: String, openTimeMs: Int64) -> String {
        Insecure.MD5.hash(data: Data("\(groupId):\(role):\(id):\(name):\(openTimeMs)".utf8))
            .map { String(format: "%02x", $0) }.joined()
    }

    /// The JSON text sent over the data channel.
    public var json: String { json(action: "startLive") }

    /// The `stopLive` that ends what this request started (a camera on battery goes back to
    /// sleep instead of streaming to nobody).
    public var stopJSON: String { json(action: "stopLive") }

    private func json(action: String) -> String {
        var fields: [String: JSONValue] = [
            "requestID": .string(requestID), "connectionID": .string(connectionID),
            "timeStamp": .number(Double(timeStamp)), "action": .string(action),
        ]
        if action == "startLive" { fields["size"] = .string(size) }
        let object: JSONValue = .object(fields)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(object), as: UTF8.self)) ?? "{}"
    }
}

/// A message the camera sends on the data channel.
public enum DataChannelMessage: Sendable, Hashable {
    /// Some firmwares announce the channel before anything else.
    case dataChannelConnected
    /// The answer to a request: its id and `returnValue` (0 is success).
    case reply(requestID: String?, returnValue: Int)
    /// Another action (`getStatus` answers, …).
    case other(action: String?)
    /// Not JSON.
    case unreadable

    /// Reads one text message.
    public init(text: String) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)), case .object = value else {
            self = .unreadable
            return
        }
        let action = value["action"]?.stringValue
        if action == "dataChannelConnected" {
            self = .dataChannelConnected
        } else if let code = value["returnValue"] {
            let number = code.numberValue ?? code.stringValue.flatMap(Double.init) ?? -1
            self = .reply(requestID: value["requestID"]?.stringValue, returnValue: Int(number))
        } else {
            self = .other(action: action)
        }
    }
}
