import TOMLKit

/// Reads TOML text for vicotop's files, refusing first what would crash the parser.
///
/// toml++ 3.4 (inside TOMLKit 0.6) asserts, and so aborts the process, on
/// - a table header whose `[` or `[[` is followed by something that cannot start a key:
///   `[[[`, `[=]`, `[.a]`, `[{`, `[` and a line break;
/// - an array element that starts with `}` or a Unicode line separator (U+2028, U+2029,
///   U+0085): `a = [}`, `a = [1, }`;
/// - a date, a space and a single digit before the value ends: `a = 1979-05-27 0 # x`
///   (its look-ahead for a date-time written with a space runs past the value);
/// - a date and a `T` without a time's digit after it: `a = 1979-05-27Tx`.
/// A broken theme or config file must give an error, not a crash, so those are found here
/// first by a small scanner that knows strings, comments, a leading byte order mark and
/// multi-line arrays (where a line may well start with `[`). Found by fuzzing
/// (`Tests/Fuzz/run-fuzzer.sh theme|config`).
enum TOMLDocument {
    /// What is wrong with the text: the 1-based line and a description.
    struct Problem: Error {
        var line: Int
        var message: String
    }

    /// Parses `text`, or throws the problem with its line.
    static func parse(_ text: String) throws(Problem) -> TOMLTable {
        if let problem = unsafeConstruct(in: text) { throw problem }
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw Problem(line: error.source.begin.line, message: error.description)
        } catch {
            throw Problem(line: 1, message: "not TOML: \(error)")
        }
    }

    /// The first construct that toml++ could not parse without aborting.
    static func unsafeConstruct(in text: String) -> Problem? {
        var scanner = Scanner(Array(text.unicodeScalars))
        return scanner.run()
    }

    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0
        var line = 1
        /// Open `[` and `{` of a value (arrays, inline tables), innermost last.
        var open: [Unicode.Scalar] = []
        /// Just after an array's `[` or a `,` in an array: an element or `]` must follow.
        var expectingElement = false
        /// Just after `=`, an array's `[` or a `,` in an array: a value may start here.
        var atValueStart = false
        /// After a key's `=`, until the value ends.
        var inValue = false
        /// Only whitespace so far on this line.
        var atLineStart = true

        init(_ scalars: [Unicode.Scalar]) {
            // toml++ drops a byte order mark at the start of the text, and only there.
            self.scalars = scalars.first == "\u{FEFF}" ? Array(scalars.dropFirst()) : scalars
        }

        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }

        mutating func run() -> Problem? {
            while let scalar = peek() {
                if atValueStart, !" \t\r\n#".unicodeScalars.contains(scalar) {
                    atValueStart = false
                    if let problem = dateWithSpaceAndOneDigit() ?? dateWithoutTime() { return problem }
                }
                if expectingElement, !" \t\r\n#".unicodeScalars.contains(scalar) {
                    expectingElement = false
                    if ["}", "\u{2028}", "\u{2029}", "\u{85}"].contains(scalar) {
                        return Problem(line: line, message: "an array element cannot start with '\(scalar.escaped(asASCII: true))'")
                    }
                }
                switch scalar {
                case "\n":
                    line += 1
                    index += 1
                    atLineStart = true
                    if open.isEmpty { inValue = false }
                    continue
                case " ", "\t", "\r":
                    index += 1
                    continue
                case "#":
                    skipComment()
                case "\"", "'":
                    skipString(quote: scalar)
                case "[" where atLineStart && open.isEmpty && !inValue:
                    if let problem = header() { return problem }
                case "[", "{":
                    if inValue || !open.isEmpty {
                        open.append(scalar)
                        expectingElement = scalar == "["
                        atValueStart = scalar == "["
                    }
                    index += 1
                case "]", "}":
                    if !open.isEmpty { open.removeLast() }
                    index += 1
                case ",":
                    expectingElement = open.last == "["
                    atValueStart = open.last == "["
                    index += 1
                case "=":
                    if open.isEmpty { inValue = true }
                    atValueStart = true
                    index += 1
                default:
                    index += 1
                }
                atLineStart = false
            }
            return nil
        }

        /// Checks the start of a `[table]` or `[[array]]` header and skips it to the end of its line.
        mutating func header() -> Problem? {
            let start = line
            index += 1
            skipBlanks()
            if peek() == "[" {
                index += 1
                skipBlanks()
            }
            // toml++ itself handles a ']' (blank key) and the end of the text; anything else
            // that cannot start a key, a line break and a comment included, trips its assertion.
            if let next = peek(), !(Self.startsKey(next) || next == "]") {
                return Problem(line: start, message: "a table header needs a key after '[', found '\(next.escaped(asASCII: true))'")
            }
            while let scalar = peek(), scalar != "\n" {
                switch scalar {
                case "\"", "'": skipString(quote: scalar)
                case "#": skipComment()
                default: index += 1
                }
            }
            return nil
        }

        /// `YYYY-MM-DD` (ten characters, underscores aside, as toml++ counts them), one
        /// space, one digit and the value's end: toml++ reads on for a time and asserts.
        func dateWithSpaceAndOneDigit() -> Problem? {
            guard let first = peek(), ("0"..."9").contains(first) else { return nil }
            var offset = 0
            var counted: [Unicode.Scalar] = []
            while let scalar = peek(offset), !Self.endsValue(scalar) {
                if scalar != "_" { counted.append(scalar) }
                offset += 1
            }
            guard counted.count == 10, counted[4] == "-", counted[7] == "-",
                  peek(offset) == " ", let digit = peek(offset + 1), ("0"..."9").contains(digit),
                  let after = peek(offset + 2), Self.endsValue(after)
            else { return nil }
            return Problem(line: line, message: "a date followed by a space needs a full time (HH:MM:SS), found one digit")
        }

        /// `YYYY-MM-DD`, then `T` or `t`, then anything but a digit: toml++ asserts that a
        /// time's first digit follows.
        func dateWithoutTime() -> Problem? {
            let digit: (Unicode.Scalar?) -> Bool = { $0.map { ("0"..."9").contains($0) } ?? false }
            let shape = "dddd-dd-dd".unicodeScalars.enumerated()
            guard shape.allSatisfy({ offset, kind in kind == "d" ? digit(peek(offset)) : peek(offset) == kind }),
                  let separator = peek(10), separator == "T" || separator == "t",
                  let next = peek(11), !digit(next)
            else { return nil }
            return Problem(line: line, message: "a date-time needs the time's digits after '\(separator)'")
        }

        /// What toml++ takes for the end of a value: whitespace of any kind, `]`, `}`, `,`, `#`.
        static func endsValue(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isWhitespace || scalar == "\u{FEFF}" || "]},#".unicodeScalars.contains(scalar)
        }

        static func startsKey(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "-", "\"", "'": true
            default: false
            }
        }

        mutating func skipBlanks() {
            while let scalar = peek(), scalar == " " || scalar == "\t" { index += 1 }
        }

        mutating func skipComment() {
            while let scalar = peek(), scalar != "\n" { index += 1 }
        }

        /// Skips a basic or literal string, single- or multi-line, counting its newlines.
        mutating func skipString(quote: Unicode.Scalar) {
            let multiLine = peek(1) == quote && peek(2) == quote
            index += multiLine ? 3 : 1
            while let scalar = peek() {
                if scalar == "\\" && quote == "\"" {
                    if peek(1) == "\n" { line += 1 }
                    index += 2
                    continue
                }
                if scalar == "\n" {
                    // A single-line string ends at the line's end (toml++ reports it).
                    guard multiLine else { return }
                    line += 1
                }
                if scalar == quote {
                    if !multiLine {
                        index += 1
                        return
                    }
                    if peek(1) == quote && peek(2) == quote {
                        index += 3
                        // Up to two more quotes belong to the content: """a""""" is `a""`.
                        var extra = 0
                        while extra < 2, peek() == quote { index += 1; extra += 1 }
                        return
                    }
                }
                index += 1
            }
        }
    }
}
