/// Professional title (职称), lowest first; `none` for candidates without one.
public enum ProfessionalTitle: String, Sendable, Equatable, Hashable, CaseIterable, Comparable {
    case none
    case junior                  // 初级
    case intermediate            // 中级
    case associateSenior = "associate-senior"  // 副高级
    case senior                  // 正高级

    public var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}
