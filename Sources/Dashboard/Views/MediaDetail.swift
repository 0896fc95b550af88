import Foundation
import LiveSession

/// The live view in the detail pane: verdict, waterfall to the first frame, the selected
/// pair, DTLS and data-channel states, fps and kbit/s with sparklines, loss and feedback,
/// candidate pairs and the thumbnail of the latest frame.
@MainActor
struct MediaDetail {
    var glyphs: Glyphs

    /// The part a user looks at first, right under the session state: the verdict, the
    /// picture (a running preview is visible without scrolling) and the video's figures.
    func summary(_ media: MediaStatus, now: Date, zone: TimeZone, width: Int, label: Int) -> [Line] {
        var lines: [Line] = []
        func row(_ name: String, _ spans: [Span]) { lines.append(Line([Span(ScreenText.pad(name, to: label), .muted)] + spans)) }
        let (cell, role) = MediaCell.text(media, glyphs: glyphs)
        var verdict = [Span(cell, Style(role, bold: true))]
        switch media.state {
        case .never: verdict = [Span("not checked — v checks it, w keeps a preview running", .muted)]
        case .done(let outcome): verdict.append(Span("  " + outcome.line, Style(role)))
        case .checking(let phase): verdict.append(Span("  checking: \(phase)", .muted))
        case .queued: verdict.append(Span("  waiting for a free slot", .muted))
        }
        if let checked = media.checkedAt, media.verdict != nil {
            verdict.append(Span("  \(Format.time(checked, in: zone)) (\(Format.age(now.timeIntervalSince(checked))))", .muted))
        }
        if media.previewing { verdict.append(Span("  preview running", Style(.ok, bold: true))) }
        row("live view", verdict)
        guard media.state != .never else { return lines }
        if let thumbnail = media.thumbnail { lines.append(contentsOf: picture(thumbnail, label: label)) }
        let figures = media.figures
        if figures.framesDecoded > 0 || figures.packetsReceived > 0 {
            let codec = [figures.codec, figures.profile].filter { !$0.isEmpty }.joined(separator: " ")
            let size = figures.width > 0 ? "\(figures.width)×\(figures.height)" : "—"
            row("video", [Span("\(codec.isEmpty ? "—" : codec) · \(size) · ", .text),
                          Span(String(format: "%.1f fps", figures.fps), Style(.accent)), Span(" · ", .text),
                          Span(String(format: "%.0f kbit/s", figures.bitrateBps / 1000), Style(.accent)),
                          Span(" · \(figures.framesDecoded) frames", .muted)])
            let sparkWidth = max(4, min(MediaStatus.historyLength, (width - label - 14) / 2))
            if media.fpsHistory.count > 1 {
                row("", [Span("fps ", .muted), Span(glyphs.sparkline(media.fpsHistory.suffix(sparkWidth).map { $0 }), Style(.accent)),
                         Span("  kbit/s ", .muted), Span(glyphs.sparkline(media.kbpsHistory.suffix(sparkWidth).map { $0 }), Style(.accent))])
            }
            let expected = figures.packetsReceived + figures.packetsLost
            let loss = expected > 0 ? Double(figures.packetsLost) * 100 / Double(expected) : 0
            row("loss", [Span("\(figures.packetsLost) of \(expected) (\(Format.percent(loss)))", Style(StateStyle.lossRole(loss))),
                         Span(String(format: "  jitter %.1f ms  NACK %d  PLI %d  FIR %d  ", figures.jitterMs, figures.nackCount, figures.pliCount, figures.firCount), .text),
                         Span("freezes \(figures.freezes)", Style(figures.freezes > 0 ? .warn : .text))])
        }
        return lines
    }

    /// The rest, after the session's own phases: the waterfall to the first frame, the
    /// selected pair, DTLS and data-channel states, and the candidate pairs.
    func details(_ media: MediaStatus, waterfall: ([MediaPhaseTime]) -> [Line], label: Int) -> [Line] {
        guard media.state != .never else { return [] }
        var lines: [Line] = []
        func row(_ name: String, _ spans: [Span]) { lines.append(Line([Span(ScreenText.pad(name, to: label), .muted)] + spans)) }
        let steps = waterfall(media.waterfall)
        if let first = steps.first {
            var titled = first
            titled.spans[0] = Span(ScreenText.pad("to frame", to: label), .muted)
            lines.append(titled)
            lines.append(contentsOf: steps.dropFirst())
        }
        if let pair = media.selectedPair { row("path", [Span(pair, .text)]) }
        row("transport", [Span("DTLS ", .muted), Span(media.dtlsState, .text), Span("  data channel ", .muted), Span(media.dataChannelState, .text)])
        for (index, pair) in media.candidatePairs.prefix(8).enumerated() {
            row(index == 0 ? "pairs" : "", [Span(pair, Style(pair.hasSuffix("selected") && !pair.hasSuffix("not selected") ? .ok : .muted))])
        }
        if media.candidatePairs.count > 8 { row("", [Span("… \(media.candidatePairs.count - 8) more", .muted)]) }
        return lines
    }

    /// The thumbnail as lines: half-blocks in colour, a grey ramp, or nothing (the mode
    /// comes from the model: colour depth and `--ascii`).
    func picture(_ thumbnail: MediaThumbnail, label: Int) -> [Line] {
        guard mode != .none, thumbnail.columns > 0 else { return [] }
        let ramp = [" ", "░", "▒", "▓", "█"]
        return (0..<thumbnail.rows).map { row in
            var line = Line([Span(ScreenText.pad(row == 0 ? "picture" : "", to: label), .muted)])
            for column in 0..<thumbnail.columns {
                let index = row * thumbnail.columns + column
                let top = thumbnail.tops[index], bottom = thumbnail.bottoms[index]
                if mode == .colour {
                    line.append("▀", .picture(top: top, bottom: bottom))
                } else {
                    let luma = (Self.luma(top) + Self.luma(bottom)) / 2
                    line.append(ramp[min(ramp.count - 1, luma * ramp.count / 256)], .text)
                }
            }
            return line
        }
    }

    var mode: PictureMode = .colour

    static func luma(_ rgb: UInt32) -> Int {
        (299 * Int(rgb >> 16 & 0xff) + 587 * Int(rgb >> 8 & 0xff) + 114 * Int(rgb & 0xff)) / 1000
    }
}
