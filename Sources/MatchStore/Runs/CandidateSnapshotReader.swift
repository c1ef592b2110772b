import Logging
import MatchCore
import PostgresNIO

/// Reads tonight's candidates whose ids fall in one range, with their frozen rankings, in id
/// order: active, consented to matching, and holding neither an accepted offer nor an open
/// one (pending or under review; other than those of `supersededRun`, which a rerun replaces).
///
/// The scope is part of this one query rather than staged first: measured at 1M candidates,
/// staging it in a temporary table cost a second pass over every ranking and candidate
/// (3.9 s) for a query that reads them anyway. A ranking keeps only the vacancies in tonight's
/// scope, in the candidate's order, with each one's rank in the whole list (ADR 0030); a
/// candidate left with no such vacancy is not part of tonight's match. Household
/// registration is sensitive (PIPL Art. 28): it reaches the engine only while the candidate's
/// separate consent for sensitive data is live; without it, a household rule cannot be met.
struct CandidateSnapshotReader {
    let connection: PostgresConnection
    let logger: Logger
    /// Partners of tonight's couples: read even without a ranking of their own, or with none
    /// of tonight's posts in it (ADR 0040).
    var coupled: Set<Int64> = []

    /// - Parameters:
    ///   - ids: the candidate ids to read; `SnapshotReader` reads two halves side by side.
    ///   - positions: vacancy id → position in the snapshot's vacancies (tonight's scope).
    ///   - supersededRun: the run a rerun replaces, or -1.
    func read(
        ids: ClosedRange<Int64>, positions: VacancyPositions, supersededRun: Int64, rejected: inout [NightlySnapshot.RejectedRow]
    ) async throws -> [NightlySnapshot.Candidate] {
        let (first, last) = (ids.lowerBound, ids.upperBound)
        // One row per candidate, with the small fields packed into one integer in SQL:
        // at a million candidates, decoding cells costs more than the query itself.
        let packing = PackedProfileFields()
        let rows = try await connection.queryOpen(
            """
            SELECT c.id, coalesce(r.id, 0), \(unescaped: packing.sql),
                   c.education || '/' || c.title,
                   CASE WHEN k.id IS NULL THEN NULL ELSE c.hukou_region_code || '/' || coalesce(c.hukou_type, '') END,
                   c.current_region_code, coalesce(r.choices, '{}'),
                   coalesce((SELECT array_agg(p.specialty_code ORDER BY p.position) FROM candidate_specialties p
                             WHERE p.candidate_id = c.id), '{}'),
                   coalesce(d.vacancies, '{}')
            FROM candidates c
            -- rankings_newest_first (0018) yields these in candidate order without a sort.
            \(unescaped: coupled.isEmpty ? "" : "LEFT ")JOIN (SELECT DISTINCT ON (candidate_id) id, candidate_id, choices FROM rankings
                  WHERE candidate_id BETWEEN \(first) AND \(last)
                  ORDER BY candidate_id, version DESC) r ON r.candidate_id = c.id
            -- Posts the candidate declined or let expire are never offered to them again (ADR 0036).
            LEFT JOIN (SELECT candidate_id, array_agg(vacancy_id) AS vacancies FROM offers
                       WHERE state IN ('declined', 'expired') AND candidate_id BETWEEN \(first) AND \(last)
                       GROUP BY candidate_id) d ON d.candidate_id = c.id
            LEFT JOIN candidate_consents k ON k.candidate_id = c.id AND k.purpose = 'sensitive_data' AND k.withdrawn_at IS NULL
                                          AND k.candidate_id BETWEEN \(first) AND \(last)
            WHERE c.status = 'active' AND c.id BETWEEN \(first) AND \(last)
              \(unescaped: coupledCondition)
              -- One pass over the offers: a per-candidate probe cannot use the partial indexes.
              AND c.id NOT IN (SELECT candidate_id FROM offers
                               WHERE state = 'accepted' OR (state IN ('pending', 'under_review') AND run_id <> \(supersededRun)))
              AND EXISTS (SELECT 1 FROM candidate_consents m
                          WHERE m.candidate_id = c.id AND m.purpose = 'matching' AND m.withdrawn_at IS NULL
                            AND m.candidate_id BETWEEN \(first) AND \(last))
            ORDER BY c.id
            """,
            logger: logger
        )
        var regions = RegionCache()
        var specialties = SpecialtyCache()
        var result: [NightlySnapshot.Candidate] = []
        for try await (id, rankingID, packed, levels, hukou, current, choices, codes, declined)
            in rows.decode((Int64, Int64, Int, String, String?, String?, PackedInt64Array, PackedTextArray, PackedInt64Array).self) {
            let (ranking, ranks) = Self.tonight(choices.values, positions: positions, skipping: declined.values)
            guard !ranking.isEmpty || coupled.contains(id) else { continue }
            let parts = levels.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, let level = EducationCode(rawValue: parts[0])?.level, let rank = TitleCode(rawValue: parts[1])?.title else {
                rejected.append(.init(table: "candidates", id: id, problem: "unknown education or title '\(levels)'"))
                continue
            }
            let registration = hukou.flatMap { text -> HouseholdRegistration? in
                let fields = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let kind = fields.last.flatMap { HouseholdTypeCode(rawValue: $0)?.kind }
                return regions[fields.first].map { HouseholdRegistration(region: $0, kind: kind) }
            }
            let profile = CandidateProfile(
                id: NightlySnapshot.candidateKey(id), specialties: codes.values.compactMap { specialties[$0] }, education: level, title: rank,
                yearsOfExperience: packing.experience(packed), householdRegistration: registration, currentRegion: regions[current],
                acceptedModes: packing.modes(packed), programmes: packing.programmes(packed),
                acceptsHardshipAreas: packing.hardshipWilling(packed)
            )
            result.append(.init(id: id, rankingID: rankingID, profile: profile, choices: ranking, ranks: ranks))
        }
        return result
    }

    /// Without couples the query is the one measured at 1M (an inner join with the rankings);
    /// with them, partners without a ranking of their own join it too. The ids are integers,
    /// spliced as an array literal (a few thousand at most: partners of confirmed couples).
    private var coupledCondition: String {
        coupled.isEmpty ? "" : "AND (r.id IS NOT NULL OR c.id = ANY('{\(coupled.sorted().map(String.init).joined(separator: ","))}'::int8[]))"
    }

    /// A ranking limited to tonight's posts, as positions, and each kept choice's rank in the
    /// whole list (ADR 0030). The ranks are recorded only from the first post left out on, as
    /// most rankings keep every post on a first night. The posts in `declined` (the candidate
    /// declined them or let them expire) are left out like a post not in tonight's scope: the
    /// ranking itself stays as the candidate wrote it (ADR 0036).
    static func tonight(_ ids: [Int64], positions: VacancyPositions, skipping declined: [Int64] = []) -> (choices: [Int32], ranks: [UInt8]) {
        var choices: [Int32] = []
        choices.reserveCapacity(ids.count)
        var ranks: [UInt8] = []
        var gapped = false
        for (index, id) in ids.enumerated() {
            guard let position = positions[id], declined.isEmpty || !declined.contains(id) else { continue }
            let rank = index + 1
            if !gapped, rank != choices.count + 1 {
                // The first choice kept after one left out: the earlier ones kept their ranks.
                gapped = true
                ranks = (0..<choices.count).map { UInt8(clamping: $0 + 1) }
            }
            choices.append(position)
            if gapped { ranks.append(UInt8(clamping: rank)) }
        }
        return (choices, ranks)
    }
}

/// Parses each distinct specialty code once.
struct SpecialtyCache {
    private var parsed: [String: SpecialtyCode] = [:]

    subscript(code: String) -> SpecialtyCode? {
        mutating get {
            if let known = parsed[code] { return known }
            let specialty = SpecialtyCode(code)
            parsed[code] = specialty
            return specialty
        }
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

/// A candidate's modes, programmes, willingness for hardship areas and years of experience
/// in one integer: modes in the low bits, then programmes, then the hardship bit, then the
/// years. The SQL that packs and the accessors that unpack are made from the same widths.
struct PackedProfileFields {
    private let modeSets = PackedCodes<IntroductionModeCode>.subsets.map { Set($0.map(\.mode)) }
    private let programmeSets = PackedCodes<ProgrammeCode>.subsets.map { Set($0.map(\.programme)) }
    private let modeBits = PackedCodes<IntroductionModeCode>.width
    private let programmeBits = PackedCodes<ProgrammeCode>.width
    private var hardshipBit: Int { 1 << (modeBits + programmeBits) }
    private var experienceShift: Int { modeBits + programmeBits + 1 }

    var sql: String {
        """
        (\(PackedCodes<IntroductionModeCode>.sql("c.accepted_modes"))) | ((\(PackedCodes<ProgrammeCode>.sql("c.programmes"))) << \(modeBits))
          | (CASE WHEN c.hardship_willing THEN \(hardshipBit) ELSE 0 END) | (c.experience_years << \(experienceShift))
        """
    }

    func modes(_ packed: Int) -> Set<IntroductionMode> { modeSets[packed & ((1 << modeBits) - 1)] }
    func programmes(_ packed: Int) -> Set<Programme> { programmeSets[(packed >> modeBits) & ((1 << programmeBits) - 1)] }
    func hardshipWilling(_ packed: Int) -> Bool { packed & hardshipBit != 0 }
    func experience(_ packed: Int) -> Int { packed >> experienceShift }
}
