import MatchStore

/// A what-if: tonight's match solved with a draft policy that is not stored, compared with
/// the last committed run. It is always a dry run, so nothing computed with an unstored
/// policy can be written; the draft reaches the snapshot as a parameter, read in place of the
/// office's current version.
public enum WhatIfRun {
    /// `database` should be a system-scoped pool: the snapshot reads the office's whole market.
    public static func run(
        office: OfficeRecord, draft: PolicyDraft?, date: String, actor: String, database: Database
    ) async throws -> NightlyOutcome {
        let options = NightlyOptions(date: date, dryRun: true, actor: actor)
        return try await NightlyJob(database: database).run(officeCode: office.code, options: options, draft: draft)
    }
}
