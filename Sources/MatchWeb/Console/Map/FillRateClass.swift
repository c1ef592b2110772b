/// The five classes a county's fill rate is coloured by on the map, and "no posts".
///
/// Fixed classes rather than classes fitted to each night's numbers: an office compares its
/// map night after night, and the same colour must mean the same share every time.
enum FillRateClass: Int, Sendable, CaseIterable {
    case noPosts, under20, under40, under60, under80, upTo100

    /// The class of `filled` out of `seats`.
    init(seats: Int, filled: Int) {
        guard seats > 0 else { self = .noPosts; return }
        let percent = filled * 100 / seats
        self = switch percent {
        case ..<20: .under20
        case ..<40: .under40
        case ..<60: .under60
        case ..<80: .under80
        default: .upTo100
        }
    }

    /// One blue, lighter for emptier counties (ColorBrewer's 5-class "Blues"), and a pale grey
    /// for counties without posts; the darkest text-free fill still shows its outline.
    var colour: String {
        switch self {
        case .noPosts: "#f2f2f2"
        case .under20: "#eff3ff"
        case .under40: "#bdd7e7"
        case .under60: "#6baed6"
        case .under80: "#3182bd"
        case .upTo100: "#08519c"
        }
    }

    /// The catalogue key of the legend's words for the class.
    var labelKey: String { "console_map_class_\(rawValue)" }
}
