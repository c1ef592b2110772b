import Logging
import PostgresNIO

/// The connection was closed under a job (the server restarted or the network broke).
public struct ConnectionLost: Error, Sendable, CustomStringConvertible {
    public var description: String { "the database connection was closed (the server restarted or the network broke)" }
}

extension PostgresConnection {
    /// Sends a query only on a connection that is still open.
    ///
    /// With PostgresNIO 1.33, a query sent on a connection the server has already closed is
    /// never answered (seen here: a nightly run whose server restarted during its write
    /// transaction waited forever at COMMIT). Checking first turns that into an error the
    /// nightly job retries from scratch.
    @discardableResult
    func queryOpen(_ query: PostgresQuery, logger: Logger, file: String = #fileID, line: Int = #line) async throws -> PostgresRowSequence {
        guard !isClosed else { throw ConnectionLost() }
        return try await self.query(query, logger: logger, file: file, line: line)
    }

    /// Runs a prepared statement only on a connection that is still open, as `queryOpen` does.
    @discardableResult
    func executeOpen<Statement: PreparedQuery>(
        _ statement: Statement, logger: Logger, file: String = #fileID, line: Int = #line
    ) async throws -> AsyncThrowingMapSequence<PostgresRowSequence, PostgresRow> {
        guard !isClosed else { throw ConnectionLost() }
        return try await execute(statement, logger: logger, file: file, line: line)
    }
}
