/// An SDP text as lines: the session part and one section per `m=` line. Just enough
/// structure to read and adjust what cameras are particular about; everything else is
/// kept exactly as written.
public struct SDPDocument: Sendable, Hashable {
    /// One `m=` section.
    public struct MediaSection: Sendable, Hashable {
        /// The section's lines, the `m=` line first.
        public var lines: [String]

        /// `video`, `audio`, `application`, …
        public var kind: String {
            String(lines.first?.dropFirst(2).prefix { $0 != " " } ?? "")
        }

        /// The values of every `a=NAME:` line (or `a=NAME` flags, as "").
        public func attributes(_ name: String) -> [String] {
            lines.compactMap { line in
                if line == "a=\(name)" { return "" }
                guard line.hasPrefix("a=\(name):") else { return nil }
                return String(line.dropFirst(name.count + 3))
            }
        }
    }

    /// Lines before the first `m=`.
    public var session: [String]
    /// The media sections in order.
    public var media: [MediaSection]

    /// Splits an SDP text (CRLF or LF line ends; blank lines dropped).
    public init(_ text: String) {
        var session: [String] = [], media: [MediaSection] = []
        for raw in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            guard !line.isEmpty else { continue }
            if line.hasPrefix("m=") {
                media.append(MediaSection(lines: [line]))
            } else if media.isEmpty {
                session.append(line)
            } else {
                media[media.count - 1].lines.append(line)
            }
        }
        self.session = session
        self.media = media
    }

    /// The SDP text, CRLF line ends, as RFC 8866 asks.
    public var text: String {
        (session + media.flatMap(\.lines)).map { $0 + "\r\n" }.joined()
    }

    /// Every `a=NAME:` value in the session part and all sections.
    public func allAttributes(_ name: String) -> [String] {
        MediaSection(lines: session).attributes(name) + media.flatMap { $0.attributes(name) }
    }

    /// Rewrites every line with `transform`; `nil` removes the line.
    public mutating func rewriteLines(_ transform: (String) -> String?) {
        session = session.compactMap(transform)
        for index in media.indices { media[index].lines = media[index].lines.compactMap(transform) }
    }
}
