import Foundation

/// The top line: product, endpoint or DEMO, account, VPN, counts and the clock.
@MainActor
struct HeaderView {
    var glyphs: Glyphs

    func draw(_ model: DashboardModel, on surface: any Surface) {
        let header = Style(.header)
        surface.fill(row: 0, style: header)
        let counts = model.counts
        var line = Line(" vicotop ", Style(.header, bold: true))
        if model.header.isDemo {
            line.append(" DEMO ", Style(.demo, bold: true))
            line.append(" simulator \(model.header.endpoint)", header)
        } else {
            line.append(" \(model.header.endpoint)", header)
        }
        let separator = glyphs.separator
        line.append(separator + model.header.account, header)
        line.append(separator + "VPN " + (model.header.vpn ?? "?"), header)
        line.append(separator + "\(counts.total) devices: \(counts.live) live, \(counts.refreshing) refreshing, \(counts.failing) failing", header)
        let clock = " " + Format.clock(model.now) + " "
        let clockWidth = ScreenText.width(clock)
        let room = surface.width - clockWidth
        if room > 0 {
            surface.region(Rect(x: 0, y: 0, width: room, height: 1)).put(line, row: 0)
            surface.put(clock, row: 0, column: room, style: Style(.header, bold: true))
        } else {
            surface.put(line, row: 0)
        }
    }
}
