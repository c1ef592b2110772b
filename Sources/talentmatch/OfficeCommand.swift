import ArgumentParser
import MatchStore

struct OfficeCommand: CommandGroup {
    static let configuration = CommandConfiguration(
        commandName: "office",
        abstract: "Create and list regional offices.",
        discussion: "An office sets policy for its region and the regions below it, and reads its part of the market's night. "
            + "Its staff are invited with `talentmatch staff invite --office CODE`; in the console, a province office's admin "
            + "creates the offices below it.",
        subcommands: [Create.self, List.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an office for a region.")

        @Option(help: "The office's code, e.g. GY-HR (2-40 letters, digits, - and _).")
        var code: String
        @Option(help: "A name people recognise, e.g. 广元市人力资源和社会保障局.")
        var name: String
        @Option(help: "The region it serves: a six-digit GB/T 2260 code, e.g. 510800.")
        var region: String
        @Option(help: "The market whose nights match its posts (needed when there are several; see `talentmatch markets list`).")
        var market: String?

        func run() async throws {
            let context = CommandContext()
            let id = try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                try await OfficeStore(database: database)
                    .create(.init(code: code, name: name, regionCode: region, marketCode: market), actor: "cli:office")
            }
            Console.say("office \(code) (id \(id)) created; create its centres with `talentmatch centre create --office \(code) ...` "
                        + "and invite its admin with `talentmatch staff invite --office \(code) --role office_admin ...`")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List offices: code, name, region, market, status, centres, staff.")

        func run() async throws {
            let context = CommandContext()
            let offices = try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                try await OfficeStore(database: database).list()
            }
            if offices.isEmpty { Console.say("no offices; create one with `talentmatch office create --code CODE --name NAME --region CODE`") }
            for office in offices {
                Console.say("\(office.code)\t\(office.name)\t\(office.regionCode) \(office.regionName)\tmarket \(office.market)\t"
                            + "\(office.status)\t\(office.centres) centre(s)\t\(office.staff) staff")
            }
        }
    }
}
