import PropertyBased
import Testing
@testable import MatchCore

@Suite("Scoring a market: each vacancy under its own policy, household rules of both kinds")
struct MarketScoringTests {
    @Test("With a policy per vacancy the fast path gives each pair the eligibility and score bits of that vacancy's policy")
    func fastEqualsSlowPerPolicy() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...1_000_000)) { seed in
            var random = RandomProfiles(seed: seed)
            guard let policies = try? (0..<random.int(2...4)).map({ index in
                let drawn = try random.policy()
                return try Policy(version: "office \(index)", weights: drawn.weights, experienceCap: drawn.experienceCap,
                                  nativePlaceReason: drawn.nativePlaceReason)
            }), let vacancies = try? (0..<8).map({ try random.vacancyWithRuleKinds(id: "v\($0)") }) else {
                Issue.record("generator failed"); return
            }
            let candidates = (0..<8).map { random.candidate(id: "c\($0)") }
            let assignment = vacancies.indices.map { _ in random.int(0...policies.count - 1) }
            guard let set = try? VacancyPolicies(policies: policies, vacancyPolicy: assignment) else { Issue.record("policy set refused"); return }
            let table = PairTable(candidates: candidates, vacancies: vacancies, policies: set)
            for (c, candidate) in candidates.enumerated() {
                for (v, vacancy) in vacancies.enumerated() {
                    let eligible = Eligibility.reasons(candidate, for: vacancy).isEmpty
                    let fast = table.score(candidate: c, vacancy: v)
                    #expect((fast != nil) == eligible, "seed \(seed) pair \(c)-\(v)")
                    if let fast {
                        let slow = Scorer.score(candidate, for: vacancy, policy: policies[assignment[v]]).score
                        #expect(fast.bitPattern == slow.bitPattern, "seed \(seed) pair \(c)-\(v): \(fast) vs \(slow)")
                    }
                }
            }
            let choices = IndexLists(candidates.map { _ in (0..<random.int(0...6)).map { _ in Int32(random.int(0...vacancies.count - 1)) } })
            let assessment = PairAssessment(candidates: candidates, vacancies: vacancies, policies: set)
            let lottery = Lottery(seed: UInt64(seed), candidateCount: candidates.count)
            let fastLists = assessment.priorities(choices: choices, couples: [], lottery: lottery)
            let slowLists = assessment.referencePriorities(choices: choices, couples: [], lottery: lottery)
            #expect(fastLists.priorities == slowLists.priorities, "seed \(seed)")
            #expect(fastLists.scores.map(\.bitPattern) == slowLists.scores.map(\.bitPattern), "seed \(seed)")
        }
    }

    @Test("A rule that the registration lie outside a region admits exactly the registrations a 'within' rule refuses, never a missing one")
    func outsideRules() throws {
        let within = try HouseholdRegistrationRule(region: RegionCode("5119")!, legalBasis: "川组通〔2021〕12号")
        let outside = try HouseholdRegistrationRule(region: RegionCode("5119")!, legalBasis: "东西部协作交流办法第 4 条", kind: .outside)
        for home in ["511921", "5119", "510104", "52"] {
            let code = RegionCode(home)!
            #expect(within.admits(code) != outside.admits(code), "\(home)")
        }
        #expect(!outside.admits(nil) && !within.admits(nil))
        let vacancy = VacancyProfile(id: "v", region: RegionCode("511921"), seats: 1, householdRules: [outside])
        let local = CandidateProfile(id: "c", specialties: [], education: .bachelor, householdRegistration: HouseholdRegistration(region: RegionCode("511902")!))
        let reasons = Eligibility.reasons(local, for: vacancy)
        #expect(reasons == [.householdRegistration(rule: outside, actual: RegionCode("511902"))])
        #expect(reasons.first?.description == "household registration must be outside 5119 (东西部协作交流办法第 4 条); yours is 511902")
        let visitor = CandidateProfile(id: "d", specialties: [], education: .bachelor, householdRegistration: HouseholdRegistration(region: RegionCode("3101")!))
        #expect(Eligibility.reasons(visitor, for: vacancy).isEmpty)
        #expect(AdmissionRules.passed(visitor, vacancy).last?.description == "household registration outside 5119, as required by: 东西部协作交流办法第 4 条")
    }

    @Test("In a market the explanation names the office policy that scored every post ranked above")
    func explanationsNamePolicies() throws {
        let code = SpecialtyCode("080901")!
        let strict = try Policy(version: "BZ-HR v2", weights: [.experience: 1])
        let plain = try Policy(version: "GY-HR v1", weights: [.specialtyFit: 1])
        let posts = [VacancyProfile(id: "gy", region: RegionCode("510802"), seats: 1, requiredSpecialties: [.init(code: code)]),
                     VacancyProfile(id: "bz", region: RegionCode("511921"), seats: 1, requiredSpecialties: [.init(code: code)])]
        let senior = CandidateProfile(id: "senior", specialties: [code], education: .bachelor, yearsOfExperience: 9, ranking: ["bz", "gy"])
        let junior = CandidateProfile(id: "junior", specialties: [code], education: .bachelor, yearsOfExperience: 1, ranking: ["bz", "gy"])
        let document = try ProfileMatching.instance(
            candidates: [senior, junior], vacancies: posts,
            policies: VacancyPolicies(policies: [plain, strict], vacancyPolicy: [0, 1]), seed: 3
        )
        let outcome = MatchEngine.solve(document.instance)
        #expect(outcome.assignment == [1, 0], "巴中 ranks by experience, so the senior candidate gets it")
        let explainer = Explainer(instance: document.instance, assignment: outcome.assignment, assessment: document.assessment)
        let juniorWhy = explainer.explain(1)
        #expect(juniorWhy.breakdown?.policyVersion == "GY-HR v1")
        #expect(juniorWhy.rankedAbove.map(\.policy) == ["BZ-HR v2"])
        let single = try ProfileMatching.instance(candidates: [senior, junior], vacancies: posts, policy: strict, seed: 3)
        let plainWhy = Explainer(instance: single.instance, assignment: MatchEngine.solve(single.instance).assignment, assessment: single.assessment)
        #expect(plainWhy.explain(1).rankedAbove.allSatisfy { $0.policy == nil }, "one policy is named once, in the breakdown")
    }
}

extension RandomProfiles {
    /// A vacancy whose household rules are of either kind (drawn after the vacancy, so the
    /// draws of `vacancy(id:)` stay those of the frozen digests).
    mutating func vacancyWithRuleKinds(id: String) throws -> VacancyProfile {
        var vacancy = try vacancy(id: id)
        vacancy.householdRules = try vacancy.householdRules.map { rule in
            try HouseholdRegistrationRule(region: rule.region, legalBasis: rule.legalBasis, kind: chance(50) ? .within : .outside)
        }
        if !vacancy.householdRules.isEmpty || chance(30) {
            vacancy.householdRules.append(try HouseholdRegistrationRule(region: element(Self.regions), legalBasis: "basis", kind: .outside))
        }
        return vacancy
    }
}
