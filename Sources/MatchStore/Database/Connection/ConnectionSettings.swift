import Foundation

/// Where and as whom to connect: what a `DATABASE_URL` or a local cluster resolves to.
public struct ConnectionSettings: Sendable, Equatable {
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int, tls: TLSMode)
        case unixSocket(path: String)
    }

    /// The subset of libpq's `sslmode` that TalentMatch honours, with libpq's meaning:
    /// `prefer` and `require` encrypt without checking the certificate; `verify-full`
    /// checks it against the system's trust store and the host name.
    public enum TLSMode: String, Sendable, Equatable {
        case disable
        case prefer
        case require
        case verifyFull = "verify-full"
    }

    public var endpoint: Endpoint
    public var username: String
    public var password: String?
    public var database: String

    public init(endpoint: Endpoint, username: String, password: String?, database: String) {
        self.endpoint = endpoint
        self.username = username
        self.password = password
        self.database = database
    }

    /// A person-readable name of the server, without secrets: `db.example:5432` or the socket path.
    public var serverName: String {
        switch endpoint {
        case .tcp(let host, let port, _): "\(host):\(port)"
        case .unixSocket(let path): path
        }
    }

    /// A `postgres://` URL for tools like psql; the password is never included.
    public var redactedURL: String {
        switch endpoint {
        case .tcp(let host, let port, let tls):
            "postgres://\(percentEncoded(username))@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)"
        case .unixSocket(let path):
            "postgres://\(percentEncoded(username))@/\(database)?host=\(socketDirectory(of: path))"
        }
    }

    private func socketDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[..<slash])
    }

    private func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? text
    }
}
