import Foundation
import Testing

/// Compares rendered text with Snapshots/NAME.txt. Set VICOTOP_RECORD_SNAPSHOTS=1 to
/// rewrite the files after an intended change (that run fails on purpose), then review the diff.
enum Snapshot {
    static func assert(_ text: String, named name: String, filePath: String = #filePath) throws {
        let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
        let url = folder.appendingPathComponent("\(name).txt")
        let rendered = text + "\n"
        if ProcessInfo.processInfo.environment["VICOTOP_RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try rendered.write(to: url, atomically: true, encoding: .utf8)
            // A recording run compares nothing, so it must not pass: otherwise a CI that
            // happens to have the variable set would accept any screen.
            Issue.record("recorded Snapshots/\(name).txt without comparing; run again without VICOTOP_RECORD_SNAPSHOTS to check it")
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != rendered {
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let renderedLines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(expectedLines, renderedLines).enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record("""
                \(name) differs from Snapshots/\(name).txt (VICOTOP_RECORD_SNAPSHOTS=1 rewrites it)
                first difference at line \((first?.offset ?? min(expectedLines.count, renderedLines.count)) + 1):
                expected: \(first.map { String($0.element.0) } ?? "")
                rendered: \(first.map { String($0.element.1) } ?? "")
                """)
        }
    }
}
