import ArgumentParser
import Foundation
import VicohomeAPI
import VicohomeSimulator

/// The account a command talks to: a real one when a token is configured, else the
/// embedded simulator's demo account.
struct Account: Sendable {
    /// The client, with its token.
    var client: VicohomeClient
    /// The embedded simulator, when running on the demo account.
    var simulator: VicohomeSimulator?

    /// Whether this is the demo account of the embedded simulator.
    var isDemo: Bool { simulator != nil }

    /// Whether the cloud runs on this machine (the demo, or a simulator at a loopback
    /// `--api-base`): its cameras are on loopback too, so live views use loopback only.
    var isLocal: Bool {
        let host = client.configuration.baseURL.host?.lowercased() ?? ""
        return isDemo || host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
    }

    /// Resolves the account from options and environment, starting the simulator if needed.
    ///
    /// Token precedence: `--token`, then `VICOHOME_TOKEN`, then `--token-file`, then the
    /// credentials `vicotop login` stored (with the API base it belongs to).
    static func resolve(_ options: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment,
                        quiet: Bool = false) async throws -> Account
    {
        let located = try locateToken(options, environment: environment)
        let token = located?.token
        let storedBase = located?.apiBase.flatMap(URL.init(string:))
        let config = try EffectiveConfiguration.load(options, environment: environment)
        let timeout = Duration.milliseconds(Int64((options.timeout ?? 10) * 1000))
        let scheme = config.authScheme.value
        if usesDemo(token: token, config: config) {
            let simulator = VicohomeSimulator()
            try await simulator.start()
            if !quiet { Terminal.error("vicotop: no account configured — using the embedded demo simulator at \(simulator.baseURL.absoluteString)") }
            let configuration = APIConfiguration(baseURL: simulator.baseURL, authScheme: scheme, requestTimeout: timeout)
            return Account(client: VicohomeClient(configuration: configuration, token: simulator.token), simulator: simulator)
        }
        let baseURL = config.apiBase.value.flatMap(URL.init(string:)) ?? config.region.value?.baseURL ?? storedBase ?? Region.us.baseURL
        guard let token else {
            throw CommandFailure(
                status: .authFailure,
                message: "no token: run vicotop login, pass --token, set VICOHOME_TOKEN, or use --token-file PATH")
        }
        let configuration = APIConfiguration(baseURL: baseURL, authScheme: scheme, requestTimeout: timeout)
        return Account(client: VicohomeClient(configuration: configuration, token: token), simulator: nil)
    }

    /// With no token and no API base or region anywhere, vicotop runs on the embedded
    /// simulator's demo account.
    static func usesDemo(token: Secret?, config: EffectiveConfiguration) -> Bool {
        token == nil && config.apiBase.value == nil && config.region.value == nil
    }

    /// A token, where it came from, and (for stored credentials) the API base it belongs to.
    struct LocatedToken {
        var token: Secret
        var source: String
        var apiBase: String?
    }

    /// Finds the token: `--token`, then `VICOHOME_TOKEN`, then `--token-file`, then the
    /// credentials `vicotop login` stored.
    static func locateToken(_ options: GlobalOptions, environment: [String: String]) throws -> LocatedToken? {
        if let token = options.token?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty {
            return LocatedToken(token: Secret(token), source: "flag --token")
        }
        if let token = environment["VICOHOME_TOKEN"]?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty {
            return LocatedToken(token: Secret(token), source: "environment VICOHOME_TOKEN")
        }
        if let path = options.tokenFile {
            let contents: String
            do { contents = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw CommandFailure(status: .usage, message: "cannot read --token-file \(path): \(error.localizedDescription)")
            }
            let token = contents.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else {
                throw CommandFailure(status: .usage, message: "--token-file \(path) is empty")
            }
            return LocatedToken(token: Secret(token), source: "flag --token-file \(path)")
        }
        let store = CredentialsStore(environment: environment)
        if let stored = try store.load() {
            return LocatedToken(token: stored.token, source: "credentials \(store.url.path)", apiBase: stored.apiBase)
        }
        return nil
    }

    /// Resolves the account, runs `body` with it, and stops the embedded simulator after.
    static func using<T>(_ options: GlobalOptions, _ body: (Account) async throws -> T) async throws -> T {
        let account = try await resolve(options)
        do {
            let result = try await body(account)
            await account.close()
            return result
        } catch {
            await account.close()
            throw error
        }
    }

    /// Stops the embedded simulator, if any.
    func close() async {
        await simulator?.stop()
    }
}

/// A failure that ends a command with a message and an exit status.
struct CommandFailure: Error {
    var status: ExitStatus
    var message: String
}

extension CommandFailure {
    /// The failure for an API error.
    init(_ error: VicohomeError) {
        self.init(status: ExitStatus(error), message: error.description)
    }
}

/// Runs a command body, turning failures into a message on stderr and an exit code.
func runReportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        let (message, status) = FailureReport.describe(error)
        Terminal.error("vicotop: \(message)")
        throw status.code
    }
}

/// The one-line message and exit status of a failure.
enum FailureReport {
    static func describe(_ error: any Error) -> (message: String, status: ExitStatus) {
        switch error {
        case let failure as CommandFailure: (failure.message, failure.status)
        case let error as VicohomeError: (error.description, ExitStatus(error))
        default: ("internal error: \(Sanitizer.singleLine(String(describing: error)))", .internalError)
        }
    }
}
