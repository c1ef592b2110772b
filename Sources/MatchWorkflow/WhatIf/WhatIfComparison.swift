import MatchStore

/// Compares a what-if with the committed run, candidate by candidate, telling apart what
/// changes on the draft office's own posts from what spills over to other offices' posts
/// (ADR 0030): a policy reorders its own posts' applicants, and the people it turns away or
/// takes in move on other offices' posts too.
struct WhatIfComparison {
    let engine: EngineRun
    /// The office whose draft policy the what-if used; nil for its current policy.
    let draftOffice: Int64?

    func difference(from last: CommittedAssignments?) -> RunDifference {
        guard let last else { return RunDifference() }
        var difference = RunDifference(comparedRunID: last.runID)
        let snapshot = engine.snapshot
        var officeOfVacancy: [Int64: Int64] = [:]
        for vacancy in snapshot.vacancies { officeOfVacancy[vacancy.id] = snapshot.offices[vacancy.office].office.id }
        let codeOfOffice = Dictionary(uniqueKeysWithValues: snapshot.offices.map { ($0.office.id, $0.office.code) })
        var now: [Int64: Int64] = [:]
        for offer in engine.offers { now[offer.candidateID] = offer.vacancyID }
        let everyone = Set(now.keys).union(last.assignments.keys)
        for candidate in everyone.sorted() {
            let before = last.assignments[candidate]
            let after = now[candidate]
            count(before: before, after: after, into: &difference.unchanged, &difference.moved, &difference.newlyPlaced, &difference.noLongerPlaced)
            let own = [before, after].contains { $0.flatMap { officeOfVacancy[$0] } == draftOffice && draftOffice != nil }
            var part = own ? difference.ownPosts : difference.spillover
            count(before: before, after: after, into: &part.unchanged, &part.moved, &part.newlyPlaced, &part.noLongerPlaced)
            if own { difference.ownPosts = part } else { difference.spillover = part }
            guard before != after, draftOffice != nil else { continue }
            for (vacancy, gained) in [(before, false), (after, true)] {
                guard let vacancy, let office = officeOfVacancy[vacancy], office != draftOffice, let code = codeOfOffice[office] else { continue }
                var shift = difference.spilloverByOffice[code] ?? RunDifference.Shift()
                if gained { shift.gained += 1 } else { shift.lost += 1 }
                difference.spilloverByOffice[code] = shift
            }
        }
        return difference
    }

    private func count(before: Int64?, after: Int64?, into unchanged: inout Int, _ moved: inout Int, _ newly: inout Int, _ lost: inout Int) {
        switch (before, after) {
        case (nil, nil): break
        case (nil, .some): newly += 1
        case (.some, nil): lost += 1
        case let (.some(old), .some(new)): if old == new { unchanged += 1 } else { moved += 1 }
        }
    }
}
