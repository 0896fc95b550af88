import Foundation
import LiveSession

/// The device list: one row per device with state, ticket countdown and ping health.
@MainActor
struct DeviceListView {
    var glyphs: Glyphs

    /// Which optional columns fit, widest layout first.
    struct Columns: Equatable {
        var name: Int
        var bar: Int
        var age: Bool
        var loss: Bool
        var media = false

        static let state = 12, serial = 16, countdown = 7, rtt = 7, lossWidth = 5, ageWidth = 4, mediaWidth = 13

        /// Cells taken by everything except the name.
        var fixed: Int {
            2 + Self.state + 1 + Self.serial + 1 + Self.countdown + (bar > 0 ? bar + 1 : 0) + 1 + Self.rtt
                + (loss ? 1 + Self.lossWidth : 0) + (age ? 1 + Self.ageWidth : 0) + (media ? 1 + Self.mediaWidth : 0)
        }

        /// The widest layout that fits; the MEDIA column gives way before the name and the
        /// countdown bar do.
        static func fitting(_ width: Int) -> Columns {
            let candidates = [
                Columns(name: 8, bar: 12, age: true, loss: true, media: true), Columns(name: 8, bar: 8, age: true, loss: true, media: true),
                Columns(name: 8, bar: 0, age: true, loss: true, media: true),
                Columns(name: 8, bar: 12, age: true, loss: true), Columns(name: 8, bar: 8, age: true, loss: true),
                Columns(name: 8, bar: 0, age: true, loss: true), Columns(name: 0, bar: 0, age: true, loss: true),
                Columns(name: 0, bar: 0, age: false, loss: true), Columns(name: 0, bar: 0, age: false, loss: false),
            ]
            for var columns in candidates where columns.fixed + (columns.name > 0 ? columns.name + 1 : 0) <= width {
                if columns.name > 0 { columns.name = min(32, width - columns.fixed - 1) }
                return columns
            }
            return candidates.last!
        }
    }

    func draw(_ model: DashboardModel, on surface: any Surface) {
        let rows = model.visible
        var title = [Span("Devices", Style(.accent, bold: true)), Span(" \(rows.count)", .muted)]
        if rows.count != model.snapshots.count { title.append(Span(" of \(model.snapshots.count)", .muted)) }
        if model.sort != .added { title.append(Span(" · sorted by \(model.sort.rawValue)", .muted)) }
        if !model.filter.isEmpty { title.append(Span(" · filter \"\(model.filter)\"", Style(.warn))) }
        let inner = Box.draw(on: surface, title: title, focused: model.focus == .list, glyphs: glyphs)
        guard inner.height > 0, inner.width > 0 else { return }
        let columns = Columns.fitting(inner.width)
        inner.put(headings(columns), row: 0)
        let space = inner.height - 1
        guard space > 0 else { return }
        if rows.isEmpty {
            let text = model.snapshots.isEmpty ? (model.startup ?? "no devices: press a to add one") : "no device matches \"\(model.filter)\" (Esc clears)"
            inner.put("  " + text, row: 1, column: 0, style: .muted)
            return
        }
        let selectedIndex = rows.firstIndex { $0.serialNumber == model.selected } ?? 0
        let offset = selectedIndex < space ? 0 : selectedIndex - space + 1
        for (index, snapshot) in rows.enumerated().dropFirst(offset).prefix(space) {
            let selected = snapshot.serialNumber == model.selected
            let row = index - offset + 1
            if selected { inner.fill(row: row, style: Style(.selection)) }
            inner.put(line(snapshot, columns: columns, now: model.now, selected: selected), row: row)
        }
        if offset + space < rows.count {
            Box.footnote("\(rows.count - offset - space) more ↓", on: surface)
        }
        if offset > 0 && offset + space >= rows.count {
            Box.footnote("\(offset) more ↑", on: surface)
        }
    }

    private func headings(_ columns: Columns) -> Line {
        var text = "  " + ScreenText.pad("STATE", to: Columns.state) + " " + ScreenText.pad("SERIAL", to: Columns.serial) + " "
        if columns.name > 0 { text += ScreenText.pad("NAME", to: columns.name) + " " }
        text += ScreenText.pad("TICKET", to: Columns.countdown, alignRight: true)
        if columns.bar > 0 { text += " " + String(repeating: " ", count: columns.bar) }
        text += " " + ScreenText.pad("RTT", to: Columns.rtt, alignRight: true)
        if columns.loss { text += " " + ScreenText.pad("LOSS", to: Columns.lossWidth, alignRight: true) }
        if columns.age { text += " " + ScreenText.pad("AGE", to: Columns.ageWidth, alignRight: true) }
        if columns.media { text += " " + ScreenText.pad("MEDIA", to: Columns.mediaWidth) }
        return Line(text, Style(.muted, bold: true))
    }

    private func line(_ snapshot: DeviceSnapshot, columns: Columns, now: Date, selected: Bool) -> Line {
        func style(_ role: Role, bold: Bool = false) -> Style { selected ? Style(.selection, bold: true) : Style(role, bold: bold) }
        let stateRole = StateStyle.role(snapshot.state)
        var line = Line()
        line.append(glyphs.mark(snapshot.state) + " ", style(stateRole))
        line.append(ScreenText.pad(snapshot.state.word, to: Columns.state) + " ", style(stateRole))
        line.append(ScreenText.pad(snapshot.serialNumber, to: Columns.serial) + " ", style(.text))
        if columns.name > 0 {
            let name = ScreenText.truncate(ScreenText.clean(snapshot.name ?? "—"), to: columns.name, ellipsis: glyphs.ellipsis)
            line.append(ScreenText.pad(name, to: columns.name) + " ", style(snapshot.name == nil ? .muted : .text))
        }
        if let left = snapshot.timeLeft(at: now), let fraction = snapshot.fractionLeft(at: now) {
            let role = StateStyle.countdownRole(secondsLeft: left, fraction: fraction)
            line.append(ScreenText.pad(Format.countdown(left), to: Columns.countdown, alignRight: true), style(role))
            if columns.bar > 0 {
                let (filled, empty) = glyphs.bar(fraction, width: columns.bar)
                line.append(" " + filled, style(role == .text ? .ok : role))
                line.append(empty, style(.muted))
            }
        } else {
            line.append(ScreenText.pad("—", to: Columns.countdown, alignRight: true), style(.muted))
            if columns.bar > 0 { line.append(" " + String(repeating: " ", count: columns.bar), style(.muted)) }
        }
        let live = snapshot.state.isLive
        line.append(" " + ScreenText.pad(live ? Format.milliseconds(snapshot.ping.lastMs) : "—", to: Columns.rtt, alignRight: true),
                    style(live ? .text : .muted))
        if columns.loss {
            let loss = snapshot.ping.lossPercent
            line.append(" " + ScreenText.pad(Format.percent(loss), to: Columns.lossWidth, alignRight: true), style(StateStyle.lossRole(loss)))
        }
        if columns.age {
            let age = snapshot.lastEventAt.map { Format.coarseAge(now.timeIntervalSince($0)) } ?? "—"
            line.append(" " + ScreenText.pad(age, to: Columns.ageWidth, alignRight: true), style(.muted))
        }
        if columns.media {
            let (text, role) = MediaCell.text(snapshot.media, glyphs: glyphs)
            line.append(" " + ScreenText.pad(ScreenText.truncate(text, to: Columns.mediaWidth, ellipsis: glyphs.ellipsis), to: Columns.mediaWidth), style(role))
        }
        return line
    }
}
