import Foundation

/// Parses a libpq-style connection URL, as found in `DATABASE_URL`.
///
/// Accepted forms:
/// - `postgres://user:password@host:5432/dbname?sslmode=require`
/// - `postgres://user@/dbname?host=/path/to/socket-dir` (a Unix socket, as libpq spells it)
public enum DatabaseURL {
    public static func parse(_ text: String) throws(DatabaseURLError) -> ConnectionSettings {
        guard let components = URLComponents(string: text) else { throw .malformed }
        guard let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw .unsupportedScheme(components.scheme ?? "")
        }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last }
        )
        let database = String(components.percentEncodedPath.drop(while: { $0 == "/" })).removingPercentEncoding ?? ""
        guard !database.isEmpty else { throw .missingDatabase }
        let username = components.user ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        return ConnectionSettings(
            endpoint: try endpoint(components: components, query: query),
            username: username,
            password: components.password,
            database: database
        )
    }

    private static func endpoint(
        components: URLComponents, query: [String: String]
    ) throws(DatabaseURLError) -> ConnectionSettings.Endpoint {
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw .badPort(String(port)) }
        let host = query["host"] ?? components.host.flatMap { $0.removingPercentEncoding } ?? ""
        if host.hasPrefix("/") {
            return .unixSocket(path: "\(host)/.s.PGSQL.\(port)")
        }
        guard !host.isEmpty else { throw .missingHost }
        let mode = query["sslmode"] ?? "prefer"
        guard let tls = ConnectionSettings.TLSMode(rawValue: mode == "allow" ? "prefer" : mode) else {
            throw .unsupportedSSLMode(mode)
        }
        return .tcp(host: host, port: port, tls: tls)
    }
}

/// What is wrong with a `DATABASE_URL`, named so that a person can fix it.
public enum DatabaseURLError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed
    case unsupportedScheme(String)
    case missingDatabase
    case missingHost
    case badPort(String)
    case unsupportedSSLMode(String)

    public var description: String {
        let problem = switch self {
        case .malformed: "it is not a URL"
        case .unsupportedScheme(let scheme): "scheme '\(scheme)' is not postgres:// or postgresql://"
        case .missingDatabase: "it names no database (postgres://user@host:5432/DBNAME)"
        case .missingHost: "it names no host (postgres://user@HOST:5432/db, or ?host=/socket/dir)"
        case .badPort(let port): "port \(port) is out of range"
        case .unsupportedSSLMode(let mode): "sslmode '\(mode)' is not one of disable, prefer, require, verify-full"
        }
        return "DATABASE_URL: \(problem)"
    }
}
