import MatchStore

/// Store errors of the vacancy and review side as the problems a client gets: every input
/// mistake a 4xx naming what to fix, the post's field problems as JSON pointers.
enum VacancyProblems {
    /// Runs a handler body, turning the stores' typed errors into problems.
    static func mapping<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let error as VacancyStoreError {
            throw problem(for: error)
        } catch let error as ReviewStoreError {
            throw problem(for: error)
        }
    }

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

    static func problem(for error: ReviewStoreError) -> Problem {
        switch error {
        case .invalid(let problems):
            Problem(.validation, error.description, errors: problems.map { .init(pointer: $0.pointer, detail: $0.message) })
        case .offerNotFound, .notFound: Problem(.notFound, error.description)
        case .alreadyOpen, .alreadyDecided: Problem(.conflict, error.description)
        case .invalidCursor: Problem.invalid("/query/cursor", "not a cursor this API issued; pass the `next` value of a page")
        }
    }
}
