/// One entry of an ICE server list: a URI and, for TURN, credentials.
///
/// Mirrors the Vicohome `{"url","username","credential"}` objects.
public struct ICEProbeTarget: Sendable, Hashable {
    /// The server's URI.
    public var uri: ICEServerURI
    /// The TURN username.
    public var username: String?
    /// The TURN password.
    public var credential: String?

    /// Creates an entry.
    public init(uri: ICEServerURI, username: String? = nil, credential: String? = nil) {
        self.uri = uri
        self.username = username
        self.credential = credential
    }

    /// Probes the server the way its scheme calls for: a Binding for stun, an Allocate with
    /// the credentials for turn. Never throws: failures are in the result.
    public func probe(
        configuration: ICEProbeConfiguration = ICEProbeConfiguration(),
        deadline: ContinuousClock.Instant? = nil
    ) async -> ICEProbeResult {
        if uri.scheme.isTURN {
            return await TURNAllocator.allocate(uri, credentials: credentials, configuration: configuration, deadline: deadline)
        }
        return await STUNBindingProbe.run(uri, configuration: configuration, deadline: deadline)
    }

    /// The credentials when both parts are present.
    public var credentials: TURNCredentials? {
        guard let username, let credential else { return nil }
        return TURNCredentials(username: username, password: credential)
    }
}

/// Long-term credentials for a TURN server (RFC 8489 section 9.2).
public struct TURNCredentials: Sendable, Hashable {
    /// The username, sent in USERNAME.
    public var username: String
    /// The password, never sent; it keys MESSAGE-INTEGRITY.
    public var password: String

    /// Creates credentials.
    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}

/// A realm and the nonce the server issued in it.
public struct TURNNonce: Sendable, Hashable {
    /// REALM as received.
    public var realm: String
    /// NONCE as received.
    public var nonce: String

    /// Creates a realm/nonce pair.
    public init(realm: String, nonce: String) {
        self.realm = realm
        self.nonce = nonce
    }
}
