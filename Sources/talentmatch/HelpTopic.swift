import ArgumentParser

/// `talentmatch help bogus`: swift-argument-parser shows the top-level help and exits 0 for a
/// topic it does not know; a person who mistyped should hear so, with exit 64.
struct UnknownHelpTopic: Error, CustomStringConvertible {
    let path: [String]
    let known: [String]

    var description: String {
        "no command `talentmatch \(path.joined(separator: " "))`; the commands there are: \(known.joined(separator: ", "))"
    }

    /// Checks the words after `help` against the command tree, before parsing.
    static func check(_ arguments: [String], root: any ParsableCommand.Type) throws(UnknownHelpTopic) {
        guard arguments.first == "help" else { return }
        var command = root
        var path: [String] = []
        for word in arguments.dropFirst() where !word.hasPrefix("-") {
            let subcommands = command.configuration.subcommands
            path.append(word)
            guard let next = subcommands.first(where: { $0._commandName == word }) else {
                throw UnknownHelpTopic(path: path, known: subcommands.map { $0._commandName })
            }
            command = next
        }
    }
}
