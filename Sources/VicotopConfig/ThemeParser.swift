import TOMLKit

/// Reads a theme file: `name = "…"` and a `[colors]` table of meaning → colour.
public enum ThemeParser {
    /// Parses the TOML text of the theme `name` read from `file`.
    ///
    /// Unknown keys and unreadable values are errors that name the file and the key, so a
    /// typo is found at once rather than silently ignored.
    public static func parse(_ text: String, name: String, file: String) throws(ThemeError) -> Theme {
        let table: TOMLTable
        do { table = try TOMLDocument.parse(text) } catch {
            throw ThemeError(file: file, problem: "line \(error.line): \(error.message)")
        }
        var theme = Theme(name: name)
        for key in table.keys where !["name", "colors"].contains(key) {
            throw ThemeError(file: file, key: key, problem: "unknown key (expected name and [colors])")
        }
        if let value = table["name"], value.string == nil {
            throw ThemeError(file: file, key: "name", problem: "must be a string")
        }
        guard let colorsValue = table["colors"] else { return theme }
        guard let colors = colorsValue.table else {
            throw ThemeError(file: file, key: "colors", problem: "must be a table: [colors]")
        }
        let known = Dictionary(uniqueKeysWithValues: Theme.colorKeys.map { ($0.key, $0.path) })
        for key in colors.keys.sorted() {
            guard let path = known[key] else {
                throw ThemeError(file: file, key: "colors.\(key)",
                                 problem: "unknown colour (known: \(Theme.colorKeys.map(\.key).joined(separator: ", ")))")
            }
            theme[keyPath: path] = try color(colors[key]!, key: "colors.\(key)", file: file)
        }
        return theme
    }

    private static func color(_ value: any TOMLValueConvertible, key: String, file: String) throws(ThemeError) -> ThemeColor {
        if let number = value.int {
            guard let color = ThemeColor(index: number) else {
                throw ThemeError(file: file, key: key, problem: "colour index \(number) is outside 0…255")
            }
            return color
        }
        if let text = value.string {
            guard let color = ThemeColor(name: text) else {
                throw ThemeError(file: file, key: key, problem: "'\(text)' is not a colour (default, an ANSI name, bright-NAME, #rrggbb or 0…255)")
            }
            return color
        }
        throw ThemeError(file: file, key: key, problem: "must be a colour name, #rrggbb or a number 0…255")
    }
}
