/// The bar a vacancy set: the lowest admitted score (or rank position, for vacancies that
/// gave a plain ranking), or open when it still has free seats.
public enum Cutoff: Sendable, Equatable, CustomStringConvertible {
    case open
    case score(Double)
    /// 1-based position in the vacancy's ranking of its last admitted candidate.
    case rank(Int)

    public var description: String {
        switch self {
        case .open: "open"
        case .score(let value): value.description
        case .rank(let position): "rank \(position)"
        }
    }
}
