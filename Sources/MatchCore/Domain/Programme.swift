/// Grassroots programmes a candidate may come from.
public enum Programme: String, Sendable, Equatable, Hashable, CaseIterable {
    case sanZhiYiFu = "san-zhi-yi-fu"                  // 三支一扶
    case westernPlan = "western-plan"                  // 西部计划
    case selectedGraduate = "selected-graduate"        // 选调生
    case villageOfficial = "village-official"          // 大学生村官
    case specialPostTeacher = "special-post-teacher"   // 特岗教师
}
