import ArgumentParser
import Foundation
import VicohomeAPI

/// `vicotop ticket SERIAL`: asks for one WebRTC ticket and shows it.
struct TicketCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket",
        abstract: "Request one WebRTC ticket for a camera and print it (secrets masked).",
        discussion: """
            Example: vicotop ticket VDCA1P2410000131
                     vicotop ticket VDCA1P2410000131 --json | jq -r .traceId
            """)

    @ParentCommand var root: Vicotop

    @Argument(help: ArgumentHelp("The camera's serial number.", valueName: "serial"))
    var serial: String

    @Flag(help: "Print the ticket as JSON.")
    var json = false

    func validate() throws {
        guard !serial.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("the serial number is empty")
        }
    }

    func run() async throws {
        let options = root.global
        try await runReportingFailures {
            try await Account.using(options) { account in
                let ticket = try await account.client.getWebrtcTicket(serialNumber: serial)
                let receivedAt = Date()
                if json {
                    try JSONOutput.print(TicketJSON(serialNumber: serial, ticket: ticket, receivedAt: receivedAt), revealSecrets: options.revealSecrets)
                } else {
                    print(TicketPrinter(revealSecrets: options.revealSecrets).render(ticket, serialNumber: serial, receivedAt: receivedAt))
                }
            }
        }
    }
}
