@testable import MatchAPI
import MatchStore
import Testing

/// The contract's enumerations are the vocabulary's codes: a code added to one and not the
/// other fails here, naming the schema.
@Suite("The contract speaks the vocabulary")
struct VocabularyContractTests {
    @Test("every enumerated field of a vacancy lists exactly the vocabulary's codes, in its order")
    func enumerations() {
        typealias Schemas = Components.Schemas
        #expect(Schemas.IntroductionMode.allCases.map(\.rawValue) == IntroductionModeCode.codes)
        #expect(Schemas.Education.allCases.map(\.rawValue) == EducationCode.codes)
        #expect(Schemas.Title.allCases.map(\.rawValue) == TitleCode.codes)
        #expect(Schemas.StaffingType.allCases.map(\.rawValue) == StaffingTypeCode.codes)
        #expect(Schemas.SpecialtyRequirement.AcceptedFitPayload.allCases.map(\.rawValue) == SpecialtyFitCode.codes)
        #expect(Schemas.Incentive.KindPayload.allCases.map(\.rawValue) == IncentiveKindCode.codes)
        #expect(Schemas.HouseholdRule.KindPayload.allCases.map(\.rawValue) == HouseholdRuleKindCode.codes)
        #expect(Schemas.VacancyStatus.allCases.map(\.rawValue) == VacancyStatus.allCases.map(\.rawValue))
    }
}
