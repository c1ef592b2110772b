import Logging
import PostgresNIO

/// Applies pending migrations, each in its own transaction, and records them with a checksum.
///
/// The runner holds a PostgreSQL advisory lock for its whole run, so two `migrate`s started
/// at once apply each file once. It checks every applied file against its recorded checksum
/// *before* applying anything: a changed history is refused, not papered over.
public struct MigrationRunner: Sendable {
    /// What a run did.
    public struct Report: Sendable, Equatable {
        public var applied: [String]
        public var alreadyApplied: Int
    }

    /// A migration as `migrate status` shows it.
    public struct Entry: Sendable, Equatable {
        public let fileName: String
        public let isApplied: Bool
    }

    private static let lockKey: Int64 = 0x546D_4D69_6772  // "TmMigr"

    let database: Database
    let migrations: [Migration]

    public init(database: Database, migrations: [Migration]) {
        self.database = database
        self.migrations = migrations
    }

    /// Applies what is pending; `progress` is called before each file.
    public func migrate(progress: @Sendable (Migration) -> Void = { _ in }) async throws -> Report {
        let logger = database.logger
        return try await database.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(Self.lockKey))", logger: logger)
            do {
                let report = try await applyPending(on: connection, progress: progress)
                try await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                return report
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                throw error
            }
        }
    }

    /// Every known migration and whether it is applied; also verifies checksums.
    public func status() async throws -> [Entry] {
        try await database.withConnection { connection in
            // Reading status must not change the database, so a missing ledger means "nothing applied".
            let applied = try await ledgerExists(on: connection) ? try await appliedChecksums(on: connection) : [:]
            try verify(applied: applied)
            return migrations.map { Entry(fileName: $0.fileName, isApplied: applied[$0.version] != nil) }
        }
    }

    /// True when every migration on disk is applied (what `/ready` asks).
    public func isCurrent() async throws -> Bool {
        try await status().allSatisfy(\.isApplied)
    }

    private func applyPending(on connection: PostgresConnection, progress: (Migration) -> Void) async throws -> Report {
        try await createLedger(on: connection)
        let applied = try await appliedChecksums(on: connection)
        try verify(applied: applied)
        var report = Report(applied: [], alreadyApplied: applied.count)
        for migration in migrations where applied[migration.version] == nil {
            progress(migration)
            try await apply(migration, on: connection)
            report.applied.append(migration.fileName)
        }
        return report
    }

    private func apply(_ migration: Migration, on connection: PostgresConnection) async throws {
        let logger = database.logger
        let started = ContinuousClock.now
        try await connection.query("BEGIN", logger: logger)
        var current: SQLScript.Statement?
        do {
            for statement in SQLScript(migration.sql).statements {
                current = statement
                try await connection.query(PostgresQuery(unsafeSQL: statement.sql), logger: logger)
            }
            current = nil
            let elapsed = ContinuousClock.now - started
            let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
            try await connection.query(
                """
                INSERT INTO schema_migrations (version, name, checksum, execution_ms)
                VALUES (\(migration.version), \(migration.name), \(migration.checksum), \(milliseconds))
                """,
                logger: logger
            )
            try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw failure(of: migration, in: current, error)
        }
    }

    private func failure(of migration: Migration, in statement: SQLScript.Statement?, _ error: any Error) -> MigrationError {
        let psql = error as? PSQLError
        let position = psql?.serverInfo?[.position].flatMap(Int.init)
        let line = statement.map { statement in position.map(statement.fileLine(atCharacter:)) ?? statement.line }
        let message = psql?.serverInfo?[.message] ?? DatabaseError(error, server: database.settings.serverName).message
        return .failed(fileName: migration.fileName, line: line, message: message)
    }

    private func verify(applied: [Int: (name: String, checksum: String)]) throws(MigrationError) {
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        for (version, record) in applied.sorted(by: { $0.key < $1.key }) {
            guard let migration = known[version] else {
                throw .missingFromSource(version: version, name: record.name)
            }
            guard migration.checksum == record.checksum else {
                throw .changedAfterApply(fileName: migration.fileName, applied: record.checksum, current: migration.checksum)
            }
        }
    }

    private func createLedger(on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version      integer PRIMARY KEY CHECK (version > 0),
                name         text NOT NULL,
                checksum     text NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
                applied_at   timestamptz NOT NULL DEFAULT now(),
                execution_ms integer NOT NULL
            )
            """,
            logger: database.logger
        )
    }

    private func ledgerExists(on connection: PostgresConnection) async throws -> Bool {
        let rows = try await connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL", logger: database.logger)
        for try await exists in rows.decode(Bool.self) { return exists }
        return false
    }

    private func appliedChecksums(on connection: PostgresConnection) async throws -> [Int: (name: String, checksum: String)] {
        let rows = try await connection.query("SELECT version, name, checksum FROM schema_migrations", logger: database.logger)
        var applied: [Int: (name: String, checksum: String)] = [:]
        for try await (version, name, checksum) in rows.decode((Int, String, String).self) {
            applied[version] = (name, checksum)
        }
        return applied
    }
}
