import Foundation

/// One message on the signaling socket, in the envelope of the protocol notes:
/// `{"messageType","senderClientId","recipientClientId","sessionId","messagePayload"}`
/// with the payload base64-encoded JSON.
///
/// Older servers name the type `action`; both are read, `messageType` is written.
public struct SignalingMessage: Sendable, Hashable {
    /// The message types this product understands.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A peer joined the group.
        case peerIn = "PEER_IN"
        /// A peer left the group.
        case peerOut = "PEER_OUT"
        /// The viewer's SDP offer.
        case sdpOffer = "SDP_OFFER"
        /// The camera's SDP answer.
        case sdpAnswer = "SDP_ANSWER"
        /// A trickled ICE candidate.
        case iceCandidate = "ICE_CANDIDATE"
    }

    /// The message type as sent; see ``kind`` for the known ones.
    public var messageType: String
    /// Who sent it.
    public var senderClientId: String?
    /// Who it is for.
    public var recipientClientId: String?
    /// The session it belongs to.
    public var sessionId: String?
    /// The decoded payload.
    public var payload: JSONValue?

    /// The known type, or `nil` for one this product does not use.
    public var kind: Kind? { Kind(rawValue: messageType) }

    /// Creates a message.
    public init(kind: Kind, senderClientId: String? = nil, recipientClientId: String? = nil,
                sessionId: String? = nil, payload: JSONValue? = nil) {
        self.messageType = kind.rawValue
        self.senderClientId = senderClientId
        self.recipientClientId = recipientClientId
        self.sessionId = sessionId
        self.payload = payload
    }

    /// Decodes a text frame. Never traps; every malformed input is a typed error.
    public static func decode(_ text: String) throws(SignalingDecodingError) -> SignalingMessage {
        guard text.utf8.count <= 1 << 20 else { throw .tooLarge(text.utf8.count) }
        let root: JSONValue
        do { root = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) } catch {
            throw .notJSON
        }
        guard case .object(let object) = root else { throw .notAnObject }
        guard let type = object["messageType"]?.stringValue ?? object["action"]?.stringValue, !type.isEmpty else {
            throw .missingType
        }
        var payload: JSONValue?
        switch object["messagePayload"] {
        case .string(let encoded)?:
            guard let data = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters) else {
                throw .badPayload("not base64")
            }
            if data.isEmpty { break }
            do { payload = try JSONDecoder().decode(JSONValue.self, from: data) } catch {
                throw .badPayload("base64 of something that is not JSON")
            }
        case .object?, .array?:
            payload = object["messagePayload"]
        case .null?, nil:
            payload = nil
        default:
            throw .badPayload("unexpected payload type")
        }
        return SignalingMessage(
            messageType: type, senderClientId: object["senderClientId"]?.stringValue,
            recipientClientId: object["recipientClientId"]?.stringValue,
            sessionId: object["sessionId"]?.stringValue, payload: payload)
    }

    private init(messageType: String, senderClientId: String?, recipientClientId: String?,
                 sessionId: String?, payload: JSONValue?) {
        self.messageType = messageType
        self.senderClientId = senderClientId
        self.recipientClientId = recipientClientId
        self.sessionId = sessionId
        self.payload = payload
    }

    /// The text frame for this message.
    public func encodedText() -> String {
        var object: [String: JSONValue] = ["messageType": .string(messageType)]
        if let senderClientId { object["senderClientId"] = .string(senderClientId) }
        if let recipientClientId { object["recipientClientId"] = .string(recipientClientId) }
        if let sessionId { object["sessionId"] = .string(sessionId) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // The payload's keys are sorted too, so one message always makes the same frame
        // (the fuzzer found the base64 payload differing between two encodings).
        if let payload, let data = try? encoder.encode(payload) {
            object["messagePayload"] = .string(data.base64EncodedString())
        }
        return (try? String(decoding: encoder.encode(JSONValue.object(object)), as: UTF8.self)) ?? "{}"
    }

    // MARK: Typed payloads

    /// The peer of a `PEER_IN` or `PEER_OUT`.
    public var peer: SignalingPeer? {
        guard let payload, let id = payload["id"]?.stringValue else { return nil }
        return SignalingPeer(id: id, name: payload["name"]?.stringValue, role: payload["role"]?.stringValue ?? "")
    }

    /// The session description of an `SDP_OFFER` or `SDP_ANSWER`.
    public var sessionDescription: (type: String, sdp: String)? {
        guard let payload, let sdp = payload["sdp"]?.stringValue else { return nil }
        return (payload["type"]?.stringValue ?? "", sdp)
    }

    /// The candidate of an `ICE_CANDIDATE`.
    public var candidate: (candidate: String, sdpMid: String?, sdpMLineIndex: Int?)? {
        guard let payload, let line = payload["candidate"]?.stringValue else { return nil }
        return (line, payload["sdpMid"]?.stringValue, payload["sdpMLineIndex"]?.numberValue.map { Int($0) })
    }
}

/// A member of a signaling group.
public struct SignalingPeer: Sendable, Hashable, Codable {
    /// The peer's id (the camera's serial for the master).
    public var id: String
    /// A display name.
    public var name: String?
    /// `master` (the camera) or `viewer`.
    public var role: String
    /// Whether this peer is the camera.
    public var isCamera: Bool { role.lowercased() == "master" }

    /// Creates a peer.
    public init(id: String, name: String?, role: String) {
        self.id = id
        self.name = name
        self.role = role
    }

    /// The payload of a `PEER_IN` or `PEER_OUT` about this peer.
    public var payload: JSONValue {
        var object: [String: JSONValue] = ["id": .string(id), "role": .string(role)]
        if let name { object["name"] = .string(name) }
        return .object(object)
    }
}

/// Why a signaling text frame could not be read.
public enum SignalingDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The frame is not JSON.
    case notJSON
    /// The frame is JSON but not an object.
    case notAnObject
    /// Neither `messageType` nor `action` is present.
    case missingType
    /// The payload could not be decoded.
    case badPayload(String)
    /// The frame is larger than any real message.
    case tooLarge(Int)

    public var description: String {
        switch self {
        case .notJSON: "signaling message is not JSON"
        case .notAnObject: "signaling message is not a JSON object"
        case .missingType: "signaling message has no messageType"
        case .badPayload(let why): "signaling payload unreadable: \(why)"
        case .tooLarge(let size): "signaling message too large (\(size) bytes)"
        }
    }
}
