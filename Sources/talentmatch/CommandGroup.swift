import ArgumentParser

/// A command that only groups subcommands (`db`, `policy`, `token`, …). Called alone it is a
/// bad command line: exit 64 with its usage, not its help screen and exit 0, so a script that
/// forgot the subcommand fails instead of doing nothing successfully.
protocol CommandGroup: AsyncParsableCommand {}

extension CommandGroup {
    func run() async throws {
        throw MissingSubcommand(group: Self.self)
    }
}

struct MissingSubcommand: Error, CustomStringConvertible {
    let group: any ParsableCommand.Type

    var description: String {
        let names = group.configuration.subcommands.map { $0._commandName }
        return "`talentmatch \(group._commandName)` needs a subcommand: \(names.joined(separator: ", "))"
    }
}
