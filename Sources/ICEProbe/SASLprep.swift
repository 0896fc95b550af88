import Foundation

/// Why a string cannot be prepared with SASLprep.
public enum SASLprepError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The string holds a character RFC 4013 prohibits, such as a control character.
    case prohibitedCharacter(UInt32)

    /// One line in plain words.
    public var description: String {
        switch self {
        case .prohibitedCharacter(let value):
            let hex = String(value, radix: 16, uppercase: true)
            return "prohibited character U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
    }
}

/// A minimal SASLprep (RFC 4013) for TURN passwords: enough for real credentials, without
/// the unassigned-code-point and bidirectional checks that only matter for stored strings.
public enum SASLprep {
    /// Maps, normalizes with NFKC and checks `input`; RFC 5769's "The\u{AD}M\u{AA}tr\u{2168}"
    /// becomes "TheMatrIX".
    public static func prepare(_ input: String) throws(SASLprepError) -> String {
        var mapped = String.UnicodeScalarView()
        for scalar in input.unicodeScalars {
            if isNonASCIISpace(scalar.value) {
                mapped.append(" ")
            } else if !isMappedToNothing(scalar.value) {
                mapped.append(scalar)
            }
        }
        let normalized = String(mapped).precomposedStringWithCompatibilityMapping
        for scalar in normalized.unicodeScalars where isProhibited(scalar.value) {
            throw .prohibitedCharacter(scalar.value)
        }
        return normalized
    }

    // RFC 3454 table C.1.2.
    private static func isNonASCIISpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x00A0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    // RFC 3454 table B.1.
    private static func isMappedToNothing(_ value: UInt32) -> Bool {
        switch value {
        case 0x00AD, 0x034F, 0x1806, 0x180B...0x180D, 0x200C, 0x200D, 0x2060, 0xFE00...0xFE0F, 0xFEFF:
            return true
        default:
            return false
        }
    }

    // RFC 3454 tables C.2.1 to C.9 as listed by RFC 4013 section 2.3.
    private static func isProhibited(_ value: UInt32) -> Bool {
        switch value {
        case 0x0000...0x001F, 0x007F: return true  // C.2.1 ASCII control
        case 0x0080...0x009F, 0x06DD, 0x070F, 0x180E, 0x200C...0x200F, 0x2028...0x202E,
            0x2060...0x2063, 0x206A...0x206F, 0xFEFF, 0xFFF9...0xFFFD, 0x1D173...0x1D17A:
            return true  // C.2.2, C.6, C.8
        case 0x0340, 0x0341: return true  // C.8
        case 0xE000...0xF8FF, 0xF0000...0xFFFFD, 0x100000...0x10FFFD: return true  // C.3 private use
        case 0xFDD0...0xFDEF: return true  // C.4
        case 0x2FF0...0x2FFB: return true  // C.7
        case 0xE0001, 0xE0020...0xE007F: return true  // C.9 tagging
        default:
            return value & 0xFFFE == 0xFFFE  // C.4: the last two code points of every plane
        }
    }
}
