import Foundation
import LiveMedia
import NIOConcurrencyHelpers
import NIOCore
import NIOWebSocket
import VicohomeAPI

/// One viewer's signaling socket on the simulated server.
///
/// It plays the camera: joins with `PEER_IN`, answers an `SDP_OFFER` with an
/// `SDP_ANSWER` and trickled candidates (a real WebRTC peer when GStreamer is there,
/// a scripted answer otherwise), answers pings (late or never, as the camera's
/// behaviour says), leaves and rejoins, drops the socket, and closes with 1001 when the
/// ticket expires or 3002 when the viewer limit is reached. Everything runs on the
/// channel's event loop.
final class SignalingConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let state: SimulatorState
    private let ticket: IssuedTicket
    private var timers: [Scheduled<Void>] = []
    private var registered = false
    private var closing = false
    private var cameraPresent = false
    /// The camera's WebRTC side, made on the first offer when GStreamer can run it.
    private var camera: CameraPeer?
    /// Set once the socket closes: the camera's late answers and candidates stay unsent.
    private let gone = NIOLockedValueBox(false)

    init(state: SimulatorState, ticket: IssuedTicket) {
        self.state = state
        self.ticket = ticket
    }

    private var serial: String { ticket.serialNumber }

    func handlerAdded(context: ChannelHandlerContext) {
        let behavior = state.behavior(serial)
        guard state.registerSocket(OpenSocket(serialNumber: serial, traceId: ticket.traceId, channel: context.channel),
                                   maxViewers: behavior.maxViewers)
        else {
            state.count { $0.viewerLimitCloses += 1 }
            close(context: context, code: .unknown(3002), reason: "viewer limit reached")
            return
        }
        registered = true
        state.count { $0.socketsAccepted += 1 }
        schedule(context: context, after: behavior.cameraJoinDelay) { [self] in
            cameraJoins(context: context)
        }
        let untilExpiry = ticket.expires.timeIntervalSince(state.now)
        schedule(context: context, after: .milliseconds(Int64(max(0, untilExpiry) * 1000))) { [self] in
            state.count { $0.expiryCloses += 1 }
            close(context: context, code: .goingAway, reason: "ticket expired")
        }
        scheduleDrop(context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        gone.withLockedValue { $0 = true }
        if let camera {
            release(camera)
            self.camera = nil
        }
        for timer in timers { timer.cancel() }
        timers.removeAll()
        if registered { state.unregisterSocket(context.channel) }
        registered = false
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .ping:
            answerPing(context: context, payload: frame.unmaskedData)
        case .text:
            var payload = frame.unmaskedData
            let text = payload.readString(length: payload.readableBytes) ?? ""
            handleText(context: context, text: text)
        case .connectionClose:
            // Echo the close as RFC 6455 asks, then hang up.
            if !closing {
                closing = true
                var data = frame.unmaskedData
                let echo = WebSocketFrame(fin: true, opcode: .connectionClose, data: data.readSlice(length: min(2, data.readableBytes)) ?? ByteBuffer())
                context.writeAndFlush(wrapOutboundOut(echo)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            }
        default:
            break
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    // MARK: Camera

    private func cameraJoins(context: ChannelHandlerContext) {
        guard !closing else { return }
        cameraPresent = true
        send(context: context, SignalingMessage(
            kind: .peerIn, senderClientId: serial,
            payload: SignalingPeer(id: serial, name: state.device(serial)?.device.deviceName, role: "master").payload))
        if let flap = state.behavior(serial).peerFlap {
            schedule(context: context, after: flap.every) { [self] in
                guard !closing else { return }
                cameraPresent = false
                send(context: context, SignalingMessage(
                    kind: .peerOut, senderClientId: serial,
                    payload: SignalingPeer(id: serial, name: nil, role: "master").payload))
                schedule(context: context, after: flap.away) { [self] in cameraJoins(context: context) }
            }
        }
    }

    private func handleText(context: ChannelHandlerContext, text: String) {
        guard let message = try? SignalingMessage.decode(text), cameraPresent else { return }
        switch message.kind {
        case .sdpOffer:
            if state.cameraMedia.isAvailable {
                answerWithMedia(context: context, message)
            } else {
                answerSignalingOnly(context: context, message)
            }
        case .iceCandidate:
            _ = camera?.receive(message)
        default:
            break
        }
    }

    /// A real camera: webrtcbin answers, trickles loopback candidates and sends H.264 after
    /// `startLive`; an offer a real camera would ignore gets silence.
    private func answerWithMedia(context: ChannelHandlerContext, _ offer: SignalingMessage) {
        guard let sdp = offer.sessionDescription?.sdp, CameraQuirks.reasonToIgnore(offer: sdp) == nil else {
            state.count { $0.offersIgnored += 1 }
            return
        }
        // A new offer starts a new live view: the previous peer on this socket goes.
        if let previous = camera {
            release(previous)
            camera = nil
        }
        let channel = context.channel
        let counters = state
        let gone = self.gone
        do {
            camera = try CameraPeer(
                serial: serial, name: state.device(serial)?.device.deviceName ?? serial, behavior: state.behavior(serial).media,
                send: { message in
                    guard !gone.withLockedValue({ $0 }) else { return }
                    let buffer = channel.allocator.buffer(string: message.encodedText())
                    channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .text, data: buffer), promise: nil)
                },
                started: { counters.count { $0.cameraPeersStarted += 1; $0.camerasStreaming += 1 } },
                stopped: { counters.count { $0.camerasStreaming -= 1 } })
        } catch {
            state.count { $0.offersIgnored += 1 }
            return
        }
        state.count { $0.cameraPeersOpen += 1 }
        if camera?.receive(offer) == nil {
            state.count { $0.offersAnswered += 1 }
        } else {
            state.count { $0.offersIgnored += 1 }
        }
    }

    /// Frees a camera peer off the event loop: stopping a pipeline waits for its threads.
    private func release(_ camera: CameraPeer) {
        let counters = state
        Task.detached {
            camera.close()
            counters.count { $0.cameraPeersOpen -= 1 }
        }
    }

    /// Without GStreamer: a scripted answer and two candidates, enough for signaling phases.
    private func answerSignalingOnly(context: ChannelHandlerContext, _ message: SignalingMessage) {
        state.count { $0.offersAnswered += 1 }
        let answer = """
            v=0\r\no=- \(ticket.traceId.hashValue & 0x7fff_ffff) 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n\
            a=group:BUNDLE 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n\
            a=sendonly\r\na=rtpmap:96 H264/90000\r\na=setup:active\r\n
            """
        send(context: context, SignalingMessage(
            kind: .sdpAnswer, senderClientId: serial, sessionId: message.sessionId,
            payload: .object(["type": .string("answer"), "sdp": .string(answer)])))
        let port = 50_000 + Int(ticket.traceId.utf8.reduce(0) { ($0 &+ Int($1)) % 10_000 })
        let candidates = [
            "candidate:1 1 udp 2122260223 127.0.0.1 \(port) typ host generation 0",
            "candidate:2 1 udp 1686052607 127.0.0.1 \(port + 1) typ srflx raddr 127.0.0.1 rport \(port) generation 0",
        ]
        for (index, line) in candidates.enumerated() {
            schedule(context: context, after: .milliseconds(Int64(20 * (index + 1)))) { [self] in
                send(context: context, SignalingMessage(
                    kind: .iceCandidate, senderClientId: serial, sessionId: message.sessionId,
                    payload: .object(["candidate": .string(line), "sdpMid": .string("0"), "sdpMLineIndex": .number(0)])))
            }
        }
    }

    // MARK: Keep-alive

    private func answerPing(context: ChannelHandlerContext, payload: ByteBuffer) {
        let behavior = state.behavior(serial)
        state.count { $0.pingsReceived += 1 }
        let (lost, delay) = state.random { random -> (Bool, Duration) in
            let lost = Double(random.next() % 1_000_000) / 1_000_000 < behavior.pingLoss
            let spread = behavior.pingJitter.inSeconds
            let offset = spread > 0 ? (Double(random.next() % 1_000_000) / 1_000_000 * 2 - 1) * spread : 0
            return (lost, .milliseconds(Int64(max(0, behavior.pingLatency.inSeconds + offset) * 1000)))
        }
        if lost {
            state.count { $0.pingsLost += 1 }
            return
        }
        // Not kept in `timers`: a pong due after the socket closed simply fails to write.
        let nanos = delay.inNanoseconds
        context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(nanos)) { [self] in
            guard !closing, context.channel.isActive else { return }
            state.count { $0.pongsSent += 1 }
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, data: payload)), promise: nil)
        }
    }

    private func scheduleDrop(context: ChannelHandlerContext) {
        guard let range = state.behavior(serial).socketDrops else { return }
        let span = max(0, (range.upperBound - range.lowerBound).inSeconds)
        let extra = state.random { span > 0 ? Double($0.next() % 1_000_000) / 1_000_000 * span : 0 }
        let delay = range.lowerBound + .milliseconds(Int64(extra * 1000))
        schedule(context: context, after: delay) { [self] in
            state.count { $0.socketsDropped += 1 }
            closing = true
            context.close(promise: nil)
        }
    }

    // MARK: Plumbing

    private func send(context: ChannelHandlerContext, _ message: SignalingMessage) {
        guard !closing else { return }
        let buffer = context.channel.allocator.buffer(string: message.encodedText())
        context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .text, data: buffer)), promise: nil)
    }

    private func close(context: ChannelHandlerContext, code: WebSocketErrorCode, reason: String) {
        guard !closing else { return }
        closing = true
        var buffer = context.channel.allocator.buffer(capacity: 2 + reason.utf8.count)
        buffer.write(webSocketErrorCode: code)
        buffer.writeString(reason)
        let frame = WebSocketFrame(fin: true, opcode: .connectionClose, data: buffer)
        context.writeAndFlush(wrapOutboundOut(frame)).assumeIsolated().whenComplete { _ in
            // Give the client a moment to echo the close, then hang up regardless.
            let timer = context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(500)) {
                context.close(promise: nil)
            }
            self.timers.append(timer)
        }
    }

    private func schedule(context: ChannelHandlerContext, after delay: Duration, _ body: @escaping () -> Void) {
        let nanos = delay.inNanoseconds
        timers.append(context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(max(0, nanos)), body))
    }
}
