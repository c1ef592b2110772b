import PostgresNIO

extension Database {
    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
    ///
    /// PostgresNIO wraps whatever went wrong in `PostgresTransactionError`; callers want the
    /// error that explains the failure (a bad row, a constraint), so it is unwrapped here.
    public func transaction<Result: Sendable>(
        _ body: (PostgresConnection) async throws -> sending Result
    ) async throws -> sending Result {
        do {
            return try await client.withTransaction(logger: logger, body)
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.beginError ?? error.commitError ?? error
        }
    }
}
