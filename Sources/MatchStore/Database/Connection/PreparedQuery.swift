import PostgresNIO

/// A statement run so often that PostgreSQL should parse and plan it once per connection,
/// not at every run: the gateway's signed-in pages, the API's token check and vacancy list,
/// and the scope of every transaction.
///
/// Why: under load, half of PostgreSQL's time on those paths went to parsing and planning the
/// same few statements again, because every `query` is an unnamed statement (a profile in
/// docs/performance.md). A named prepared statement is parsed once per pooled connection, and
/// after five runs PostgreSQL may keep a generic plan.
///
/// The SQL is written once, as an interpolated `PostgresQuery` like every other statement in
/// MatchStore: `query` renders it with `$n` placeholders and this value's binds. Its text must
/// not depend on the values (interpolate values, never SQL), because PostgreSQL keeps the
/// text prepared under the type's name; `template` is any value, whose text is the one prepared.
protocol PreparedQuery: PostgresPreparedStatement where Row == PostgresRow {
    /// The statement with this value's binds.
    var query: PostgresQuery { get }
    /// Any value of the statement: only its SQL text is used.
    static var template: Self { get }
}

extension PreparedQuery {
    static var sql: String { template.query.sql }

    func makeBindings() throws -> PostgresBindings { query.binds }

    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}
