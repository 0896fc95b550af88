import Foundation

/// One STUN or TURN server from a ticket's `iceServer` list.
///
/// Real servers send the singular `url`; the W3C name is `urls`, a string or a list.
/// Both are accepted. Credentials are ``Secret``s, so describing a server never shows them.
public struct ICEServer: Sendable, Hashable, Codable {
    /// Every URI of the server (`stun:host:port`, `turn:host:port?transport=udp`, …).
    public var urls: [String]
    /// The TURN user name; empty for STUN.
    public var username: Secret
    /// The TURN credential; empty for STUN.
    public var credential: Secret
    /// The address real servers add so a client can skip DNS.
    public var ipAddress: String?

    /// The first URI, which is the only one real servers send.
    public var url: String { urls.first ?? "" }

    /// Creates a server description.
    public init(urls: [String], username: Secret = "", credential: Secret = "", ipAddress: String? = nil) {
        self.urls = urls
        self.username = username
        self.credential = credential
        self.ipAddress = ipAddress
    }

    /// Creates a server description from a single URI.
    public init(url: String, username: Secret = "", credential: Secret = "", ipAddress: String? = nil) {
        self.init(urls: [url], username: username, credential: credential, ipAddress: ipAddress)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        var urls: [String] = []
        if let key = c.presentKey(["urls", "url"]) {
            if let list = try? c.decode([String].self, forKey: key) {
                urls = list
            } else {
                urls = [try c.decode(String.self, forKey: key)]
            }
        }
        urls = urls.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !urls.isEmpty else {
            throw DecodingError.keyNotFound(
                AnyCodingKey("url"), .init(codingPath: c.codingPath, debugDescription: "ICE server without 'url'"))
        }
        self.urls = urls
        self.username = Secret(try c.lenientString("username") ?? "")
        self.credential = Secret(try c.lenientString("credential", "password") ?? "")
        self.ipAddress = try c.lenientString("ipAddress")
    }

    private enum CodingKeys: String, CodingKey { case urls, username, credential, ipAddress }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(urls, forKey: .urls)
        try c.encode(username, forKey: .username)
        try c.encode(credential, forKey: .credential)
        try c.encodeIfPresent(ipAddress, forKey: .ipAddress)
    }
}
