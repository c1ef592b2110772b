import Foundation
import Logging
import MatchCore
import PostgresNIO

/// What a candidate says about themselves, in the database's vocabulary.
public struct CandidateProfileRecord: Sendable, Equatable, Codable {
    public var fullName: String
    public var contact: String
    public var education: String
    public var title: String
    public var experienceYears: Int
    public var hukouRegion: String?
    public var hukouType: String?
    public var currentRegion: String?
    public var acceptedModes: [String]
    public var programmes: [String]
    public var hardshipWilling: Bool
    public var specialties: [String]
    public var complete: Bool

    public init(
        fullName: String, contact: String, education: String, title: String, experienceYears: Int, hukouRegion: String?,
        hukouType: String?, currentRegion: String?, acceptedModes: [String], programmes: [String], hardshipWilling: Bool,
        specialties: [String], complete: Bool
    ) {
        self.fullName = fullName
        self.contact = contact
        self.education = education
        self.title = title
        self.experienceYears = experienceYears
        self.hukouRegion = hukouRegion
        self.hukouType = hukouType
        self.currentRegion = currentRegion
        self.acceptedModes = acceptedModes
        self.programmes = programmes
        self.hardshipWilling = hardshipWilling
        self.specialties = specialties
        self.complete = complete
    }
}

/// Reads and writes a candidate's profile. A save replaces the whole profile in one
/// transaction; the database's CHECKs and foreign keys are the last word on its values.
public struct CandidateProfileStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func load(candidateID: Int64) async throws -> CandidateProfileRecord? {
        let rows = try await database.query(
            """
            SELECT c.full_name, c.contact, c.education, c.title, c.experience_years::int, c.hukou_region_code, c.hukou_type,
                   c.current_region_code, c.accepted_modes, c.programmes, c.hardship_willing,
                   coalesce((SELECT array_agg(s.specialty_code ORDER BY s.position) FROM candidate_specialties s
                             WHERE s.candidate_id = c.id), '{}'),
                   a.profile_completed_at IS NOT NULL
            -- Candidates an office registered have no account, and still a profile the night scores.
            FROM candidates c LEFT JOIN candidate_accounts a ON a.candidate_id = c.id
            WHERE c.id = \(candidateID) AND c.status = 'active'
            """,
            logger: database.logger
        )
        for try await row in rows.decode(
            (String, String, String, String, Int, String?, String?, String?, [String], [String], Bool, [String], Bool).self
        ) {
            return CandidateProfileRecord(
                fullName: row.0, contact: row.1, education: row.2, title: row.3, experienceYears: row.4, hukouRegion: row.5,
                hukouType: row.6, currentRegion: row.7, acceptedModes: row.8, programmes: row.9, hardshipWilling: row.10,
                specialties: row.11, complete: row.12
            )
        }
        return nil
    }

    /// Saves everything but name and contact (those change through their own, re-authenticated
    /// forms), and the ID number change in the same transaction, so a refused number leaves the
    /// whole profile as it was. Throws `IdentityNumberRefusal` when the number is refused.
    public func save(
        candidateID: Int64, _ record: CandidateProfileRecord, identityNumber: IdentityNumberChange = .keep, source: String
    ) async throws {
        do {
            try await write(candidateID: candidateID, record, identityNumber: identityNumber, source: source)
        } catch let duplicate as IdentityNumberStore.Duplicate {
            try await IdentityNumberStore(database: database).recordDuplicate(duplicate, candidateID: candidateID, source: source)
            throw IdentityNumberRefusal.alreadyRegistered
        }
    }

    private func write(candidateID: Int64, _ record: CandidateProfileRecord, identityNumber: IdentityNumberChange, source: String) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            try await IdentityNumberStore.apply(identityNumber, candidateID: candidateID, on: connection, logger: logger)
            try await connection.query(
                """
                UPDATE candidates SET education = \(record.education), title = \(record.title),
                    experience_years = \(record.experienceYears), hukou_region_code = \(record.hukouRegion),
                    hukou_type = \(record.hukouType), current_region_code = \(record.currentRegion),
                    accepted_modes = \(record.acceptedModes), programmes = \(record.programmes),
                    hardship_willing = \(record.hardshipWilling), updated_at = now()
                WHERE id = \(candidateID)
                """,
                logger: logger
            )
            try await connection.query("DELETE FROM candidate_specialties WHERE candidate_id = \(candidateID)", logger: logger)
            let positions = record.specialties.indices.map { Int16($0 + 1) }
            try await connection.query(
                """
                INSERT INTO candidate_specialties (candidate_id, specialty_code, position)
                SELECT \(candidateID), code, position FROM unnest(\(record.specialties)::text[], \(positions)::int2[]) AS u(code, position)
                """,
                logger: logger
            )
            try await connection.query(
                "UPDATE candidate_accounts SET profile_completed_at = coalesce(profile_completed_at, now()) WHERE candidate_id = \(candidateID)",
                logger: logger
            )
            try await AuditLog.record(
                actor: "candidate:\(candidateID)", action: "profile.save", subject: "candidate:\(candidateID)",
                details: identityNumber.auditDetails, source: source, on: connection, logger: logger
            )
        }
    }

    /// The profile as the engine sees it: household registration only while the separate
    /// consent for sensitive data is live, exactly as the nightly snapshot reads it.
    public func engineProfile(candidateID: Int64) async throws -> CandidateProfile? {
        guard let record = try await load(candidateID: candidateID) else { return nil }
        let consented = try await ConsentStore(database: database).isLive(.sensitiveData, candidateID: candidateID)
        return Self.engineProfile(record, id: candidateID, sensitiveConsent: consented)
    }

    static func engineProfile(_ record: CandidateProfileRecord, id: Int64, sensitiveConsent: Bool) -> CandidateProfile {
        let kind = record.hukouType.flatMap { HouseholdTypeCode(rawValue: $0)?.kind }
        let registration = sensitiveConsent
            ? record.hukouRegion.flatMap { RegionCode($0) }.map { HouseholdRegistration(region: $0, kind: kind) }
            : nil
        return CandidateProfile(
            id: NightlySnapshot.candidateKey(id), specialties: record.specialties.compactMap { SpecialtyCode($0) },
            education: EducationCode(rawValue: record.education)?.level ?? .juniorMiddle,
            title: TitleCode(rawValue: record.title)?.title ?? ProfessionalTitle.none, yearsOfExperience: max(0, record.experienceYears),
            householdRegistration: registration, currentRegion: record.currentRegion.flatMap { RegionCode($0) },
            acceptedModes: Set(record.acceptedModes.compactMap { IntroductionModeCode(rawValue: $0)?.mode }),
            programmes: Set(record.programmes.compactMap { ProgrammeCode(rawValue: $0)?.programme }), acceptsHardshipAreas: record.hardshipWilling
        )
    }
}
