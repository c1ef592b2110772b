/// One numbered SQL file from `Schema/`, such as `0003_match_runs.sql`.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let fileName: String
    public let sql: String

    /// SHA-256 of the file's bytes, hex: recorded when applied, compared ever after.
    public var checksum: String {
        Digest.sha256Hex(sql)
    }

    public init(version: Int, name: String, fileName: String, sql: String) {
        self.version = version
        self.name = name
        self.fileName = fileName
        self.sql = sql
    }

    /// Parses `NNNN_name.sql` into its version and name, or nil for any other file name.
    static func parseFileName(_ fileName: String) -> (version: Int, name: String)? {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        let name = stem[stem.index(after: underscore)...]
        guard digits.count == 4, let version = Int(digits), version > 0, !name.isEmpty else { return nil }
        return (version, String(name))
    }
}
