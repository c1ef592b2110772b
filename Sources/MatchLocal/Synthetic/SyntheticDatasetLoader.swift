import MatchStore

/// Loads a synthetic national dataset into PostgreSQL in one transaction: an office with one
/// centre per province (or a market of nested offices, each with a centre and a policy),
/// vacancies, candidates with consents, and their rankings.
///
/// The plan is drawn from the shipped reference codes (`SyntheticMarketPlan`) and written by
/// `MarketSeeder`. All or nothing: a failure leaves the database as it was.
///
/// A seed gives the same market, ids included, on any database and any day: the codes come
/// from the shipped files (`ShippedReference.marketCodes`), and the market goes only into a
/// database without candidates or vacancies, so its ids are always 1…n. The ids are in the
/// nightly snapshot: after an earlier `demo` they made another snapshot hash.
public struct SyntheticDatasetLoader: Sendable {
    /// What a load wrote.
    public struct Summary: Sendable, Equatable {
        public var offices = 0, vacancies = 0, seats = 0, candidates = 0, rankingEntries = 0, couples = 0, jointRankingEntries = 0
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// - Parameter reference: the shipped reference tables the market is drawn from.
    public func load(
        _ settings: SyntheticSettings, reference: ShippedReference, progress: @escaping @Sendable (String) -> Void
    ) async throws -> Summary {
        let seeder = MarketSeeder(database: database)
        // (A market's offices are checked by the seeder: an existing first office writes nothing.)
        guard try await !seeder.officeExists(settings.officeCode) else { throw SyntheticDatasetError.officeExists(settings.officeCode) }
        let codes = try reference.marketCodes()
        guard !codes.counties.isEmpty, !codes.specialties.isEmpty else { throw SyntheticDatasetError.noReferenceData }
        let plan = SyntheticMarketPlan(
            settings: settings, counties: codes.counties, specialties: codes.specialties, keyCounties: codes.keyAssistanceCounties,
            progress: progress
        )
        let written: MarketSeeder.Summary
        do {
            written = try await seeder.load(
                plan.seed(settings, keyCounties: codes.keyAssistanceCounties, prefectures: codes.prefectures), ids: .fromOne,
                progress: progress
            )
        } catch MarketSeedError.databaseNotEmpty {
            throw SyntheticDatasetError.databaseNotEmpty
        }
        // Another load of the same office committed between the check above and this one.
        guard !written.alreadyPresent else { throw SyntheticDatasetError.officeExists(settings.officeCode) }
        return Summary(offices: written.offices, vacancies: written.vacancies, seats: written.seats, candidates: written.candidates,
                       rankingEntries: written.rankingEntries, couples: written.couples,
                       jointRankingEntries: written.jointRankingEntries)
    }
}

public enum SyntheticDatasetError: Error, Sendable, Equatable, CustomStringConvertible {
    case officeExists(String)
    case databaseNotEmpty
    case noReferenceData

    public var description: String {
        switch self {
        case .officeExists(let code): "office \(code) already exists; choose another --office or use a fresh database"
        case .databaseNotEmpty:
            "the database already holds candidates or vacancies; a synthetic market is loaded only into a database of its own "
                + "(a fresh TALENTMATCH_HOME), so that its ids, and so its nightly snapshot, are the same every time"
        case .noReferenceData: "the shipped region and specialty tables are empty; check TALENTMATCH_SCHEMA_DIR"
        }
    }
}
