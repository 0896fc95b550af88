import Foundation
import VicohomeAPI

/// The token `vicotop login` stores: `$XDG_CONFIG_HOME/vicotop/credentials`
/// (`~/.config/vicotop/credentials` without it), mode 0600, as `key = "value"` lines.
struct CredentialsStore {
    /// What the file holds.
    struct Credentials: Equatable {
        var token: Secret
        var apiBase: String?
    }

    var url: URL

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config")
        url = base.appendingPathComponent("vicotop/credentials")
    }

    /// Writes the file with mode 0600 from the start (written aside, then renamed), so
    /// the token is never readable by others, not even for a moment.
    func save(_ credentials: Credentials) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var text = "# vicotop credentials: keep private (mode 0600)\n"
        text += "token = \"\(Self.escape(credentials.token.exposedValue))\"\n"
        if let apiBase = credentials.apiBase { text += "api_base = \"\(Self.escape(apiBase))\"\n" }
        let temporary = folder.appendingPathComponent(".credentials.\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CommandFailure(status: .usage, message: "cannot write \(temporary.path)")
        }
        if rename(temporary.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw CommandFailure(status: .usage, message: "cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
    }

    /// Reads the file, if there is one; warns on standard error when others can read it.
    func load() throws -> Credentials? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        if let mode = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.posixPermissions] as? Int, mode & 0o077 != 0 {
            Terminal.error("vicotop: warning: \(url.path) is readable by others (mode \(String(mode, radix: 8))): run chmod 600 \(url.path)")
        }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw CommandFailure(status: .usage, message: "cannot read \(url.path): \(error.localizedDescription)")
        }
        var values: [String: String] = [:]
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "="), case let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces),
                  value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"")
            else {
                throw CommandFailure(status: .usage, message: "\(url.path) line \(number + 1): expected key = \"value\"")
            }
            values[line[..<equals].trimmingCharacters(in: .whitespaces)] = Self.unescape(String(value.dropFirst().dropLast()))
        }
        guard let token = values["token"], !token.isEmpty else {
            throw CommandFailure(status: .usage, message: "\(url.path) has no token: run vicotop login again")
        }
        return Credentials(token: Secret(token), apiBase: values["api_base"])
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    private static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
    }
}
