import MatchCore

/// Translates the database's vocabulary (snake_case codes chosen for SQL CHECKs) into the
/// engine's types. Every mapping is total over what the schema allows, except where the
/// engine has no equivalent, which is reported as a row the engine rejects.
enum DomainMapping {
    static func education(_ code: String) -> EducationLevel? {
        switch code {
        case "junior_secondary": .juniorMiddle
        case "senior_secondary": .seniorHigh
        case "associate": .juniorCollege
        case "bachelor": .bachelor
        case "master": .master
        case "doctorate": .doctorate
        default: nil
        }
    }

    static func title(_ code: String) -> ProfessionalTitle? {
        switch code {
        case "none": ProfessionalTitle.none
        case "junior": .junior
        case "intermediate": .intermediate
        case "associate_senior": .associateSenior
        case "senior": .senior
        default: nil
        }
    }

    static func mode(_ code: String) -> IntroductionMode? {
        switch code {
        case "full_transfer": .fullTransfer
        case "part_time": .partTime
        case "short_term": .shortTerm
        case "remote": .remote
        case "project": .project
        default: nil
        }
    }

    /// Database codes in bit order, for the bitmasks the snapshot query computes
    /// (decoding a text array per candidate costs more than the rest of the row).
    static let modeCodes = ["full_transfer", "part_time", "short_term", "remote", "project"]
    static let programmeCodes = ["sanzhiyifu", "western_volunteer", "selected_graduate", "village_official", "special_post_teacher"]

    /// Every subset of modes, indexed by its bitmask.
    static let modeSets: [Set<IntroductionMode>] = (0..<(1 << modeCodes.count)).map { mask in
        Set(modeCodes.enumerated().filter { mask & (1 << $0.offset) != 0 }.compactMap { mode($0.element) })
    }

    static let programmeSets: [Set<Programme>] = (0..<(1 << programmeCodes.count)).map { mask in
        Set(programmeCodes.enumerated().filter { mask & (1 << $0.offset) != 0 }.compactMap { programme($0.element) })
    }

    /// SQL that turns a text[] column into the bitmask of `codes`.
    static func bitmaskSQL(_ column: String, _ codes: [String]) -> String {
        codes.enumerated().map { "(CASE WHEN '\($0.element)' = ANY(\(column)) THEN \(1 << $0.offset) ELSE 0 END)" }
            .joined(separator: " + ")
    }

    static func programme(_ code: String) -> Programme? {
        switch code {
        case "sanzhiyifu": .sanZhiYiFu
        case "western_volunteer": .westernPlan
        case "selected_graduate": .selectedGraduate
        case "village_official": .villageOfficial
        case "special_post_teacher": .specialPostTeacher
        default: nil
        }
    }

    static func householdKind(_ code: String?) -> HouseholdRegistration.Kind? {
        switch code {
        case "agricultural": .agricultural
        case "non_agricultural": .nonAgricultural
        case "resident": .resident
        default: nil
        }
    }

    /// The loosest accepted rung implies every tighter one.
    static func acceptedFits(_ loosest: String) -> Set<SpecialtyFit>? {
        switch loosest {
        case "same_code": [.sameCode]
        case "same_class": [.sameCode, .sameClass]
        case "same_discipline": [.sameCode, .sameClass, .sameDiscipline]
        default: nil
        }
    }

    static func incentive(_ code: String, amount: Int?, note: String) -> Incentive {
        let kind: Incentive.Kind = switch code {
        case "hardship_allowance": .hardshipAllowance
        case "housing": .housing
        case "settling_in_payment": .settlingInPayment
        case "spouse_placement": .spousePlacement
        case "children_schooling": .schoolPlaces
        case "promotion_priority": .promotionPriority
        default: .other
        }
        let detail = [amount.map { "¥\($0)" }, note.isEmpty ? nil : note].compactMap { $0 }.joined(separator: " ")
        return Incentive(kind: kind, detail: detail)
    }
}
