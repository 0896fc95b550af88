import CNCurses
import VicotopConfig

/// A theme turned into ncurses colour pairs and attributes, at the terminal's depth.
@MainActor
struct CursesPalette {
    private(set) var attributes: [Role: attr_t] = [:]
    let depth: ColorDepth

    /// Defines one colour pair per role (pair = role + 1) and the attributes that carry
    /// meaning when colour cannot: reverse video for selection and header, bold for
    /// errors, dim for muted text.
    init(theme: Theme, depth: ColorDepth) {
        self.depth = depth
        for role in Role.allCases {
            var attribute = vt_attr_normal()
            let (foreground, background) = theme.colors(for: role)
            if depth != .noColor {
                let pair = Int32(role.rawValue + 1)
                init_extended_pair(pair, Int32(depth.number(for: foreground)), Int32(depth.number(for: background)))
                attribute |= vt_color_pair(pair)
                if depth.needsBold(foreground) { attribute |= vt_attr_bold() }
            }
            // Without a background colour of their own, selection and header stand out
            // in reverse video.
            let reverse = (role == .selection || role == .header) && (depth == .noColor || background == .terminalDefault)
            if reverse { attribute |= vt_attr_reverse() }
            if depth == .noColor {
                switch role {
                case .error, .warn, .accent, .demo: attribute |= vt_attr_bold()
                case .muted, .border: attribute |= vt_attr_dim()
                default: break
                }
            }
            attributes[role] = attribute
        }
    }

    /// The attributes of a style.
    func attribute(_ style: Style) -> attr_t {
        var attribute = attributes[style.role] ?? vt_attr_normal()
        if style.bold { attribute |= vt_attr_bold() }
        return attribute
    }
}
