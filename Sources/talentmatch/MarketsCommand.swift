import ArgumentParser
import MatchStore

struct MarketsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "markets",
        abstract: "List markets, create one, or move an office to another (a market is the offices whose posts candidates rank together).",
        discussion: """
            A deployment is one market ('main') by default, and every night one run matches a whole market. \
            Split it (for example by province) only where no candidate ranks across the split: moving an office \
            is refused while a candidate's ranking would then name posts of two markets, or while either market's \
            night has rankings frozen. Each market needs its own nightly timer (Deploy/README.md).
            """,
        subcommands: [List.self, Create.self, MoveOffice.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the markets, their offices and their newest lottery.")

        func run() async throws {
            let context = CommandContext()
            try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                let store = MarketStore(database: database)
                for market in try await store.list() {
                    Console.say("\(market.code)\t\(market.name)\t\(market.offices.count) office(s): \(market.offices.joined(separator: ", "))")
                    if let lottery = try await store.lotteries(marketID: market.id, limit: 1).first {
                        let state = lottery.isFrozen ? "rankings frozen, secret kept until the results" : "secret \(lottery.secret ?? "")"
                        Console.say("\tnight \(lottery.night): commitment \(lottery.commitment), \(state)")
                    }
                }
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an empty market; move offices into it with move-office.")

        @Option(help: "The market's code, e.g. SC (letters, digits, - and _).")
        var code: String
        @Option(help: "A name people recognise, e.g. 四川省.")
        var name: String

        func run() async throws {
            let context = CommandContext()
            try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                try await MarketStore(database: database).create(code: code, name: name, actor: "cli:markets")
            }
            Console.say("market \(code) created; move offices into it with `talentmatch markets move-office --office CODE --to \(code)`, "
                        + "and give it a nightly timer")
        }
    }

    struct MoveOffice: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "move-office",
            abstract: "Move an office (all its centres' posts) to another market, from its next night on."
        )

        @Option(help: "The office's code.")
        var office: String
        @Option(name: .customLong("to"), help: "The market's code.")
        var market: String

        func run() async throws {
            let context = CommandContext()
            let outcome = try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                try await MarketStore(database: database).move(officeCode: office, toMarket: market, actor: "cli:markets")
            }
            switch outcome {
            case .moved: Console.say("office \(office) now belongs to market \(market); its posts are matched in that market's night")
            case .unknownOffice: Console.progress("error: no office with code '\(office)'"); throw ExitCode(2)
            case .unknownMarket: Console.progress("error: no market with code '\(market)' (see `talentmatch markets list`)"); throw ExitCode(2)
            case .frozen:
                Console.progress("error: a night of one of the two markets is running with rankings frozen; try again when it has finished")
                throw ExitCode(1)
            case .rankingsSpanMarkets(let candidate):
                Console.progress("error: candidate \(candidate)'s ranking would then name posts of two markets; a market is split only "
                                 + "where no candidate ranks across the split")
                throw ExitCode(1)
            }
        }
    }
}
