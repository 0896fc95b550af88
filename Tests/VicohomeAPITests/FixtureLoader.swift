import Foundation
@testable import VicohomeAPI

/// Reads wire fixtures and decodes them through the same path the client uses.
enum Fixture {
    static func data(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw FixtureMissing(name: name)
        }
        return try Data(contentsOf: url)
    }

    static func decode<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        let bytes = Array(try data(name))
        return try ResponseInterpreter.interpret(status: 200, body: bytes, serialNumber: nil, as: type)
    }

    struct FixtureMissing: Error { var name: String }
}

/// Dates from ISO text, for expectations.
func iso(_ text: String) -> Date { WireUnits.date(fromISO8601: text)! }
