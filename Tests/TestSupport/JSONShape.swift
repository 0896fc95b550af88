import Foundation

/// A strict description of a JSON value, for tests that hold an output to its contract:
/// an object has exactly its keys (a renamed, added or dropped key fails), each value has
/// its JSON type, a time is RFC 3339 UTC with milliseconds.
public indirect enum JSONShape: Sendable {
    /// Any string.
    case string
    /// One of these strings.
    case word([String])
    /// `2026-12-01T17:10:28.123Z`.
    case time
    /// A number, integral or not.
    case number
    /// An integral number.
    case integer
    /// Exactly this integer (`schemaVersion`).
    case exactly(Int)
    /// `true` or `false`.
    case bool
    /// The shape, or `null`.
    case nullable(JSONShape)
    /// An array whose elements all have the shape.
    case array(JSONShape)
    /// An object with exactly these keys.
    case object([String: JSONShape])
    /// An object with any keys (a map), whose values all have the shape.
    case map(JSONShape)

    /// The object's keys plus `more` (for the top-level forms of a shared object).
    public func adding(_ more: [String: JSONShape]) -> JSONShape {
        guard case .object(let fields) = self else { return self }
        return .object(fields.merging(more) { $1 })
    }

    /// What in `text` breaks the shape, one line per problem, empty when it fits.
    public func problems(in text: some StringProtocol) -> [String] {
        do {
            let value = try JSONDecoder().decode(JSON.self, from: Data(text.utf8))
            return problems(value, at: "$")
        } catch {
            return ["not JSON: \(error)"]
        }
    }

    // A regex is not Sendable: one is made per check.
    static var timePattern: Regex<Substring> { /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/ }

    func problems(_ value: JSON, at path: String) -> [String] {
        switch (self, value) {
        case (.nullable, .null): return []
        case (.nullable(let inner), _): return inner.problems(value, at: path)
        case (.string, .string): return []
        case (.word(let words), .string(let text)):
            return words.contains(text) ? [] : ["\(path): \"\(text)\" is not one of \(words)"]
        case (.time, .string(let text)):
            return text.wholeMatch(of: Self.timePattern) == nil ? ["\(path): \"\(text)\" is not an RFC 3339 UTC time with milliseconds"] : []
        case (.number, .integer), (.number, .double), (.integer, .integer): return []
        case (.exactly(let expected), .integer(let actual)):
            return expected == actual ? [] : ["\(path): \(actual), expected \(expected)"]
        case (.bool, .bool): return []
        case (.array(let element), .array(let items)):
            return items.enumerated().flatMap { element.problems($0.element, at: "\(path)[\($0.offset)]") }
        case (.map(let element), .object(let fields)):
            return fields.sorted { $0.key < $1.key }.flatMap { element.problems($0.value, at: "\(path).\($0.key)") }
        case (.object(let expected), .object(let fields)):
            var found: [String] = []
            for key in Set(expected.keys).subtracting(fields.keys).sorted() { found.append("\(path).\(key): missing") }
            for key in Set(fields.keys).subtracting(expected.keys).sorted() { found.append("\(path).\(key): not in the contract") }
            for (key, shape) in expected.sorted(by: { $0.key < $1.key }) {
                if let field = fields[key] { found += shape.problems(field, at: "\(path).\(key)") }
            }
            return found
        default:
            return ["\(path): \(value.kind) where \(self.kind) was expected"]
        }
    }

    var kind: String {
        switch self {
        case .string, .word: "a string"
        case .time: "a time"
        case .number: "a number"
        case .integer, .exactly: "an integer"
        case .bool: "a boolean"
        case .nullable(let inner): inner.kind + " or null"
        case .array: "an array"
        case .object, .map: "an object"
        }
    }
}

/// A JSON value as it was written: integers apart from other numbers, booleans apart from both.
enum JSON: Decodable {
    case null, bool(Bool), integer(Int), double(Double), string(String), array([JSON]), object([String: JSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSON].self)) }
    }

    var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer, .double: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
