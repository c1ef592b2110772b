import Logging
import MatchCore
import PostgresNIO

/// Reads the staged candidates (`nightly_candidates`) with their frozen rankings, in id order.
///
/// A ranking keeps only the vacancies in tonight's scope, in the candidate's order; a
/// candidate left with no such vacancy is not part of tonight's match. Household
/// registration is sensitive (PIPL Art. 28): it reaches the engine only while the candidate's
/// separate consent for sensitive data is live; without it, a household rule cannot be met.
struct CandidateSnapshotReader {
    let connection: PostgresConnection
    let logger: Logger

    func read(inScope vacancies: Set<Int64>, rejected: inout [NightlySnapshot.RejectedRow]) async throws -> [NightlySnapshot.Candidate] {
        let specialties = try await specialtyLists()
        let rankings = try await rankingLists(inScope: vacancies)
        let modes = DomainMapping.bitmaskSQL("c.accepted_modes", DomainMapping.modeCodes)
        let programmes = DomainMapping.bitmaskSQL("c.programmes", DomainMapping.programmeCodes)
        let rows = try await connection.queryOpen(
            """
            SELECT c.id, s.ranking_id, c.education, c.title, c.experience_years,
                   CASE WHEN k.id IS NULL THEN NULL ELSE c.hukou_region_code END,
                   CASE WHEN k.id IS NULL THEN NULL ELSE c.hukou_type END,
                   c.current_region_code, \(unescaped: modes), \(unescaped: programmes), c.hardship_willing
            FROM nightly_candidates s
            JOIN candidates c ON c.id = s.id
            LEFT JOIN candidate_consents k ON k.candidate_id = c.id AND k.purpose = 'sensitive_data' AND k.withdrawn_at IS NULL
            ORDER BY c.id
            """,
            logger: logger
        )
        var regions = RegionCache()
        var result: [NightlySnapshot.Candidate] = []
        for try await (id, rankingID, education, title, years, hukou, hukouType, current, modeMask, programmeMask, hardship)
            in rows.decode((Int64, Int64, String, String, Int, String?, String?, String?, Int, Int, Bool).self) {
            guard let ranking = rankings[rankingID], !ranking.isEmpty else { continue }
            guard let level = DomainMapping.education(education), let rank = DomainMapping.title(title) else {
                rejected.append(.init(table: "candidates", id: id, problem: "unknown education '\(education)' or title '\(title)'"))
                continue
            }
            let registration = regions[hukou].map { HouseholdRegistration(region: $0, kind: DomainMapping.householdKind(hukouType)) }
            let profile = CandidateProfile(
                id: NightlySnapshot.candidateKey(id), specialties: specialties[id] ?? [], education: level, title: rank,
                yearsOfExperience: years, householdRegistration: registration, currentRegion: regions[current],
                acceptedModes: DomainMapping.modeSets[modeMask], programmes: DomainMapping.programmeSets[programmeMask],
                acceptsHardshipAreas: hardship, ranking: ranking.map(NightlySnapshot.vacancyKey)
            )
            result.append(.init(id: id, rankingID: rankingID, profile: profile))
        }
        return result
    }

    private func specialtyLists() async throws -> [Int64: [SpecialtyCode]] {
        // One row per candidate with an array: decoding rows, not SQL, dominates at a million.
        let rows = try await connection.queryOpen(
            """
            SELECT p.candidate_id, array_agg(p.specialty_code ORDER BY p.position)
            FROM candidate_specialties p JOIN nightly_candidates s ON s.id = p.candidate_id
            GROUP BY p.candidate_id
            """,
            logger: logger
        )
        var parsed: [String: SpecialtyCode] = [:]
        var result: [Int64: [SpecialtyCode]] = [:]
        for try await (candidate, codes) in rows.decode((Int64, [String]).self) {
            result[candidate] = codes.compactMap { code in
                if let known = parsed[code] { return known }
                let specialty = SpecialtyCode(code)
                parsed[code] = specialty
                return specialty
            }
        }
        return result
    }

    /// Each candidate's frozen choices (the version staged for tonight), restricted to tonight's vacancies.
    private func rankingLists(inScope vacancies: Set<Int64>) async throws -> [Int64: [Int64]] {
        let rows = try await connection.queryOpen(
            "SELECT r.id, r.choices FROM nightly_candidates s JOIN rankings r ON r.id = s.ranking_id",
            logger: logger
        )
        var result: [Int64: [Int64]] = [:]
        for try await (ranking, choices) in rows.decode((Int64, [Int64]).self) {
            result[ranking] = choices.filter(vacancies.contains)
        }
        return result
    }
}

/// Parses each distinct region code once: a few thousand codes repeat across a million rows.
struct RegionCache {
    private var parsed: [String: RegionCode] = [:]

    subscript(code: String?) -> RegionCode? {
        mutating get {
            guard let code else { return nil }
            if let known = parsed[code] { return known }
            guard let region = RegionCode(code) else { return nil }
            parsed[code] = region
            return region
        }
    }
}
