import Foundation
import VicohomeAPI

/// The one contract of every JSON vicotop writes for people's scripts (`ticket`, `devices`,
/// `status`, `watch --jsonl`, `check`, `probe`, the exported report): times as RFC 3339 UTC
/// with milliseconds, durations with their unit in the key, `state` a plain word with its
/// details beside it, every documented key present (`null` when it does not apply), and a
/// `schemaVersion` on every top-level object. The wire to the cloud has its own shapes and
/// does not use this.
public enum JSONContract {
    /// The version of the contract, written as `schemaVersion` on every top-level object.
    /// Raise it when a field changes name, type or meaning.
    public static let schemaVersion = 1

    /// An encoder for outputs: sorted keys, slashes unescaped, contract times, secrets
    /// masked unless `revealSecrets` (the CLI's `--reveal-secrets`).
    public static func encoder(pretty: Bool = false, revealSecrets: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        // The types of the contract write their times as strings themselves; this catches a
        // `Date` that slips in anyway, so Foundation's seconds-since-2001 never show.
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(timestamp(date))
        }
        encoder.userInfo[Secret.revealKey] = revealSecrets
        return encoder
    }

    /// A decoder that reads what ``encoder(pretty:revealSecrets:)`` wrote.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = date(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an RFC 3339 time: \(text)")
            }
            return date
        }
        return decoder
    }

    /// Encodes `value` as a top-level object: its own fields, `schemaVersion`, and `type`
    /// when given (a JSON line says what it is).
    public static func document<Value: Encodable>(_ value: Value, type: String? = nil, pretty: Bool = false,
                                                  revealSecrets: Bool = false) throws -> Data {
        let encoder = pretty || revealSecrets ? encoder(pretty: pretty, revealSecrets: revealSecrets) : lineEncoder
        return try encoder.encode(JSONDocument(type: type, value: value))
    }

    /// The compact, masked encoder, made once: `watch --jsonl` writes a line per event.
    private static let lineEncoder = encoder()

    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(secondsFromGMT: 0)!)

    /// `2026-12-01T17:10:28.123Z`: RFC 3339, UTC, exactly three fractional digits.
    public static func timestamp(_ date: Date) -> String { date.formatted(style) }

    /// Reads an RFC 3339 time, with or without fractional seconds.
    public static func date(_ text: String) -> Date? {
        if let date = try? style.parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }

    /// Seconds to the millisecond: a duration in seconds without a float's noise.
    public static func seconds(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    /// Milliseconds to the hundredth.
    public static func milliseconds(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}

/// A top-level JSON object: the value's own fields plus `schemaVersion` (and `type`).
///
/// The value must encode as an object: its keyed container and this one are the same
/// JSON object (JSONEncoder hands out the object already begun at a coding path), so the
/// fields land side by side in one pass, with no intermediate dictionary.
public struct JSONDocument<Value: Encodable>: Encodable {
    /// What a JSON line holds (`event`, `snapshot`); nil for a one-shot output.
    public var type: String?
    /// The object.
    public var value: Value

    /// Wraps `value`.
    public init(type: String? = nil, value: Value) {
        self.type = type
        self.value = value
    }

    private enum Key: String, CodingKey { case schemaVersion, type }

    public func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(JSONContract.schemaVersion, forKey: .schemaVersion)
        try container.encodeIfPresent(type, forKey: .type)
    }
}
