import PostgresNIO

/// A database failure reduced to what an operator can act on, in one line.
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

    public let kind: Kind
    public let message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
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
        guard let psql = error as? PSQLError else {
            self.init(kind: .unreachable, message: "cannot reach PostgreSQL at \(server): \(Self.networkCause(error))")
            return
        }
        if let info = psql.serverInfo, let message = info[.message] {
            let state = info[.sqlState] ?? ""
            let hint = info[.hint].map { " (hint: \($0))" } ?? ""
            let place = server.isEmpty ? "PostgreSQL" : "PostgreSQL at \(server)"
            self.init(kind: .server(sqlState: state), message: "\(place): \(message)\(hint)")
        } else if psql.code == .connectionError || psql.code == .serverClosedConnection || psql.code == .clientClosedConnection {
            let cause = psql.underlying.map(Self.networkCause) ?? "\(psql.code)"
            self.init(kind: .unreachable, message: "cannot reach PostgreSQL at \(server): \(cause)")
        } else {
            self.init(kind: .other, message: "PostgreSQL at \(server): \(psql.code)")
        }
    }

    public var description: String { message }

    /// The server's SQLSTATE, when the server raised the error.
    public var sqlState: String? {
        if case .server(let state) = kind { return state }
        return nil
    }

    private static func networkCause(_ error: any Error) -> String {
        let text = String(describing: error)
        // NIO spells ECONNREFUSED and friends as "connect(descriptor:addr:size:): Connection refused (errno: 111)".
        if let colon = text.range(of: "): ", options: .backwards) {
            return String(text[colon.upperBound...])
        }
        return text
    }
}
