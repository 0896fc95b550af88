/// A theme that cannot be used, naming the file and, where it applies, the key.
public struct ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The theme file, or the theme's name when no file was found.
    public var file: String
    /// The offending key, when one is to blame.
    public var key: String?
    /// What is wrong.
    public var problem: String

    /// Creates an error.
    public init(file: String, key: String? = nil, problem: String) {
        self.file = file
        self.key = key
        self.problem = problem
    }

    /// `theme FILE: key 'KEY': problem`.
    public var description: String {
        if let key { return "theme \(file): key '\(key)': \(problem)" }
        return "theme \(file): \(problem)"
    }
}
