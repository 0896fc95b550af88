import Foundation

/// Times in the contract's form whatever the encoder's date strategy, so a type of the
/// contract reads the same through any `JSONEncoder`.
extension KeyedEncodingContainer {
    /// Writes `date` as an RFC 3339 string, or `null`.
    public mutating func encodeTime(_ date: Date?, forKey key: Key) throws {
        try encode(date.map(JSONContract.timestamp), forKey: key)
    }
}

extension KeyedDecodingContainer {
    /// Reads an RFC 3339 string; nil when the key is absent or `null`.
    public func decodeTimeIfPresent(forKey key: Key) throws -> Date? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let date = JSONContract.date(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not an RFC 3339 time: \(text)")
        }
        return date
    }

    /// Reads an RFC 3339 string that must be there.
    public func decodeTime(forKey key: Key) throws -> Date {
        guard let date = try decodeTimeIfPresent(forKey: key) else {
            throw DecodingError.valueNotFound(Date.self, .init(codingPath: codingPath + [key], debugDescription: "missing time"))
        }
        return date
    }
}
