import MatchCore

/// The programmes that send graduates to the grassroots, each a source of candidates.
public enum ProgrammeCode: String, VocabularyCode {
    case sanzhiyifu
    case westernVolunteer = "western_volunteer"
    case selectedGraduate = "selected_graduate"
    case villageOfficial = "village_official"
    case specialPostTeacher = "special_post_teacher"

    public static let cataloguePrefix = "programme"

    public var programme: Programme {
        switch self {
        case .sanzhiyifu: .sanZhiYiFu
        case .westernVolunteer: .westernPlan
        case .selectedGraduate: .selectedGraduate
        case .villageOfficial: .villageOfficial
        case .specialPostTeacher: .specialPostTeacher
        }
    }
}
