/// Why a candidate got what they got: the vacancy, and for every vacancy they ranked higher,
/// why not, with that vacancy's cutoff.
public struct CandidateExplanation: Sendable, Equatable {
    public struct Passed: Sendable, Equatable {
        public var vacancy: Int
        public var reason: RejectionReason
        public var cutoff: Cutoff
        /// In a market (several policies), the version of the office policy that scored the
        /// post; nil with one policy, where `breakdown` names it once.
        public var policy: String?

        public init(vacancy: Int, reason: RejectionReason, cutoff: Cutoff, policy: String? = nil) {
            self.vacancy = vacancy
            self.reason = reason
            self.cutoff = cutoff
            self.policy = policy
        }
    }

    public var candidate: Int
    /// Vacancy index, or -1 when unplaced.
    public var vacancy: Int
    /// The candidate's own priority at the vacancy they got.
    public var standing: Cutoff?
    /// With profiles: the score breakdown at the vacancy they got (native place included).
    public var breakdown: ScoreBreakdown?
    /// With profiles: the hard rules that admitted them there.
    public var admittedBy: [AdmissionRule]
    public var rankedAbove: [Passed]
}
