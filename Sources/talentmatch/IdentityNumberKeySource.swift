import Foundation
import MatchStore

/// Finds the ID-number keys for `serve`, `demo` and `keys` (ADR 0022): the file named by
/// TALENTMATCH_ID_NUMBER_KEYS_FILE, else `id-number-keys` in the local state home.
///
/// `serve` never creates keys: a key made silently on a server whose home is not backed up
/// would make every number stored under it unreadable the day the file is lost. `demo` may,
/// because its database lives in the same local home and is a toy by definition.
struct IdentityNumberKeySource {
    static let setting = "TALENTMATCH_ID_NUMBER_KEYS_FILE"

    let layout: ProjectLayout

    /// The keys `serve` needs; a clear error naming the setting when there are none.
    func load() throws -> IdentityNumberKeys {
        guard let path = layout.identityNumberKeysFile else { throw MissingIdentityNumberKeys(path: nil) }
        do {
            return try IdentityNumberKeyFile.load(path: path)
        } catch .missing {
            throw MissingIdentityNumberKeys(path: layout.configuredIdentityNumberKeysFile == nil ? path : nil, configured: layout.configuredIdentityNumberKeysFile)
        }
    }

    /// `demo`: the existing keys, or new ones written to the local home with mode 0600.
    /// Returns nil (and creates nothing) where there is no home to keep them in.
    func loadOrCreate() throws -> (keys: IdentityNumberKeys, path: String, created: Bool)? {
        guard let path = layout.identityNumberKeysFile else { return nil }
        do {
            return (try IdentityNumberKeyFile.load(path: path), path, false)
        } catch .missing {
            // With DATABASE_URL set, nothing else has made the local home yet.
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let keys = IdentityNumberKeys.generate()
            try IdentityNumberKeyFile.create(path: path, keys: keys)
            return (keys, path, true)
        }
    }
}

/// `serve` without keys: one line that names the setting and how to make a key file.
struct MissingIdentityNumberKeys: Error, CustomStringConvertible {
    /// The local-home file that was looked for, when no setting was given.
    var path: String?
    var configured: String?

    var description: String {
        if let configured {
            return "\(IdentityNumberKeySource.setting) names \(configured), which does not exist; "
                + "create it with `talentmatch keys generate --output \(configured)` (and back it up), or correct the setting"
        }
        let looked = path.map { " (looked for \($0))" } ?? ""
        return "no keys for ID numbers\(looked): set \(IdentityNumberKeySource.setting) to a key file made by "
            + "`talentmatch keys generate --output FILE` (mode 0600; back it up apart from the database), "
            + "or run `talentmatch demo` in a checkout for a local one"
    }
}
