import ArgumentParser
import Foundation
import LiveSession
import Logging
import VicohomeAPI

/// Options every subcommand accepts, before or after its name.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("api-base"), help: ArgumentHelp("API base URL; overrides --region.", valueName: "url"))
    var apiBase: String?

    @Option(help: ArgumentHelp("Cloud region: us or eu.", valueName: "region"))
    var region: Region?

    @Option(help: ArgumentHelp("Account token (prefer VICOHOME_TOKEN or --token-file: flags show in `ps`).", valueName: "token"))
    var token: String?

    @Option(name: .customLong("token-file"), help: ArgumentHelp("Read the account token from this file.", valueName: "path"))
    var tokenFile: String?

    @Option(name: .customLong("auth-scheme"), help: ArgumentHelp("How to send the token: bearer (Authorization: Bearer …) or raw.", valueName: "scheme"))
    var authScheme: AuthScheme?

    @Option(help: ArgumentHelp("Request timeout in seconds.", valueName: "seconds"))
    var timeout: Double?

    @Option(name: .customLong("metrics-listen"), help: ArgumentHelp("Serve Prometheus metrics at http://HOST:PORT/metrics (dashboard, watch and status).", valueName: "host:port"))
    var metricsListen: ListenAddress?

    @Option(name: .customLong("shard"),
            help: ArgumentHelp("Watch only shard K of N of the cameras (rendezvous hashing of serials; dashboard, watch and status).", valueName: "K/N"),
            transform: { text in
                do throws(ShardError) { return try Shard(parsing: text) } catch { throw ValidationError(error.description) }
            })
    var shard: Shard?

    @Option(name: .customLong("log-level"), help: ArgumentHelp("Log level of $XDG_STATE_HOME/vicotop/vicotop.log: trace, debug, info, notice, warning, error, critical.", valueName: "level"))
    var logLevel: Logger.Level?

    @Flag(name: .customLong("reveal-secrets"), help: "Show tokens, signs and TURN credentials in the clear.")
    var revealSecrets = false

    func validate() throws {
        if let timeout, !(timeout > 0 && timeout <= 600) {
            throw ValidationError("--timeout must be between 0 and 600 seconds")
        }
        if let apiBase {
            guard let url = URL(string: apiBase), let scheme = url.scheme?.lowercased(),
                  ["http", "https"].contains(scheme), url.host?.isEmpty == false
            else {
                throw ValidationError("--api-base must be an http:// or https:// URL, got '\(Sanitizer.singleLine(apiBase))'")
            }
        }
    }
}

extension Region: ExpressibleByArgument {}
extension AuthScheme: ExpressibleByArgument {}
