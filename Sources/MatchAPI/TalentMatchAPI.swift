import MatchStore
import OpenAPIRuntime

/// The one implementation of the protocol swift-openapi-generator makes from `openapi.yaml`.
/// Its operations live in extensions, one file per area: `Ops/`, `Offices/`, `Vacancies/`.
///
/// Handlers return only their successful outputs; every failure is thrown as a `Problem`
/// (or a store error that `ProblemMapping` turns into one) and rendered by the middleware,
/// so each handler reads as the happy path plus its checks.
struct TalentMatchAPI: APIProtocol {
    /// The API's pool: application role, no scope until a transaction sets the caller's.
    let database: Database
    /// The system-scoped pool, for what-if dry runs only (see `TalentMatchServer`).
    let trustedDatabase: Database
    let migrations: [Migration]
    /// Whether the database answers (`serve` watches it); nil in tests that do not.
    let availability: DatabaseAvailability?

    /// The store handle for the current caller: every transaction runs in its scope.
    func scopedDatabase(_ principal: Principal) -> Database {
        database.scoped(principal.scope, actor: principal.actor)
    }
}
