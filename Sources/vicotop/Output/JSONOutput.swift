import Foundation
import LiveSession
import VicohomeAPI

/// Prints one-shot outputs (`ticket`, `devices`, `status`, `check`, `probe` with `--json`)
/// as pretty JSON objects of the contract (``JSONContract``: `schemaVersion`, RFC 3339
/// times), secrets masked unless revealed.
enum JSONOutput {
    static func print<T: Encodable>(_ value: T, revealSecrets: Bool) throws {
        let data = try JSONContract.document(value, pretty: true, revealSecrets: revealSecrets)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}

/// One JSON object per line (`watch --jsonl`): the value's own fields plus `type` and
/// `schemaVersion`, encoded in one pass with the contract's encoder.
enum JSONLine {
    /// The line, or nil (said on standard error) when the value cannot be encoded: a script
    /// reading the lines never gets one that is off the contract.
    static func encode<T: Encodable>(type: String, _ value: T) -> String? {
        do {
            return String(decoding: try JSONContract.document(value, type: type), as: UTF8.self)
        } catch {
            Terminal.error("vicotop: a \(type) line could not be written as JSON: \(error)")
            return nil
        }
    }
}
