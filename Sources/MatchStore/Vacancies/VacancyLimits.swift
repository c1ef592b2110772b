/// Limits that mirror the vacancy tables' CHECKs, so a draft is refused with a field pointer
/// before PostgreSQL would refuse it with a constraint name. (The codes each enumerated field
/// accepts are the vocabulary's: `StaffingTypeCode`, `EducationCode`, … in `Vocabulary/`.)
public enum VacancyLimits {
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
