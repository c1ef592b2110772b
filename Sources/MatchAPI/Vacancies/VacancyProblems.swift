import MatchStore

/// Vacancy store errors as the problems a client gets (called from `ProblemMapping`): every
/// input mistake a 4xx naming what to fix, the post's field problems as JSON pointers.
enum VacancyProblems {
    static func problem(for error: VacancyStoreError) -> Problem {
        switch error {
        case .invalid(let problems):
            Problem(.validation, "the post has \(problems.count) problem(s); each is listed in `errors`",
                    errors: problems.map { .init(pointer: $0.pointer, detail: $0.message) })
        case .notFound: Problem(.notFound, error.description)
        case .closed, .illegalTransition: Problem(.conflict, error.description)
        case .unknownCentre: Problem(.forbidden, "this token's centre is closed; it may not post")
        case .invalidCursor: Problem.invalid("/query/cursor", "not a cursor this API issued; pass the `next` value of a page")
        }
    }
}
