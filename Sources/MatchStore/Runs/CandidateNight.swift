import Foundation
import MatchCore

/// One night a candidate took part in, explained for every post they ranked (ADR 0037, 0038): the cutoff
/// form of a stable matching (Azevedo and Leshno) — a candidate gets the best post on their
/// list whose cutoff they clear.
public struct CandidateNight: Sendable, Equatable {
    /// What happened at one ranked post.
    public enum Verdict: Sendable, Equatable {
        /// The night offered them this post.
        case offered
        /// They got a post they ranked higher.
        case gotHigherChoice(rank: Int)
        /// A hard rule they fail, with its basis (a household rule names its legal basis).
        case notEligible([IneligibilityReason])
        /// Their score was below the post's cutoff, by `by` points.
        case belowCutoff(by: Double)
        /// Their score equalled the cutoff and the night's lottery put the last admitted first.
        case lostOnLottery
        /// The post had seats left, but a regional cap was reached (or a couple's pair blocked).
        case capReached
        /// They had declined it or let it expire: it is never offered to them again.
        case declinedBefore
        /// The post was not in that night's match (closed, or its seats held by earlier offers).
        case notInNight
    }

    /// One post of their ranking.
    public struct Post: Sendable, Equatable {
        public let vacancyID: Int64
        public let title: String
        /// Its place in their list (1 = first choice).
        public let rank: Int
        /// Their score and breakdown under that post's office's policy of that night.
        public let breakdown: ScoreBreakdown?
        /// The post's cutoff that night; nil when it was not in the night.
        public let cutoff: Cutoff?
        public let verdict: Verdict
        /// The post's requirements are the ones it had that night (ADR 0051). False when they
        /// are not kept (the post was first versioned after the night, by migration 0103): the
        /// earliest version kept after the night is used, and the page says so.
        public let requirementsFromNight: Bool
    }

    public let runID: Int64
    public let night: String
    public let posts: [Post]
    /// The candidate changed their profile after the night; the scores shown still use the
    /// profile they had that night (ADR 0050).
    public let profileChangedSince: Bool
    /// The profile used is the one they had that night. False only when it is not kept: a night
    /// before profiles were versioned, or household registration erased since with its
    /// consent; the earliest version kept after the night is used, and the page says so.
    public let profileFromNight: Bool

    /// Every ranked post is read with the requirements it had that night.
    public var postsFromNight: Bool { posts.allSatisfy(\.requirementsFromNight) }
}

extension CandidateNight.Verdict {
    /// The verdict at a post the candidate did not decline: the offer, or the first reason in
    /// the order of the cutoff form (rules, a higher post, the cutoff, the cap).
    static func of(
        rank: Int, offeredRank: Int?, offeredHere: Bool, reasons: [IneligibilityReason], score: Double?, cutoff: Cutoff?
    ) -> Self {
        if offeredHere { return .offered }
        guard let cutoff else { return .notInNight }
        if !reasons.isEmpty { return .notEligible(reasons) }
        if let offeredRank, offeredRank < rank { return .gotHigherChoice(rank: offeredRank) }
        if case .score(let lowest) = cutoff, let score {
            if score < lowest { return .belowCutoff(by: ((lowest - score) * 10_000).rounded() / 10_000) }
            if score == lowest { return .lostOnLottery }
        }
        return .capReached
    }
}
