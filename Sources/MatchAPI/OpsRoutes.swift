import Hummingbird
import MatchStore

/// `/health` says the process is alive; `/ready` says it can serve: the database answers and
/// every migration on disk is applied. Load balancers and Kubernetes probes use these.
public struct OpsRoutes: Sendable {
    let database: Database
    let migrations: [Migration]

    public init(database: Database, migrations: [Migration]) {
        self.database = database
        self.migrations = migrations
    }

    public func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/health") { _, _ in "ok\n" }
        router.get("/ready") { _, _ in try await readiness() }
    }

    private func readiness() async throws -> Response {
        let runner = MigrationRunner(database: database, migrations: migrations)
        do {
            guard try await runner.isCurrent() else {
                return Self.plain(.serviceUnavailable, "not ready: migrations are pending; run `talentmatch migrate`\n")
            }
        } catch let error as MigrationError {
            return Self.plain(.serviceUnavailable, "not ready: \(error)\n")
        } catch {
            return Self.plain(.serviceUnavailable, "not ready: \(DatabaseError(error, server: database.settings.serverName))\n")
        }
        return Self.plain(.ok, "ready\n")
    }

    private static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }
}
