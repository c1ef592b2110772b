/// Why `migrate` refused or stopped. Every case names the file to look at.
public enum MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadableDirectory(String)
    case unreadableFile(String)
    case duplicateVersion(Int, String, String)
    case changedAfterApply(fileName: String, applied: String, current: String)
    case missingFromSource(version: Int, name: String)
    case failed(fileName: String, line: Int?, message: String)

    /// A version as its four-digit file prefix, `7` → `0007`.
    static func fileVersion(_ value: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    public var description: String {
        switch self {
        case .unreadableDirectory(let path):
            "cannot read the migrations folder \(path) (set TALENTMATCH_SCHEMA_DIR or run from the project folder)"
        case .unreadableFile(let name):
            "cannot read migration \(name) as UTF-8"
        case .duplicateVersion(let version, let first, let second):
            "two migrations share version \(version): \(first) and \(second); renumber one"
        case .changedAfterApply(let fileName, let applied, let current):
            """
            \(fileName) was changed after it was applied (checksum \(applied.prefix(12))… in the database, \(current.prefix(12))… on disk).
            Applied migrations are immutable: restore the file and put the change in a new migration.
            """
        case .missingFromSource(let version, let name):
            "the database has migration \(Self.fileVersion(version))_\(name) applied, which is not in Schema/; this binary is older than the database"
        case .failed(let fileName, let line, let message):
            "\(fileName)\(line.map { ":\($0)" } ?? ""): \(message) (rolled back; later migrations were not attempted)"
        }
    }
}
