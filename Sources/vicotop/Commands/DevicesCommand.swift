import ArgumentParser
import VicohomeAPI

/// `vicotop devices`: lists the account's cameras.
struct DevicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devices",
        abstract: "List the account's cameras.",
        discussion: "Example: vicotop devices --json | jq -r '.[].serialNumber'")

    @ParentCommand var root: Vicotop

    @Flag(help: "Print the list as JSON.")
    var json = false

    func run() async throws {
        let options = root.global
        try await runReportingFailures {
            try await Account.using(options) { account in
                let devices = try await account.client.listDevices()
                if json {
                    try JSONOutput.print(devices, revealSecrets: options.revealSecrets)
                } else {
                    print(DeviceTable().render(devices))
                }
            }
        }
    }
}
