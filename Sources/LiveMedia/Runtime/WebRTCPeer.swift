import CGStreamer
import Foundation
import NIOConcurrencyHelpers

/// Why a peer could not be made or started (GStreamer missing shows as a pipeline that
/// cannot be built; ``GStreamerRuntime`` says so before anyone tries).
public enum MediaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The pipeline could not be built or started.
    case pipeline(String)

    public var description: String {
        switch self {
        case .pipeline(let why): return "GStreamer pipeline: \(why)"
        }
    }
}

/// One webrtcbin in a pipeline of its own, driven from Swift.
///
/// Its events arrive on GStreamer's threads and are handed over as ``events``; decoded
/// frames go to ``frames``. Every method may be called from any thread except the main
/// actor's (webrtcbin's actions are thread-safe; none of them blocks for long).
public final class WebRTCPeer: @unchecked Sendable {
    /// Everything the peer reports, until ``close()``.
    public let events: AsyncStream<PeerEvent>
    /// Decoded frames: counts, freezes and the latest frame.
    public let frames: FrameTap

    /// Peers made and not yet closed, in this process: a leak shows here.
    public static var openCount: Int { open.withLockedValue { $0 } }
    private static let open = NIOLockedValueBox(0)

    private let sink: EventSink
    private let lock = NIOLock()
    private var handle: OpaquePointer? // guarded by lock

    /// Builds the pipeline described (gst-launch syntax, holding `webrtcbin name=webrtc`).
    public init(pipeline: String) throws(MediaError) {
        let tap = FrameTap()
        let (stream, continuation) = AsyncStream.makeStream(of: PeerEvent.self, bufferingPolicy: .unbounded)
        let sink = EventSink(continuation: continuation, frames: tap)
        var reason = [CChar](repeating: 0, count: 512)
        let context = Unmanaged.passRetained(sink).toOpaque()
        guard let peer = vgst_peer_new(pipeline, peerEventHandler, context, &reason, reason.count) else {
            Unmanaged<EventSink>.fromOpaque(context).release()
            throw .pipeline(String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        self.handle = peer
        Self.open.withLockedValue { $0 += 1 }
        self.sink = sink
        self.events = stream
        self.frames = tap
    }

    deinit { close() }

    /// Stops the pipeline and frees it; no event arrives afterwards. Idempotent.
    public func close() {
        let peer: OpaquePointer? = lock.withLock {
            defer { handle = nil }
            return handle
        }
        guard let peer else { return }
        vgst_peer_free(peer)
        Self.open.withLockedValue { $0 -= 1 }
        sink.continuation.finish()
        Unmanaged.passUnretained(sink).release()
    }

    private func with<T>(_ fallback: T, _ body: (OpaquePointer) -> T) -> T {
        lock.withLock { handle.map(body) ?? fallback }
    }

    /// Gathers host candidates only on these addresses (tests: loopback only).
    @discardableResult
    public func restrictAddresses(_ addresses: [String]) -> Bool {
        with(false) { vgst_peer_restrict_addresses($0, addresses.joined(separator: ",")) == 0 }
    }

    /// Sets the STUN server and the TURN servers, in webrtcbin's URI forms. Always call it,
    /// even with none: an unset list must never fall back to a public server.
    @discardableResult
    public func setICEServers(stun: String?, turn: [String]) -> Int {
        with(0) { peer in
            var pointers = turn.map { strdup($0) }
            defer { pointers.forEach { free($0) } }
            return pointers.withUnsafeMutableBufferPointer { buffer in
                buffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) {
                    Int(vgst_peer_set_ice_servers(peer, stun ?? "", $0.baseAddress, Int32(turn.count)))
                }
            }
        }
    }

    /// Only relayed candidates (TURN) when true.
    public func setRelayOnly(_ relayOnly: Bool) { with(()) { vgst_peer_set_relay_only($0, relayOnly ? 1 : 0) } }

    /// The decoder chains for incoming H.264 and H.265 (see ``LiveViewPipeline``).
    public func setDecoders(h264: String?, h265: String?) { with(()) { vgst_peer_set_decoders($0, h264, h265) } }

    /// Sets the pipeline playing.
    public func start() throws(MediaError) {
        guard with(-1, { vgst_peer_start($0) }) == 0 else { throw .pipeline("the pipeline did not start") }
    }

    /// Adds a receive-only transceiver for these RTP caps.
    @discardableResult
    public func addReceiver(caps: String) -> Bool { with(false) { vgst_peer_add_receiver($0, caps) == 0 } }

    /// Creates the data channel.
    @discardableResult
    public func createChannel(label: String) -> Bool { with(false) { vgst_peer_create_channel($0, label) == 0 } }

    /// Creates an offer; it arrives as ``PeerEvent/descriptionCreated(_:sdp:)``.
    public func createOffer() { with(()) { vgst_peer_create_offer($0) } }

    /// Creates an answer to the remote offer.
    public func createAnswer() { with(()) { vgst_peer_create_answer($0) } }

    /// Sets the local description.
    public func setLocal(_ type: SDPType, sdp: String) { with(()) { vgst_peer_set_description($0, 0, Int32(type.rawValue), sdp) } }

    /// Sets the remote description; the outcome arrives as an event.
    public func setRemote(_ type: SDPType, sdp: String) { with(()) { vgst_peer_set_description($0, 1, Int32(type.rawValue), sdp) } }

    /// Applies a remote candidate.
    public func addCandidate(mLineIndex: Int, line: String) { with(()) { vgst_peer_add_candidate($0, Int32(mLineIndex), line) } }

    /// Sends text over the data channel; false when none is open.
    @discardableResult
    public func send(text: String) -> Bool { with(false) { vgst_peer_send_text($0, text) == 0 } }

    /// Asks the sender for a keyframe: a PLI, or a FIR when `fullIntra`.
    @discardableResult
    public func requestKeyframe(fullIntra: Bool) -> Bool { with(false) { vgst_peer_request_keyframe($0, fullIntra ? 1 : 0) == 0 } }

    /// Asks for statistics; they arrive as ``PeerEvent/stats(_:)``.
    public func requestStats() { with(()) { vgst_peer_request_stats($0) } }

    /// Pushes one raw frame into the pipeline's `appsrc name=src`.
    @discardableResult
    public func push(frame: [UInt8]) -> Bool {
        with(false) { peer in frame.withUnsafeBufferPointer { vgst_peer_push_frame(peer, $0.baseAddress, $0.count) == 0 } }
    }

    /// RTP packets that came out of the jitter buffer, and how many their sequence numbers
    /// say were sent: the difference is lost for good (known at once, unlike RTCP's count).
    public func rtpCounts() -> (received: Int, expected: Int) {
        with((0, 0)) { peer in
            var received: UInt64 = 0, expected: UInt64 = 0
            vgst_peer_rtp_counts(peer, &received, &expected)
            return (Int(received), Int(expected))
        }
    }

    /// Drops that share (0…100) of the packets leaving the element named `pay`.
    public func setDropPercent(_ percent: Int) { with(()) { vgst_peer_set_drop_percent($0, Int32(percent)) } }
}

/// Receives a peer's C events; lives as long as the C peer holds its context.
private final class EventSink: Sendable {
    let continuation: AsyncStream<PeerEvent>.Continuation
    let frames: FrameTap

    init(continuation: AsyncStream<PeerEvent>.Continuation, frames: FrameTap) {
        self.continuation = continuation
        self.frames = frames
    }

    func receive(_ event: vgst_event) {
        let text = event.text.map { String(cString: $0) } ?? ""
        let number = Int(event.number)
        let translated: PeerEvent?
        switch event.kind {
        case Int32(VGST_LOCAL_CANDIDATE.rawValue): translated = .localCandidate(mLineIndex: number, line: text)
        case Int32(VGST_DESCRIPTION_CREATED.rawValue): translated = .descriptionCreated(SDPType(rawValue: number) ?? .offer, sdp: text)
        case Int32(VGST_DESCRIPTION_FAILED.rawValue): translated = .descriptionFailed(text)
        case Int32(VGST_REMOTE_DESCRIPTION_SET.rawValue): translated = .remoteDescriptionSet
        case Int32(VGST_ICE_STATE.rawValue): translated = ICEConnectionState(rawValue: number).map(PeerEvent.iceState)
        case Int32(VGST_CONNECTION_STATE.rawValue): translated = PeerConnectionState(rawValue: number).map(PeerEvent.connectionState)
        case Int32(VGST_DTLS_STATE.rawValue): translated = DTLSState(rawValue: number).map(PeerEvent.dtlsState)
        case Int32(VGST_CHANNEL_OPEN.rawValue): translated = .channelOpen(label: text)
        case Int32(VGST_CHANNEL_MESSAGE.rawValue): translated = .channelMessage(text)
        case Int32(VGST_CHANNEL_CLOSED.rawValue): translated = .channelClosed
        case Int32(VGST_CHANNEL_ERROR.rawValue): translated = .channelError(text)
        case Int32(VGST_STREAM.rawValue): translated = .stream(caps: text)
        case Int32(VGST_FIRST_RTP.rawValue): translated = .firstRTP
        case Int32(VGST_KEYFRAME.rawValue): translated = .keyframe(count: number)
        case Int32(VGST_FRAME.rawValue): translated = frame(event) ? .firstFrame : nil
        case Int32(VGST_STATS.rawValue): translated = .stats(text)
        case Int32(VGST_ERROR.rawValue): translated = .error(text)
        default: translated = nil
        }
        if let translated { continuation.yield(translated) }
    }

    private func frame(_ event: vgst_event) -> Bool {
        let width = Int(event.width), height = Int(event.height), stride = Int(event.stride)
        let decoded = Int(event.number)
        return frames.record(at: DispatchTime.now().uptimeNanoseconds, sourceWidth: decoded >> 16, sourceHeight: decoded & 0xffff) {
            guard width > 0, height > 0, stride >= width * 3, let bytes = event.bytes, event.length >= stride * height else { return nil }
            var rgb = [UInt8](repeating: 0, count: width * height * 3)
            rgb.withUnsafeMutableBufferPointer { target in
                for row in 0..<height {
                    (target.baseAddress! + row * width * 3).update(from: bytes + row * stride, count: width * 3)
                }
            }
            return DecodedFrame(width: width, height: height, rgb: rgb)
        }
    }
}

/// The C handler: GStreamer's threads call it; it only hands the event to its sink.
private let peerEventHandler: vgst_event_handler = { context, event in
    guard let context, let event else { return }
    Unmanaged<EventSink>.fromOpaque(context).takeUnretainedValue().receive(event.pointee)
}
