/// Makes text from the network safe to show: on a terminal, in a log line, in an error.
///
/// Servers, device names and candidate strings are untrusted. An escape sequence in a
/// device name could move the cursor, retitle the terminal or worse, so every string
/// that came from outside passes through here before a person sees it.
public enum Sanitizer {
    /// Replaces C0 and C1 controls, DEL, bidi overrides and other invisible format
    /// characters with `replacement`, and folds line breaks and tabs into spaces.
    public static func singleLine(_ text: String, replacement: Character = "\u{FFFD}") -> String {
        var out = String.UnicodeScalarView()
        out.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F: out.append(contentsOf: String(replacement).unicodeScalars)
            case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0xFFF9...0xFFFB:
                out.append(contentsOf: String(replacement).unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// A short, single-line, secret-free excerpt of a response body for error messages.
    ///
    /// Values of keys that usually hold credentials are masked before truncation, so a
    /// half-parsed login answer cannot carry a token into an error message.
    public static func excerpt(_ bytes: some Collection<UInt8>, limit: Int = 80) -> String {
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        let masked = maskCredentialValues(in: text)
        let line = singleLine(masked)
        if line.count <= limit { return line }
        return String(line.prefix(limit)) + "…"
    }

    /// Names of JSON keys whose string values are credentials.
    public static let credentialKeys: Set<String> = [
        "token", "sign", "accesstoken", "credential", "password", "username",
    ]

    /// Masks `"key":"value"` pairs whose key is in ``credentialKeys`` (case-insensitive).
    public static func maskCredentialValues(in text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let keyStart = rest.firstIndex(of: "\"") {
            result += rest[..<keyStart]
            let afterQuote = rest.index(after: keyStart)
            guard let keyEnd = rest[afterQuote...].firstIndex(of: "\"") else {
                result += rest[keyStart...]
                return result
            }
            let key = rest[afterQuote..<keyEnd]
            result += rest[keyStart...keyEnd]
            rest = rest[rest.index(after: keyEnd)...]
            guard credentialKeys.contains(key.lowercased()) else { continue }
            // Skip `: "` and mask up to the closing quote (or the end of a truncated body).
            let trimmed = rest.drop(while: { $0 == " " || $0 == ":" })
            guard trimmed.first == "\"" else { continue }
            result += rest[rest.startIndex..<trimmed.startIndex]
            let valueStart = trimmed.index(after: trimmed.startIndex)
            let valueEnd = trimmed[valueStart...].firstIndex(of: "\"") ?? trimmed.endIndex
            result += "\"" + Secret.redact(String(trimmed[valueStart..<valueEnd]))
            rest = trimmed[valueEnd...]
            if !rest.isEmpty {
                result += "\""
                rest = rest.dropFirst()
            }
        }
        return result + rest
    }
}
