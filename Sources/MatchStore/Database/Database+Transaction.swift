import PostgresNIO

extension Database {
    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
    ///
    /// A handle made by `scoped(_:actor:)` first sets its scope and actor on the connection,
    /// for this transaction only (`set_config(..., true)`), so row-level security and the
    /// offer-transition trigger see the caller, and the pooled connection forgets them at COMMIT.
    ///
    /// PostgresNIO wraps whatever went wrong in `PostgresTransactionError`; callers want the
    /// error that explains the failure (a bad row, a constraint), so it is unwrapped here.
    public func transaction<Result: Sendable>(
        _ body: (PostgresConnection) async throws -> sending Result
    ) async throws -> sending Result {
        let scope = transactionScope
        let logger = logger
        do {
            return try await DatabaseMetrics.measure { try await client.withTransaction(logger: logger) { connection in
                if let scope {
                    try await connection.query(
                        """
                        SELECT set_config(\(AccessScope.settingName), \(scope.scope.settingValue), true),
                               set_config('talentmatch.actor', \(scope.actor), true)
                        """,
                        logger: logger
                    )
                }
                return try await body(connection)
            } }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.beginError ?? error.commitError ?? error
        }
    }
}
