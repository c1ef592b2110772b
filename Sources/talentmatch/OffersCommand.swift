import ArgumentParser
import Foundation
import MatchStore

struct OffersCommand: CommandGroup {
    static let configuration = CommandConfiguration(
        commandName: "offers",
        abstract: "Expire offers past their deadline, or list a run's offers.",
        subcommands: [Expire.self, List.self]
    )

    struct Expire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Expire pending offers whose deadline has passed (the timer runs this before the match)."
        )

        func run() async throws {
            let context = CommandContext()
            let count = try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                try await OfferStore(database: database).expire()
            }
            Console.say(count == 0 ? "no pending offer is past its deadline" : "expired \(count) offer(s); their seats are free for the next match")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the offers of one run.")

        @Argument(help: "The run's id (see `talentmatch runs list`).")
        var runID: Int64

        func run() async throws {
            let context = CommandContext()
            let offers = try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                guard try await RunReports(database: database).exists(runID: runID) else {
                    throw InputProblem("RUN_ID \(runID)", "no run \(runID) exists; `talentmatch runs list` shows the runs")
                }
                return try await OfferListing.forRun(runID, in: database)
            }
            guard !offers.isEmpty else {
                Console.say("run \(runID) has no offers (a dry run writes none; a failed run releases none)")
                return
            }
            for offer in offers {
                let score = offer.score.map { String(format: "%.1f", $0) } ?? "-"
                Console.say("\(offer.offerID)\t\(offer.vacancyTitle)\t\(offer.candidateName)\tchoice #\(offer.choiceRank)\tscore \(score)\t\(offer.state)\tuntil \(offer.deadline.formatted(.iso8601))")
            }
        }
    }
}
