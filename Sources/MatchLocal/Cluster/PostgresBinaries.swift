import Foundation

/// Where the PostgreSQL server programs live on this machine.
///
/// Debian keeps `initdb` and `pg_ctl` off PATH, under `/usr/lib/postgresql/<major>/bin`, so
/// both places are searched; on PATH wins, then the highest major version.
public struct PostgresBinaries: Sendable, Equatable {
    public let initdb: String
    public let pgCtl: String

    public init(initdb: String, pgCtl: String) {
        self.initdb = initdb
        self.pgCtl = pgCtl
    }

    /// Finds both programs, or explains how to install them.
    public static func locate(
        path: String? = ProcessInfo.processInfo.environment["PATH"],
        versionedRoot: String = "/usr/lib/postgresql"
    ) throws(ClusterError) -> PostgresBinaries {
        for directory in candidateDirectories(path: path, versionedRoot: versionedRoot) {
            let initdb = directory + "/initdb"
            let pgCtl = directory + "/pg_ctl"
            if FileManager.default.isExecutableFile(atPath: initdb), FileManager.default.isExecutableFile(atPath: pgCtl) {
                return PostgresBinaries(initdb: initdb, pgCtl: pgCtl)
            }
        }
        throw .serverBinariesNotFound
    }

    static func candidateDirectories(path: String?, versionedRoot: String) -> [String] {
        let onPath = (path ?? "").split(separator: ":").map(String.init)
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: versionedRoot)) ?? []
        let versioned = versions
            .compactMap { name in Int(name).map { (major: $0, name: name) } }
            .sorted { $0.major > $1.major }
            .map { "\(versionedRoot)/\($0.name)/bin" }
        return onPath + versioned
    }
}
