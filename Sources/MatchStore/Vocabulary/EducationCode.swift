import MatchCore

/// Education levels, lowest first: 初中, 高中/中专, 大专, 本科, 硕士, 博士.
public enum EducationCode: String, VocabularyCode {
    case juniorSecondary = "junior_secondary"
    case seniorSecondary = "senior_secondary"
    case associate
    case bachelor
    case master
    case doctorate

    public static let cataloguePrefix = "education"

    public var level: EducationLevel {
        switch self {
        case .juniorSecondary: .juniorMiddle
        case .seniorSecondary: .seniorHigh
        case .associate: .juniorCollege
        case .bachelor: .bachelor
        case .master: .master
        case .doctorate: .doctorate
        }
    }

    public init(_ level: EducationLevel) {
        self = Self.allCases.first { $0.level == level } ?? .juniorSecondary
    }
}
