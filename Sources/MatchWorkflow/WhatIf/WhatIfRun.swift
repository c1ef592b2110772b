import MatchStore

/// A what-if: tonight's match of the office's whole market solved with a draft policy for that
/// office, which is not stored, compared with the market's last committed run: what changes
/// on the office's own posts, and what spills over to other offices' (ADR 0030). It is always
/// a dry run, so nothing computed with an unstored policy can be written; the draft reaches
/// the snapshot as a parameter, read in place of the office's current version.
public enum WhatIfRun {
    /// `database` should be a system-scoped pool: the snapshot reads the whole market.
    public static func run(
        office: OfficeRecord, draft: PolicyDraft?, date: String, actor: String, database: Database
    ) async throws -> NightlyOutcome {
        let options = NightlyOptions(date: date, dryRun: true, actor: actor)
        return try await NightlyJob(database: database).run(
            market: .ofOffice(office.code), options: options, whatIf: (office.code, draft)
        )
    }
}
