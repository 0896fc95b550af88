import Foundation
import VicotopConfig

/// Where themes are found, in order: `--theme-dir`, `$XDG_CONFIG_HOME/vicotop/themes`,
/// then the `themes/` folder shipped with vicotop. A theme in an earlier folder hides
/// one of the same name in a later folder.
public struct ThemeCatalog: Sendable {
    /// The folders searched, earliest first.
    public var folders: [URL]

    /// A catalog over explicit folders.
    public init(folders: [URL]) { self.folders = folders }

    /// The standard search path.
    public static func standard(themeDirectory: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> ThemeCatalog {
        var folders: [URL] = []
        if let themeDirectory { folders.append(URL(fileURLWithPath: themeDirectory, isDirectory: true)) }
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"].map { "\($0)/.config" })
        if let configHome { folders.append(URL(fileURLWithPath: configHome).appendingPathComponent("vicotop/themes", isDirectory: true)) }
        if let bundled = bundledFolder() { folders.append(bundled) }
        return ThemeCatalog(folders: folders)
    }

    /// The `themes/` folder shipped with the executable: next to the package it was built
    /// in (`swift run`), or `share/vicotop/themes` beside its `bin/` when installed.
    public static func bundledFolder(executable: String = "/proc/self/exe") -> URL? {
        let resolved = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
        var folder = resolved.deletingLastPathComponent()
        for _ in 0..<8 {
            for candidate in ["themes", "share/vicotop/themes"] {
                let url = folder.appendingPathComponent(candidate, isDirectory: true)
                if FileManager.default.fileExists(atPath: url.appendingPathComponent("default.toml").path) { return url }
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        return nil
    }

    /// Every theme name available, `default` first, then alphabetical.
    public func names() -> [String] {
        var found = Set<String>()
        for folder in folders {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for file in files where file.hasSuffix(".toml") { found.insert(String(file.dropLast(5))) }
        }
        found.insert("default")
        return ["default"] + found.subtracting(["default"]).sorted()
    }

    /// The file of theme `name` in the first folder that has one.
    public func file(for name: String) -> URL? {
        for folder in folders {
            let url = folder.appendingPathComponent("\(name).toml")
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        return nil
    }

    /// Loads theme `name`. `default` falls back to the built-in colours when no file exists.
    public func load(_ name: String) throws(ThemeError) -> Theme {
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), !name.isEmpty else {
            throw ThemeError(file: name, problem: "a theme name has only letters, digits, - and _")
        }
        guard let url = file(for: name) else {
            if name == "default" { return .builtIn }
            throw ThemeError(file: name, problem: "not found in \(folders.map(\.path).joined(separator: ", ")) (have: \(names().joined(separator: ", ")))")
        }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw ThemeError(file: url.path, problem: "cannot read: \(error.localizedDescription)")
        }
        return try ThemeParser.parse(text, name: name, file: url.path)
    }
}
