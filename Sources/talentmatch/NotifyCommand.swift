import ArgumentParser
import Foundation
import MatchNotify
import MatchStore

struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Send the messages waiting in the outbox now (e-mail, SMS), list those that failed, or send failed ones again.",
        discussion: "`serve` delivers messages all the time; this drains the outbox once and stops, for a timer or by hand. "
            + "Deadline reminders that have come due, and the offer messages of nights committed since the last drain, "
            + "are written first. Channels come from the environment "
            + "(TALENTMATCH_MAIL_RELAY or TALENTMATCH_MSMTP_CONFIG, TALENTMATCH_SMS_PROVIDER; see the README); with the "
            + "embedded database and neither set, messages are written to .talentmatch/outbox/ instead of being sent."
    )

    @Flag(help: "List the messages given up on (newest first), with why, instead of sending.")
    var failed = false

    @Flag(help: "Send every failed message again (after fixing the cause), then drain.")
    var retryFailed = false

    @Flag(help: "Print how many messages wait, were sent, failed or were cancelled, and how many nights' offer messages are still to be written, instead of sending.")
    var status = false

    @Option(help: "Send at most this many messages.")
    var limit: Int?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if [failed, retryFailed, status].filter({ $0 }).count > 1 {
            throw ValidationError("--failed, --retry-failed and --status are each a command of their own: give one")
        }
    }

    func run() async throws {
        let context = CommandContext()
        let settings = failed || status ? nil : try NotificationSettings.load(layout: context.layout, embedded: context.target.databaseURL == nil)
        let connections = (settings?.workers ?? 1) + 1
        let sessionSettings = try await context.target.connectionSettings(logger: context.logger)
        try await Database.withOpen(sessionSettings, role: .application, logger: context.logger, maxConnections: connections) { database in
            if failed { return try await listFailed(database) }
            if status { return try await printStatus(database) }
            guard let settings else { return }
            if retryFailed {
                let count = try await FailedMessages(database: database).retry(actor: "cli")
                Console.say("\(count) failed message(s) will be sent again")
            }
            try await drain(database, settings, context)
        }
    }

    private func drain(_ database: Database, _ settings: NotificationSettings, _ context: CommandContext) async throws {
        Console.progress(settings.summary)
        let reminders = try await DeadlineReminders(database: database).scan()
        if reminders > 0 { Console.progress("deadline reminders written for \(reminders) offer(s)") }
        // Written here, before the drain, for the progress a national night's 300,000 deserve;
        // the drain's own pass then finds nothing owed.
        let store = OutboxStore(database: database)
        let announced = try await store.releaseMessages.writeAll { total in
            Console.progress("release messages written for \(total) offer(s) so far")
        }
        if announced > 0 { Console.progress("release messages written for \(announced) offer(s) of the latest nights") }
        let worker = DeliveryWorker(store: store, channels: settings.channels,
                                    concurrency: settings.workers, logger: context.logger)
        let report = try await worker.drain(limit: limit ?? .max) { delivered in
            Console.progress("  \(delivered.message.id) \(delivered.message.kind.rawValue) by \(delivered.message.channel.rawValue): \(Self.describe(delivered))")
        }
        Console.say(report.total == 0 ? "nothing is due in the outbox"
                    : "\(report.sent) sent, \(report.retried) to be retried, \(report.failed) failed, \(report.cancelled) cancelled")
        if report.failed > 0 { Console.say("see why: talentmatch notify --failed") }
    }

    static func describe(_ delivered: OutboxStore.Delivered) -> String {
        switch delivered.result {
        case .sent(let detail): "sent (\(detail))"
        case .retry(let reason): delivered.state == "failed" ? "failed: \(reason)" : "will retry: \(reason)"
        case .failed(let reason): "failed: \(reason)"
        case .cancelled(let reason): "cancelled: \(reason)"
        }
    }

    private func listFailed(_ database: Database) async throws {
        var cursor: String?
        var shown = 0
        repeat {
            let page = try await FailedMessages(database: database).list(cursor: cursor, limit: 200)
            for message in page.items {
                let about = message.offerID.map { "offer \($0)" } ?? message.runID.map { "run \($0)" }
                    ?? message.reviewRequestID.map { "review \($0)" } ?? "account"
                Console.say("\(message.id)\t\(message.kind.rawValue)\t\(message.channel.rawValue)\t\(message.recipientName) \(message.maskedAddress ?? "-")"
                            + "\t\(about)\t\(message.attempts) attempt(s), failed \(message.failedAt.formatted(.iso8601))\t\(message.lastError)")
            }
            shown += page.items.count
            cursor = page.nextCursor
        } while cursor != nil && shown < (limit ?? .max)
        if shown == 0 { Console.say("no message has failed") }
    }

    private func printStatus(_ database: Database) async throws {
        let counts = try await FailedMessages(database: database).counts()
        // nights_to_announce: committed nights whose release messages are not all written yet (ADR 0047).
        for state in ["pending", "due", "sent", "failed", "cancelled", "nights_to_announce"] {
            Console.say("\(state)\t\(counts[state] ?? 0)")
        }
    }
}
