import Foundation

/// A credential (token, `sign`, access token, TURN credential) that never shows itself.
///
/// `description`, `debugDescription`, string interpolation and `Encodable` output all
/// give the redacted form, `a1b2…(20 chars)`, so a secret cannot leak into a log line,
/// an error message or an exported report by accident. Code that must send the value
/// reads ``exposedValue`` explicitly; encoders reveal it only when their `userInfo`
/// holds `true` for ``Secret/revealKey`` (the CLI's `--reveal-secrets`).
public struct Secret: Sendable, Hashable, Codable, CustomStringConvertible,
    CustomDebugStringConvertible, ExpressibleByStringLiteral
{
    /// The secret itself. Read it only to put it on the wire.
    public let exposedValue: String

    /// Wraps a secret value.
    public init(_ value: String) { self.exposedValue = value }

    /// Wraps a literal secret value (handy in tests and fixtures).
    public init(stringLiteral value: String) { self.exposedValue = value }

    /// Whether the secret is the empty string (STUN servers carry empty credentials).
    public var isEmpty: Bool { exposedValue.isEmpty }

    /// The redacted form: the first four characters of a long secret, then its length.
    ///
    /// Secrets shorter than 12 characters show no prefix at all, since four characters
    /// of a short secret give away too much of it.
    public var redacted: String { Self.redact(exposedValue) }

    /// Redacts any string with the rule of ``redacted``.
    public static func redact(_ value: String) -> String {
        if value.isEmpty { return "(empty)" }
        let count = value.count
        let prefix = count >= 12 ? String(value.prefix(4)) : ""
        return "\(prefix)…(\(count) chars)"
    }

    public var description: String { redacted }
    public var debugDescription: String { "Secret(\(redacted))" }

    /// The `userInfo` key that makes an encoder write secrets in the clear.
    public static let revealKey = CodingUserInfoKey(rawValue: "vicotop.revealSecrets")!

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.exposedValue = try container.decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        let reveal = (encoder.userInfo[Self.revealKey] as? Bool) ?? false
        try container.encode(reveal ? exposedValue : redacted)
    }
}
