/// Which dialect of the protocol the simulator speaks.
public enum WireStyle: String, Sendable, CaseIterable {
    /// As the seed document shows: `code`/`message`, ISO time, intervals in milliseconds,
    /// HTTP 401 for auth failures.
    case seed
    /// As real servers answer: `result`/`msg`, epoch-millisecond time, intervals in
    /// seconds, `sign` carrying `&accessToken=`, the extra ticket fields, and HTTP 200
    /// with result -1024…-1027 for auth failures.
    case real
}
