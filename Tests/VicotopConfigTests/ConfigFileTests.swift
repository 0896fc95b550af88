import Testing
import VicotopConfig

@Suite("Config file")
struct ConfigFileTests {
    @Test("every key is read; \"all\" devices is an empty list; an empty file sets nothing")
    func keys() throws {
        let file = try ConfigFile.parse("""
            api_base = "http://127.0.0.1:8080"
            region = "eu"
            auth_scheme = "raw"
            devices = ["A", "B"]
            theme = "light"
            refresh_margin = 45
            log_level = "debug"
            """, path: "/c.toml")
        #expect(file.apiBase == "http://127.0.0.1:8080")
        #expect(file.region == "eu")
        #expect(file.authScheme == "raw")
        #expect(file.devices == ["A", "B"])
        #expect(file.theme == "light")
        #expect(file.refreshMargin == 45)
        #expect(file.logLevel == "debug")
        #expect(try ConfigFile.parse(#"devices = "all""#, path: "/c.toml").devices == [])
        #expect(try ConfigFile.parse("", path: "/c.toml") == ConfigFile())
    }

    @Test("errors name the file and the key, or the line TOML stumbled on", arguments: [
        ("api_base = 3", "/c.toml: key 'api_base' must be a string URL"),
        ("devices = [1, 2]", "/c.toml: key 'devices' must be a list of serial numbers or \"all\""),
        ("devices = \"some\"", "/c.toml: key 'devices' must be a list of serial numbers or \"all\""),
        ("refresh_margin = 0", "/c.toml: key 'refresh_margin' must be seconds between 0 and 3600"),
        ("refresh_margin = nan", "/c.toml: key 'refresh_margin' must be seconds between 0 and 3600"),
        ("refresh_margin = inf", "/c.toml: key 'refresh_margin' must be seconds between 0 and 3600"),
        ("refresh_margin = 1e9", "/c.toml: key 'refresh_margin' must be seconds between 0 and 3600"),
        ("zeta = 1\nalpha = 2", "/c.toml: unknown key 'alpha'"),
        ("theme = \"x\"\ntheme = \"y\"", "/c.toml line 2"),
        ("[[[", "/c.toml line 1"),
        ("[", "/c.toml line 1"),
        ("[]", "/c.toml line 1"),
        ("[[]]", "/c.toml line 1"),
        ("[[", "/c.toml line 1"),
        ("[\n", "/c.toml line 1"),
    ])
    func errors(text: String, expected: String) {
        do {
            let file = try ConfigFile.parse(text, path: "/c.toml")
            Issue.record("accepted: \(file)")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error)")
        }
    }
}
