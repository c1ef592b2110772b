import Foundation
import Logging
import MatchStore
import ServiceLifecycle

/// The delivery worker as a service of `serve`, beside the database pools: it writes the
/// deadline reminders that have come due (every minute) and the release messages of nights
/// just committed (on every pass, ADR 0047), sends whatever is due, and when
/// nothing is, waits a few seconds and looks again. It stops with the server; a message it
/// was sending then is rolled back and sent by the next worker (at least once).
public struct NotificationService: Service {
    let worker: DeliveryWorker
    let reminders: DeadlineReminders
    let idle: Duration
    let reminderInterval: Duration
    let logger: Logger

    public init(worker: DeliveryWorker, reminders: DeadlineReminders, idle: Duration = .seconds(5),
                reminderInterval: Duration = .seconds(60), logger: Logger) {
        self.worker = worker
        self.reminders = reminders
        self.idle = idle
        self.reminderInterval = reminderInterval
        self.logger = logger
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown { await loop() }
    }

    private func loop() async {
        let clock = ContinuousClock()
        var nextScan = clock.now
        while !Task.isCancelled {
            if clock.now >= nextScan {
                do {
                    let count = try await reminders.scan()
                    if count > 0 { logger.info("deadline reminders written for \(count) offer(s)") }
                } catch {
                    logger.warning("deadline reminder scan failed: \(error)")
                }
                nextScan = clock.now.advanced(by: reminderInterval)
            }
            do {
                let report = try await worker.drain(limit: 500)
                if report.offersAnnounced > 0 { logger.info("release messages written for \(report.offersAnnounced) offer(s)") }
                if report.total > 0 {
                    logger.info("outbox: \(report.sent) sent, \(report.retried) to retry, \(report.failed) failed, \(report.cancelled) cancelled")
                }
                if report.total > 0 { continue }
            } catch {
                // The database is away (ADR 0026): wait and try again, nothing is lost.
                logger.warning("outbox delivery paused: \(error)")
            }
            try? await Task.sleep(for: idle)
        }
    }
}
