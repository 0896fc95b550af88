import Foundation
import Testing

/// The dashboard command's contract when it cannot draw: clear messages and exit codes.
@Suite("Dashboard command without a terminal")
struct DashboardCommandTests {
    @Test("vicotop with no terminal points at the headless modes and exits 64", arguments: [[], ["dashboard"]])
    func notATerminal(arguments: [String]) async throws {
        let result = try await VicotopProcess.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains("the dashboard needs a terminal"))
        #expect(result.stderr.contains("vicotop watch --jsonl"))
        #expect(result.stderr.contains("vicotop status --once"))
        #expect(result.stdout.isEmpty)
    }

    @Test("an unknown theme is named with the themes that exist")
    func unknownTheme() async throws {
        let result = try await VicotopProcess.run(["dashboard", "--theme", "neon"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("theme neon: not found"))
        #expect(result.stderr.contains("solarized-dark"))
    }

    @Test("a malformed theme in --theme-dir names the file and the key")
    func malformedTheme() async throws {
        let folder = VicotopProcess.isolatedHome.appendingPathComponent("themes-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("broken.toml")
        try "[colors]\nok = \"chartreuse-ish\"\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try await VicotopProcess.run(["dashboard", "--theme-dir", folder.path, "--theme", "broken"])
        #expect(result.status == 64)
        #expect(result.stderr.contains(file.path))
        #expect(result.stderr.contains("key 'colors.ok'"))
    }

    @Test("the theme named in config.toml is used, and VICOTOP_THEME overrides it")
    func configuredTheme() async throws {
        // Themes that do not exist: the error names the one the dashboard tried to load.
        let config = VicotopProcess.isolatedHome.appendingPathComponent("config-theme-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: config.appendingPathComponent("vicotop"), withIntermediateDirectories: true)
        try "theme = \"theme-from-config\"\n".write(to: config.appendingPathComponent("vicotop/config.toml"), atomically: true, encoding: .utf8)
        let fromFile = try await VicotopProcess.run(["dashboard"], environment: ["XDG_CONFIG_HOME": config.path])
        #expect(fromFile.status == 64)
        #expect(fromFile.stderr.contains("theme theme-from-config: not found"), "\(fromFile.stderr)")
        let overridden = try await VicotopProcess.run(["dashboard"], environment: ["XDG_CONFIG_HOME": config.path, "VICOTOP_THEME": "theme-from-env"])
        #expect(overridden.status == 64)
        #expect(overridden.stderr.contains("theme theme-from-env: not found"), "\(overridden.stderr)")
        #expect(!overridden.stderr.contains("theme-from-config"))
    }

    @Test("global options work after the dashboard subcommand too")
    func globalAfter() async throws {
        let result = try await VicotopProcess.run(["dashboard", "--api-base", "ftp://nowhere"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--api-base must be an http:// or https:// URL"))
    }
}
