import Foundation
import Logging
import MatchStore

/// Sends what the outbox holds, at least once each (ADR 0043): several loops at once, each
/// claiming one due message (`FOR UPDATE SKIP LOCKED`), sending it while it holds the lock,
/// and recording the attempt before it takes the next. Used by `talentmatch notify` (one
/// drain) and by the service inside `serve` (drain, wait, drain …).
public struct DeliveryWorker: Sendable {
    /// What a drain did.
    public struct Report: Sendable, Equatable {
        public var sent = 0
        /// Failed attempts that will be tried again.
        public var retried = 0
        /// Messages given up on (now visible to staff).
        public var failed = 0
        public var cancelled = 0
        /// Offers of the nights whose release messages this drain wrote before sending.
        public var offersAnnounced = 0

        public init() {}

        public var total: Int { sent + retried + failed + cancelled }

        mutating func add(_ delivered: OutboxStore.Delivered) {
            switch delivered.result {
            case .sent: sent += 1
            case .cancelled: cancelled += 1
            case .failed: failed += 1
            case .retry: if delivered.state == "failed" { failed += 1 } else { retried += 1 }
            }
        }

        static func + (lhs: Report, rhs: Report) -> Report {
            var sum = lhs
            sum.sent += rhs.sent
            sum.retried += rhs.retried
            sum.failed += rhs.failed
            sum.cancelled += rhs.cancelled
            sum.offersAnnounced += rhs.offersAnnounced
            return sum
        }
    }

    let store: OutboxStore
    let channels: MessageChannels
    let concurrency: Int
    let logger: Logger

    public init(store: OutboxStore, channels: MessageChannels, concurrency: Int = 4, logger: Logger) {
        self.store = store
        self.channels = channels
        self.concurrency = max(1, concurrency)
        self.logger = logger
    }

    /// Writes the release messages of the nights committed since the last drain, then sends
    /// until nothing is due (messages waiting for a retry later are left), `limit` messages at
    /// most; `progress` hears about each one.
    public func drain(limit: Int = .max, progress: @escaping @Sendable (OutboxStore.Delivered) -> Void = { _ in }) async throws -> Report {
        var announced = Report()
        announced.offersAnnounced = try await store.releaseMessages.writeAll()
        let budget = Budget(limit)
        return try await withThrowingTaskGroup(of: Report.self) { group in
            for _ in 0..<concurrency {
                group.addTask { try await loop(budget, progress) }
            }
            return try await group.reduce(announced, +)
        }
    }

    private func loop(_ budget: Budget, _ progress: @Sendable (OutboxStore.Delivered) -> Void) async throws -> Report {
        var report = Report()
        let channels = self.channels
        while await budget.take(), !Task.isCancelled {
            guard let delivered = try await store.deliverNext(channels: channels.available, { await channels.send($0) }) else { break }
            report.add(delivered)
            progress(delivered)
            if case .retry(let reason) = delivered.result {
                logger.warning("message \(delivered.message.id) (\(delivered.message.kind.rawValue), \(delivered.message.channel.rawValue)) not sent: \(reason)")
            }
        }
        return report
    }
}

/// How many messages a drain may still take, shared by its loops.
actor Budget {
    private var left: Int

    init(_ limit: Int) {
        left = limit
    }

    func take() -> Bool {
        guard left > 0 else { return false }
        left -= 1
        return true
    }
}
