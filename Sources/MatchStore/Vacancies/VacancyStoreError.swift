/// Why a post could not be written or read. `notFound` also answers for another centre's
/// post: a centre learns nothing about posts that are not its own.
public enum VacancyStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid([FieldProblem])
    case notFound(id: Int64)
    case closed(id: Int64)
    case illegalTransition(id: Int64, from: VacancyStatus, to: VacancyStatus)
    case unknownCentre(id: Int64)
    case invalidCursor

    public var description: String {
        switch self {
        case .invalid(let problems): "the post has \(problems.count) problem(s): " + problems.map(\.description).joined(separator: "; ")
        case .notFound(let id): "no post \(id) at this centre"
        case .closed(let id): "post \(id) is closed; a closed post is not changed"
        case .illegalTransition(let id, let from, let to): "post \(id) is \(from.rawValue) and cannot become \(to.rawValue)"
        case .unknownCentre(let id): "no active centre \(id)"
        case .invalidCursor: "the cursor is not one this listing handed out"
        }
    }
}
