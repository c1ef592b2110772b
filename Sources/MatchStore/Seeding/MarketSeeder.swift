import Logging
import PostgresNIO

/// Writes a `MarketSeed` in one transaction: the demo's eight posts or a national market of a
/// million candidates, all or nothing.
///
/// Rows go in as UNNEST arrays in batches; ids are reserved from each table's identity under
/// a table lock and written explicitly (OVERRIDING SYSTEM VALUE) in the seed's order, so that
/// rankings can refer to candidates and vacancies without reading a million ids back.
public struct MarketSeeder: Sendable {
    /// What a load wrote.
    public struct Summary: Sendable, Equatable {
        public var offices = 0, centres = 0, vacancies = 0, seats = 0, candidates = 0, rankings = 0, rankingEntries = 0
        public var couples = 0, jointRankingEntries = 0
        /// The seed's first office existed already, so nothing was written.
        public var alreadyPresent = false

        public init() {}
    }

    /// Where a seed's ids start.
    public enum IDs: Sendable {
        /// After whatever the tables hold: reserved from each identity with `nextval`, which
        /// the application role may call (the demo).
        case reserved
        /// At 1, in a database without candidates or vacancies, so a seed gives the same ids,
        /// and so the same nightly snapshot, every time (a synthetic market). Moves the
        /// identities past them with `setval`, so it runs as the tables' owner.
        case fromOne
    }

    /// Rows per statement: large enough to amortise round trips, small enough to keep each
    /// bind array a few megabytes.
    static let batch = 50_000

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Writes `seed` unless its first office exists already (then `alreadyPresent`, nothing written).
    public func load(
        _ seed: MarketSeed, ids: IDs = .reserved, progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> Summary {
        try await database.transaction { connection in
            let writer = SeedRowWriter(connection: connection, logger: database.logger, ids: ids, progress: progress)
            var summary = Summary()
            if let first = seed.offices.first, try await writer.officeExists(first.code) {
                summary.alreadyPresent = true
                return summary
            }
            try await connection.query("LOCK TABLE vacancies, candidates, rankings IN EXCLUSIVE MODE", logger: database.logger)
            let centres = try await writer.insertOrganisations(seed.offices, seed.centres)
            let vacancyBase = try await writer.insertVacancies(seed.vacancies, centres: centres)
            let candidateBase = try await writer.insertCandidates(seed.candidates)
            let existing = try await writer.existingVacancyIDs(seed.existingVacancies)
            summary.rankingEntries = try await writer.insertRankings(
                seed.rankings, candidateBase: candidateBase, vacancyBase: vacancyBase, ownVacancies: seed.vacancies.count, existing: existing
            )
            try await writer.insertPolicies(seed.policies)
            summary.jointRankingEntries = try await writer.insertCouples(
                seed.couples, contacts: seed.candidates.map(\.contact), candidateBase: candidateBase, vacancyBase: vacancyBase
            )
            summary.couples = seed.couples.count
            progress("committing")
            summary.offices = seed.offices.count
            summary.centres = seed.centres.count
            summary.vacancies = seed.vacancies.count
            summary.seats = seed.seats
            summary.candidates = seed.candidates.count
            summary.rankings = seed.rankings.filter { !$0.isEmpty }.count
            return summary
        }
    }

    /// Whether an office with this code exists (a seed for it would be refused or skipped).
    public func officeExists(_ code: String) async throws -> Bool {
        try await database.withConnection { connection in
            try await SeedRowWriter(connection: connection, logger: database.logger, ids: .reserved, progress: { _ in }).officeExists(code)
        }
    }
}

/// The SQL behind `MarketSeeder`, one table group at a time.
struct SeedRowWriter {
    let connection: PostgresConnection
    let logger: Logger
    let ids: MarketSeeder.IDs
    let progress: @Sendable (String) -> Void

    func officeExists(_ code: String) async throws -> Bool {
        let rows = try await connection.query("SELECT 1 FROM offices WHERE code = \(code)", logger: logger)
        for try await _ in rows { return true }
        return false
    }

    /// Offices and centres; returns centre code → id.
    func insertOrganisations(_ offices: [MarketSeed.Office], _ centres: [MarketSeed.Centre]) async throws -> [String: Int64] {
        try await connection.query(
            """
            INSERT INTO offices (code, name, region_code)
            SELECT * FROM UNNEST(\(offices.map(\.code))::text[], \(offices.map(\.name))::text[], \(offices.map(\.region))::text[])
            """,
            logger: logger
        )
        let rows = try await connection.query(
            """
            INSERT INTO centres (office_id, code, name, region_code)
            SELECT o.id, c.code, c.name, c.region
            FROM UNNEST(\(centres.map(\.officeCode))::text[], \(centres.map(\.code))::text[], \(centres.map(\.name))::text[],
                        \(centres.map(\.region))::text[]) WITH ORDINALITY AS c(office, code, name, region, n)
            JOIN offices o ON o.code = c.office
            ORDER BY c.n
            RETURNING code, id
            """,
            logger: logger
        )
        var ids: [String: Int64] = [:]
        for try await (code, id) in rows.decode((String, Int64).self) { ids[code] = id }
        return ids
    }

    /// The ids of posts already in the database, in the order named; a name that matches none
    /// is refused, so a seed never ranks a post that is not there.
    func existingVacancyIDs(_ names: [MarketSeed.ExistingVacancy]) async throws -> [Int64] {
        guard !names.isEmpty else { return [] }
        let rows = try await connection.query(
            """
            SELECT n.i, v.id FROM UNNEST(\(names.map(\.centreCode))::text[], \(names.map(\.externalID))::text[]) WITH ORDINALITY AS n(centre, external, i)
            JOIN centres c ON c.code = n.centre JOIN vacancies v ON v.centre_id = c.id AND v.external_id = n.external
            ORDER BY n.i
            """,
            logger: logger
        )
        var ids: [Int64] = []
        for try await (_, id) in rows.decode((Int64, Int64).self) { ids.append(id) }
        guard ids.count == names.count else { throw MarketSeedError.unknownVacancies(names.map { "\($0.centreCode)/\($0.externalID)" }) }
        return ids
    }

    /// Each office's first policy, validated as `PolicyStore.create` validates one.
    func insertPolicies(_ policies: [String: PolicyDraft]) async throws {
        for code in policies.keys.sorted() {
            guard let draft = policies[code] else { continue }
            try await PolicyStore.insert(draft, officeCode: code, actor: "seed", on: connection, logger: logger)
        }
    }

    /// The id before the first of `count` rows of `table`: 0 for `.fromOne` (after checking
    /// the table is empty), else a block reserved from the table's identity.
    func idBase(_ table: String, count: Int) async throws -> Int64 {
        switch ids {
        case .fromOne:
            let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT EXISTS (SELECT 1 FROM \(table))"), logger: logger)
            for try await occupied in rows.decode(Bool.self) where occupied { throw MarketSeedError.databaseNotEmpty(table: table) }
            return 0
        case .reserved:
            return try await reserveIDs(table, count: count)
        }
    }

    /// After `.fromOne` rows, moves the identity past them so later inserts do not collide.
    func finishIDs(_ table: String) async throws {
        guard case .fromOne = ids else { return }
        try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT setval(pg_get_serial_sequence('\(table)', 'id'), greatest((SELECT max(id) FROM \(table)), 1))
            """), logger: logger)
    }

    /// Reserves `count` consecutive ids of `table`'s identity and returns the one before the
    /// first, so the seed's rows take base+1…base+count.
    ///
    /// Drawn with `nextval`, which the application role may call, rather than by moving the
    /// sequence with `setval`, which it may not. The caller holds the table's EXCLUSIVE lock, so
    /// no other insert draws from the sequence meanwhile; the check below says so if one did.
    private func reserveIDs(_ table: String, count: Int) async throws -> Int64 {
        guard count > 0 else { return 0 }
        let rows = try await connection.query(
            """
            SELECT min(id), max(id) FROM (SELECT nextval(pg_get_serial_sequence(\(table), 'id')) AS id
                                          FROM generate_series(1, \(count))) AS drawn
            """,
            logger: logger
        )
        for try await (first, last) in rows.decode((Int64, Int64).self) where last - first + 1 == Int64(count) {
            return first - 1
        }
        throw MarketSeedError.idsNotConsecutive(table: table)
    }
}

/// Why a seed could not be written.
public enum MarketSeedError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another session drew ids from the table's sequence while the seed held its lock.
    case idsNotConsecutive(table: String)
    /// A ranking names posts that are not in the database.
    case unknownVacancies([String])
    /// Ids from one were asked for, and the table already has rows.
    case databaseNotEmpty(table: String)

    public var description: String {
        switch self {
        case .idsNotConsecutive(let table):
            "could not reserve consecutive ids in \(table): another session inserted at the same time; try again"
        case .unknownVacancies(let names):
            "the seed ranks posts that are not in the database (one of \(names.prefix(5).joined(separator: ", ")))"
        case .databaseNotEmpty(let table): "\(table) already has rows, so the seed's ids cannot start at 1"
        }
    }
}
