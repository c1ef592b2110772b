import MatchStore

/// How the post form shows each of `VacancyForm.fields`: a line of text, a number, a text
/// area, a choice from the vocabulary, or the accepted modes as checkboxes.
enum ConsolePostFormFields {
    static let required: Set<String> = ["external_id", "title", "region_code", "seats", "staffing_type", "accepted_modes"]

    /// Fields written in the CSV's list syntax, which need a line saying how.
    static let hinted: Set<String> = ["region_code", "specialties", "incentives", "household_rules"]

    /// The template's flag for this field's control.
    static func kind(of field: String) -> String {
        switch field {
        case "seats", "target", "min_experience_years", "service_years": "is_number"
        case "description", "specialties", "incentives", "household_rules": "is_area"
        case "staffing_type", "min_education", "min_title": "is_select"
        case "accepted_modes": "is_checks"
        default: "is_text"
        }
    }

    /// The codes a choice offers, each with its label's catalogue key.
    static func options(of field: String) -> [(String, String)]? {
        switch field {
        case "staffing_type": StaffingTypeCode.allCases.map { ($0.rawValue, $0.catalogueKey) }
        case "min_education": EducationCode.allCases.map { ($0.rawValue, $0.catalogueKey) }
        case "min_title": TitleCode.allCases.map { ($0.rawValue, $0.catalogueKey) }
        case "accepted_modes": IntroductionModeCode.allCases.map { ($0.rawValue, $0.catalogueKey) }
        default: nil
        }
    }
}
