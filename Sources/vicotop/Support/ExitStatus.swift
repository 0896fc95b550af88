import ArgumentParser
import VicohomeAPI

/// The exit codes scripts rely on; `vicotop --help` and the README list them.
enum ExitStatus: Int32 {
    case success = 0
    case degraded = 1
    case failed = 2
    case authFailure = 3
    case deviceError = 4
    case networkFailure = 5
    /// `check`: the live view failed at a media phase (answer, ICE, DTLS, data channel, video).
    case mediaFailure = 6
    /// `check`: this machine cannot run a live view (GStreamer or a plugin is missing).
    case mediaUnavailable = 7
    case usage = 64
    case internalError = 70

    var code: ExitCode { ExitCode(rawValue) }

    /// The exit status for an API failure.
    init(_ error: VicohomeError) {
        switch error.category {
        case .auth: self = .authFailure
        case .device: self = .deviceError
        case .network: self = .networkFailure
        case .configuration: self = .usage
        }
    }
}
