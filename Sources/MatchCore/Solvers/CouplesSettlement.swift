/// How the couples phase of a solve ended: what the nightly job acts on (ADR 0039).
///
/// With couples a stable matching may not exist. The engine tries, in order: the
/// Roth–Peranson pass with complete repair, the same with the couples in other orders, and a
/// bounded exact search over the part of the market the remaining blocking pairs involve.
/// When all fail, the fallback applies: the best matching found (fewest blocking agents), with
/// every free seat an agent wants filled, is returned for review and must not be released
/// automatically; the verifier lists its blocking pairs.
public enum CouplesSettlement: String, Sendable, Equatable, CaseIterable {
    /// The instance has no couples.
    case noCouples = "no-couples"
    /// Stable after the Roth–Peranson pass.
    case heuristic
    /// Stable after processing the couples in another order.
    case reordered
    /// Stable matching found by the bounded exact search.
    case exactSearch = "exact-search"
    /// Fallback: no stable matching found within the bounds (one may exist).
    case unsettled
    /// Fallback: the exact search proved that no stable matching exists.
    case noStableMatching = "no-stable-matching"

    /// Whether the engine settled on a matching it checked stable. The result may be released
    /// only when this holds and the independent verifier agrees (`MatchOutcome.isReleasable`).
    public var isSettled: Bool {
        switch self {
        case .noCouples, .heuristic, .reordered, .exactSearch: true
        case .unsettled, .noStableMatching: false
        }
    }
}
