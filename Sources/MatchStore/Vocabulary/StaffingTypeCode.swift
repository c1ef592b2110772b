/// A post's staffing type: administrative (行政编制), public institution (事业编制), contract,
/// or flexible.
public enum StaffingTypeCode: String, VocabularyCode {
    case administrative
    case institution
    case contract
    case flexible

    public static let cataloguePrefix = "staffing"
}
