/// Where an id was first mentioned, kept compactly per id so that an id that is never
/// declared can be reported at the place that used it.
struct ReferenceSite {
    enum Section: UInt8 {
        case candidateRanking, vacancyRanking, vacancyScores, coupleMembers, coupleRanking
    }

    var section: Section
    var first: Int32
    var second: Int32
    var third: Int32 = 0

    func pointer(id: String) -> String {
        switch section {
        case .candidateRanking: "/candidates/\(first)/ranking/\(second)"
        case .vacancyRanking: "/vacancies/\(first)/ranking/\(second)"
        case .vacancyScores: "/vacancies/\(first)/scores/\(InputError.token(id))"
        case .coupleMembers: "/couples/\(first)/members/\(second)"
        case .coupleRanking: "/couples/\(first)/ranking/\(second)/\(third)"
        }
    }
}
