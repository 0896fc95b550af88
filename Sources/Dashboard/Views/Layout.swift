/// The panes of the dashboard.
public enum Pane: Sendable, Hashable, CaseIterable {
    /// The top line, the device list, the selected device, its events and the key bar.
    case header, list, detail, log, keyBar
    /// The help overlay and the notice shown below the minimum size.
    case help, tooSmall
}

/// Where each pane goes for a terminal size. Pure, so every size can be tested.
public struct Layout: Sendable, Hashable {
    /// Below this the dashboard shows only a "terminal too small" notice.
    public static let minimum = Size(width: 60, height: 14)
    /// Widths from here on put the detail and the event log side by side.
    public static let wide = 120

    /// The terminal size laid out.
    public var size: Size
    /// Each shown pane's rectangle, in drawing order (later panes on top).
    public var panes: [Placement]

    /// A pane and where it goes.
    public struct Placement: Sendable, Hashable {
        /// The pane.
        public var pane: Pane
        /// Its rectangle.
        public var rect: Rect
    }

    /// The rectangle of `pane`, when shown.
    public func rect(_ pane: Pane) -> Rect? { panes.first { $0.pane == pane }?.rect }

    /// Lays out the dashboard for `size`.
    public static func compute(size: Size, deviceRows: Int, focus: Focus, help: Bool) -> Layout {
        let (width, height) = (size.width, size.height)
        guard width >= minimum.width, height >= minimum.height else {
            return Layout(size: size, panes: [Placement(pane: .tooSmall, rect: Rect(x: 0, y: 0, width: width, height: height))])
        }
        var panes = [Placement(pane: .header, rect: Rect(x: 0, y: 0, width: width, height: 1))]
        let bodyTop = 1
        let bodyHeight = height - 2
        var lowerTop = bodyTop
        if focus == .list {
            let wanted = max(1, deviceRows) + 3
            let listHeight = min(wanted, max(6, bodyHeight * 45 / 100))
            panes.append(Placement(pane: .list, rect: Rect(x: 0, y: bodyTop, width: width, height: listHeight)))
            lowerTop += listHeight
        }
        let lowerHeight = bodyTop + bodyHeight - lowerTop
        if width >= wide {
            let detailWidth = width * 58 / 100
            panes.append(Placement(pane: .detail, rect: Rect(x: 0, y: lowerTop, width: detailWidth, height: lowerHeight)))
            panes.append(Placement(pane: .log, rect: Rect(x: detailWidth, y: lowerTop, width: width - detailWidth, height: lowerHeight)))
        } else {
            let logHeight = max(3, lowerHeight * (focus == .list ? 40 : 25) / 100)
            let detailHeight = lowerHeight - logHeight
            panes.append(Placement(pane: .detail, rect: Rect(x: 0, y: lowerTop, width: width, height: detailHeight)))
            panes.append(Placement(pane: .log, rect: Rect(x: 0, y: lowerTop + detailHeight, width: width, height: logHeight)))
        }
        panes.append(Placement(pane: .keyBar, rect: Rect(x: 0, y: height - 1, width: width, height: 1)))
        if help {
            let helpWidth = min(width - 4, 78)
            let helpHeight = min(height - 2, KeyMap.bindings.count + 5)
            panes.append(Placement(pane: .help, rect: Rect(x: (width - helpWidth) / 2, y: (height - helpHeight) / 2, width: helpWidth, height: helpHeight)))
        }
        return Layout(size: size, panes: panes)
    }
}
