import Testing
@testable import VicotopConfig

/// toml++ 3.4 aborts the process on some inputs; these must be errors instead. The first,
/// a config file holding `[[[` crashing `vicotop config --show`, was found by a unit test;
/// the others by the theme and config fuzzers.
@Suite("TOML inputs that abort toml++")
struct TOMLDocumentTests {
    @Test("a header with no key after '[' is an error with its line, for config and theme files alike",
          arguments: ["[[[", "[=]", "[.a]", "[ {x]", "[[ =", "x = 1\n\n  [,]", "[[\t+]]", "[\u{1}]", "[[[a]]]", "[=\n", "[\n", "[[\n", "[#", "[ # comment\nx]"])
    func refused(text: String) {
        let problem = TOMLDocument.unsafeConstruct(in: text)
        #expect(problem != nil)
        #expect(problem?.message.hasPrefix("a table header needs a key after '['") == true)
        #expect(throws: ConfigFileError.self) { try ConfigFile.parse(text, path: "/c.toml") }
        #expect(throws: ThemeError.self) { try ThemeParser.parse(text, name: "t", file: "/t.toml") }
    }

    @Test("an array element starting with '}' or a Unicode line separator is an error, not an abort",
          arguments: ["a = [}", "nr=[[[[[[}[", "a = [1, }", "a = [\n  # c\n  }\n]", "a = [\u{2028}1]", "a = [1,\u{85}]", "t = {a = [}]}"])
    func arrayElements(text: String) {
        #expect(TOMLDocument.unsafeConstruct(in: text)?.message.hasPrefix("an array element cannot start with") == true)
        #expect(throws: ConfigFileError.self) { try ConfigFile.parse(text, path: "/c.toml") }
        #expect(throws: ThemeError.self) { try ThemeParser.parse(text, name: "t", file: "/t.toml") }
    }

    @Test("a date, a space and one digit before the value ends is an error, not an abort (found by the theme fuzzer)",
          arguments: ["a = 1979-05-27 0 ", "a = 1979-05-27 7#", "a = [1979-05-27 1]", "t = {a = 1979-05-27 1}",
                      "nr=  0\u{2}\u{2}--se-\u{FFFD}\u{2} 8# vicotepu", "a = 1979_-05-27 1\n"])
    func dateSpaceDigit(text: String) {
        #expect(TOMLDocument.unsafeConstruct(in: text)?.message.hasPrefix("a date followed by a space") == true)
        #expect(throws: ConfigFileError.self) { try ConfigFile.parse(text, path: "/c.toml") }
        #expect(throws: ThemeError.self) { try ThemeParser.parse(text, name: "t", file: "/t.toml") }
    }

    @Test("a date and a 'T' without a time is an error, not an abort (found by the theme fuzzer)",
          arguments: ["a = 1979-05-27Tx", "a = 1979-05-27t ", "Xnr=1110-10-11theme: solari", "a = [1979-05-27T]", "a = 1979-05-27T\n"])
    func dateWithoutTime(text: String) {
        #expect(TOMLDocument.unsafeConstruct(in: text)?.message.hasPrefix("a date-time needs the time's digits") == true)
        #expect(throws: ConfigFileError.self) { try ConfigFile.parse(text, path: "/c.toml") }
        #expect(throws: ThemeError.self) { try ThemeParser.parse(text, name: "t", file: "/t.toml") }
    }

    @Test("a byte order mark does not hide a header at the start (found by the config fuzzer)")
    func byteOrderMark() {
        let text = "\u{FEFF}\t\t\t[[\t\n v"
        #expect(TOMLDocument.unsafeConstruct(in: text) != nil)
        #expect(throws: ConfigFileError.self) { try ConfigFile.parse(text, path: "/c.toml") }
        #expect(TOMLDocument.unsafeConstruct(in: "\u{FEFF}[colors]\nok = 1") == nil)
    }

    @Test("the line is the header's", arguments: [("a = 1\nb = 2\n[=]", 3), ("s = \"\"\"\n[\n\"\"\"\n[=]", 4), ("[[[", 1)])
    func line(text: String, expected: Int) {
        #expect(TOMLDocument.unsafeConstruct(in: text)?.line == expected)
    }

    @Test("valid TOML where lines start with '[' inside values, strings and comments passes", arguments: [
        "a = [\n  [1, 2],\n  [{ x = 1 }],\n]\n[t]\nb = 1",
        "s = \"\"\"\n[=]\n[[[\n\"\"\"\n[t]",
        "s = '''\n[{\n'''",
        "s = \"\"\"a\"\"\"\"\"\n[t]\nx = 1",
        "# [=]\n[ \"quoted ] key\" ]\n[[ 'lit' . x ]]",
        "[colors]\nok = \"green\" # [=\n",
        "k = \"\\\" [=\"\n[t]",
        "[]",
        "[",
        "[[",
        "a = [ ]\nb = [1, [2, {x = 3}], ]\nc = [ # note\n 1,\n]",
        "t = { a = 1, b = [1, 2] }",
        "d = 1979-05-27 07:32:00\ne = 1979-05-27\nf = 1979-05-27 0",
        "d = 1979-05-27T07:32:00Z\ne = 1979-05-27t07:32:00",
        "g = 1979-05-27T",
    ])
    func passes(text: String) {
        #expect(TOMLDocument.unsafeConstruct(in: text) == nil)
        // Handed to toml++, each gives a table or an error; an abort would end the test run.
        _ = try? ConfigFile.parse(text, path: "/c.toml")
        _ = try? ThemeParser.parse(text, name: "t", file: "/t.toml")
    }
}
