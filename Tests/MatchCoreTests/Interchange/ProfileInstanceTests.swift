import MatchCore
import Testing

/// An instance that carries full profiles and a policy instead of rankings and scores: the
/// scoring core derives eligibility and priorities, end to end from the JSON text.
@Suite("Instances with profiles and a policy")
struct ProfileInstanceTests {
    static let document = """
        {
          "format": "talentmatch.instance/1",
          "seed": 5,
          "policy": {"version": "p1", "weights": {"specialty-fit": 40, "experience": 20, "native-place": 0}, "experienceCap": 10},
          "candidates": [
            {"id": "planner", "ranking": ["v-plan", "v-law"],
             "profile": {"specialties": ["082802"], "education": "bachelor", "experience": 8, "modes": ["full-transfer"]}},
            {"id": "novice", "ranking": ["v-plan"],
             "profile": {"specialties": ["082801"], "education": "bachelor", "experience": 1, "modes": ["full-transfer"]}},
            {"id": "remote-lawyer", "ranking": ["v-law"],
             "profile": {"specialties": ["030101K"], "education": "master", "experience": 5, "modes": ["remote"]}},
            {"id": "outsider", "ranking": ["v-local"],
             "profile": {"specialties": ["030101K"], "education": "master", "experience": 5, "modes": ["full-transfer"],
                         "householdRegistration": {"region": "110101"}}}
          ],
          "vacancies": [
            {"id": "v-plan", "capacity": 1, "region": "511921",
             "profile": {"specialties": [{"code": "082802", "accept": ["same-code", "same-class"]}], "minimumEducation": "bachelor", "modes": ["full-transfer"]}},
            {"id": "v-law", "capacity": 1, "region": "511923",
             "profile": {"specialties": [{"code": "030101K", "accept": ["same-code"]}], "modes": ["full-transfer"]}},
            {"id": "v-local", "capacity": 1, "region": "511921",
             "profile": {"specialties": [{"code": "030101K", "accept": ["same-code"]}], "modes": ["full-transfer"],
                         "householdRules": [{"region": "5119", "legalBasis": "定向招录公告第三条 (test)"}]}}
          ]
        }
        """

    @Test("eligibility and scores are derived: the better-fitting candidate wins, ineligible pairs never match")
    func derived() throws {
        let document = try InstanceDocument.decode(Array(Self.document.utf8))
        #expect(document.assessment != nil, "profiles make an assessment for explanations")
        let instance = document.instance
        let outcome = MatchEngine.solve(instance)
        let placed = Dictionary(uniqueKeysWithValues: outcome.assignment.enumerated().compactMap { candidate, vacancy in
            vacancy < 0 ? nil : (instance.candidateIDs[candidate], instance.vacancyIDs[Int(vacancy)])
        })
        #expect(placed == ["planner": "v-plan"], "same code and more experience beat same class; the others are ineligible")
        #expect(Verifier.verify(instance, assignment: outcome.assignment).isStable)

        let explainer = Explainer(instance: instance, assignment: outcome.assignment, assessment: document.assessment)
        let novice = try #require(instance.candidateIDs.firstIndex(of: "novice"))
        let lawyer = try #require(instance.candidateIDs.firstIndex(of: "remote-lawyer"))
        let outsider = try #require(instance.candidateIDs.firstIndex(of: "outsider"))
        #expect(explainer.explain(novice).rankedAbove.first?.reason.code == "full")
        let lawyerReason = explainer.explain(lawyer).rankedAbove.first?.reason.description ?? ""
        #expect(lawyerReason.hasPrefix("not eligible"), "a remote-only candidate is never eligible for a full-transfer-only post")
        let outsiderReason = explainer.explain(outsider).rankedAbove.first?.reason.description ?? ""
        #expect(outsiderReason.contains("定向招录公告第三条"), "a household rule that fails is shown with its legal basis: \(outsiderReason)")
    }

    @Test("a household rule without a legal basis is refused with its JSON pointer")
    func ruleNeedsBasis() {
        let broken = Self.document.replacingOccurrences(of: "定向招录公告第三条 (test)", with: "   ")
        #expect {
            try InstanceDocument.decode(Array(broken.utf8))
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.pointer.hasPrefix("/vacancies/2/profile/householdRules/0")
        }
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
