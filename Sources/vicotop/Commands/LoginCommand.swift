import ArgumentParser
import Foundation
import VicohomeAPI

/// `vicotop login`: exchanges e-mail and password for a token and stores it.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Log in and store the account token (mode 0600) for later commands.",
        discussion: """
            The password is read from the terminal without echo, or from standard input with \
            --password-stdin. The token goes to $XDG_CONFIG_HOME/vicotop/credentials \
            (~/.config/vicotop/credentials), with the API base it belongs to.

            Examples:
              vicotop login --email me@example.com --region eu
              printf '%s\\n' "$PASSWORD" | vicotop login --email me@example.com --password-stdin
            """)

    @ParentCommand var root: Vicotop

    @Option(help: ArgumentHelp("The account's e-mail address.", valueName: "email"))
    var email: String

    @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input.")
    var passwordStdin = false

    func run() async throws {
        let options = root.global
        try await runReportingFailures {
            let config = try EffectiveConfiguration.load(options)
            let password = try readPassword()
            let baseURL = config.apiBase.value.flatMap(URL.init(string:)) ?? (config.region.value ?? .us).baseURL
            let configuration = APIConfiguration(
                baseURL: baseURL, authScheme: config.authScheme.value,
                requestTimeout: .milliseconds(Int64((options.timeout ?? 10) * 1000)))
            let token = try await VicohomeClient(configuration: configuration).login(email: email, password: password)
            let store = CredentialsStore()
            try store.save(.init(token: token, apiBase: baseURL.absoluteString))
            print("Logged in as \(Sanitizer.singleLine(email)); token \(token.redacted) stored in \(store.url.path) (mode 0600).")
        }
    }

    private func readPassword() throws -> Secret {
        if passwordStdin {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw CommandFailure(status: .usage, message: "--password-stdin: no password on standard input")
            }
            return Secret(line)
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw CommandFailure(status: .usage, message: "standard input is not a terminal: use --password-stdin")
        }
        FileHandle.standardError.write(Data("Password for \(Sanitizer.singleLine(email)): ".utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw CommandFailure(status: .usage, message: "no password given")
        }
        return Secret(line)
    }
}
