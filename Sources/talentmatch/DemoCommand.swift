import ArgumentParser
import MatchStore

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run TalentMatch end to end on demo data: database, schema, reference tables, a demo region.",
        discussion: "Starts the embedded PostgreSQL (unless DATABASE_URL is set), applies migrations, loads "
            + "the real reference tables and a small demo dataset for 巴中 (Bazhong), and prints what it did. "
            + "Safe to run again: every step is idempotent."
    )

    func run() async throws {
        let context = CommandContext()
        Console.say("TalentMatch demo")
        Console.say("1. Database")
        try await context.target.withDatabase(logger: context.logger) { database in
            Console.say("   \(context.target.databaseURL == nil ? "embedded" : "DATABASE_URL"): \(database.settings.redactedURL)")
            Console.say("2. Schema and reference data")
            try await context.migrate(database)
            Console.say("3. Demo dataset")
            let summary = try await DemoDataset(database: database).load()
            if summary.alreadyLoaded {
                Console.say("   already loaded (office \(DemoDataset.officeCode)); nothing changed")
            } else {
                Console.say("   office \(DemoDataset.officeCode) (巴中市), \(summary.centres) centres, \(summary.vacancies) open vacancies with \(summary.seats) seats")
                Console.say("   \(summary.candidates) candidates, \(summary.rankings) of them with a ranking")
            }
            try await printCounts(database)
        }
        Console.say("""
            Next:
              psql "$(swift run talentmatch db url)"      look at the data
              swift run talentmatch serve                 start the server (GET /health, /ready)
              swift run talentmatch db stop               stop the embedded PostgreSQL
            """)
    }

    private func printCounts(_ database: Database) async throws {
        let rows = try await database.client.query(
            """
            SELECT (SELECT count(*) FROM regions WHERE valid_to IS NULL),
                   (SELECT count(*) FROM specialties WHERE NOT retired),
                   (SELECT count(*) FROM region_designations d JOIN designation_lists l ON l.id = d.list_id WHERE l.in_force)
            """,
            logger: database.logger
        )
        for try await (regions, specialties, designations) in rows.decode((Int, Int, Int).self) {
            Console.say("   in the database: \(regions) regions, \(specialties) specialties, \(designations) designated regions")
        }
    }
}
