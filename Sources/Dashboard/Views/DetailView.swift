import Foundation
import LiveSession

/// The selected device in depth: ticket, ping health, session phases, ICE servers and
/// candidates. Scrolls when focused.
@MainActor
struct DetailView {
    var glyphs: Glyphs

    func draw(_ model: DashboardModel, on surface: any Surface) {
        let snapshot = model.selectedSnapshot
        var title = [Span("Detail", Style(.accent, bold: true))]
        if let snapshot {
            title.append(Span(" " + snapshot.serialNumber, .text))
            if let name = snapshot.name { title.append(Span(" · " + name, .muted)) }
        }
        let inner = Box.draw(on: surface, title: title, focused: model.focus == .detail, glyphs: glyphs)
        guard inner.height > 0 else { return }
        guard let snapshot else {
            inner.put(" select a device with j/k", row: 0, column: 0, style: .muted)
            return
        }
        let lines = self.lines(snapshot, now: model.now, zone: model.timeZone, width: inner.width, pictures: model.pictureMode)
        let maximumScroll = max(0, lines.count - inner.height)
        let scroll = min(model.detailScroll, maximumScroll)
        for (row, line) in lines.dropFirst(scroll).prefix(inner.height).enumerated() {
            inner.put(line, row: row)
        }
        if scroll < maximumScroll {
            Box.footnote(model.focus == .detail ? "\(maximumScroll - scroll) more ↓ j/k" : "\(maximumScroll - scroll) more ↓ Enter", on: surface)
        }
    }

    /// The detail as lines, before scrolling.
    func lines(_ snapshot: DeviceSnapshot, now: Date, zone: TimeZone, width: Int, pictures: PictureMode = .colour) -> [Line] {
        var lines: [Line] = []
        let label = 11
        func row(_ name: String, _ spans: [Span]) {
            lines.append(Line([Span(ScreenText.pad(name, to: label), .muted)] + spans))
        }
        func field(_ name: String, _ value: String, _ style: Style = .text) -> [Span] {
            [Span(name + " ", .muted), Span(value, style), Span("  ")]
        }

        var state = [Span(glyphs.mark(snapshot.state) + " " + snapshot.state.word, Style(StateStyle.role(snapshot.state), bold: true))]
        if let since = snapshot.stateSince { state.append(Span(" since \(Format.time(since, in: zone)) (\(Format.age(now.timeIntervalSince(since))))", .muted)) }
        if case .backingOff(let until, let reason) = snapshot.state {
            state.append(Span("  retry in \(Format.countdown(until.timeIntervalSince(now))) (\(reason.rawValue))", Style(.warn)))
        }
        if snapshot.attempt > 0 { state.append(Span("  attempt \(snapshot.attempt)", Style(.warn))) }
        row("state", state)
        if let error = snapshot.lastError { row("error", [Span(error, Style(.error))]) }
        let media = MediaDetail(glyphs: glyphs, mode: pictures)
        lines.append(contentsOf: media.summary(snapshot.media, now: now, zone: zone, width: width, label: label))

        if let ticket = snapshot.ticket {
            row("ticket", field("traceId", ticket.traceId, Style(.accent)) + field("groupId", ticket.groupId))
            row("", field("role", ticket.role) + field("id", ticket.id) + field("sign", glyphs.masked, .muted))
            row("", field("signal", ticket.signalServer))
            let left = ticket.expiresAt.timeIntervalSince(now)
            let fraction = ticket.lifetime > 0 ? left / ticket.lifetime : 0
            var expiry = field("time", ticket.serverTime.map { Format.time($0, in: zone) } ?? "—")
            expiry += [Span("expires ", .muted), Span(Format.time(ticket.expiresAt, in: zone), .text),
                       Span(" (\(left > 0 ? "in " : "")\(Format.countdown(left)))", Style(StateStyle.countdownRole(secondsLeft: left, fraction: fraction)))]
            row("", expiry)
            row("", field("ping every", Format.interval(ticket.pingInterval)) + field("stop-live", Format.interval(ticket.stopLiveTimeout))
                + field("skew", String(format: "%+.1fs", ticket.clockSkew)))
        } else {
            row("ticket", [Span("none yet", .muted)])
        }

        let ping = snapshot.ping
        row("ping", field("last", Format.milliseconds(ping.lastMs)) + field("min", Format.milliseconds(ping.minMs))
            + field("avg", Format.milliseconds(ping.avgMs)) + field("max", Format.milliseconds(ping.maxMs)))
        row("", field("jitter", Format.milliseconds(ping.jitterMs)) + field("loss", Format.percent(ping.lossPercent), Style(StateStyle.lossRole(ping.lossPercent)))
            + field("sent", "\(ping.sent)") + field("answered", "\(ping.received)"))
        let history = ping.history(max(1, min(40, width - label - 1)))
        if !history.isEmpty { row("", [Span(glyphs.sparkline(history), Style(.accent))]) }

        let phases = snapshot.phases
        lines.append(contentsOf: waterfall("phases", [
            ("ticket", phases.ticketMs), ("socket open", phases.socketOpenMs), ("camera in", phases.cameraInMs), ("1st pong", phases.firstPongMs),
        ], empty: "no session yet", width: width, label: label))
        lines.append(contentsOf: media.details(snapshot.media, waterfall: { waterfall("", $0.map { ($0.name, $0.ms) }, empty: "", width: width, label: label) },
                                               label: label))

        if snapshot.iceServers.isEmpty {
            row("ICE", [Span(snapshot.ticket?.iceServerURLs.isEmpty == false ? "not probed yet" : "no ICE servers", .muted)])
        }
        for (index, server) in snapshot.iceServers.enumerated() {
            row(index == 0 ? "ICE" : "", [
                Span(server.ok ? "ok    " : "failed", Style(server.ok ? .ok : .error, bold: !server.ok)),
                Span(" " + server.url + "  ", .text), Span(Format.milliseconds(server.rttMs) + "  ", .muted), Span(server.detail, .text),
            ])
        }
        candidates("local", snapshot.localCandidates, into: &lines, label: label)
        candidates("remote", snapshot.remoteCandidates, into: &lines, label: label)
        let reconnects = snapshot.reconnects.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        if !reconnects.isEmpty { row("reconnects", [Span(reconnects.joined(separator: ", "), .muted)]) }
        return lines
    }

    private func candidates(_ name: String, _ list: [String], into lines: inout [Line], label: Int) {
        if list.isEmpty {
            lines.append(Line([Span(ScreenText.pad(name, to: label), .muted), Span("none", .muted)]))
        }
        for (index, candidate) in list.enumerated() {
            lines.append(Line([Span(ScreenText.pad(index == 0 ? name : "", to: label), .muted), Span(candidate, .text)]))
        }
    }

    /// Milestones as a waterfall: each a bar from the one before it, with its time.
    private func waterfall(_ title: String, _ steps: [(String, Double?)], empty: String, width: Int, label: Int) -> [Line] {
        // Times come from wall-clock differences; a clock step can make one negative.
        let reached = steps.compactMap { step in step.1.flatMap { $0.isFinite ? (step.0, max(0, $0)) : nil } }.sorted { $0.1 < $1.1 }
        guard let total = reached.last?.1 else {
            return empty.isEmpty ? [] : [Line([Span(ScreenText.pad(title, to: label), .muted), Span(empty, .muted)])]
        }
        let name = 22
        let barWidth = max(4, min(40, width - label - name - 12))
        let scale = total > 0 ? Double(barWidth) / total : 0
        var lines: [Line] = []
        var previous = 0.0
        for (index, step) in reached.enumerated() {
            let start = max(0, min(barWidth - 1, Int((previous * scale).rounded(.down))))
            let end = max(start + 1, min(barWidth, Int((step.1 * scale).rounded())))
            let bar = String(repeating: " ", count: min(barWidth, start))
                + String(repeating: glyphs.barLevels.last!, count: max(1, min(barWidth, end) - start))
            lines.append(Line([
                Span(ScreenText.pad(index == 0 ? title : "", to: label), .muted),
                Span(ScreenText.pad(step.0, to: name), .text),
                Span(ScreenText.pad(bar, to: barWidth), Style(.accent)),
                Span(" " + ScreenText.pad(Format.milliseconds(step.1), to: 8, alignRight: true), .muted),
            ]))
            previous = step.1
        }
        let missing = steps.filter { $0.1 == nil }.map(\.0)
        if !missing.isEmpty {
            lines.append(Line([Span(String(repeating: " ", count: label)), Span("waiting: " + missing.joined(separator: ", "), .muted)]))
        }
        return lines
    }
}
