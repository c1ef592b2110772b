import MatchStore
import Testing

@Suite("Vacancy draft validation")
struct VacancyDraftValidationTests {
    static let reference = VacancyReference(regions: ["511900", "511921"], specialties: ["081101", "030101K"])

    @Test("a complete post has no problems")
    func validDraft() {
        #expect(VacancyFixture.draft().problems(reference: Self.reference).isEmpty)
    }

    @Test("every problem is reported at once, each at its JSON pointer")
    func allProblems() {
        var draft = VacancyFixture.draft()
        draft.externalID = ""
        draft.seats = 0
        draft.target = 5
        draft.staffingType = "permanent"
        draft.acceptedModes = ["full_transfer", "teleport", "full_transfer"]
        draft.serviceYears = 11
        draft.specialties = [.init(code: "99", acceptedFit: "same_code"), .init(code: "081101", acceptedFit: "anything")]
        draft.incentives = [.init(kind: "housing", amountYuan: -5), .init(kind: "hardship_allowance", amountYuan: 20_000_000)]
        draft.title = "含\u{0}字符"
        draft.regionCode = "999999"
        let pointers = draft.problems(reference: Self.reference).map(\.pointer)
        #expect(pointers == [
            "/externalId", "/region", "/seats", "/target", "/serviceYears", "/staffingType",
            "/acceptedModes/1", "/acceptedModes/2", "/requirements/0/specialty", "/requirements/1/acceptedFit", "/incentives/0/amountYuan",
            "/incentives/1/amountYuan", "/title",
        ])
    }

    @Test("a household rule without its legal basis is refused at /householdRules/N/legalBasis")
    func ruleWithoutBasis() {
        var draft = VacancyFixture.draft()
        draft.householdRules.append(.init(kind: "registered_within", regionCode: "511921", legalBasis: "  \u{3000} "))
        draft.householdRules.append(.init(kind: "born_within", regionCode: "5119", legalBasis: "见"))
        let problems = draft.problems(reference: Self.reference)
        #expect(problems.map(\.pointer) == [
            "/householdRules/1/legalBasis", "/householdRules/2/kind", "/householdRules/2/region", "/householdRules/2/legalBasis",
        ])
        #expect(problems[0].message.contains("legal basis"))
    }

    @Test("without reference data only the form of codes is checked; with it, codes must be in force")
    func referenceCodes() {
        var draft = VacancyFixture.draft()
        draft.specialties = [.init(code: "030101K")]
        draft.regionCode = "110101"
        #expect(draft.problems(reference: nil).isEmpty)
        let problems = draft.problems(reference: Self.reference)
        #expect(problems.map(\.pointer) == ["/region"])
        #expect(problems[0].message.contains("110101"))
    }

    @Test("canonical order makes two spellings of one post equal")
    func canonical() {
        var shuffled = VacancyFixture.draft()
        shuffled.acceptedModes.reverse()
        shuffled.incentives.reverse()
        #expect(shuffled != VacancyFixture.draft())
        #expect(shuffled.canonical == VacancyFixture.draft().canonical)
    }
}
