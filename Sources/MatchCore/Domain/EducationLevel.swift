/// Highest completed education, in the order of China's system (初中 … 博士).
public enum EducationLevel: String, Sendable, Equatable, Hashable, CaseIterable, Comparable {
    case juniorMiddle = "junior-middle"      // 初中
    case seniorHigh = "senior-high"          // 高中/中专
    case juniorCollege = "junior-college"    // 大专
    case bachelor                            // 本科
    case master                              // 硕士
    case doctorate                           // 博士

    public var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}
