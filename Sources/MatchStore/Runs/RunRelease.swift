/// What a verified night hands the writer: how many offers, each batch of them explained on
/// demand, and the snapshot being encoded beside it.
///
/// Explanations are made batch by batch while the writer inserts the previous batch, not all
/// before the write: measured at 1M candidates, the insert keeps one core busy in the
/// database and the job's other core was idle for its 9 s, while the explanations had taken
/// 5 s of both cores just before (ADR 0024).
public struct RunRelease: Sendable {
    /// One offer to write: who, where, which choice, the score, the days to answer, and the
    /// exact explanation.
    public struct Placement: Sendable {
        public let candidateID: Int64
        public let vacancyID: Int64
        /// The post's rank in the candidate's whole list.
        public let choiceRank: Int
        public let score: Double?
        /// The post's office's offer days: the deadline is the end of that many days after the night.
        public let offerDays: Int
        /// The stored explanation (`OfferExplanation.json`).
        public let explanation: String

        public init(candidateID: Int64, vacancyID: Int64, choiceRank: Int, score: Double?, offerDays: Int, explanation: String) {
            self.candidateID = candidateID
            self.vacancyID = vacancyID
            self.choiceRank = choiceRank
            self.score = score
            self.offerDays = offerDays
            self.explanation = explanation
        }
    }

    /// The run's input as `talentmatch.instance/2` (with the lottery), its SHA-256, and how long that took.
    public struct EncodedSnapshot: Sendable {
        public let bytes: [UInt8]
        public let hash: String
        public let duration: Duration

        public init(bytes: [UInt8], hash: String, duration: Duration) {
            self.bytes = bytes
            self.hash = hash
            self.duration = duration
        }
    }

    /// Every post of the night with its cutoff (ADR 0037): one row each in `run_cutoffs`.
    public struct Cutoffs: Sendable {
        public var vacancyIDs: [Int64] = []
        /// The lowest admitted score, NaN when the cutoff is not a score.
        public var scores: [Double] = []
        /// The lowest admitted position (1-based), 0 when the cutoff is not a position.
        public var ranks: [Int] = []

        public init() {}

        /// Adds a post whose cutoff is a score, a position, or neither (seats left).
        public mutating func append(vacancyID: Int64, score: Double?, rank: Int?) {
            vacancyIDs.append(vacancyID)
            scores.append(score ?? .nan)
            ranks.append(rank ?? 0)
        }
    }

    public let offerCount: Int
    /// The night's cutoffs, made on demand by the writer.
    public var cutoffs: @Sendable () -> Cutoffs = { Cutoffs() }
    /// The offers at positions `range` (of `0..<offerCount`), explained. Called off the
    /// cooperative pool, on another thread than the one feeding the database.
    public let placements: @Sendable (Range<Int>) -> [Placement]
    /// Finishes on another thread; the writer stores it after the offers.
    public let encodedSnapshot: Task<EncodedSnapshot, Never>
    /// The verifier's verdict, stored with the run.
    public let verifierViolations: Int

    public init(
        offerCount: Int, verifierViolations: Int, encodedSnapshot: Task<EncodedSnapshot, Never>,
        placements: @escaping @Sendable (Range<Int>) -> [Placement]
    ) {
        self.offerCount = offerCount
        self.verifierViolations = verifierViolations
        self.encodedSnapshot = encodedSnapshot
        self.placements = placements
    }
}
