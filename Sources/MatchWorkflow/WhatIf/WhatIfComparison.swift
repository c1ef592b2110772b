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
        if let draftOffice { (difference.ownPostChanges, difference.ownFillByRegion) = ownPosts(of: draftOffice, last: last, now: now) }
        return difference
    }

    /// The draft office's posts of tonight's snapshot, post by post and region by region. A
    /// post the committed night placed on but that is no longer open is not in the snapshot,
    /// and its people count among the moved or no longer placed above.
    private func ownPosts(of office: Int64, last: CommittedAssignments, now: [Int64: Int64])
        -> ([RunDifference.PostChange], [RunDifference.RegionFill]) {
        let snapshot = engine.snapshot
        let own = snapshot.vacancies.filter { snapshot.offices[$0.office].office.id == office }
        let ownIDs = Set(own.map(\.id))
        var before: [Int64: Set<Int64>] = [:]
        var after: [Int64: Set<Int64>] = [:]
        for (candidate, vacancy) in last.assignments where ownIDs.contains(vacancy) { before[vacancy, default: []].insert(candidate) }
        for (candidate, vacancy) in now where ownIDs.contains(vacancy) { after[vacancy, default: []].insert(candidate) }
        var changes: [RunDifference.PostChange] = []
        var regions: [String: (seats: Int, before: Int, after: Int)] = [:]
        for vacancy in own {
            let was = before[vacancy.id] ?? [], tonight = after[vacancy.id] ?? []
            let region = vacancy.profile.region?.digits ?? ""
            let sum = regions[region] ?? (0, 0, 0)
            regions[region] = (sum.seats + vacancy.profile.seats, sum.before + was.count, sum.after + tonight.count)
            guard was != tonight else { continue }
            changes.append(.init(vacancyID: vacancy.id, title: vacancy.title, region: region, seats: vacancy.profile.seats,
                                 before: was.count, after: tonight.count, joined: tonight.subtracting(was).count, left: was.subtracting(tonight).count))
        }
        let fill = regions.keys.sorted().map { region in
            let sum = regions[region] ?? (0, 0, 0)
            return RunDifference.RegionFill(region: region, seats: sum.seats, before: sum.before, after: sum.after)
        }
        return (changes, fill)
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
