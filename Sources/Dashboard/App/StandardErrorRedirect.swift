import Foundation

/// Points file descriptor 2 elsewhere while the screen is drawn and back afterwards, so a
/// library's stray message cannot tear a frame and the final error still reaches the user.
struct StandardErrorRedirect {
    private var saved: Int32 = -1

    /// Sends standard error to `path` (appending), or to /dev/null.
    mutating func begin(path: String?) {
        let target = open(path ?? "/dev/null", O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard target >= 0 else { return }
        saved = dup(STDERR_FILENO)
        dup2(target, STDERR_FILENO)
        close(target)
    }

    /// Gives standard error back.
    mutating func end() {
        guard saved >= 0 else { return }
        dup2(saved, STDERR_FILENO)
        close(saved)
        saved = -1
    }
}
