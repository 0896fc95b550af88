import CNCurses
import VicotopConfig

/// A theme turned into ncurses colour pairs and attributes, at the terminal's depth.
@MainActor
struct CursesPalette {
    private(set) var attributes: [Role: attr_t] = [:]
    let depth: ColorDepth
    private let pictures = PicturePairs()

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
        if let picture = style.picture, depth == .trueColor || depth == .palette256 {
            return pictures.attribute(picture, depth: depth)
        }
        var attribute = attributes[style.role] ?? vt_attr_normal()
        if style.bold { attribute |= vt_attr_bold() }
        return attribute
    }
}

/// Colour pairs for thumbnail cells, made on demand above the theme's pairs and reused
/// once the terminal's pairs run out (a thumbnail is redrawn whole each time).
@MainActor
final class PicturePairs {
    private static let first: Int32 = 64
    private var pairs: [PictureColors: Int32] = [:]
    private var numbers: [UInt32: Int32] = [:]
    private var next = first

    func attribute(_ colors: PictureColors, depth: ColorDepth) -> attr_t {
        if let pair = pairs[colors] { return vt_color_pair(pair) }
        let limit = min(Int32(vt_color_pairs()) - 1, Self.first + 2048)
        guard limit > Self.first else { return vt_attr_normal() }
        if next > limit {
            pairs.removeAll(keepingCapacity: true)
            next = Self.first
        }
        let pair = next
        next += 1
        init_extended_pair(pair, number(colors.top, depth), number(colors.bottom, depth))
        pairs[colors] = pair
        return vt_color_pair(pair)
    }

    private func number(_ rgb: UInt32, _ depth: ColorDepth) -> Int32 {
        if let known = numbers[rgb] { return known }
        let color = ThemeColor.rgb(red: Int(rgb >> 16 & 0xff), green: Int(rgb >> 8 & 0xff), blue: Int(rgb & 0xff))
        let value = Int32(depth.number(for: color))
        numbers[rgb] = value
        return value
    }
}
