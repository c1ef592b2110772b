/// The values each enumerated post field accepts, as the database's CHECK constraints spell
/// them, in their canonical order. Validation, CSV and the API all read them from here.
public enum VacancyVocabulary {
    public static let staffingTypes = ["administrative", "institution", "contract", "flexible"]
    public static let educationLevels = ["junior_secondary", "senior_secondary", "associate", "bachelor", "master", "doctorate"]
    public static let titles = ["none", "junior", "intermediate", "associate_senior", "senior"]
    public static let modes = ["full_transfer", "part_time", "short_term", "remote", "project"]
    public static let specialtyFits = ["same_code", "same_class", "same_discipline"]
    public static let incentiveKinds = [
        "hardship_allowance", "housing", "settling_in_payment", "spouse_placement", "children_schooling", "promotion_priority",
    ]
    public static let householdRuleKinds = ["registered_within", "registered_outside"]
    public static let statuses = ["draft", "open", "closed"]

    /// Limits that mirror the table's CHECKs, so a draft is refused with a field pointer
    /// before PostgreSQL would refuse it with a constraint name.
    public static let externalIDLength = 1...64
    public static let titleLength = 1...200
    public static let descriptionLength = 0...5000
    public static let seatRange = 1...10_000
    public static let experienceRange = 0...60
    public static let serviceYearRange = 1...10
    public static let noteLength = 0...200
    public static let legalBasisLength = 4...500
    public static let amountRange = 1...10_000_000
    public static let maxSpecialties = 10
    public static let maxHouseholdRules = 5
}
