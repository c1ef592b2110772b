import Foundation
import MatchCore

/// Why each pair a couple ranked above the pair they got was not possible (issue 17), for
/// both partners' posts, in the single candidate's verdicts (ADR 0037): a rule with its
/// basis, below the cutoff by how much, the lottery, a cap — from the night's `run_cutoffs`.
public struct CoupleNight: Sendable, Equatable {
    /// One partner's side of a pair: their post there (nil: left unplaced, as they accepted)
    /// and their verdict at it that night.
    public struct Slot: Sendable, Equatable {
        public let candidateID: Int64
        public let name: String
        public let post: CandidateNight.Post?
    }

    /// A pair ranked above the one they got; `first` is the inviter's side.
    public struct Pair: Sendable, Equatable {
        /// Its place in the joint list the night used (1 = first).
        public let rank: Int
        public let first: Slot
        public let second: Slot
    }

    public let runID: Int64
    public let night: String
    /// The place of the pair they got in that joint list.
    public let gotRank: Int
    /// Every pair above it, best first.
    public let higherPairs: [Pair]
}
