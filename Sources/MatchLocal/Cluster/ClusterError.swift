/// Why a project-local or throwaway PostgreSQL cluster could not be managed.
public enum ClusterError: Error, Sendable, Equatable, CustomStringConvertible {
    case serverBinariesNotFound
    case missingServerAccount(String)
    case cannotPrepareDirectory(path: String, reason: String)
    case cannotRun(program: String, reason: String)
    case commandFailed(program: String, output: String)
    case socketPathTooLong(String)

    public var description: String {
        switch self {
        case .serverBinariesNotFound:
            """
            PostgreSQL server programs (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql/*/bin.
              Install them:      apt-get install postgresql
              or use a server:   export DATABASE_URL=postgres://user:password@host:5432/talentmatch
            """
        case .missingServerAccount(let name):
            "running as root, but there is no '\(name)' account to run PostgreSQL as (PostgreSQL refuses root); install the postgresql package, which creates it"
        case .cannotPrepareDirectory(let path, let reason):
            "cannot prepare \(path): \(reason)"
        case .cannotRun(let program, let reason):
            "cannot run \(program): \(reason)"
        case .commandFailed(let program, let output):
            "\(program.split(separator: "/").last ?? Substring(program)) failed:\n" + Self.indented(output)
        case .socketPathTooLong(let path):
            "the socket path \(path) is longer than the 107 bytes a Unix socket allows; move the project or set DATABASE_URL"
        }
    }

    private static func indented(_ output: String) -> String {
        output.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
    }
}
