import MatchStore

/// For each placed partner of a couple, the rank of the pair the couple got in its whole
/// joint list (1 = its first pair): what their offer calls the choice they received.
struct CouplePairRanks {
    private var rankByCandidate: [Int64: Int] = [:]

    init(snapshot: NightlySnapshot, assignment: [Int32]) {
        guard !snapshot.couples.isEmpty else { return }
        var placed: [Int64: Int64] = [:]
        for (position, candidate) in snapshot.candidates.enumerated() where candidate.inCouple && assignment[position] >= 0 {
            placed[candidate.id] = snapshot.vacancies[Int(assignment[position])].id
        }
        for couple in snapshot.couples {
            let got = (placed[couple.first], placed[couple.second])
            guard let pair = couple.pairs.first(where: { $0.first == got.0 && $0.second == got.1 }) else { continue }
            for member in [couple.first, couple.second] where placed[member] != nil { rankByCandidate[member] = pair.rank }
        }
    }

    subscript(candidateID: Int64) -> Int? { rankByCandidate[candidateID] }
}
