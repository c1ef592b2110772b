/// The proposals of one round of flexible deferred acceptance, recorded by `collect` while
/// it walks the candidates, so that offering them after the re-allotment reads two
/// sequential arrays instead of looking every candidate's position and choice up again.
struct ProposalBatch {
    /// `rank << 32 | vacancy`, as in `RankTable.choicePairs`.
    private(set) var pairs: [UInt64] = []
    private(set) var candidates: [Int32] = []

    mutating func append(_ pair: UInt64, _ candidate: Int32) {
        pairs.append(pair)
        candidates.append(candidate)
    }

    mutating func removeAll() {
        pairs.removeAll(keepingCapacity: true)
        candidates.removeAll(keepingCapacity: true)
    }
}
