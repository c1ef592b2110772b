import Logging
import PostgresNIO

extension PostgresConnection {
    /// The one transaction helper: BEGIN as `options` say, then their settings, then `body`;
    /// COMMIT if it returns, ROLLBACK if it throws. Every transaction in MatchStore, pooled or
    /// on a connection a job holds (the nightly run, migrations), goes through here.
    ///
    /// Settings use `set_config(…, true)` and `SET LOCAL`, so a pooled connection forgets them
    /// at COMMIT. A snapshot import must be the first statement after BEGIN.
    func transaction<Result>(
        _ options: TransactionOptions, logger: Logger, _ body: () async throws -> sending Result
    ) async throws -> sending Result {
        try await queryOpen(PostgresQuery(unsafeSQL: options.isolation.beginStatement), logger: logger)
        do {
            try await applySettings(options, logger: logger)
            let result = try await body()
            try await queryOpen("COMMIT", logger: logger)
            return result
        } catch {
            _ = try? await queryOpen("ROLLBACK", logger: logger)
            throw error
        }
    }

    private func applySettings(_ options: TransactionOptions, logger: Logger) async throws {
        if let snapshot = options.importedSnapshot {
            // SET TRANSACTION SNAPSHOT takes no parameters; the identifier's shape was checked
            // when it was exported (`SnapshotReader.exportSnapshot`).
            try await queryOpen("SET TRANSACTION SNAPSHOT '\(unescaped: snapshot)'", logger: logger)
        }
        if options.bulkRead {
            for setting in TransactionOptions.bulkReadSettings {
                try await queryOpen(PostgresQuery(unsafeSQL: setting), logger: logger)
            }
        }
        if options.scope != nil || options.actor != nil || options.reason != nil {
            try await executeOpen(
                TransactionSettings(scope: options.scope?.settingValue ?? "", actor: options.actor ?? "", reason: options.reason ?? ""),
                logger: logger
            )
        }
    }
}

extension Database {
    /// Runs `body` in one transaction on a pooled connection: committed if it returns, rolled
    /// back if it throws.
    ///
    /// A handle made by `scoped(_:actor:)` adds its scope and actor to `options`, so row-level
    /// security and the offer-transition trigger see the caller. Failures of the database
    /// leave as `DatabaseError`; errors thrown by `body` itself leave unchanged.
    func transaction<Result: Sendable>(
        _ options: TransactionOptions = .init(), _ body: (PostgresConnection) async throws -> sending Result
    ) async throws -> sending Result {
        var options = options
        if let scoped = transactionScope {
            options.scope = scoped.scope
            options.actor = options.actor ?? scoped.actor
        }
        let settled = options
        return try await withConnection { connection in
            try await DatabaseMetrics.measure {
                try await connection.transaction(settled, logger: logger) { try await body(connection) }
            }
        }
    }

    /// Runs `body` on one pooled connection outside a transaction, with database failures
    /// turned into `DatabaseError`.
    func withConnection<Result: Sendable>(
        _ body: (PostgresConnection) async throws -> sending Result
    ) async throws -> sending Result {
        do {
            return try await client.withConnection { connection in try await body(connection) }
        } catch {
            throw DatabaseError.wrapping(error, server: settings.serverName)
        }
    }
}

/// The scope, actor and reason of a transaction, for row-level security, the offer-transition
/// trigger and the audit log. Prepared (see `PreparedQuery`): every scoped transaction runs it.
struct TransactionSettings: PreparedQuery {
    static let template = Self(scope: "", actor: "", reason: "")
    let scope: String
    let actor: String
    let reason: String

    var query: PostgresQuery {
        """
        SELECT set_config(\(AccessScope.settingName), \(scope), true),
               set_config('talentmatch.actor', \(actor), true),
               set_config('talentmatch.reason', \(reason), true)
        """
    }
}
