import PropertyBased
import Testing
@testable import MatchCore

@Suite("A market of several offices is solved once, the same whatever the order of its offices")
struct MarketMatchingTests {
    /// Candidate id → vacancy id.
    static func placements(_ built: MarketMatching.Built) -> [String: String] {
        let instance = built.document.instance
        let outcome = MatchEngine.solve(instance)
        var result: [String: String] = [:]
        for (candidate, vacancy) in outcome.assignment.enumerated() where vacancy >= 0 {
            result[instance.candidateIDs[candidate]] = instance.vacancyIDs[Int(vacancy)]
        }
        return result
    }

    /// Rankings as positions among the vacancies of `offices` in the order given.
    static func positions(_ candidates: [CandidateProfile], _ offices: [MarketMatching.Office]) -> [[Int32]] {
        var index: [String: Int32] = [:]
        for (position, id) in offices.flatMap({ $0.vacancies.map(\.id) }).enumerated() { index[id] = Int32(position) }
        return candidates.map { $0.ranking.compactMap { index[$0] } }
    }

    @Test("Random markets of 2–5 nested offices: listing the offices in any order gives the same instance and the same offers")
    func orderOfOfficesDoesNotMatter() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...1_000_000)) { seed in
            var random = RandomMarkets(seed: seed)
            guard let market = try? random.market(candidates: 2...12, postsPerOffice: 1...3) else { Issue.record("generator failed"); return }
            guard let listed = try? MarketMatching.instance(
                offices: market.offices, candidates: market.candidates, held: market.held, seed: UInt64(seed),
                rankingPositions: Self.positions(market.candidates, market.offices)
            ) else { Issue.record("seed \(seed): the market was refused"); return }
            let bytes = InstanceEncoder.encode(listed.document.instance)
            let expected = Self.placements(listed)
            for _ in 0..<3 {
                let reordered = random.shuffled(market.offices.count).map { market.offices[$0] }
                guard let again = try? MarketMatching.instance(
                    offices: reordered, candidates: market.candidates, held: market.held, seed: UInt64(seed),
                    rankingPositions: Self.positions(market.candidates, reordered)
                ), let byIDs = try? MarketMatching.instance(
                    offices: reordered, candidates: market.candidates, held: market.held, seed: UInt64(seed)
                ) else { Issue.record("seed \(seed): a reordered market was refused"); return }
                #expect(InstanceEncoder.encode(again.document.instance) == bytes, "seed \(seed): offices \(reordered.map(\.code))")
                #expect(InstanceEncoder.encode(byIDs.document.instance) == bytes, "seed \(seed): rankings by id")
                #expect(Self.placements(again) == expected, "seed \(seed)")
                #expect(again.officeCodes == listed.officeCodes)
            }
        }
    }

    @Test("Brute force: the market's result is stable and the best stable result for every candidate")
    func stableAndCandidateOptimal() async {
        await propertyCheck(count: 150, input: Gen.int(in: 0...1_000_000)) { seed in
            var random = RandomMarkets(seed: seed)
            guard let market = try? random.market(candidates: 2...6, postsPerOffice: 1...2),
                  let built = try? MarketMatching.instance(offices: market.offices, candidates: market.candidates, held: market.held, seed: UInt64(seed))
            else { Issue.record("seed \(seed): generator or market failed"); return }
            let instance = built.document.instance
            let outcome = MatchEngine.solve(instance)
            let report = Verifier.verify(instance, assignment: outcome.assignment)
            #expect(report.isStable && report.isFeasible, "seed \(seed): \(report.violations.map(\.detail))")
            let stable = BruteForce.matchings(instance).filter { Verifier.verify(instance, assignment: $0).isStable }
            #expect(BruteForce.candidateOptimal(stable, instance) == outcome.assignment, "seed \(seed)")
            if instance.regions.allSatisfy({ $0.cap == nil }) {
                #expect(BruteForce.isStable(outcome.assignment, instance), "seed \(seed): Gale–Shapley stable without caps")
            }
        }
    }

    @Test("Each post's applicants are ordered and scored by its own office's policy")
    func eachPostByItsOfficePolicy() async {
        await propertyCheck(count: 150, input: Gen.int(in: 0...1_000_000)) { seed in
            var random = RandomMarkets(seed: seed)
            guard let market = try? random.market(candidates: 2...12, postsPerOffice: 1...3),
                  let built = try? MarketMatching.instance(offices: market.offices, candidates: market.candidates, seed: UInt64(seed)),
                  let assessment = built.document.assessment
            else { Issue.record("seed \(seed): generator or market failed"); return }
            let instance = built.document.instance
            let policyByOffice = Dictionary(uniqueKeysWithValues: market.offices.map { ($0.code, $0.policy) })
            for vacancy in 0..<instance.vacancyCount {
                let office = built.officeCodes[Int(built.vacancyOffice[vacancy])]
                let policy = try #require(policyByOffice[office])
                #expect(assessment.policy(ofVacancy: vacancy) == policy)
                for index in instance.priorities.range(of: vacancy) {
                    let candidate = Int(instance.priorities.items[index])
                    let expected = Scorer.score(assessment.candidates[candidate], for: assessment.vacancies[vacancy], policy: policy).score
                    #expect(instance.score(atPriorityIndex: index)?.bitPattern == expected.bitPattern, "seed \(seed)")
                }
            }
        }
    }

    @Test("A market of one office is exactly that office's own instance")
    func oneOfficeIsTheOfficeInstance() throws {
        var random = RandomMarkets(seed: 11)
        let market = try random.market(candidates: 8...8, postsPerOffice: 3...3)
        var office = market.offices[0]
        // Listed out of code order; the office's own instance lists them by code, as the nightly job reads them.
        office.regions = [RegionConstraint(code: RegionCode("5119")!, cap: 100), RegionConstraint(code: RegionCode("51")!, cap: 200, floor: 1)]
        let ids = Set(office.vacancies.map(\.id))
        let candidates = market.candidates.map { candidate in
            var own = candidate
            own.ranking = candidate.ranking.filter(ids.contains)
            return own
        }
        let single = try ProfileMatching.instance(
            candidates: candidates, vacancies: office.vacancies, policy: office.policy, regions: office.regions.reversed(), seed: 5
        )
        let built = try MarketMatching.instance(offices: [office], candidates: candidates, seed: 5)
        #expect(InstanceEncoder.encode(built.document.instance) == InstanceEncoder.encode(single.instance))
        #expect(built.document.assessment?.policies.isMarket == false)
    }

    @Test("Two offices with the same code, or two policies with the same version, are refused")
    func duplicatesRefused() throws {
        let policy = Policy.standard
        let post = VacancyProfile(id: "v1", region: RegionCode("511921"), seats: 1)
        let other = VacancyProfile(id: "v2", region: RegionCode("510802"), seats: 1)
        #expect(throws: InputError("/offices/1/code", "office 'BZ-HR' is listed twice")) {
            try MarketMatching.instance(offices: [.init(code: "BZ-HR", policy: policy, vacancies: [post]),
                                                  .init(code: "BZ-HR", policy: policy, vacancies: [other])], candidates: [], seed: 1)
        }
        #expect(throws: InputError("/policies/1/version", "policy 'standard-1' is listed twice")) {
            try MarketMatching.instance(offices: [.init(code: "BZ-HR", policy: policy, vacancies: [post]),
                                                  .init(code: "GY-HR", policy: policy, vacancies: [other])], candidates: [], seed: 1)
        }
    }
}
