import Foundation
import MatchCore
import MatchLocal
@testable import MatchStore
import MatchStoreTesting
import MatchWorkflow
import PostgresNIO

/// Shared by the tests of every target above MatchCore: a market with offers comes from a real
/// night, not from rows written by hand.
///
/// The demo region with a policy: 8 vacancies (14 seats), 23 ranking candidates; with `.bazhongAndGuangyuan`,
/// 广元's 3 posts (4 seats) with its own policy, and 6 more candidates who rank posts of both.
public enum NightlyFixture {
    public static let office = DemoDataset.officeCode

    public static func prepare(
        _ database: Database, regions: [PolicyDraft.RegionSetting] = [], offices: DemoDataset.Offices = .bazhong
    ) async throws {
        _ = try await DemoDataset(database: database).load(offices)
        _ = try await PolicyStore(database: database).create(
            officeCode: office, draft: PolicyDraft(regions: regions), actor: "test"
        )
    }

    /// A night `daysAgo` days before today (China Standard Time): nights are never in the
    /// future, and a night's offers count their deadline from it.
    public static func night(daysAgo: Int = 0) -> String {
        CalendarDate.today().adding(days: -daysAgo).description
    }

    /// Stores the snapshot in 1 KiB parts, so every stored snapshot here has several.
    public static func run(_ database: Database, date: String = night(), dryRun: Bool = false, rerun: Bool = false) async throws -> NightlyOutcome {
        var options = NightlyOptions(date: date, dryRun: dryRun, rerun: rerun, actor: "test")
        options.snapshotPartBytes = 1024
        return try await NightlyJob(database: database).run(officeCode: office, options: options)
    }

    public static func committedRunID(_ outcome: NightlyOutcome) -> Int64? {
        if case .committed(let id, _) = outcome { return id }
        return nil
    }

    /// candidate id → vacancy id of a run.
    public static func assignments(_ runID: Int64, _ database: Database) async throws -> [Int64: Int64] {
        Dictionary(uniqueKeysWithValues: try await RunReports(database: database).assignments(runID: runID).map { ($0.candidateID, $0.vacancyID) })
    }

    public static func count(_ sql: String, _ database: Database) async throws -> Int {
        let rows = try await database.client.query(PostgresQuery(unsafeSQL: sql))
        for try await value in rows.decode(Int.self) { return value }
        return -1
    }
}
