import ICEProbe
import VicohomeAPI

/// Turns a ticket's ICE servers into probe targets, one per URI.
///
/// A URI that does not parse is kept as a failure to report, not dropped: a ticket
/// naming a broken server is itself a finding.
public enum ICETargets {
    /// A target to probe, or a URI that could not be read.
    public enum Entry: Sendable {
        /// A server to probe.
        case target(ICEProbeTarget)
        /// A URI that does not parse.
        case malformed(uri: String, error: ICEServerURIError)
    }

    public static func entries(for servers: [ICEServer]) -> [Entry] {
        servers.flatMap { server in
            server.urls.map { url -> Entry in
                do throws(ICEServerURIError) {
                    let uri = try ICEServerURI(parsing: url)
                    let hasCredentials = !server.username.isEmpty || !server.credential.isEmpty
                    return .target(ICEProbeTarget(
                        uri: uri,
                        username: hasCredentials ? server.username.exposedValue : nil,
                        credential: hasCredentials ? server.credential.exposedValue : nil))
                } catch {
                    return .malformed(uri: url, error: error)
                }
            }
        }
    }
}
