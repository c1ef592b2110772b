import MatchCore

/// How a candidate serves a post: hard introduction (a full transfer of household
/// registration, file and staffing quota) or one of the flexible modes (柔性引进).
public enum IntroductionModeCode: String, VocabularyCode {
    case fullTransfer = "full_transfer"
    case partTime = "part_time"
    case shortTerm = "short_term"
    case remote
    case project

    public static let cataloguePrefix = "mode"

    public var mode: IntroductionMode {
        switch self {
        case .fullTransfer: .fullTransfer
        case .partTime: .partTime
        case .shortTerm: .shortTerm
        case .remote: .remote
        case .project: .project
        }
    }

    public init(_ mode: IntroductionMode) {
        self = Self.allCases.first { $0.mode == mode } ?? .fullTransfer
    }
}
