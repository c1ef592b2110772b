import ArgumentParser
import MatchStore

struct CentreCommand: CommandGroup {
    static let configuration = CommandConfiguration(
        commandName: "centre",
        abstract: "Create and list talent exchange centres.",
        discussion: "A centre belongs to one office and posts vacancies in its own region and below it. Its editors are invited "
            + "with `talentmatch staff invite --centre CODE --role centre_editor`.",
        subcommands: [Create.self, List.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a centre under an office.")

        @Option(help: "The office it belongs to (its code).")
        var office: String
        @Option(help: "The centre's code, e.g. GY-CENTRE (2-40 letters, digits, - and _).")
        var code: String
        @Option(help: "A name people recognise, e.g. 广元市人才交流中心.")
        var name: String
        @Option(help: "Its region: a six-digit GB/T 2260 code in the office's region or below it.")
        var region: String

        func run() async throws {
            let context = CommandContext()
            let id = try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                try await CentreStore(database: database)
                    .create(.init(officeCode: office, code: code, name: name, regionCode: region), actor: "cli:centre")
            }
            Console.say("centre \(code) (id \(id)) created under office \(office); invite its editor with "
                        + "`talentmatch staff invite --centre \(code) --role centre_editor ...`")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List centres: code, name, office, region, status, open posts.")

        @Option(help: "Only this office's centres (its code).")
        var office: String?

        func run() async throws {
            let context = CommandContext()
            let centres = try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                if let office, try await OfficeRecord.find(code: office, in: database) == nil { throw OrganisationError.unknownOffice(office) }
                return try await CentreStore(database: database).list(officeCode: office)
            }
            if centres.isEmpty { Console.say("no centres; create one with `talentmatch centre create --office CODE --code CODE ...`") }
            for centre in centres {
                Console.say("\(centre.code)\t\(centre.name)\toffice \(centre.officeCode)\t\(centre.regionCode) \(centre.regionName)\t"
                            + "\(centre.status)\t\(centre.openVacancies) open post(s)")
            }
        }
    }
}
