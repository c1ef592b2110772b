import PostgresNIO

extension Database {
    /// The same pool, whose transactions run in `scope` for `actor` (ADR 0016). Stores take a
    /// `Database` and open their own transactions, so handing them a scoped one puts every
    /// query they run under row-level security for the caller.
    public func scoped(_ scope: AccessScope, actor: String) -> Database {
        Database(client: client, settings: settings, logger: logger, maxConnections: maxConnections,
                 transactionScope: TransactionScope(scope: scope, actor: actor))
    }

    /// Runs `body` in one transaction in the principal's scope: what the principal may not
    /// see is not there, whatever `body` asks for.
    func withScope<Result: Sendable>(
        _ principal: Principal,
        _ body: (PostgresConnection) async throws -> sending Result
    ) async throws -> sending Result {
        try await scoped(principal.scope, actor: principal.actor).transaction(.init(), body)
    }
}
