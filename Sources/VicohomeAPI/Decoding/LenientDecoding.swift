import Foundation

/// Any JSON key, so a decoder can look a field up under several names.
struct AnyCodingKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { self.stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

extension KeyedDecodingContainer where Key == AnyCodingKey {
    /// The first of `names` that is present and not `null`.
    func presentKey(_ names: [String]) -> AnyCodingKey? {
        for name in names {
            let key = AnyCodingKey(name)
            if contains(key), (try? decodeNil(forKey: key)) == false { return key }
        }
        return nil
    }

    /// A string, or a number rendered as a string. `nil` when absent.
    func lenientString(_ names: String...) throws -> String? {
        guard let key = presentKey(names) else { return nil }
        if let text = try? decode(String.self, forKey: key) { return text }
        if let int = try? decode(Int64.self, forKey: key) { return String(int) }
        if let number = try? decode(Double.self, forKey: key) { return String(number) }
        if let flag = try? decode(Bool.self, forKey: key) { return String(flag) }
        throw DecodingError.typeMismatch(
            String.self,
            .init(codingPath: codingPath + [key], debugDescription: "expected a string for '\(key.stringValue)'"))
    }

    /// A required string (numbers are accepted and rendered).
    func requiredString(_ names: String...) throws -> String {
        for name in names {
            if let value = try lenientString(name) { return value }
        }
        throw DecodingError.keyNotFound(
            AnyCodingKey(names[0]),
            .init(codingPath: codingPath, debugDescription: "missing field '\(names[0])'"))
    }

    /// A number, or a string holding one. Throws on a string that is not a number.
    func lenientDouble(_ names: String...) throws -> Double? {
        guard let key = presentKey(names) else { return nil }
        if let number = try? decode(Double.self, forKey: key) { return number }
        if let text = try? decode(String.self, forKey: key) {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return nil }
            if let number = Double(trimmed), number.isFinite { return number }
            throw DecodingError.dataCorrupted(
                .init(codingPath: codingPath + [key],
                      debugDescription: "'\(key.stringValue)' is not a number: \(Sanitizer.singleLine(String(trimmed.prefix(40))))"))
        }
        throw DecodingError.typeMismatch(
            Double.self,
            .init(codingPath: codingPath + [key], debugDescription: "expected a number for '\(key.stringValue)'"))
    }

    /// An integer from a number or a numeric string.
    func lenientInt(_ names: String...) throws -> Int? {
        for name in names {
            if let value = try lenientDouble(name) {
                guard value.rounded() == value, abs(value) < 9e15 else {
                    throw DecodingError.dataCorrupted(
                        .init(codingPath: codingPath + [AnyCodingKey(name)],
                              debugDescription: "'\(name)' is not a whole number"))
                }
                return Int(value)
            }
        }
        return nil
    }

    /// A flag from `true`/`false`, `1`/`0` or their string forms.
    func lenientBool(_ names: String...) throws -> Bool? {
        guard let key = presentKey(names) else { return nil }
        if let flag = try? decode(Bool.self, forKey: key) { return flag }
        if let number = try? decode(Double.self, forKey: key) { return number != 0 }
        if let text = try? decode(String.self, forKey: key) {
            switch text.lowercased().trimmingCharacters(in: .whitespaces) {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off", "": return false
            default: break
            }
        }
        throw DecodingError.typeMismatch(
            Bool.self,
            .init(codingPath: codingPath + [key], debugDescription: "expected a flag for '\(key.stringValue)'"))
    }

    /// A timestamp under the rules of ``WireUnits``.
    func lenientDate(_ names: String...) throws -> Date? {
        guard let key = presentKey(names) else { return nil }
        if let number = try? decode(Double.self, forKey: key) {
            return WireUnits.date(fromEpoch: number)
        }
        guard let text = try? decode(String.self, forKey: key) else {
            throw DecodingError.typeMismatch(
                Date.self,
                .init(codingPath: codingPath + [key], debugDescription: "expected a time for '\(key.stringValue)'"))
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        if let number = Double(trimmed), number.isFinite { return WireUnits.date(fromEpoch: number) }
        if let date = WireUnits.date(fromISO8601: trimmed) { return date }
        throw DecodingError.dataCorrupted(
            .init(codingPath: codingPath + [key],
                  debugDescription: "'\(key.stringValue)' is neither epoch time nor ISO-8601: \(Sanitizer.singleLine(String(trimmed.prefix(40))))"))
    }

    /// An interval in seconds under the rules of ``WireUnits``.
    func lenientInterval(_ names: String...) throws -> TimeInterval? {
        for name in names {
            if let value = try lenientDouble(name) {
                guard value >= 0 else {
                    throw DecodingError.dataCorrupted(
                        .init(codingPath: codingPath + [AnyCodingKey(name)], debugDescription: "'\(name)' is negative"))
                }
                return WireUnits.seconds(fromInterval: value)
            }
        }
        return nil
    }
}
