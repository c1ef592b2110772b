/// Why a candidate did not get a vacancy they ranked above the one they got.
public enum RejectionReason: Sendable, Equatable, CustomStringConvertible {
    /// Every seat went to someone with higher priority.
    case full(cutoff: Cutoff, yours: Cutoff)
    /// The vacancy had seats, but an enclosing region's cap was reached.
    case regionCapReached(region: RegionCode)
    /// Hard rules failed; none when the vacancy does not list the candidate at all (an
    /// instance without profiles gives no rules to name).
    case notEligible(reasons: [IneligibilityReason])
    /// Only in unstable outcomes (couples): the pair blocks; see the verification.
    case notAdmitted

    public var code: String {
        switch self {
        case .full: "full"
        case .regionCapReached: "region-cap"
        case .notEligible: "not-eligible"
        case .notAdmitted: "not-admitted"
        }
    }

    public var description: String {
        switch self {
        case .full(let cutoff, let yours):
            if case .score(let bar) = cutoff, case .score(let mine) = yours {
                return "full: cutoff \(bar), your score \(mine)" + (bar == mine ? " (tie broken by the seeded lottery)" : "")
            }
            return "full: cutoff \(cutoff), yours \(yours)"
        case .regionCapReached(let region): return "region cap reached (\(region))"
        case .notEligible(let reasons) where reasons.isEmpty: return "not eligible: the vacancy does not list you"
        case .notEligible(let reasons): return "not eligible: " + reasons.map(\.description).joined(separator: "; ")
        case .notAdmitted: return "not admitted although it would have you: the outcome is unstable here (see verification)"
        }
    }
}
