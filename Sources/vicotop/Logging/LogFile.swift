import Foundation
import NIOConcurrencyHelpers

/// An append-only log file, rotated by size: `vicotop.log` becomes `vicotop.log.1`, and
/// so on up to `keep` old files. Safe to write from any thread.
final class LogFile: Sendable {
    /// Where the file lives.
    let url: URL
    private let maxBytes: Int
    private let keep: Int
    private let state: NIOLockedValueBox<(handle: FileHandle?, size: Int)>

    /// Opens (creating folders as needed) the log at `url`.
    init(url: URL, maxBytes: Int = 5 << 20, keep: Int = 3) throws {
        self.url = url
        self.maxBytes = maxBytes
        self.keep = keep
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: url.path) {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        let handle = try FileHandle(forWritingTo: url)
        let size = Int(try handle.seekToEnd())
        state = NIOLockedValueBox((handle, size))
    }

    /// The default place: `$XDG_STATE_HOME/vicotop/vicotop.log`, else `~/.local/state/vicotop/vicotop.log`.
    static func defaultURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/state")
        return base.appendingPathComponent("vicotop/vicotop.log")
    }

    /// Appends one line (a newline is added).
    func write(_ line: String) {
        let data = Data((line + "\n").utf8)
        state.withLockedValue { state in
            if state.size + data.count > maxBytes, state.size > 0 { rotate(&state) }
            state.handle?.write(data)
            state.size += data.count
        }
    }

    private func rotate(_ state: inout (handle: FileHandle?, size: Int)) {
        try? state.handle?.close()
        let manager = FileManager.default
        func numbered(_ index: Int) -> URL { URL(fileURLWithPath: url.path + ".\(index)") }
        try? manager.removeItem(at: numbered(keep))
        if keep > 1 {
            for index in stride(from: keep - 1, through: 1, by: -1) where manager.fileExists(atPath: numbered(index).path) {
                try? manager.moveItem(at: numbered(index), to: numbered(index + 1))
            }
        }
        try? manager.moveItem(at: url, to: numbered(1))
        _ = manager.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600])
        state.handle = try? FileHandle(forWritingTo: url)
        state.size = 0
    }
}
