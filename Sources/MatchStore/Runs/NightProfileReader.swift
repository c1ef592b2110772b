import Foundation
import Logging
import MatchCore
import PostgresNIO

/// A candidate's profile as one night read it (ADR 0050): the newest profile version recorded
/// before the night started (`match_runs.started_at`), with household registration only if
/// the sensitive-data consent was live then, exactly as the night's snapshot reads it.
struct NightProfile: Sendable, Equatable {
    let profile: CandidateProfile
    /// The version is the one in force that night. False when none is kept from that night
    /// (the profile was first versioned after it, by migration 0102) or its household
    /// registration, used that night, was erased since with the consent: the earliest kept
    /// version after the night is used instead, and the page says so.
    let fromThatNight: Bool
    /// A version recorded after the night differs from it.
    let changedSince: Bool
}

/// One indexed read of `candidate_profile_versions` (its primary key is candidate, time).
struct NightProfileReader {
    let database: Database

    func read(candidateID: Int64, runID: Int64) async throws -> NightProfile? {
        let rows = try await database.query(
            """
            WITH night AS (SELECT started_at AS at FROM match_runs WHERE id = \(runID)),
            kept AS (
                (SELECT v.*, true AS in_force FROM candidate_profile_versions v, night
                 WHERE v.candidate_id = \(candidateID) AND v.valid_from <= night.at ORDER BY v.valid_from DESC LIMIT 1)
                UNION ALL
                (SELECT v.*, false FROM candidate_profile_versions v, night
                 WHERE v.candidate_id = \(candidateID) AND v.valid_from > night.at ORDER BY v.valid_from LIMIT 1))
            SELECT k.education, k.title, k.experience_years::int, k.hukou_region_code, k.hukou_type, k.current_region_code,
                   k.accepted_modes, k.programmes, k.hardship_willing, k.specialties, k.household_erased, k.in_force,
                   -- A save that changed nothing still records a version (its specialties are rewritten).
                   EXISTS (SELECT 1 FROM candidate_profile_versions v, night
                           WHERE v.candidate_id = \(candidateID) AND v.valid_from > night.at
                             AND (v.education, v.title, v.experience_years, v.hukou_region_code, v.hukou_type, v.current_region_code,
                                  v.accepted_modes, v.programmes, v.hardship_willing, v.specialties)
                                 IS DISTINCT FROM (k.education, k.title, k.experience_years, k.hukou_region_code, k.hukou_type,
                                                   k.current_region_code, k.accepted_modes, k.programmes, k.hardship_willing,
                                                   k.specialties)),
                   EXISTS (SELECT 1 FROM candidate_consents s, night
                           WHERE s.candidate_id = \(candidateID) AND s.purpose = 'sensitive_data'
                             AND s.granted_at <= night.at AND (s.withdrawn_at IS NULL OR s.withdrawn_at > night.at))
            FROM kept k ORDER BY k.in_force DESC LIMIT 1
            """,
            logger: database.logger
        )
        typealias Row = (String, String, Int, String?, String?, String?, [String], [String], Bool, [String], Bool, Bool, Bool, Bool)
        for try await row in rows.decode(Row.self) {
            let record = CandidateProfileRecord(
                fullName: "", contact: "", education: row.0, title: row.1, experienceYears: row.2, hukouRegion: row.3, hukouType: row.4,
                currentRegion: row.5, acceptedModes: row.6, programmes: row.7, hardshipWilling: row.8, specialties: row.9, complete: true
            )
            let (erased, inForce, changed, consented) = (row.10, row.11, row.12, row.13)
            let profile = CandidateProfileStore.engineProfile(record, id: candidateID, sensitiveConsent: consented)
            // An erased registration matters only if that night could read it.
            return NightProfile(profile: profile, fromThatNight: inForce && !(erased && consented), changedSince: changed)
        }
        return nil
    }
}
