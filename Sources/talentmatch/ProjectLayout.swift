import Foundation

/// Where TalentMatch finds its SQL migrations and reference tables, and keeps its local state.
///
/// A checkout is found by walking up from the working directory, then from the executable
/// (so `swift run` and `.build/debug/talentmatch` both work from anywhere inside the
/// project). An installed copy points at its files with `TALENTMATCH_SCHEMA_DIR` and
/// `TALENTMATCH_HOME` instead.
struct ProjectLayout: Sendable {
    let schemaDirectory: String
    let stateDirectory: String
    /// False when neither a checkout nor TALENTMATCH_HOME says where local state belongs:
    /// then no embedded database is created (an installed binary run from `/` would
    /// otherwise quietly start one in `/.talentmatch`).
    let hasStateHome: Bool
    /// TALENTMATCH_ID_NUMBER_KEYS_FILE, when set: the only place `serve` then looks for the
    /// ID-number keys (ADR 0022).
    let configuredIdentityNumberKeysFile: String?

    var referenceDirectory: String { schemaDirectory + "/reference" }
    var embeddedClusterDirectory: String { stateDirectory + "/pg" }

    /// Where the ID-number keys are: the configured file, else `id-number-keys` in the local
    /// state home (which `demo` creates), else nowhere.
    var identityNumberKeysFile: String? {
        configuredIdentityNumberKeysFile ?? (hasStateHome ? stateDirectory + "/id-number-keys" : nil)
    }

    /// Where the embedded database lives, in the words `help` and the docs use.
    static let embeddedDatabaseRule = "With DATABASE_URL unset, commands use an embedded PostgreSQL, created and started "
        + "on first use, in TALENTMATCH_HOME/pg when TALENTMATCH_HOME is set; otherwise in .talentmatch/pg of the "
        + "TalentMatch checkout that holds the current folder or, failing that, the talentmatch binary (so "
        + ".build/debug/talentmatch run from anywhere uses its own checkout). Anywhere else there is none, and the "
        + "command stops and says to set DATABASE_URL or TALENTMATCH_HOME."

    static func discover(environment: [String: String] = ProcessInfo.processInfo.environment) -> ProjectLayout {
        let root = projectRoot()
        let fallbackRoot = root ?? FileManager.default.currentDirectoryPath
        return ProjectLayout(
            schemaDirectory: environment["TALENTMATCH_SCHEMA_DIR"] ?? fallbackRoot + "/Schema",
            stateDirectory: environment["TALENTMATCH_HOME"] ?? fallbackRoot + "/.talentmatch",
            hasStateHome: root != nil || environment["TALENTMATCH_HOME"] != nil,
            configuredIdentityNumberKeysFile: environment[IdentityNumberKeySource.setting].flatMap { $0.isEmpty ? nil : $0 }
        )
    }

    private static func projectRoot() -> String? {
        let starts = [FileManager.default.currentDirectoryPath, executableDirectory()].compactMap { $0 }
        for start in starts {
            var url = URL(fileURLWithPath: start).standardizedFileURL
            while url.path != "/" {
                if FileManager.default.fileExists(atPath: url.appendingPathComponent("Schema/0001_reference.sql").path) {
                    return url.path
                }
                url.deleteLastPathComponent()
            }
        }
        return nil
    }

    private static func executableDirectory() -> String? {
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        return URL(fileURLWithPath: path).deletingLastPathComponent().path
    }
}
