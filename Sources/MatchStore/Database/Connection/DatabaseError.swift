import PostgresNIO

/// A database failure reduced to what an operator can act on, in one line, and to what a
/// caller can decide on (`cause`): the only error of the database that leaves MatchStore.
///
/// PostgresNIO deliberately hides details in `PSQLError.description` (they may hold
/// secrets). This type picks out the safe parts: the server's message and hint, or the
/// network cause, and always names the server.
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case unreachable
        case server(sqlState: String)
        case tls
        case other
    }

    /// What the failure means for whoever asked, whatever the SQLSTATE.
    public enum Cause: Sendable, Equatable {
        /// A unique key refused a second row.
        case duplicate
        /// A constraint or a data check refused a value the caller sent.
        case refusedValue
        /// A serialisation failure, a deadlock or a cancelled statement: retrying may succeed.
        case busy
        /// The role or row-level security does not allow it.
        case notPermitted
        /// The server or the network went away.
        case unreachable
        /// Anything else: a failure of the server or of this program.
        case failure
    }

    public let kind: Kind
    public let message: String
    /// The server's own message without the server's name, for a client that made the mistake.
    public let serverMessage: String?

    public init(kind: Kind, message: String, serverMessage: String? = nil) {
        self.kind = kind
        self.message = message
        self.serverMessage = serverMessage
    }

    static func tlsSetup(_ reason: String) -> DatabaseError {
        DatabaseError(kind: .tls, message: "cannot set up TLS: \(reason)")
    }

    /// Classifies any error thrown while talking to `server` (empty when unknown).
    public init(_ error: any Error, server: String) {
        if let known = error as? DatabaseError {
            self = known
            return
        }
        if error is ConnectionLost {
            self.init(kind: .unreachable, message: "lost the connection to PostgreSQL\(Self.at(server)): \(error)")
            return
        }
        guard let psql = error as? PSQLError else {
            self.init(kind: .unreachable, message: "cannot reach PostgreSQL\(Self.at(server)): \(Self.networkCause(error))")
            return
        }
        if let info = psql.serverInfo, let message = info[.message] {
            let state = info[.sqlState] ?? ""
            let hint = info[.hint].map { " (hint: \($0))" } ?? ""
            let place = server.isEmpty ? "PostgreSQL" : "PostgreSQL at \(server)"
            self.init(kind: .server(sqlState: state), message: "\(place): \(message)\(hint)", serverMessage: message)
        } else if [.connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown].contains(psql.code) {
            let cause = psql.underlying.map(Self.networkCause) ?? "\(psql.code)"
            self.init(kind: .unreachable, message: "cannot reach PostgreSQL\(Self.at(server)): \(cause)")
        } else {
            self.init(kind: .other, message: "PostgreSQL\(Self.at(server)): \(psql.code)")
        }
    }

    /// `error` as a `DatabaseError` when it came from the database or the connection; any
    /// other error (a domain error thrown inside a transaction) unchanged.
    static func wrapping(_ error: any Error, server: String) -> any Error {
        guard error is PSQLError || error is ConnectionLost else { return error }
        return DatabaseError(error, server: server)
    }

    public var description: String { message }

    /// The server's SQLSTATE, when the server raised the error.
    public var sqlState: String? {
        if case .server(let state) = kind { return state }
        return nil
    }

    public var cause: Cause {
        switch kind {
        case .unreachable: return .unreachable
        case .tls, .other: return .failure
        case .server(let state):
            switch state {
            case "23505": return .duplicate
            case let code where code.hasPrefix("23") || code.hasPrefix("22"): return .refusedValue
            case "40001", "40P01", "57014": return .busy
            case "42501": return .notPermitted
            case let code where code.hasPrefix("57P") || code.hasPrefix("08"): return .unreachable
            default: return .failure
            }
        }
    }

    /// The connection went away under a job (a restart, an administrator's shutdown): a job
    /// that writes nothing before its final commit can start again from scratch.
    public var isConnectionLoss: Bool { cause == .unreachable }

    private static func at(_ server: String) -> String {
        server.isEmpty ? "" : " at \(server)"
    }

    /// The system's reason, in its own words and lower case: "connection refused".
    ///
    /// NIO spells ECONNREFUSED and friends as `connect(descriptor:addr:size:): Connection
    /// refused) (errno: 111)`, with a bracket of its own after the reason, sometimes inside a
    /// wrapper's description that adds more: only the words between the call and the errno
    /// are for a person.
    static func networkCause(_ error: any Error) -> String {
        let text = String(describing: error)
        if let match = text.firstMatch(of: /\): ([^():]+?)\)? \(errno: \d+\)/) {
            let reason = String(match.1)
            return reason.prefix(1).lowercased() + reason.dropFirst()
        }
        return text
    }
}
