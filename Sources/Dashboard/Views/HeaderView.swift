import Foundation

/// The top line: product, endpoint or DEMO, account, VPN, shard (when sharded), counts and
/// the clock. On a narrow terminal the least important fields go first: endpoint, account,
/// VPN, shard.
@MainActor
struct HeaderView {
    var glyphs: Glyphs

    func draw(_ model: DashboardModel, on surface: any Surface) {
        let header = Style(.header)
        surface.fill(row: 0, style: header)
        let counts = model.counts
        let clock = " " + Format.clock(model.now, in: model.timeZone) + " "
        let room = surface.width - ScreenText.width(clock)
        let separator = glyphs.separator
        let fullCounts = "\(counts.total) devices: \(counts.live) live, \(counts.refreshing) refreshing, \(counts.failing) failing"
        let shortCounts = "\(counts.live + counts.refreshing)/\(counts.total) live, \(counts.failing) failing"
        let endpoint = model.header.isDemo ? "simulator \(model.header.endpoint)" : model.header.endpoint
        // The counts are of this shard's cameras only: the shard stays beside them down to
        // the narrowest variant but one.
        let shard: String? = model.header.shard.isWhole ? nil : "shard \(model.header.shard)"
        // Most complete first; the first that fits is drawn.
        let variants: [[String?]] = [
            [endpoint, model.header.account, "VPN " + (model.header.vpn ?? "?"), shard, fullCounts],
            [nil, model.header.account, "VPN " + (model.header.vpn ?? "?"), shard, fullCounts],
            [nil, nil, "VPN " + (model.header.vpn ?? "?"), shard, fullCounts],
            [nil, nil, "VPN " + (model.header.vpn ?? "?"), shard, shortCounts],
            [nil, nil, nil, shard, shortCounts],
            [nil, nil, nil, nil, shortCounts],
        ]
        var chosen = Line()
        for variant in variants {
            chosen = line(model, fields: variant.compactMap { $0 }, separator: separator, endpointShown: variant[0] != nil)
            if ScreenText.width(chosen.plainText) <= room { break }
        }
        if room > 0 {
            surface.region(Rect(x: 0, y: 0, width: room, height: 1)).put(chosen, row: 0)
            surface.put(clock, row: 0, column: room, style: Style(.header, bold: true))
        } else {
            surface.put(chosen, row: 0)
        }
    }

    private func line(_ model: DashboardModel, fields: [String], separator: String, endpointShown: Bool) -> Line {
        let header = Style(.header)
        var line = Line(" vicotop ", Style(.header, bold: true))
        if model.header.isDemo { line.append(" DEMO ", Style(.demo, bold: true)) }
        for (index, field) in fields.enumerated() {
            line.append((index == 0 && (endpointShown || model.header.isDemo) ? " " : separator) + field, header)
        }
        return line
    }
}
