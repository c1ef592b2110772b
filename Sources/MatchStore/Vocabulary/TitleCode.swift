import MatchCore

/// Professional titles, lowest first: none, 初级, 中级, 副高级, 正高级.
public enum TitleCode: String, VocabularyCode {
    case none
    case junior
    case intermediate
    case associateSenior = "associate_senior"
    case senior

    public static let cataloguePrefix = "title"

    public var title: ProfessionalTitle {
        switch self {
        case .none: ProfessionalTitle.none
        case .junior: .junior
        case .intermediate: .intermediate
        case .associateSenior: .associateSenior
        case .senior: .senior
        }
    }

    public init(_ title: ProfessionalTitle) {
        self = Self.allCases.first { $0.title == title } ?? .none
    }
}
