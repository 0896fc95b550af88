import Foundation
import VicohomeAPI

/// Prints values as JSON on standard output, secrets masked unless revealed.
enum JSONOutput {
    static func print<T: Encodable>(_ value: T, revealSecrets: Bool) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.userInfo[Secret.revealKey] = revealSecrets
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}
