import NIOCore
import PostgresNIO

/// Whether an error says the database could not be reached (as opposed to a refused query,
/// a constraint, or any error of the caller's own).
public enum ConnectionFailure {
    public static func matches(_ error: any Error) -> Bool {
        switch error {
        case is DatabaseUnavailable, is ConnectionLost, is ChannelError, is IOError:
            return true
        case let psql as PSQLError:
            return [.connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed, .uncleanShutdown].contains(psql.code)
        case let database as DatabaseError:
            return database.kind == .unreachable
        default:
            // The pool's own errors (its circuit breaker) are of a type PostgresNIO does not export.
            return String(reflecting: type(of: error)).contains("ConnectionPoolError")
        }
    }
}
