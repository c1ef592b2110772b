import ArgumentParser
import Foundation
import MatchCore
import MatchLocal
import MatchNotify
import MatchStore
import MatchWorkflow

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run TalentMatch end to end on demo data, then serve the API and the candidate gateway.",
        discussion: "Starts the embedded PostgreSQL (unless DATABASE_URL is set), applies migrations, loads "
            + "the real reference tables and a small demo market of two prefecture offices, 巴中 (Bazhong) and 广元 (Guangyuan), "
            + "whose posts candidates rank across; gives each office its own policy, runs tonight's match of the whole market "
            + "and prints what each office's view shows (its summary, floors, offers with explanations, posts left out), "
            + "API tokens for a demo centre and office and a demo candidate's login, then serves until Ctrl-C (--no-serve "
            + "stops before). Safe to run again: every step is idempotent."
    )

    @Flag(name: .long, help: "Stop after the match and the logins instead of serving the API and the gateway.")
    var noServe = false

    func run() async throws {
        let context = CommandContext()
        Console.say("TalentMatch demo")
        let settings = try await context.target.connectionSettings(logger: context.logger)
        Console.say("1. Database: \(context.target.databaseURL == nil ? "embedded" : "DATABASE_URL") \(settings.redactedURL)")
        try await Database.withOpen(settings, role: .owner, logger: context.logger) { database in
            Console.say("2. Schema and reference data")
            try await context.migrate(database)
            Console.say("3. Demo dataset")
            try await loadDataset(database)
        }
        let url = ServeCommand.browserURL(host: nil, port: nil)
        try await Database.withOpen(settings, role: .application, logger: context.logger) { database in
            Console.say("4. Policy")
            try await ensurePolicy(database)
            try await StaffRecipients(database: database).ensureNightResultRecipient(
                officeCode: DemoDataset.officeCode, name: "巴中市人社局值班员", contact: Self.staffContact)
            Console.say("5. Tonight's match")
            let example = try await runMatch(database)
            Console.say("6. A candidate's request for review of an offer (for the API's review examples)")
            try await ensureReview(about: example, database)
            Console.say("7. API tokens (new each run; the previous demo tokens are revoked)")
            try await issueTokens(database, url: url)
            Console.say("8. A candidate's login for the gateway, and staff logins for the console")
            try await DemoGatewayLogin.printLogin(database, address: url)
            try await DemoConsoleLogin.printLogins(database, address: url)
            Console.say("9. Messages (e-mail and SMS): written to files, not sent")
            try await writeMessages(database, context)
        }
        try ensureIdentityNumberKeys(context)
        let me = Self.invocation()
        Console.say("""
            Next (with this binary; `swift run` would build a debug copy first):
              \(me) serve                          the API (openapi.yaml) and the gateway; tokens and login above
              \(me) runs list                      every run
              \(me) export snapshot RUN_ID         the run's exact input, for an auditor
              \(me) nightly --office BZ-HR --dry-run   what-if of the market against the committed run
              psql "$(\(me) db url)"              look at the data
              \(me) db stop                        stop the embedded PostgreSQL
            """)
        guard !noServe else { return }
        Console.say("10. Serving the API and the candidate gateway on \(url) (Ctrl-C stops it); "
                    + "messages go on being written to \(Self.sinkFolder(context).path)")
        try await ServeCommand.serve(context: context, host: nil, port: nil, sink: Self.sinkFolder(context))
    }

    /// The demo office's duty officer, who receives the night's result.
    static let staffContact = "duty@bazhong-hr.example.cn"

    /// Where the demo's messages go instead of a relay or a provider: `.talentmatch/outbox/`.
    static func sinkFolder(_ context: CommandContext) -> URL {
        URL(fileURLWithPath: context.layout.stateDirectory + "/outbox")
    }

    /// Delivers what the night and the logins put in the outbox, to files a new user can open.
    private func writeMessages(_ database: Database, _ context: CommandContext) async throws {
        // The local home holds the ID-number keys too: if the sink makes it, it is private (0700), as the keys need.
        try FileManager.default.createDirectory(atPath: context.layout.stateDirectory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let settings = try NotificationSettings.load(layout: context.layout, embedded: true, sink: Self.sinkFolder(context))
        let worker = DeliveryWorker(store: OutboxStore(database: database), channels: settings.channels, concurrency: 2,
                                    logger: context.logger)
        let report = try await worker.drain()
        let folder = Self.sinkFolder(context).path
        Console.say(report.sent == 0 ? "   nothing new to tell anyone; earlier messages are in \(folder)/"
                    : "   \(report.sent) message(s) written to \(folder)/, one file each: what would have been sent")
        Console.say("   (offers to candidates, the night's result to \(Self.staffContact); set TALENTMATCH_MAIL_RELAY or "
                    + "TALENTMATCH_SMS_PROVIDER to send for real, see the README)")
    }

    /// How to run this same executable again from here: its path, relative to the working
    /// folder when it lies inside it (`.build/release/talentmatch`), as typed when it was found
    /// on the PATH.
    static func invocation(arguments: [String] = ProcessInfo.processInfo.arguments,
                           folder: String = FileManager.default.currentDirectoryPath) -> String {
        let typed = arguments.first ?? "talentmatch"
        guard typed.contains("/") else { return typed }
        let path = URL(fileURLWithPath: typed, relativeTo: URL(fileURLWithPath: folder, isDirectory: true)).standardizedFileURL.path
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        guard path.hasPrefix(prefix) else { return path }
        let relative = String(path.dropFirst(prefix.count))
        // A bare name would be looked up on the PATH instead.
        return relative.contains("/") ? relative : "./" + relative
    }

    /// The gateway needs keys for ID numbers; the demo keeps them in its local home, beside
    /// its database, created once with mode 0600 (ADR 0022).
    private func ensureIdentityNumberKeys(_ context: CommandContext) throws {
        guard let found = try IdentityNumberKeySource(layout: context.layout).loadOrCreate() else {
            Console.say("   no local home for ID-number keys: set \(IdentityNumberKeySource.setting) before `serve`")
            return
        }
        Console.say("   ID-number keys: \(found.path)" + (found.created ? " (created, mode 0600)" : ""))
    }

    /// A token for the demo centre and one for the demo office, printed for the README's
    /// curl examples. Secrets are stored only as hashes, so each run issues new ones and
    /// revokes those of the previous run.
    private func issueTokens(_ database: Database, url: String) async throws {
        let store = TokenStore(database: database)
        let labels = ["demo centre", "demo office"]
        for token in try await store.list() where labels.contains(token.label) && token.revokedAt == nil {
            try await store.revoke(id: token.id, actor: "demo")
        }
        let centre = try await store.issue(for: .centre(code: DemoDataset.centreCode), label: "demo centre", expiresInDays: 30, actor: "demo")
        let office = try await store.issue(for: .office(code: DemoDataset.officeCode), label: "demo office", expiresInDays: 30, actor: "demo")
        Console.say("   centre token: \(centre.secret.text)")
        Console.say("   office token: \(office.secret.text)")
        Console.say("   e.g. \(Self.invocation()) serve, then: curl -H \"Authorization: Bearer <office token>\" \(url)/api/v1/offices/\(DemoDataset.officeCode)/policy")
    }

    private func loadDataset(_ database: Database) async throws {
        let summary = try await DemoDataset(database: database).load(.bazhongAndGuangyuan)
        if summary.alreadyLoaded {
            Console.say("   already loaded (offices \(DemoDataset.officeCode) and \(DemoDataset.secondOfficeCode)); nothing changed")
        } else {
            Console.say("   market main: \(summary.offices) office(s) (巴中市, 广元市), \(summary.centres) centres, "
                        + "\(summary.vacancies) open vacancies with \(summary.seats) seats")
            Console.say("   \(summary.candidates) candidates, \(summary.rankings) of them with a ranking (six rank posts of both offices)")
        }
    }

    /// 巴中 caps the urban district 巴州区 (511902), which everyone ranks first, and keeps a floor
    /// for 通江县 (511921), a hardship county, inside a prefecture-wide cap. 广元's policy came
    /// with its dataset (experience and return of natives weigh more).
    private func ensurePolicy(_ database: Database) async throws {
        let store = PolicyStore(database: database)
        if let guangyuan = try await store.current(officeCode: DemoDataset.secondOfficeCode) {
            Console.say("   \(DemoDataset.secondOfficeCode) policy v\(guangyuan.version): experience 30, native place 15 (with its reason), "
                        + "cap 广元 4, floor 旺苍县 1")
        }
        if let existing = try await store.current(officeCode: DemoDataset.officeCode) {
            Console.say("   \(DemoDataset.officeCode) policy v\(existing.version) in force")
            return
        }
        let regions = [
            PolicyDraft.RegionSetting(region: RegionCode("5119")!, cap: 12, reason: "prefecture-wide cap, so that the floor below can bind"),
            PolicyDraft.RegionSetting(region: RegionCode("511902")!, cap: 2, reason: "urban district, already attractive"),
            PolicyDraft.RegionSetting(region: RegionCode("511921")!, floor: 2, reason: "hardship county (艰苦边远地区 category 1)"),
        ]
        let version = try await store.create(
            officeCode: DemoDataset.officeCode, draft: PolicyDraft(regions: regions, offerDays: 7, note: "demo policy"), actor: "demo"
        )
        Console.say("   \(DemoDataset.officeCode) created policy v\(version): standard weights, native-place weight 0, cap 巴州区 2, floor 通江县 2")
    }

    /// Runs tonight's match and prints its offers; returns the offer it explained.
    private func runMatch(_ database: Database) async throws -> OfferListing? {
        let expired = try await OfferStore(database: database).expire(actor: "demo")
        if expired > 0 { Console.say("   expired \(expired) offer(s) past their deadline") }
        let date = NightlyCommand.today()
        let options = NightlyOptions(date: date, actor: "demo", progress: { Console.progress("   " + $0) })
        let outcome = try await NightlyJob(database: database).run(market: .only, options: options)
        try NightlyReportPrinter(office: nil).print(outcome, date: date)
        let runID: Int64? = switch outcome {
        case .committed(let id, _), .alreadyDone(let id): id
        default: nil
        }
        guard let runID else { return nil }
        // Each office's view is read as the API reads it: as the application role, scoped.
        return try await Database.withOpen(database.settings, role: .application, sessionScope: .perTransaction, logger: database.logger,
                                           maxConnections: 2) { api in
            var example: OfferListing?
            for office in [DemoDataset.officeCode, DemoDataset.secondOfficeCode] {
                let explained = try await DemoOfficeView(database: api, officeCode: office).print(runID: runID)
                if office == DemoDataset.officeCode { example = explained }
            }
            return example
        }
    }

    /// The README's review examples need one request about an offer of the demo office.
    private func ensureReview(about offer: OfferListing?, _ database: Database) async throws {
        guard let offer, let (request, filed) = try await DemoReviewRequest.ensure(about: offer, in: database) else {
            Console.say("   (no offer to ask about: tonight's match made none)")
            return
        }
        Console.say("   review request \(request.id) by \(request.candidateName) about \(request.vacancyTitle): \(request.status.rawValue)"
                    + (filed ? " (filed now)" : " (filed by an earlier demo run; nothing changed)"))
    }
}
