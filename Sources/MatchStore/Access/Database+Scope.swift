extension Database {
    /// The same pool, whose transactions run in `scope` for `actor` (ADR 0016). Stores take a
    /// `Database` and open their own transactions, so handing them a scoped one puts every
    /// query they run under row-level security for the caller.
    public func scoped(_ scope: AccessScope, actor: String) -> Database {
        Database(client: client, settings: settings, logger: logger, maxConnections: maxConnections,
                 transactionScope: TransactionScope(scope: scope, actor: actor))
    }
}
