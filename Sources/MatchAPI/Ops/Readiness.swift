import MatchStore

/// `/ready` says the process can serve: the database answers and every migration on disk is
/// applied. Load balancers and Kubernetes probes use it; `/health` only says it is alive.
struct Readiness: Sendable {
    let database: Database
    let migrations: [Migration]

    /// Ready, or the reason it is not, in one line for the probe's log.
    func check() async -> (ready: Bool, message: String) {
        let runner = MigrationRunner(database: database, migrations: migrations)
        do {
            guard try await runner.isCurrent() else {
                return (false, "not ready: migrations are pending; run `talentmatch migrate`\n")
            }
        } catch let error as MigrationError {
            return (false, "not ready: \(error)\n")
        } catch {
            return (false, "not ready: \(DatabaseError(error, server: database.settings.serverName))\n")
        }
        return (true, "ready\n")
    }
}
