import Foundation

/// A Vicohome cloud region with its API host.
public enum Region: String, Sendable, CaseIterable, Codable {
    /// The United States region.
    case us
    /// The European region.
    case eu

    /// The API base URL of the region.
    public var baseURL: URL {
        switch self {
        case .us: URL(string: "https://api-us.vicohome.io")!
        case .eu: URL(string: "https://api-eu.vicohome.io")!
        }
    }
}

/// How the token goes into the `Authorization` header.
public enum AuthScheme: String, Sendable, CaseIterable, Codable {
    /// `Authorization: Bearer <token>`, as the seed document shows.
    case bearer
    /// `Authorization: <token>`, as real clients send it.
    case raw

    /// The header value for `token`.
    public func headerValue(for token: Secret) -> String {
        switch self {
        case .bearer: "Bearer \(token.exposedValue)"
        case .raw: token.exposedValue
        }
    }
}

/// Where and how the client talks to the cloud.
public struct APIConfiguration: Sendable, Hashable {
    /// The API base URL; the endpoints' paths are appended to it.
    public var baseURL: URL
    /// How the token is sent.
    public var authScheme: AuthScheme
    /// How long one request may take, connection included.
    public var requestTimeout: Duration
    /// The `language` common field.
    public var language: String
    /// The `countryNo` common field.
    public var countryNo: String
    /// The largest response body accepted; a bigger one is a malformed answer.
    public var maxResponseBytes: Int

    /// Creates a configuration for a base URL.
    public init(
        baseURL: URL, authScheme: AuthScheme = .bearer, requestTimeout: Duration = .seconds(10),
        language: String = "en", countryNo: String = "US", maxResponseBytes: Int = 4 << 20
    ) {
        self.baseURL = baseURL
        self.authScheme = authScheme
        self.requestTimeout = requestTimeout
        self.language = language
        self.countryNo = countryNo
        self.maxResponseBytes = maxResponseBytes
    }

    /// Creates a configuration for a region's API host.
    public init(region: Region, authScheme: AuthScheme = .bearer, requestTimeout: Duration = .seconds(10)) {
        self.init(baseURL: region.baseURL, authScheme: authScheme, requestTimeout: requestTimeout,
                  countryNo: region == .eu ? "DE" : "US")
    }

    /// The URL of an endpoint path such as `/device/getWebrtcTicket`.
    public func url(for path: String) -> String {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return base + path
    }
}
