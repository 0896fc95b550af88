/// Something `CandidateGatherer.gather` found.
public enum GatheringEvent: Sendable {
    /// A new candidate; never one equal in type, transport, address and port to an earlier one.
    case candidate(ICECandidate)
    /// The finished probe of one server, successful or not.
    case serverResult(ICEProbeResult)
}
