import MatchStore

/// A demo candidate's gateway login, for `talentmatch demo`: 李明远 of the demo dataset,
/// who has a profile, a ranking and (after tonight's match) an offer. The password is
/// public on purpose; the demo database is local and throwaway.
public enum DemoLogin {
    public static let contact = "demo1@example.cn"
    public static let password = "bazhong-demo-2026"

    /// Creates the account if it is missing (idempotent); false if the demo data is not loaded.
    public static func ensure(in database: Database) async throws -> Bool {
        let hash = await PasswordHasher.make(cost: 12).hash(password)
        return try await CandidateAccountStore(database: database).ensureAccount(contact: contact, passwordHash: hash)
    }
}
