import MatchCore
@testable import MatchStore
import MatchStoreTesting
import PostgresNIO
import Testing

/// The vocabulary is the one place a code is declared; these tests name every other place
/// that must agree with it (the engine's types here and the schema's CHECKs; the contract and
/// the catalogues in MatchAPITests and MatchWebTests).
@Suite("One vocabulary")
struct VocabularyTests {
    @Test("each code names exactly one of the engine's values, in the engine's order")
    func engineMappings() {
        #expect(EducationCode.allCases.map(\.level) == EducationLevel.allCases)
        #expect(TitleCode.allCases.map(\.title) == ProfessionalTitle.allCases)
        #expect(IntroductionModeCode.allCases.map(\.mode) == IntroductionMode.allCases)
        #expect(ProgrammeCode.allCases.map(\.programme) == Programme.allCases)
        #expect(HouseholdTypeCode.allCases.map(\.kind) == HouseholdRegistration.Kind.allCases)
        #expect(IncentiveKindCode.allCases.map(\.kind) == Incentive.Kind.allCases.filter { $0 != .other })
        for level in EducationLevel.allCases { #expect(EducationCode(level).level == level) }
        for title in ProfessionalTitle.allCases { #expect(TitleCode(title).title == title) }
        for mode in IntroductionMode.allCases { #expect(IntroductionModeCode(mode).mode == mode) }
    }

    @Test("a looser specialty fit accepts every tighter one")
    func specialtyFits() {
        #expect(SpecialtyFitCode.sameCode.acceptedFits == [.sameCode])
        #expect(SpecialtyFitCode.sameClass.acceptedFits == [.sameCode, .sameClass])
        #expect(SpecialtyFitCode.sameDiscipline.acceptedFits == [.sameCode, .sameClass, .sameDiscipline])
        #expect(SpecialtyFitCode.allCases.allSatisfy { !$0.acceptedFits.contains(SpecialtyFit.none) }, "no fit accepts an unrelated specialty")
    }

    @Test("packed sets unpack to the codes they were packed from, for every subset")
    func packedCodes() {
        let subsets = PackedCodes<IntroductionModeCode>.subsets
        #expect(subsets.count == 1 << IntroductionModeCode.allCases.count)
        for (mask, subset) in subsets.enumerated() {
            let repacked = IntroductionModeCode.allCases.enumerated().reduce(0) { $0 | (subset.contains($1.element) ? 1 << $1.offset : 0) }
            #expect(repacked == mask)
        }
    }

    @Test("the database's CHECKs allow exactly the vocabulary's codes, column by column")
    func schemaChecks() async throws {
        let settings = try await TestCluster.shared.makeDatabase()
        try await Database.withOpen(settings, logger: TestCluster.logger) { database in
            for column in Self.checkedColumns {
                let rows = try await database.query(
                    """
                    SELECT pg_get_constraintdef(k.oid) FROM pg_constraint k
                    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY(k.conkey)
                    WHERE k.contype = 'c' AND k.conrelid = \(column.table)::regclass AND a.attname = \(column.column)
                    """
                )
                var allowed = Set<String>()
                for try await definition in rows.decode(String.self) {
                    for literal in definition.matches(of: /'([a-z_]+)'/) { allowed.insert(String(literal.1)) }
                }
                #expect(allowed == Set(column.codes), "\(column.table).\(column.column)")
            }
        }
    }

    struct CheckedColumn: Sendable {
        let table: String
        let column: String
        let codes: [String]
    }

    static let checkedColumns: [CheckedColumn] = [
        .init(table: "candidates", column: "education", codes: EducationCode.codes),
        .init(table: "candidates", column: "title", codes: TitleCode.codes),
        .init(table: "candidates", column: "accepted_modes", codes: IntroductionModeCode.codes),
        .init(table: "candidates", column: "programmes", codes: ProgrammeCode.codes),
        .init(table: "candidates", column: "hukou_type", codes: HouseholdTypeCode.codes),
        .init(table: "vacancies", column: "min_education", codes: EducationCode.codes),
        .init(table: "vacancies", column: "min_title", codes: TitleCode.codes),
        .init(table: "vacancies", column: "accepted_modes", codes: IntroductionModeCode.codes),
        .init(table: "vacancies", column: "staffing_type", codes: StaffingTypeCode.codes),
        .init(table: "vacancy_specialties", column: "accepted_fit", codes: SpecialtyFitCode.codes),
        .init(table: "vacancy_incentives", column: "kind", codes: IncentiveKindCode.codes),
        .init(table: "vacancy_household_rules", column: "kind", codes: HouseholdRuleKindCode.codes),
        .init(table: "designation_lists", column: "kind", codes: DesignationKindCode.codes),
        .init(table: "staff_accounts", column: "role", codes: StaffRoleCode.codes),
    ]
}
