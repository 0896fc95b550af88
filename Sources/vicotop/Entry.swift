import ArgumentParser
import Dispatch

/// The program's entry point. The dashboard needs the main thread for Dispatch's main
/// queue (`dispatchMain()`), so the command is parsed here, synchronously: the dashboard
/// takes the main thread for good, every other command runs as a task while
/// `dispatchMain()` serves the main queue.
@main
enum Entry {
    static func main() {
        MallocArenas.limit()
        let command: any ParsableCommand
        do { command = try Vicotop.parseAsRoot() } catch { Vicotop.exit(withError: error) }
        if let dashboard = command as? DashboardCommand { dashboard.launch() }
        let parsed = ParsedCommand(command)
        Task {
            var command = parsed.command
            do {
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
                Vicotop.exit()
            } catch {
                Vicotop.exit(withError: error)
            }
        }
        dispatchMain()
    }
}

/// Carries the parsed command into the task that runs it; nothing else touches it.
private struct ParsedCommand: @unchecked Sendable {
    var command: any ParsableCommand
    init(_ command: any ParsableCommand) { self.command = command }
}
