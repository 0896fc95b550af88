import Foundation
import LiveSession

/// Writes a device's connection report as JSON for a support ticket.
public enum ReportExport {
    /// `vicotop-report-SERIAL-YYYYMMDD-HHMMSS.json`, safe as a file name whatever the serial.
    public static func fileName(serial: String, at date: Date) -> String {
        let safe = String(serial.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") ? $0 : "_" }.prefix(40))
        let seconds = Int(date.timeIntervalSince1970)
        let stamp = ISO8601DateFormatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)), timeZone: TimeZone(secondsFromGMT: 0) ?? .current,
                                                formatOptions: [.withYear, .withMonth, .withDay, .withTime])
        return "vicotop-report-\(safe)-\(stamp.replacingOccurrences(of: "T", with: "-"))Z.json"
    }

    /// Writes `report` into `directory` (created if needed, file mode 0600); returns the file.
    public static func write(_ report: ConnectionReport, to directory: URL, at date: Date = Date()) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(fileName(serial: report.serialNumber, at: date))
        let data = try report.json()
        guard FileManager.default.createFile(atPath: url.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        return url
    }
}
