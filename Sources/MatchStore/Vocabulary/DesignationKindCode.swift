/// The state's underserved designations, versioned lists: national key assistance counties,
/// hardship and remote areas, and the western-development provinces.
public enum DesignationKindCode: String, VocabularyCode {
    case keyAssistanceCounty = "key_assistance_county"
    case hardshipArea = "hardship_area"
    case westernDevelopment = "western_development"

    public static let cataloguePrefix = "designation"
}
