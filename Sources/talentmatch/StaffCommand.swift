import ArgumentParser
import Foundation
import MatchStore

struct StaffCommand: CommandGroup {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "Invite, list and disable the staff of offices and centres.",
        discussion: """
            Roles: office_admin (everything its office does, its centres, staff and tokens), office_analyst (reads, \
            and tries policies in a what-if), reviewer (decides candidates' review requests), centre_editor (one \
            centre's posts). An invitation is a single-use link, printed once, that expires (72 hours unless told \
            otherwise); the person opens it, sets a password and enrols an authenticator app for the console.
            """,
        subcommands: [Invite.self, Reinvite.self, List.self, Disable.self]
    )

    /// Where the console is reached: `--base-url`, else TALENTMATCH_PUBLIC_URL, else the
    /// address `serve` listens on by default.
    struct BaseURL: ParsableArguments {
        @Option(help: "The console's address for the link (default TALENTMATCH_PUBLIC_URL, else http://localhost:8080).")
        var baseURL: String?

        func link(_ invitation: IssuedInvitation) -> String {
            let base = baseURL ?? ProcessInfo.processInfo.environment["TALENTMATCH_PUBLIC_URL"] ?? "http://localhost:8080"
            return (base.hasSuffix("/") ? String(base.dropLast()) : base) + invitation.path
        }
    }

    struct Invite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a staff account and print its invitation link (shown only once).")

        @Option(help: "The office the person works for (office roles).")
        var office: String?
        @Option(help: "The centre the person works for (centre_editor).")
        var centre: String?
        @Option(help: "office_admin, office_analyst, reviewer or centre_editor.")
        var role: String
        @Option(help: "The person's name, as the console and the audit log show it.")
        var name: String
        @Option(help: "What they type to sign in: an e-mail address or a short name (kept in lower case).")
        var login: String
        @Option(help: "Where their messages go (the night's result): an e-mail address or a mobile number.")
        var contact: String?
        @Option(help: "Their language for messages: zh-CN or en.")
        var language: String = "zh-CN"
        @Option(help: "Hours until the link expires (1-720).")
        var expiresInHours: Int = StaffInvite.defaultExpiryHours
        @OptionGroup var base: BaseURL

        func validate() throws {
            guard (office == nil) != (centre == nil) else { throw ValidationError("give exactly one of --office or --centre") }
            guard ["zh-CN", "en"].contains(language) else { throw ValidationError("--language is zh-CN or en") }
        }

        func run() async throws {
            guard let role = StaffRoleCode(rawValue: role) else {
                throw InputProblem(option: "--role", value: role, "no such role; one of \(StaffRoleCode.codes.joined(separator: ", "))")
            }
            let organisation: StaffInvite.Organisation = centre.map { .centre(code: $0) } ?? .office(code: office ?? "")
            let invite = StaffInvite(organisation: organisation, role: role, name: name, login: login, contact: contact,
                                     language: language, expiresInHours: expiresInHours)
            let context = CommandContext()
            let issued = try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                try await StaffStore(database: database).invite(invite, actor: "cli:staff")
            }
            Console.say("staff \(issued.staffID) (\(login.lowercased()), \(role.rawValue)) invited until "
                        + ISO8601DateFormatter().string(from: issued.expiresAt))
            Console.say(base.link(issued))
            Console.progress("the link above is shown only once and works once; send it to the person now")
        }
    }

    struct Reinvite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a new invitation link for an account that has not yet accepted one; the old link stops working."
        )

        @Argument(help: "The account's id, from `staff list`.")
        var id: Int64
        @Option(help: "Hours until the link expires (1-720).")
        var expiresInHours: Int = StaffInvite.defaultExpiryHours
        @OptionGroup var base: BaseURL

        func run() async throws {
            let context = CommandContext()
            let issued = try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                try await StaffStore(database: database).reinvite(staffID: id, expiresInHours: expiresInHours, actor: "cli:staff")
            }
            Console.say("staff \(id) invited again until " + ISO8601DateFormatter().string(from: issued.expiresAt))
            Console.say(base.link(issued))
            Console.progress("the link above is shown only once and works once; send it to the person now")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List staff: id, sign-in name, name, role, office or centre, state.")

        @Option(help: "Only this office's staff and its centres' editors.")
        var office: String?
        @Option(help: "Only this centre's editors.")
        var centre: String?

        func run() async throws {
            let context = CommandContext()
            let staff = try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                try await StaffStore(database: database).list(officeCode: office, centreCode: centre)
            }
            if staff.isEmpty { Console.say("no staff; invite someone with `talentmatch staff invite --office CODE --role office_admin ...`") }
            for account in staff {
                Console.say("\(account.id)\t\(account.login ?? "-")\t\(account.name)\t\(account.role.rawValue)\t"
                            + "\(account.role.organisation.rawValue) \(account.organisationCode)\t\(Self.describe(account.state))")
            }
        }

        static func describe(_ state: StaffAccount.State) -> String {
            let formatter = ISO8601DateFormatter()
            return switch state {
            case .invited(let until): "invited until \(formatter.string(from: until))"
            case .invitationExpired: "invitation expired (see `staff reinvite`)"
            case .active: "active"
            case .disabled(let at, let by): "disabled \(formatter.string(from: at)) by \(by)"
            case .notInvited: "not invited (receives messages only)"
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable an account at once: it cannot sign in, its invitation stops working, it receives no messages."
        )

        @Argument(help: "The account's id, from `staff list`.")
        var id: Int64

        func run() async throws {
            let context = CommandContext()
            try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                try await StaffStore(database: database).disable(staffID: id, actor: "cli:staff")
            }
            Console.say("staff \(id) disabled")
        }
    }
}
