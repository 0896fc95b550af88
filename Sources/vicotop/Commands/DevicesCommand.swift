import ArgumentParser
import VicohomeAPI

/// `vicotop devices`: lists the account's cameras.
struct DevicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devices",
        abstract: "List the account's cameras.",
        discussion: """
            --json prints {"schemaVersion":1,"devices":[…]}; the README's "JSON output" \
            section lists every field.

            Example: vicotop devices --json | jq -r '.devices[].serialNumber'
            """)

    @ParentCommand var root: Vicotop

    @Flag(help: "Print the list as JSON.")
    var json = false

    func run() async throws {
        let options = root.global
        try await runReportingFailures {
            try await Account.using(options) { account in
                let devices = try await account.client.listDevices()
                if json {
                    try JSONOutput.print(DeviceListJSON(devices: devices), revealSecrets: options.revealSecrets)
                } else {
                    print(DeviceTable().render(devices))
                }
            }
        }
    }
}
