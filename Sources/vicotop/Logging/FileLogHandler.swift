import Foundation
import Logging
import VicohomeAPI

/// A swift-log handler that writes single-line records to a ``LogFile``, never to the
/// terminal: `2026-11-24T23:58:01.123Z info vicotop.session serial=… traceId=… message`.
struct FileLogHandler: LogHandler {
    let label: String
    let file: LogFile
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        // serial and traceId first: they are what people search a log for.
        let ordered = merged.keys.sorted { lhs, rhs in
            let rank = ["serial": 0, "traceId": 1]
            return (rank[lhs] ?? 2, lhs) < (rank[rhs] ?? 2, rhs)
        }
        let fields = ordered.map { "\($0)=\(Sanitizer.singleLine("\(merged[$0]!)"))" }.joined(separator: " ")
        let time = Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        file.write("\(time) \(event.level) \(label)\(fields.isEmpty ? "" : " " + fields) \(Sanitizer.singleLine(event.message.description))")
    }
}
