import Logging
import PostgresNIO

/// The rows of one statement run on the pool, as `Database.query` returns them: read them
/// like PostgresNIO's rows (`for try await … in rows.decode(…)`), and a failure of the
/// database while they stream arrives as `DatabaseError`, as it does from the query itself.
struct DatabaseRows<Rows: AsyncSequence>: AsyncSequence where Rows.Element == PostgresRow {
    typealias Element = PostgresRow

    let rows: Rows
    let server: String

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: Rows.AsyncIterator
        let server: String

        mutating func next() async throws -> PostgresRow? {
            do {
                return try await base.next()
            } catch {
                throw DatabaseError.wrapping(error, server: server)
            }
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: rows.makeAsyncIterator(), server: server)
    }
}

extension DatabaseRows: Sendable where Rows: Sendable {}

extension Database {
    /// Runs one statement outside a transaction on a pooled connection.
    func query(
        _ query: PostgresQuery, logger: Logger? = nil, file: String = #fileID, line: Int = #line
    ) async throws -> DatabaseRows<PostgresRowSequence> {
        do {
            let rows = try await client.query(query, logger: logger ?? self.logger, file: file, line: line)
            return DatabaseRows(rows: rows, server: settings.serverName)
        } catch {
            throw DatabaseError.wrapping(error, server: settings.serverName)
        }
    }

    /// Runs one prepared statement outside a transaction on a pooled connection, preparing it
    /// first if that connection has not yet (see `PreparedQuery`).
    func execute<Statement: PreparedQuery>(
        _ statement: Statement, logger: Logger? = nil, file: String = #fileID, line: Int = #line
    ) async throws -> DatabaseRows<AsyncThrowingMapSequence<PostgresRowSequence, PostgresRow>> {
        do {
            let rows = try await client.execute(statement, logger: logger ?? self.logger, file: file, line: line)
            return DatabaseRows(rows: rows, server: settings.serverName)
        } catch {
            throw DatabaseError.wrapping(error, server: settings.serverName)
        }
    }
}
