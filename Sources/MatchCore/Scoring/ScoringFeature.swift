/// The features a policy may weigh. Gender and age are not features and cannot become ones:
/// they do not exist in any profile type.
public enum ScoringFeature: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Specialty fit on the code → class → discipline ladder (1, 2/3, 1/3).
    case specialtyFit = "specialty-fit"
    /// Education levels above the vacancy's minimum, as a share of the levels above it.
    case educationAboveMinimum = "education-above-minimum"
    /// Title levels above the minimum, likewise.
    case titleAboveMinimum = "title-above-minimum"
    /// Years of experience, capped at the policy's cap, as a share of the cap.
    case experience
    /// 本籍回引: registration in the vacancy's county (1), prefecture (2/3) or province (1/3).
    case nativePlace = "native-place"
    /// Comes from a grassroots programme (1) or not (0).
    case programmeBackground = "programme-background"
    /// Willing to serve in a hardship area, for vacancies in one (1) or not (0).
    case hardshipWillingness = "hardship-willingness"
}
