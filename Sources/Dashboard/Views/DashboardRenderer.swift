/// Draws panes of the dashboard onto surfaces. The same code draws into ncurses windows
/// and into in-memory surfaces for the snapshot tests.
@MainActor
public struct DashboardRenderer {
    /// The glyph set: Unicode, or ASCII fallbacks.
    public var glyphs: Glyphs

    /// A renderer with a glyph set.
    public init(glyphs: Glyphs) { self.glyphs = glyphs }

    /// The layout for a terminal size and the model's state.
    public func layout(_ model: DashboardModel, size: Size) -> Layout {
        Layout.compute(size: size, deviceRows: model.visible.count, focus: model.focus, help: model.mode == .help)
    }

    /// Draws one pane onto a surface of the pane's size.
    public func draw(_ pane: Pane, model: DashboardModel, size: Size, on surface: any Surface) {
        switch pane {
        case .header: HeaderView(glyphs: glyphs).draw(model, on: surface)
        case .list: DeviceListView(glyphs: glyphs).draw(model, on: surface)
        case .detail: DetailView(glyphs: glyphs).draw(model, on: surface)
        case .log: EventLogView(glyphs: glyphs).draw(model, on: surface)
        case .keyBar: KeyBarView(glyphs: glyphs).draw(model, on: surface)
        case .help: HelpView(glyphs: glyphs).draw(model, on: surface)
        case .tooSmall: TooSmallView().draw(size: size, on: surface)
        }
    }

    /// The whole screen drawn into memory.
    public func render(_ model: DashboardModel, size: Size, asciiOnly: Bool = false) -> TextSurface {
        let screen = TextSurface(size: size, asciiOnly: asciiOnly)
        for placement in layout(model, size: size).panes {
            draw(placement.pane, model: model, size: size, on: screen.region(placement.rect))
        }
        return screen
    }
}
