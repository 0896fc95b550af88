import Dashboard
import Foundation
import VicotopConfig
import Testing

@Suite("Themes")
struct ThemeTests {
    static let bundled = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes")

    @Test("the bundled themes all parse and include the five promised")
    func bundledThemes() throws {
        let catalog = ThemeCatalog(folders: [Self.bundled])
        let names = catalog.names()
        for name in ["default", "light", "high-contrast", "solarized-dark", "monochrome"] {
            #expect(names.contains(name))
            let theme = try catalog.load(name)
            #expect(theme.name == name)
        }
        let loadedDefault = try catalog.load("default")
        #expect(loadedDefault == Theme.builtIn, "themes/default.toml and the built-in fallback agree")
        let mono = try catalog.load("monochrome")
        #expect(Role.allCases.allSatisfy { mono.colors(for: $0) == (.terminalDefault, .terminalDefault) })
    }

    @Test("the bundled folder is found from the executable's location")
    func bundledFolder() throws {
        let fake = Self.bundled.deletingLastPathComponent().appendingPathComponent(".build/x86_64-unknown-linux-gnu/debug/vicotop")
        #expect(ThemeCatalog.bundledFolder(executable: fake.path)?.standardizedFileURL == Self.bundled.standardizedFileURL)
    }

    @Test("a theme in --theme-dir hides a bundled one of the same name; then XDG, then bundled")
    func lookupOrder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vicotop-themes-\(UUID().uuidString)")
        let first = root.appendingPathComponent("flag")
        let config = root.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: first, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: config.appendingPathComponent("vicotop/themes"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "[colors]\nok = \"#00ff00\"\n".write(to: first.appendingPathComponent("light.toml"), atomically: true, encoding: .utf8)
        try "[colors]\nwarn = 208\n".write(to: config.appendingPathComponent("vicotop/themes/mine.toml"), atomically: true, encoding: .utf8)
        var catalog = ThemeCatalog.standard(themeDirectory: first.path, environment: ["XDG_CONFIG_HOME": config.path])
        catalog.folders.append(Self.bundled)
        let light = try catalog.load("light")
        let mine = try catalog.load("mine")
        let solarized = try catalog.load("solarized-dark")
        #expect(light.ok == .rgb(red: 0, green: 255, blue: 0))
        #expect(mine.warn == .indexed(208))
        #expect(solarized.background == .rgb(red: 0, green: 0x2b, blue: 0x36))
        #expect(catalog.names().first == "default")
        #expect(catalog.names().contains("mine"))
    }

    @Test("malformed themes name the file and the key")
    func errors() {
        func failure(_ text: String) -> ThemeError? {
            do { _ = try ThemeParser.parse(text, name: "bad", file: "/themes/bad.toml"); return nil } catch { return error }
        }
        let unknownColour = failure("[colors]\nokay = \"green\"\n")
        #expect(unknownColour?.file == "/themes/bad.toml")
        #expect(unknownColour?.key == "colors.okay")
        let badValue = failure("[colors]\nwarn = \"orange-ish\"\n")
        #expect(badValue?.key == "colors.warn")
        #expect(badValue?.description.contains("'orange-ish' is not a colour") == true)
        #expect(failure("[colors]\nerror = 300\n")?.description.contains("outside 0…255") == true)
        #expect(failure("[colors]\nerror = true\n")?.key == "colors.error")
        #expect(failure("colour = 1\n")?.key == "colour")
        #expect(failure("colors = 3\n")?.key == "colors")
        let syntax = failure("[colors\nok = 1\n")
        #expect(syntax?.key == nil)
        #expect(syntax?.description.hasPrefix("theme /themes/bad.toml: line 1") == true)
        #expect(failure("name = \"x\"\n[colors]\nok = \"bright-green\"\n") == nil)
    }

    @Test("a missing theme lists what exists; a path as a name is refused")
    func missing() {
        let catalog = ThemeCatalog(folders: [Self.bundled])
        #expect(throws: ThemeError.self) { try catalog.load("nope") }
        #expect(throws: ThemeError.self) { try catalog.load("../etc/passwd") }
        #expect((try? catalog.load("default"))?.name == "default")
        #expect((try? ThemeCatalog(folders: []).load("default")) == Theme.builtIn)
    }

    @Test("colour depth: NO_COLOR, direct colour, 256, 8, none")
    func depth() {
        #expect(ColorDepth.detect(environment: ["NO_COLOR": "1"], hasColors: true, colors: 256, directColor: true) == .noColor)
        #expect(ColorDepth.detect(environment: ["NO_COLOR": ""], hasColors: true, colors: 256, directColor: false) == .palette256)
        #expect(ColorDepth.detect(environment: [:], hasColors: true, colors: 1 << 24, directColor: true) == .trueColor)
        #expect(ColorDepth.detect(environment: [:], hasColors: true, colors: 8, directColor: false) == .ansi8)
        #expect(ColorDepth.detect(environment: [:], hasColors: false, colors: 0, directColor: false) == .noColor)
        #expect(ColorDepth.wantsTrueColor(["COLORTERM": "truecolor"]))
        #expect(ColorDepth.wantsTrueColor(["COLORTERM": "24bit"]))
        #expect(!ColorDepth.wantsTrueColor(["COLORTERM": "yes"]))
        #expect(ColorDepth.directTerminfoName(for: "xterm-256color") == "xterm-direct")
        #expect(ColorDepth.directTerminfoName(for: "xterm-direct") == nil)
    }

    @Test("colours map to the depth: RGB to the nearest palette entry, default stays the terminal's")
    func mapping() {
        let orange = ThemeColor.rgb(red: 0xff, green: 0x87, blue: 0x00)
        #expect(ColorDepth.trueColor.number(for: orange) == 0xff8700)
        #expect(ColorDepth.palette256.number(for: orange) == 208)
        #expect(ColorDepth.ansi8.number(for: orange) == 3)  // yellow is nearest
        #expect(ColorDepth.palette256.number(for: .ansi(12)) == 12)
        #expect(ColorDepth.ansi8.number(for: .ansi(12)) == 4)
        #expect(ColorDepth.ansi8.needsBold(.ansi(12)))
        #expect(ColorDepth.trueColor.number(for: .ansi(2)) == 2)
        #expect(ColorDepth.trueColor.number(for: .indexed(231)) == 0xffffff)
        for depth in ColorDepth.allCases { #expect(depth.number(for: .terminalDefault) == -1) }
        #expect(ColorDepth.noColor.number(for: orange) == -1)
        #expect(ThemeColor(name: "bright-blue") == .ansi(12))
        #expect(ThemeColor(name: "#00FF7f")?.description == "#00ff7f")
        #expect(ThemeColor(name: "mauve") == nil)
    }
}
