import Foundation
import NIOConcurrencyHelpers
import VicohomeAPI

/// A simulated camera's WebRTC side: webrtcbin sending H.264 of a ``TestPicture`` that
/// names the camera, only after `startLive`, and only to an offer a real camera would answer
/// (``CameraQuirks``). Loopback candidates only, ever.
public final class CameraPeer: Sendable {
    /// The camera's pipeline: raw frames in, H.264 out, its profile-level-id stated as the
    /// viewer offers it (webrtcbin 1.22 matches that field as a string).
    static func pipeline(picture: TestPicture) -> String {
        "appsrc name=src is-live=true format=time do-timestamp=true " +
            "caps=video/x-raw,format=I420,width=\(picture.width),height=\(picture.height),framerate=\(TestPicture.framesPerSecond)/1 ! " +
            "videoconvert ! openh264enc ! h264parse ! rtph264pay name=pay config-interval=-1 aggregate-mode=zero-latency ! " +
            "capssetter caps=\"application/x-rtp,profile-level-id=(string)42e01f\" ! " +
            "application/x-rtp,media=video,encoding-name=H264,payload=96 ! webrtcbin name=webrtc bundle-policy=max-bundle"
    }

    private struct State {
        var remoteSet = false
        var pending: [(Int, String)] = []
        var streaming = false
        var closed = false
        var pusher: Task<Void, Never>?
    }

    private let peer: WebRTCPeer
    private let serial: String
    private let behavior: CameraMediaBehavior
    private let send: @Sendable (SignalingMessage) -> Void
    private let started: @Sendable () -> Void
    private let stopped: @Sendable () -> Void
    private let state = NIOLockedValueBox(State())
    private let picture: TestPicture
    private let handling = NIOLockedValueBox<Task<Void, Never>?>(nil)

    /// Starts a camera named `name`; its messages go out through `send`.
    /// `started` is called when frames begin to flow, `stopped` when they stop (stopLive, the
    /// viewer gone, or close).
    public init(serial: String, name: String, behavior: CameraMediaBehavior,
                send: @escaping @Sendable (SignalingMessage) -> Void,
                started: @escaping @Sendable () -> Void = {}, stopped: @escaping @Sendable () -> Void = {}) throws(MediaError) {
        let picture = TestPicture(name: name, seed: serial)
        let peer = try WebRTCPeer(pipeline: Self.pipeline(picture: picture))
        peer.restrictAddresses(["127.0.0.1"])
        peer.setICEServers(stun: nil, turn: [])
        peer.setDropPercent(behavior.packetLossPercent)
        try peer.start()
        self.peer = peer
        self.serial = serial
        self.behavior = behavior
        self.send = send
        self.started = started
        self.stopped = stopped
        self.picture = picture
        handling.withLockedValue { $0 = Task { [weak self] in
            for await event in peer.events {
                guard let self else { return }
                self.handle(event)
            }
        } }
    }

    /// Why an offer went unanswered, or nil when it was answered; see ``CameraQuirks``.
    public func receive(_ message: SignalingMessage) -> String? {
        switch message.kind {
        case .sdpOffer:
            guard let sdp = message.sessionDescription?.sdp else { return "an offer without SDP" }
            if let reason = CameraQuirks.reasonToIgnore(offer: sdp) { return reason }
            peer.setRemote(.offer, sdp: sdp)
            peer.createAnswer()
        case .iceCandidate:
            guard behavior.candidatesReachable, let candidate = message.candidate, !candidate.candidate.isEmpty,
                  candidate.candidate.split(separator: " ").dropFirst(4).first.map({ $0.hasPrefix("127.") || $0 == "::1" }) == true
            else { return nil }
            let apply = state.withLockedValue { state in
                if !state.remoteSet { state.pending.append((candidate.sdpMLineIndex ?? 0, candidate.candidate)) }
                return state.remoteSet
            }
            if apply { peer.addCandidate(mLineIndex: candidate.sdpMLineIndex ?? 0, line: candidate.candidate) }
        default:
            break
        }
        return nil
    }

    /// Ends the camera's side: stops the frames and frees the pipeline.
    public func close() {
        stopStreaming()
        state.withLockedValue { $0.closed = true }
        handling.withLockedValue { $0?.cancel() }
        peer.close()
    }

    private func handle(_ event: PeerEvent) {
        switch event {
        case .descriptionCreated(.answer, let sdp):
            peer.setLocal(.answer, sdp: sdp)
            let answer = behavior.answersActpass ? sdp.replacingOccurrences(of: "a=setup:passive", with: "a=setup:actpass") : sdp
            send(SignalingMessage(kind: .sdpAnswer, senderClientId: serial,
                                  payload: .object(["type": .string("answer"), "sdp": .string(answer)])))
        case .remoteDescriptionSet:
            let pending = state.withLockedValue { state in
                state.remoteSet = true
                defer { state.pending = [] }
                return state.pending
            }
            for (index, line) in pending { peer.addCandidate(mLineIndex: index, line: line) }
        case .localCandidate(let index, let line):
            guard !line.isEmpty else { return }
            send(SignalingMessage(kind: .iceCandidate, senderClientId: serial, payload: .object([
                "candidate": .string(behavior.candidatesReachable ? line : Self.unreachable(line)),
                "sdpMid": .string("0"), "sdpMLineIndex": .number(Double(index)),
            ])))
        case .channelMessage(let text):
            answer(text)
        case .connectionState(.failed), .connectionState(.closed), .connectionState(.disconnected), .channelClosed:
            stopStreaming()
        default:
            break
        }
    }

    /// Stops sending frames: the viewer said stopLive, or it is gone.
    private func stopStreaming() {
        let wasStreaming = state.withLockedValue { state in
            defer {
                state.pusher?.cancel()
                state.pusher = nil
                state.streaming = false
            }
            return state.streaming
        }
        if wasStreaming { stopped() }
    }

    private func answer(_ text: String) {
        guard let request = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else { return }
        if request["action"]?.stringValue == "stopLive" {
            stopStreaming()
            return
        }
        guard request["action"]?.stringValue == "startLive" else { return }
        let reply: JSONValue = .object([
            "requestID": request["requestID"] ?? .null, "connectionID": request["connectionID"] ?? .null,
            "timeStamp": .number(Double(Int(Date().timeIntervalSince1970))),
            "returnValue": .number(Double(behavior.startLiveReturnValue)),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        peer.send(text: (try? String(decoding: encoder.encode(reply), as: UTF8.self)) ?? "{}")
        guard behavior.startLiveReturnValue == 0, behavior.videoStarts else { return }
        let peer = self.peer, picture = self.picture, started = self.started
        // Decided and started under the lock close() takes: a camera closed meanwhile gets no
        // frame pusher that nobody would ever cancel.
        state.withLockedValue { state in
            guard !state.streaming, !state.closed else { return }
            state.streaming = true
            started()
            state.pusher = Task.detached {
                var index = 0
                let clock = ContinuousClock()
                var next = clock.now
                while !Task.isCancelled {
                    guard peer.push(frame: picture.frame(index)) else { return }
                    index += 1
                    next += .milliseconds(1000 / TestPicture.framesPerSecond)
                    try? await Task.sleep(until: next, clock: clock)
                }
            }
        }
    }

    /// The same candidate on a port nobody listens on (the discard port), so checks fail.
    static func unreachable(_ line: String) -> String {
        var fields = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        if fields.count > 5 { fields[5] = "9" }
        return fields.joined(separator: " ")
    }
}
