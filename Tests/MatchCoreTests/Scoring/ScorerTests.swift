import Testing
@testable import MatchCore

@Suite("Eligibility and scoring")
struct ScorerTests {
    static let code = SpecialtyCode("080901")!
    static func vacancy(modes: Set<IntroductionMode> = [.fullTransfer], rules: [HouseholdRegistrationRule] = []) -> VacancyProfile {
        VacancyProfile(
            id: "v", region: RegionCode("511921"), seats: 1,
            requiredSpecialties: [SpecialtyRequirement(code: code, accepted: [.sameCode, .sameClass])],
            minimumEducation: .bachelor, acceptedModes: modes, householdRules: rules, hardshipCategory: 3
        )
    }

    static func candidate(_ specialty: String = "080902", modes: Set<IntroductionMode> = [.fullTransfer]) -> CandidateProfile {
        CandidateProfile(
            id: "c", specialties: [SpecialtyCode(specialty)!], education: .master, yearsOfExperience: 4,
            householdRegistration: HouseholdRegistration(region: RegionCode("511902")!), acceptedModes: modes, acceptsHardshipAreas: true
        )
    }

    @Test("A candidate who accepts only flexible modes is never eligible for a full-transfer-only post")
    func flexibleVersusFullTransfer() {
        let reasons = Eligibility.reasons(Self.candidate(modes: [.remote, .partTime]), for: Self.vacancy())
        #expect(reasons.map(\.code) == ["introduction-mode"])
    }

    @Test("Specialty fit follows the code → class → discipline ladder and the accepted rungs")
    func specialtyLadder() {
        #expect(Eligibility.bestAcceptedFit(Self.candidate("080901"), Self.vacancy()) == .sameCode)
        #expect(Eligibility.bestAcceptedFit(Self.candidate("080902"), Self.vacancy()) == .sameClass)
        #expect(Eligibility.bestAcceptedFit(Self.candidate("081001"), Self.vacancy()) == nil)
        #expect(Eligibility.reasons(Self.candidate("081001"), for: Self.vacancy()).map(\.code) == ["specialty"])
    }

    @Test("A household-registration rule needs its legal basis and is quoted when it fails")
    func householdRules() throws {
        #expect(throws: PolicyError.missingLegalBasis(region: RegionCode("5119")!)) {
            try HouseholdRegistrationRule(region: RegionCode("5119")!, legalBasis: " ")
        }
        let rule = try HouseholdRegistrationRule(region: RegionCode("5120")!, legalBasis: "川组通〔2021〕12号")
        let reasons = Eligibility.reasons(Self.candidate(), for: Self.vacancy(rules: [rule]))
        #expect(reasons.map(\.description) == ["household registration must be in 5120 (川组通〔2021〕12号); yours is 511902"])
    }

    @Test("Every breakdown lists every feature, native place included at weight 0 by default")
    func breakdownIsComplete() {
        let breakdown = Scorer.score(Self.candidate(), for: Self.vacancy(), policy: .standard)
        #expect(breakdown.contributions.map(\.feature) == ScoringFeature.allCases)
        let native = breakdown.contributions.first { $0.feature == .nativePlace }
        #expect(native?.weight == 0)
        #expect(native?.raw == 2.0 / 3)
        #expect((0...100).contains(breakdown.score))
        let sum = breakdown.contributions.reduce(0) { $0 + $1.contribution }
        #expect(abs(sum - breakdown.score) < 0.001)
    }

    @Test("A native-place weight needs the office's reason; weights must be finite and ≥ 0")
    func policyValidation() throws {
        #expect(throws: PolicyError.nativePlaceWeightWithoutReason) { try Policy(version: "p", weights: [.nativePlace: 5]) }
        #expect(throws: PolicyError.invalidWeight(feature: "experience", value: -1)) { try Policy(version: "p", weights: [.experience: -1]) }
        let policy = try Policy(version: "p", weights: [.nativePlace: 1], nativePlaceReason: "本籍回引: natives stay longer")
        #expect(Scorer.score(Self.candidate(), for: Self.vacancy(), policy: policy).score == Scorer.rounded(100 * 2.0 / 3))
    }

    @Test("Profiles and a policy give eligibility-filtered, score-ordered priorities")
    func profileMatching() throws {
        let document = try ProfileMatching.instance(
            candidates: [
                CandidateProfile(id: "a", specialties: [Self.code], education: .bachelor, ranking: ["v"]),
                CandidateProfile(id: "b", specialties: [Self.code], education: .doctorate, ranking: ["v"]),
                CandidateProfile(id: "c", specialties: [Self.code], education: .master, acceptedModes: [.remote], ranking: ["v"]),
            ],
            vacancies: [Self.vacancy()], policy: .standard, seed: 1
        )
        #expect(Array(document.instance.priorities[0]) == [1, 0])
        let outcome = MatchEngine.solve(document.instance)
        let explainer = Explainer(instance: document.instance, assignment: outcome.assignment, assessment: document.assessment)
        #expect(explainer.explain(0).rankedAbove.first?.reason.code == "full")
        #expect(explainer.explain(2).rankedAbove.first?.reason.description.hasPrefix("not eligible: introduction modes do not match") == true)
        #expect(explainer.explain(1).breakdown?.contributions.contains { $0.feature == .nativePlace } == true)
    }
}
