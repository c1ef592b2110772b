import Logging
import PostgresNIO

/// Loads a synthetic national dataset into PostgreSQL in one transaction: an office, one
/// centre per province, vacancies, candidates with consents, and their rankings.
///
/// Rows go in as UNNEST arrays in batches; ids are assigned here (OVERRIDING SYSTEM VALUE
/// under a table lock) so that rankings can refer to candidates and vacancies without
/// reading a million ids back. All or nothing: a failure leaves the database as it was.
public struct SyntheticDatasetLoader: Sendable {
    /// What a load wrote.
    public struct Summary: Sendable, Equatable {
        public var vacancies = 0, seats = 0, candidates = 0, rankingEntries = 0
    }

    static let batch = 50_000
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func load(_ settings: SyntheticSettings, progress: @escaping @Sendable (String) -> Void) async throws -> Summary {
        try await database.transaction { connection in
            let writer = SyntheticRowWriter(connection: connection, logger: database.logger, progress: progress)
            try await writer.refuseExistingOffice(settings.officeCode)
            let reference = try await writer.referenceCodes()
            let plan = SyntheticMarketPlan(
                settings: settings, counties: reference.counties, specialties: reference.specialties,
                keyCounties: reference.keyCounties, progress: progress
            )
            try await connection.query("LOCK TABLE vacancies, candidates, rankings IN EXCLUSIVE MODE", logger: database.logger)
            let centres = try await writer.insertOrganisation(settings, provinces: Set(plan.vacancies.map { String($0.county.prefix(2)) }))
            let vacancyBase = try await writer.insertVacancies(plan.vacancies, centres: centres)
            let candidateBase = try await writer.insertCandidates(plan.candidates)
            let entries = try await writer.insertRankings(plan.candidates, candidateBase: candidateBase, vacancyBase: vacancyBase)
            progress("committing")
            return Summary(vacancies: plan.vacancies.count, seats: plan.vacancies.reduce(0) { $0 + $1.seats },
                           candidates: plan.candidates.count, rankingEntries: entries)
        }
    }
}

/// The SQL behind `SyntheticDatasetLoader`, one table at a time.
struct SyntheticRowWriter {
    let connection: PostgresConnection
    let logger: Logger
    let progress: @Sendable (String) -> Void

    func refuseExistingOffice(_ code: String) async throws {
        let rows = try await connection.query("SELECT 1 FROM offices WHERE code = \(code)", logger: logger)
        for try await _ in rows { throw SyntheticDatasetError.officeExists(code) }
    }

    func referenceCodes() async throws -> (counties: [String], specialties: [String], keyCounties: Set<String>) {
        var counties: [String] = [], specialties: [String] = [], keys = Set<String>()
        for try await code in try await connection.query(
            "SELECT code FROM regions WHERE level = 'county' AND valid_to IS NULL ORDER BY code", logger: logger
        ).decode(String.self) { counties.append(code) }
        for try await code in try await connection.query(
            "SELECT code FROM specialties WHERE NOT retired ORDER BY code", logger: logger
        ).decode(String.self) { specialties.append(code) }
        for try await code in try await connection.query(
            """
            SELECT d.region_code FROM region_designations d JOIN designation_lists l ON l.id = d.list_id
            WHERE l.in_force AND l.kind = 'key_assistance_county'
            """, logger: logger
        ).decode(String.self) { keys.insert(code) }
        guard !counties.isEmpty, !specialties.isEmpty else { throw SyntheticDatasetError.noReferenceData }
        return (counties, specialties, keys)
    }

    /// The office and a centre per province; returns province prefix → centre id.
    func insertOrganisation(_ settings: SyntheticSettings, provinces: Set<String>) async throws -> [String: Int64] {
        try await connection.query(
            "INSERT INTO offices (code, name, region_code) VALUES (\(settings.officeCode), '合成数据办公室 (synthetic)', \(settings.officeRegion))",
            logger: logger
        )
        let sorted = provinces.sorted()
        try await connection.query(
            """
            INSERT INTO centres (office_id, code, name, region_code)
            SELECT o.id, \(settings.officeCode) || '-' || p, '合成人才交流中心 ' || p, p || '0000'
            FROM offices o, UNNEST(\(sorted)::text[]) AS p WHERE o.code = \(settings.officeCode)
            """,
            logger: logger
        )
        var centres: [String: Int64] = [:]
        for try await (id, code) in try await connection.query(
            "SELECT c.id, c.region_code FROM centres c JOIN offices o ON o.id = c.office_id WHERE o.code = \(settings.officeCode)",
            logger: logger
        ).decode((Int64, String).self) { centres[String(code.prefix(2))] = id }
        return centres
    }

    func nextBase(_ table: String) async throws -> Int64 {
        let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT coalesce(max(id), 0) FROM \(table)"), logger: logger)
        for try await value in rows.decode(Int64.self) { return value }
        return 0
    }

    func advanceSequence(_ table: String) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT setval(pg_get_serial_sequence('\(table)', 'id'), greatest((SELECT max(id) FROM \(table)), 1))
            """), logger: logger)
    }
}

public enum SyntheticDatasetError: Error, Sendable, Equatable, CustomStringConvertible {
    case officeExists(String)
    case noReferenceData

    public var description: String {
        switch self {
        case .officeExists(let code): "office \(code) already exists; choose another --office or use a fresh database"
        case .noReferenceData: "the region and specialty tables are empty; run `talentmatch migrate` first"
        }
    }
}
