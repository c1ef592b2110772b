import PropertyBased
import Testing
@testable import MatchCore

@Suite("Fast pair scoring equals Eligibility and Scorer")
struct PairTableTests {
    @Test("On random profiles and policies the fast path gives the same eligibility and the same score bits")
    func fastEqualsSlow() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...1_000_000)) { seed in
            var random = RandomProfiles(seed: seed)
            guard let policy = try? random.policy(),
                  let vacancies = try? (0..<6).map({ try random.vacancy(id: "v\($0)") }) else {
                Issue.record("generator failed"); return
            }
            let candidates = (0..<6).map { random.candidate(id: "c\($0)") }
            let table = PairTable(candidates: candidates, vacancies: vacancies, policy: policy)
            for (c, candidate) in candidates.enumerated() {
                for (v, vacancy) in vacancies.enumerated() {
                    let eligible = Eligibility.reasons(candidate, for: vacancy).isEmpty
                    let fast = table.score(candidate: c, vacancy: v)
                    #expect((fast != nil) == eligible, "seed \(seed) pair \(c)-\(v)")
                    if let fast {
                        let slow = Scorer.score(candidate, for: vacancy, policy: policy).score
                        #expect(fast.bitPattern == slow.bitPattern, "seed \(seed) pair \(c)-\(v): \(fast) vs \(slow)")
                    }
                }
            }
        }
    }

    @Test("Priorities equal the reference path on random markets, repeats and couples included")
    func prioritiesEqualReference() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...1_000_000)) { seed in
            var random = RandomProfiles(seed: seed)
            guard let market = try? random.market(candidates: random.int(2...40), vacancies: random.int(1...8)),
                  let policy = try? random.policy() else {
                Issue.record("generator failed"); return
            }
            // Rankings with repeated vacancies exercise the stamp that skips repeats.
            let choices = IndexLists(market.candidates.map { _ in (0..<random.int(0...6)).map { _ in Int32(random.int(0...market.vacancies.count - 1)) } })
            let couples = [Couple(first: 0, second: Int32(market.candidates.count - 1), choices: [
                CouplePair(first: 0, second: CouplePair.none), CouplePair(first: 0, second: Int32(market.vacancies.count - 1)),
            ])]
            let assessment = PairAssessment(candidates: market.candidates, vacancies: market.vacancies, policy: policy)
            let lottery = Lottery(seed: UInt64(seed), candidateCount: market.candidates.count)
            let fast = assessment.priorities(choices: choices, couples: couples, lottery: lottery)
            let slow = assessment.referencePriorities(choices: choices, couples: couples, lottery: lottery)
            #expect(fast.priorities == slow.priorities, "seed \(seed)")
            #expect(fast.scores.map(\.bitPattern) == slow.scores.map(\.bitPattern), "seed \(seed)")
        }
    }

    @Test("Weights whose sum overflows give NaN scores; those vacancies are ordered by the reference")
    func overflowingWeightsFallBack() throws {
        let policy = try Policy(version: "huge", weights: [.specialtyFit: .greatestFiniteMagnitude, .experience: .greatestFiniteMagnitude])
        let code = SpecialtyCode("080901")!
        let candidates = (0..<5).map { CandidateProfile(id: "c\($0)", specialties: [code], education: .bachelor, yearsOfExperience: $0) }
        let vacancies = [VacancyProfile(id: "v", region: nil, seats: 1, requiredSpecialties: [SpecialtyRequirement(code: code)])]
        let assessment = PairAssessment(candidates: candidates, vacancies: vacancies, policy: policy)
        let choices = IndexLists(candidates.map { _ in [0] })
        let lottery = Lottery(seed: 3, candidateCount: candidates.count)
        let fast = assessment.priorities(choices: choices, couples: [], lottery: lottery)
        let slow = assessment.referencePriorities(choices: choices, couples: [], lottery: lottery)
        #expect(fast.scores.contains { $0.isNaN })
        #expect(fast.priorities == slow.priorities)
        #expect(fast.scores.map(\.bitPattern) == slow.scores.map(\.bitPattern))
    }
}
