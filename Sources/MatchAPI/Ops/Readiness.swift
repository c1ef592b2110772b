import MatchStore

/// `/ready` says the process can serve: the database answers and every migration on disk is
/// applied. Load balancers and Kubernetes probes use it; `/health` only says it is alive.
///
/// While `serve`'s monitor knows the database is away, it says so at once instead of
/// waiting on a pool that cannot connect (issue 13: `/ready` gave no answer in 15 s).
struct Readiness: Sendable {
    let database: Database
    let migrations: [Migration]
    let availability: DatabaseAvailability?

    /// Ready, or the reason it is not, in one line for the probe's log.
    func check() async -> (ready: Bool, message: String) {
        let runner = MigrationRunner(database: database, migrations: migrations)
        do {
            let current = if let availability {
                try await availability.failFast { try await runner.isCurrent() }
            } else {
                try await runner.isCurrent()
            }
            guard current else {
                return (false, "not ready: migrations are pending; run `talentmatch migrate`\n")
            }
        } catch let away as DatabaseUnavailable {
            return (false, "not ready: \(away)\n")
        } catch let error as MigrationError {
            return (false, "not ready: \(error)\n")
        } catch {
            return (false, "not ready: \(DatabaseError(error, server: database.settings.serverName))\n")
        }
        return (true, "ready\n")
    }
}
