import MatchCore

extension NightlySnapshot {
    /// The same night without the posts at `positions` (each recorded as an exclusion with
    /// `reason` and its `detail`): candidates keep their other choices, with their ranks in
    /// their whole lists, and a candidate left with none sits the night out.
    public func leavingOut(
        _ positions: Set<Int>, reason: Exclusion.Reason, detail: (Vacancy) -> String
    ) -> NightlySnapshot {
        guard !positions.isEmpty else { return self }
        var shift = [Int32](repeating: -1, count: vacancies.count)
        var kept: [Vacancy] = []
        for (position, vacancy) in vacancies.enumerated() where !positions.contains(position) {
            shift[position] = Int32(kept.count)
            kept.append(vacancy)
        }
        let left = positions.sorted().map { position in
            let vacancy = vacancies[position]
            return Exclusion(vacancyID: vacancy.id, officeID: offices[vacancy.office].office.id, reason: reason, detail: detail(vacancy))
        }
        let people = candidates.compactMap { candidate -> Candidate? in
            var choices: [Int32] = []
            var ranks: [UInt8] = []
            for (index, choice) in candidate.choices.enumerated() where shift[Int(choice)] >= 0 {
                choices.append(shift[Int(choice)])
                ranks.append(UInt8(clamping: candidate.rank(ofChoice: index)))
            }
            guard !choices.isEmpty || candidate.inCouple else { return nil }
            let contiguous = ranks.enumerated().allSatisfy { Int($0.element) == $0.offset + 1 }
            return Candidate(id: candidate.id, rankingID: candidate.rankingID, profile: candidate.profile, choices: choices,
                             ranks: contiguous ? [] : ranks, inCouple: candidate.inCouple)
        }
        // Couples name posts by id: a pair naming a post left out is dropped when the instance is built.
        return NightlySnapshot(
            market: market, offices: offices, vacancies: kept, candidates: people, held: held,
            exclusions: (exclusions + left).sorted { $0.vacancyID < $1.vacancyID }, rejected: rejected, couples: couples
        )
    }
}
