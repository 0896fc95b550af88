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
    static func encode<T: Encodable>(type: String, _ value: T) -> String {
        guard let line = try? JSONContract.document(value, type: type) else { return "{}" }
        return String(decoding: line, as: UTF8.self)
    }
}
