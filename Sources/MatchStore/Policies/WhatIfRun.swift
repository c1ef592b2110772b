/// A what-if: tonight's match solved with a draft policy that is not stored, compared with
/// the last committed run. The nightly pipeline reads the policy through `PolicyStore`, which
/// substitutes the draft for this task only; the run is always a dry run, so nothing it
/// computed with an unstored policy can be written.
public enum WhatIfRun {
    struct Draft: Sendable {
        let officeID: Int64
        let draft: PolicyDraft
    }

    /// `database` should be a system-scoped pool: the snapshot reads the office's whole market.
    public static func run(
        office: OfficeRecord, draft: PolicyDraft?, date: String, actor: String, database: Database
    ) async throws -> NightlyOutcome {
        let options = NightlyOptions(date: date, dryRun: true, actor: actor)
        precondition(options.dryRun, "a what-if never commits")
        let job = NightlyJob(database: database)
        guard let draft else { return try await job.run(officeCode: office.code, options: options) }
        return try await PolicyStore.$whatIfDraft.withValue(Draft(officeID: office.id, draft: draft)) {
            try await job.run(officeCode: office.code, options: options)
        }
    }
}
