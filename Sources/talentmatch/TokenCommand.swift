import ArgumentParser
import Foundation
import MatchStore

struct TokenCommand: CommandGroup {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Issue, list and revoke API bearer tokens for centres and offices.",
        discussion: "A token speaks for one centre (its own posts) or one office (its region and the regions below it). "
            + "The secret is printed once; only its SHA-256 hash is stored.",
        subcommands: [Issue.self, List.self, Revoke.self]
    )

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a token and print its secret (shown only this once).",
            discussion: "Without --permission a token gets every permission its kind can hold. A centre token: "
                + Permission.centreDefaults.map(\.rawValue).joined(separator: ", ") + ". An office token: "
                + Permission.officeDefaults.map(\.rawValue).joined(separator: ", ")
                + ". --permission narrows that list; a permission the kind cannot hold is refused."
        )

        @Option(help: "The centre the token speaks for (its code).")
        var centre: String?
        @Option(help: "The office the token speaks for (its code).")
        var office: String?
        @Option(help: "Days until the token expires (1-3650); without it, it lasts until revoked.")
        var expiresInDays: Int?
        @Option(help: "A name for the token, shown in `token list` and the audit log.")
        var label: String?
        @Option(name: .customLong("permission"),
                help: "Grant only this permission (repeatable; default: all the token's kind can hold, see below).")
        var permissions: [String] = []

        func validate() throws {
            guard (centre == nil) != (office == nil) else { throw ValidationError("give exactly one of --centre or --office") }
        }

        func run() async throws {
            let granted = try permissions.isEmpty ? nil : permissions.map { text in
                guard let permission = Permission(rawValue: text) else {
                    throw InputProblem(option: "--permission", value: text,
                                       "no such permission; one of \(Permission.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return permission
            }
            if let days = expiresInDays, !(1...3650).contains(days) {
                throw InputProblem("--expires-in-days \(days)", "must be 1 to 3650 days")
            }
            let owner: TokenStore.Owner = centre.map { .centre(code: $0) } ?? .office(code: office ?? "")
            if let refused = granted?.first(where: { !owner.holdablePermissions.contains($0) }) {
                throw InputProblem(option: "--permission", value: refused.rawValue, "\(owner.kind) token cannot hold it; it can hold "
                                   + owner.holdablePermissions.map(\.rawValue).joined(separator: ", "))
            }
            let context = CommandContext()
            let name = label ?? centre.map { "centre \($0)" } ?? "office \(office ?? "")"
            let issued = try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                try await TokenStore(database: database)
                    .issue(for: owner, label: name, permissions: granted, expiresInDays: expiresInDays, actor: "cli:token")
            }
            Console.say("token \(issued.id) (\(name))" + (issued.expiresAt.map { ", expires \(ISO8601DateFormatter().string(from: $0))" } ?? ""))
            Console.say(issued.secret.text)
            Console.progress("the secret above is shown only once; store it now")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")

        func run() async throws {
            let context = CommandContext()
            let tokens = try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                try await TokenStore(database: database).list()
            }
            if tokens.isEmpty { Console.say("no tokens; issue one with `talentmatch token issue --centre CODE`") }
            let formatter = ISO8601DateFormatter()
            for token in tokens {
                let owner = switch token.owner {
                case .centre(let code): "centre \(code)"
                case .office(let code): "office \(code)"
                }
                let state = token.revokedAt.map { "revoked \(formatter.string(from: $0))" }
                    ?? token.expiresAt.map { ($0 < Date() ? "expired " : "expires ") + formatter.string(from: $0) } ?? "no expiry"
                Console.say("\(token.id)\t\(owner)\t\(token.label)\t\(state)\t\(token.permissions.joined(separator: ","))")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token at once; requests with it get 401.")

        @Argument(help: "The token's id, from `token list`.")
        var id: Int64

        func run() async throws {
            let context = CommandContext()
            try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                try await TokenStore(database: database).revoke(id: id, actor: "cli:token")
            }
            Console.say("token \(id) revoked")
        }
    }
}
