import MatchCore
import MatchStore

/// A market night's summaries: the whole market's, stored on the run, and each office's own
/// part, which row-level security lets only that office (and the offices above it) read
/// (ADR 0030). Floors are reported as each office set them: seats earlier nights hold in the
/// region count as placed.
struct NightSummaries {
    private(set) var market = NightlySummary()
    private(set) var offices: [RunRecord.OfficePart] = []
    private var perOffice: [NightlySummary]
    private let snapshot: NightlySnapshot
    private let offers: [EngineRun.Offer]
    private let placedByRegion: [RegionCode: Int]

    init(snapshot: NightlySnapshot, built: MarketMatching.Built, offers: [EngineRun.Offer]) {
        self.snapshot = snapshot
        self.offers = offers
        perOffice = Array(repeating: NightlySummary(), count: snapshot.offices.count)
        var placed: [RegionCode: Int] = [:]
        for offer in offers {
            guard let region = snapshot.vacancies[offer.vacancy].profile.region else { continue }
            var code: RegionCode? = region
            while let current = code {
                placed[current, default: 0] += 1
                code = current.parent
            }
        }
        placedByRegion = placed
        countPosts()
        countCandidates()
        countOffers()
        countRegions()
        countExclusions()
        for adjustment in built.constraints.adjustments {
            let words = Self.describe(adjustment, snapshot: snapshot)
            market.adjustments.append(words)
            for office in Self.offices(concernedBy: adjustment, snapshot: snapshot) { perOffice[office].adjustments.append(words) }
        }
        market.candidatesLeftOut = snapshot.rejected.count
    }

    /// Adds what the engine reports (the same for every office: the market is verified as a
    /// whole) and the floors, and finishes the parts.
    mutating func record(outcome: MatchOutcome, report: VerificationReport) {
        market.stable = report.violations.isEmpty
        market.violations = report.violations.count
        market.proposals = outcome.statistics.proposals
        market.rounds = outcome.statistics.rounds
        var marketFloors: [RegionCode: Int] = [:]
        for (index, office) in snapshot.offices.enumerated() {
            perOffice[index].stable = market.stable
            perOffice[index].violations = market.violations
            perOffice[index].floors = (office.policy?.regions ?? []).compactMap { region in
                guard let floor = region.floor else { return nil }
                marketFloors[region.code] = max(marketFloors[region.code] ?? 0, floor)
                return floorReport(region.code, floor: floor)
            }
        }
        market.floors = marketFloors.keys.sorted().map { floorReport($0, floor: marketFloors[$0] ?? 0) }
        offices = snapshot.offices.indices.map { index in
            RunRecord.OfficePart(officeID: snapshot.offices[index].office.id, policyID: snapshot.offices[index].policy?.id,
                                 summary: perOffice[index])
        }
    }

    private func floorReport(_ region: RegionCode, floor: Int) -> NightlySummary.FloorReport {
        let placed = (snapshot.held[region] ?? 0) + (placedByRegion[region] ?? 0)
        return .init(region: region.digits, floor: floor, placed: placed, shortfall: max(0, floor - placed))
    }

    private mutating func countPosts() {
        for vacancy in snapshot.vacancies {
            let seats = vacancy.profile.seats
            market.vacancies += 1
            market.seats += seats
            perOffice[vacancy.office].vacancies += 1
            perOffice[vacancy.office].seats += seats
            if vacancy.underserved {
                market.underservedSeats += seats
                perOffice[vacancy.office].underservedSeats += seats
            }
        }
    }

    /// Every candidate in the market; for an office, those who ranked one of its posts.
    ///
    /// A national night walks 30 million choices here, so the loop reads a flat table of each
    /// post's office and counts into a plain array: reading `snapshot.vacancies[i].office` and
    /// adding into `perOffice[o]` (a summary with arrays inside) per choice took 0.34 s.
    private mutating func countCandidates() {
        market.candidates = snapshot.candidates.count
        let officeOfVacancy = snapshot.vacancies.map { Int32($0.office) }
        var counts = [Int](repeating: 0, count: snapshot.offices.count)
        var elsewhere = counts
        var unplaced = counts
        var stamp = [Int](repeating: -1, count: snapshot.offices.count)
        // The office each candidate was placed with (-1: nowhere), for the console's
        // choice-received chart: who of an office's candidates went to another office, and
        // who to none (ADR 0052). One pass over the offers, one look per counted office.
        var placedWith = [Int32](repeating: -1, count: snapshot.candidates.count)
        for offer in offers { placedWith[offer.candidate] = officeOfVacancy[offer.vacancy] }
        officeOfVacancy.withUnsafeBufferPointer { officeOf in
            for (index, candidate) in snapshot.candidates.enumerated() {
                candidate.choices.withUnsafeBufferPointer { choices in
                    for choice in choices {
                        let office = Int(officeOf[Int(choice)])
                        guard stamp[office] != index else { continue }
                        stamp[office] = index
                        counts[office] += 1
                        let placed = Int(placedWith[index])
                        if placed < 0 { unplaced[office] += 1 } else if placed != office { elsewhere[office] += 1 }
                    }
                }
            }
        }
        for office in counts.indices {
            perOffice[office].candidates = counts[office]
            perOffice[office].placedElsewhere = elsewhere[office]
            perOffice[office].unplaced = unplaced[office]
        }
    }

    /// Each office's seats and placements by its posts' own region, so that the console reads
    /// a night's fill without counting its offers again (ADR 0052).
    private mutating func countRegions() {
        var fill = [[String: NightlySummary.RegionFill]](repeating: [:], count: snapshot.offices.count)
        for vacancy in snapshot.vacancies {
            guard let region = vacancy.profile.region?.digits else { continue }
            fill[vacancy.office][region, default: .init(region: region, seats: 0, filled: 0)].seats += vacancy.profile.seats
        }
        for offer in offers {
            let vacancy = snapshot.vacancies[offer.vacancy]
            guard let region = vacancy.profile.region?.digits else { continue }
            fill[vacancy.office][region, default: .init(region: region, seats: 0, filled: 0)].filled += 1
        }
        for office in fill.indices { perOffice[office].regions = fill[office].keys.sorted().compactMap { fill[office][$0] } }
    }

    private mutating func countOffers() {
        var deepest = Array(repeating: 0, count: snapshot.offices.count)
        var marketDeepest = 0
        for offer in offers {
            deepest[snapshot.vacancies[offer.vacancy].office] = max(deepest[snapshot.vacancies[offer.vacancy].office], offer.choiceRank)
            marketDeepest = max(marketDeepest, offer.choiceRank)
        }
        market.rankDistribution = Array(repeating: 0, count: marketDeepest)
        for index in perOffice.indices { perOffice[index].rankDistribution = Array(repeating: 0, count: deepest[index]) }
        for offer in offers {
            let vacancy = snapshot.vacancies[offer.vacancy]
            market.filled += 1
            perOffice[vacancy.office].filled += 1
            market.rankDistribution[offer.choiceRank - 1] += 1
            perOffice[vacancy.office].rankDistribution[offer.choiceRank - 1] += 1
            if vacancy.underserved {
                market.underservedFilled += 1
                perOffice[vacancy.office].underservedFilled += 1
            }
        }
    }

    private mutating func countExclusions() {
        let officeIndex = Dictionary(uniqueKeysWithValues: snapshot.offices.enumerated().map { ($0.element.office.id, $0.offset) })
        for exclusion in snapshot.exclusions {
            market.excluded[exclusion.reason.rawValue, default: 0] += 1
            if let office = officeIndex[exclusion.officeID] { perOffice[office].excluded[exclusion.reason.rawValue, default: 0] += 1 }
        }
    }

    /// A lowered target concerns its post's office; a lowered floor, the offices that set it.
    private static func offices(concernedBy adjustment: MarketConstraints.Adjustment, snapshot: NightlySnapshot) -> [Int] {
        if let vacancy = adjustment.vacancy { return [snapshot.vacancies[vacancy].office] }
        return snapshot.offices.indices.filter { index in
            snapshot.offices[index].policy?.regions.contains { $0.code == adjustment.region && $0.floor != nil } ?? false
        }
    }

    private static func describe(_ adjustment: MarketConstraints.Adjustment, snapshot: NightlySnapshot) -> String {
        switch adjustment.kind {
        case .floorLowered:
            "floor of \(adjustment.region) lowered from \(adjustment.from) to \(adjustment.to) to fit under the caps above it"
        case .targetLowered:
            "target of vacancy \(adjustment.vacancy.map { snapshot.vacancies[$0].id } ?? 0) lowered from \(adjustment.from) "
                + "to \(adjustment.to) to fit under the cap of \(adjustment.region)"
        }
    }
}
