/// A JSON value, for request bodies and for messages whose shape is open.
public enum JSONValue: Sendable, Hashable, Codable {
    /// A string.
    case string(String)
    /// A number.
    case number(Double)
    /// `true` or `false`.
    case bool(Bool)
    /// An object.
    case object([String: JSONValue])
    /// An array.
    case array([JSONValue])
    /// `null`.
    case null

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let flag = try? c.decode(Bool.self) { self = .bool(flag) }
        else if let number = try? c.decode(Double.self) { self = .number(number) }
        else if let text = try? c.decode(String.self) { self = .string(text) }
        else if let list = try? c.decode([JSONValue].self) { self = .array(list) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let text): try c.encode(text)
        case .number(let number):
            if number == number.rounded(), abs(number) < 9e15 { try c.encode(Int64(number)) } else { try c.encode(number) }
        case .bool(let flag): try c.encode(flag)
        case .object(let object): try c.encode(object)
        case .array(let list): try c.encode(list)
        case .null: try c.encodeNil()
        }
    }

    /// The string, if this is one.
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    /// The number, if this is one.
    public var numberValue: Double? { if case .number(let n) = self { n } else { nil } }
    /// The member `key`, if this is an object holding it.
    public subscript(key: String) -> JSONValue? { if case .object(let o) = self { o[key] } else { nil } }
}
