import MatchStore

/// Loads a synthetic national dataset into PostgreSQL in one transaction: an office with one
/// centre per province (or a market of nested offices, each with a centre and a policy),
/// vacancies, candidates with consents, and their rankings.
///
/// The plan is drawn from the reference codes in force (`SyntheticMarketPlan`) and written by
/// `MarketSeeder`. All or nothing: a failure leaves the database as it was.
public struct SyntheticDatasetLoader: Sendable {
    /// What a load wrote.
    public struct Summary: Sendable, Equatable {
        public var offices = 0, vacancies = 0, seats = 0, candidates = 0, rankingEntries = 0
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func load(_ settings: SyntheticSettings, progress: @escaping @Sendable (String) -> Void) async throws -> Summary {
        let seeder = MarketSeeder(database: database)
        // (A market's offices are checked by the seeder: an existing first office writes nothing.)
        guard try await !seeder.officeExists(settings.officeCode) else { throw SyntheticDatasetError.officeExists(settings.officeCode) }
        let reference = try await ReferenceCodes.read(in: database)
        guard !reference.counties.isEmpty, !reference.specialties.isEmpty else { throw SyntheticDatasetError.noReferenceData }
        let plan = SyntheticMarketPlan(
            settings: settings, counties: reference.counties, specialties: reference.specialties,
            keyCounties: reference.keyAssistanceCounties, progress: progress
        )
        let written = try await seeder.load(
            plan.seed(settings, keyCounties: reference.keyAssistanceCounties, prefectures: reference.prefectures), progress: progress
        )
        // Another load of the same office committed between the check above and this one.
        guard !written.alreadyPresent else { throw SyntheticDatasetError.officeExists(settings.officeCode) }
        return Summary(offices: written.offices, vacancies: written.vacancies, seats: written.seats, candidates: written.candidates,
                       rankingEntries: written.rankingEntries)
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
