import Foundation

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
        IntroductionMode(rawValue: code.replacingOccurrences(of: "_", with: "-"))
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
        code.flatMap { HouseholdRegistration.Kind(rawValue: $0.replacingOccurrences(of: "_", with: "-")) }
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
