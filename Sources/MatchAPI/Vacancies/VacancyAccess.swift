import MatchStore

/// Who may do what with posts: any token with `vacancies:read` reads the posts in its scope
/// (a centre its own, an office those in its region and below); only a centre writes, and
/// only its own. Row-level security enforces the same underneath.
enum VacancyAccess {
    static func readScope(_ principal: Principal) throws -> VacancyScope {
        try Access.require(.vacanciesRead, of: principal)
        return switch principal.organisation {
        case .centre(let id, _, _): .centre(id)
        case .office(let id, _, _): .office(id)
        }
    }

    /// The centre a writing token speaks for.
    static func writingCentre(_ principal: Principal) throws -> Int64 {
        try Access.require(.vacanciesWrite, of: principal)
        guard case .centre(let id, _, _) = principal.organisation else {
            throw Problem(.forbidden, "posts are written by their centre; an office token may only read them")
        }
        return id
    }

    static func context(_ principal: Principal) -> AuditContext {
        AuditContext(actor: principal.actor, source: RequestInfo.current.remoteAddress)
    }
}
